"""Names as listeners type them beyond spelling: a well-known nickname ("biggie", "yeezy", "snoop") is the artist,
"and" stands for "N" ("guns and roses"), a nickname that is also a credited name counts for both ("Tupac" credited
on one track is 2Pac too), and a one-word artist that is also the first name of a far better-known one ("travis")
leaves out both, saying so. Over a small catalog of real Track rows."""

import pytest

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vocabulary import CatalogVocabulary
from index.catalog import Track
from index.credits import with_credits


def _track(i: int, artist: str, title: str) -> Track:
    return Track(track_id=f"t{i}", title=title, artist=artist, year=1996, genres=("rap",), duration_ms=200_000)


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    counts = {"The Notorious B.I.G.": 6, "2Pac": 6, "Kanye West": 6, "Jeezy": 2, "Snoop Dogg": 6}
    counts |= {"Guns N' Roses": 6, "Salt-N-Pepa": 3, "Travis": 2, "Travis Scott": 8, "Travis Porter": 1}
    counts |= {"Red Hot Chili Peppers": 4, "Queen": 9, "Queen Latifah": 2}
    tracks = [_track(i * 20 + n, name, f"Cut {i} {n}") for i, (name, k) in enumerate(counts.items()) for n in range(k)]
    tracks.append(_track(999, "Funkmaster Flex", "Freestyle (Flex Feat. DJ Mister Cee, Notorious B.I.G & Tupac)"))
    return CatalogVocabulary(with_credits(tracks))


def _excluded(prompt: str, vocab: CatalogVocabulary) -> set[str]:
    return set(parse_prompt(prompt, vocab).constraints.exclude_artists)


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("old school rap, but no Biggie", "The Notorious B.I.G."),
        ("rap for the weight room, no yeezy", "Kanye West"),  # not Jeezy, the closest spelling
        ("no snoop, 20 songs", "Snoop Dogg"),
        ("no snoop dog please", "Snoop Dogg"),
        ("rock for the garage, no guns and roses", "Guns N' Roses"),
        ("no salt and pepa", "Salt-N-Pepa"),
        ("no rhcp", "Red Hot Chili Peppers"),
        ("party mix no gnr my neighbours already hate me", "Guns N' Roses"),
    ],
)
def test_a_nickname_or_a_typed_form_is_the_artist(prompt, artist, vocab):
    assert artist in _excluded(prompt, vocab)


def test_a_nickname_that_is_also_a_credited_name_leaves_out_both(vocab):
    """ "Tupac" is credited on one freestyle (a title's guest list, its closing bracket not part of the name)."""
    assert {"Tupac", "2Pac"} <= _excluded("90s hip hop but not Biggie or Tupac", vocab)


def test_a_first_name_of_a_better_known_artist_leaves_out_both_and_says_so(vocab):
    request = parse_prompt("rap playlist, 25 songs, no travis", vocab)
    assert {"Travis", "Travis Scott"} <= set(request.constraints.exclude_artists)
    assert "Travis Porter" not in request.constraints.exclude_artists
    assert any("Travis Scott" in note for note in request.notes)
    refinement = parse_follow_up("and no travis either", vocab, request, 25)
    assert {"Travis", "Travis Scott"} <= set(refinement.exclude_artists)


def test_a_well_known_one_word_artist_is_not_widened(vocab):
    """Queen (9 tracks) is not left out for Queen Latifah's two: only a far better-known owner counts."""
    assert _excluded("no queen", vocab) == {"Queen"}


def test_a_nickname_names_a_seed_as_well(vocab):
    request = parse_prompt("rap like biggie, 10 songs", vocab)
    assert request.seed_artists == ["The Notorious B.I.G."]
    assert request.constraints.exclude_artists == []


def test_dollar_signs_are_typed_as_s():
    from assistant.parsing.artist_aliases import name_forms
    from index.text import artist_key

    assert {"suicideboys", "suicide boys"} <= name_forms(artist_key("$uicideBoy$"), "$uicideBoy$")
