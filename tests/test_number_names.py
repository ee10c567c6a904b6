"""A number inside a catalog name is never read as a count, position, year or duration: over every artist and title
with a digit or number word in the fixture catalog with a sample of the full one (tests/fixtures/catalog_numbers.csv),
and a seeded sample of the full catalog where it is present, typed in follow-ups and first prompts. Numbers typed
next to a name are still read."""

import random
from pathlib import Path

import pytest
from phrasing import FIXTURES, fixture_catalog

from assistant.parsing.follow_ups import parse_follow_up
from assistant.parsing.intent import parse_prompt
from assistant.parsing.numbers import is_number_word
from assistant.parsing.vocabulary import CatalogVocabulary
from index.errors import PlaylistError

FULL_CATALOG = Path("/work/shared/data/spotify_songs.csv.gz")
LENGTH = 12
FOLLOW_UPS = ["drop the {} one", "swap out {}", "more like {}", "no {}", "get rid of the {} songs", "no more {} please"]
PROMPTS = ["songs like {}", "no {}", "rock without {}, please", "some {} vibes"]


def _vocab(*paths: Path) -> CatalogVocabulary:
    from index.catalog import load_catalog
    from index.credits import with_credits

    return CatalogVocabulary([t for path in paths for t in with_credits(load_catalog(path).tracks)])


@pytest.fixture(scope="module")
def vocab(tmp_path_factory) -> CatalogVocabulary:
    return _vocab(fixture_catalog(tmp_path_factory.mktemp("names")), FIXTURES / "catalog_numbers.csv")


def _holds_number(key: str) -> bool:
    return any(is_number_word(word) for word in key.split())


def artist_forms(vocab: CatalogVocabulary, name: str) -> list[str]:
    """How a listener types the artist as a name: as spelled, in lower case where a word of it is no ordinary word,
    and a name of numbers alone with its article or in quotes."""
    words = [w for w in name.lower().replace("-", " ").split() if not is_number_word(w)]
    if all(w == "the" for w in words):
        return [name] if words else [f"“{name}”"]
    plain = any(not vocab.is_ordinary(w) for w in words if w.isalpha())
    return [name, name.lower()] if plain else [name]


def title_forms(vocab: CatalogVocabulary, title: str) -> list[str]:
    """A title named as one: with its artist after "by" or before it ("'s", a dash), in quotes, and set apart by
    capitals."""
    track = vocab.find_song(title)
    forms = [f"{title} by {track.artist}", f"{track.artist}'s {title}", f"{track.artist} - {title}", f"“{title}”"]
    if not all(is_number_word(w) for w in title.split()):
        forms.append(" ".join(w.capitalize() for w in title.split()))
    return forms


def typed_names(vocab: CatalogVocabulary) -> list[str]:
    artists = [f for key, name in vocab.artists.items() if _holds_number(key) for f in artist_forms(vocab, name)]
    titles = [f for title in vocab.songs if _holds_number(title) for f in title_forms(vocab, title)]
    return artists + titles


def _follow_up_numbers(text: str, vocab: CatalogVocabulary) -> dict:
    current = parse_prompt("pop, 12 songs", vocab)
    try:
        refinement = parse_follow_up(text, vocab, current, LENGTH)
    except PlaylistError as exc:
        return {"refused": str(exc)}
    read = refinement.model_dump(
        include={
            "count",
            "duration_min",
            "year_min",
            "year_max",
            "exclude_years",
            "remove_positions",
            "more_like_positions",
            "max_per_artist",
            "min_track_ms",
            "max_track_ms",
        },
        exclude_defaults=True,
    )
    return read


def _prompt_numbers(text: str, vocab: CatalogVocabulary) -> dict:
    c = parse_prompt(text, vocab).constraints
    return c.model_dump(
        include={
            "count",
            "duration_min",
            "year_min",
            "year_max",
            "exclude_years",
            "max_per_artist",
            "min_track_ms",
            "max_track_ms",
        },
        exclude_defaults=True,
    )


def _misread(names: list[str], vocab: CatalogVocabulary) -> list[str]:
    failures = []
    for name in names:
        for shape in FOLLOW_UPS:
            if read := _follow_up_numbers(shape.format(name), vocab):
                failures.append(f"follow-up {shape.format(name)!r}: {read}")
        for shape in PROMPTS:
            if read := _prompt_numbers(shape.format(name), vocab):
                failures.append(f"prompt {shape.format(name)!r}: {read}")
    return failures


def test_every_number_name_in_the_fixture_catalog_holds_no_number(vocab):
    names = typed_names(vocab)
    assert len(names) > 150 and "Maroon 5" in names and "1999 by Prince" in names and "Twenty One Pilots" in names
    failures = _misread(names, vocab)
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:25])


@pytest.mark.skipif(not FULL_CATALOG.is_file(), reason="the full catalog is not on this machine")
def test_a_sample_of_the_full_catalogs_number_names_holds_no_number():
    vocab = _vocab(FULL_CATALOG)
    names = random.Random(24).sample(typed_names(vocab), 300)
    failures = _misread(names, vocab)
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:25])


@pytest.mark.parametrize(
    "text, read",
    [
        ("5 more like Maroon 5", {"count": 17}),
        ("drop track 3, the Maroon 5 one", {"remove_positions": [3]}),
        ("take out number 7, the 50 Cent one", {"remove_positions": [7]}),
        ("make it 41 songs, and no Sum 41", {"count": 41, "exclude_artists": ["Sum 41"]}),
        ("swap out blink-182 and drop track 2", {"exclude_artists": ["blink-182"], "remove_positions": [2]}),
        ("the 1975 can stay, just nothing before 2015", {"year_min": 2015}),
        ("no Twenty One Pilots, 20 songs", {"count": 20, "exclude_artists": ["Twenty One Pilots"]}),
    ],
)
def test_numbers_typed_next_to_a_name_are_read(vocab, text, read):
    current = parse_prompt("pop, 12 songs", vocab)
    refinement = parse_follow_up(text, vocab, current, LENGTH)
    assert refinement.model_dump(include=set(read)) == read


@pytest.mark.parametrize(
    "prompt, constraints",
    [
        ("Sum 41 for 41 minutes", {"duration_min": 41}),
        ("the 1975, only songs from 2016", {"year_min": 2016, "year_max": 2016}),
        ("blink-182 and 50 Cent, max 2 per artist, 15 songs", {"max_per_artist": 2, "count": 15}),
        ("Prince's 1999 and more like it, 10 songs from the 80s", {"count": 10, "year_min": 1980, "year_max": 1989}),
        ("songs like “22”, 30 minutes", {"duration_min": 30, "year_min": None}),
        ("songs called 1999, 12 songs", {"count": 12, "year_min": None}),
        ("Prince - 1999 and songs like it, 10 tracks", {"count": 10, "year_min": None}),
        ("10 songs like Maroon 5", {"count": 10}),
        ("12 songs like the 1975, no wait, make it 15", {"count": 15, "year_min": None}),
    ],
)
def test_a_prompts_numbers_beside_names_are_read_and_the_names_hold_none(vocab, prompt, constraints):
    c = parse_prompt(prompt, vocab).constraints
    assert c.model_dump(include=set(constraints)) == constraints


@pytest.mark.parametrize(
    "words, short",
    [
        ("5 seconds of summer", "5sos"),
        ("one direction", "1d"),
        ("thirty seconds to mars", "30stm"),
        ("3 doors down", "3dd"),
        ("twenty one pilots", "21p"),
        ("third eye blind", "3eb"),
        ("the jackson 5", "j5"),
        ("the 1975", None),
        ("queen", None),
        ("the killers", None),
        ("21 savage", None),  # "21s": a plural of numbers
    ],
)
def test_a_name_with_a_number_has_its_initials_with_the_number(words, short):
    from assistant.parsing.vocabulary import initialism

    assert initialism(words.split()) == short


def _short_forms(vocab: CatalogVocabulary) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(short form -> its one artist, short form -> the artists sharing it) by the initials rule."""
    from assistant.parsing.vocabulary import KNOWN_TRACKS, initialism

    shorts: dict[str, list[str]] = {}
    for key, name in vocab.artists.items():
        short = initialism(key.split())
        if short and short not in vocab.artists and (len(short) > 2 or len(vocab.tracks_by(name)) >= KNOWN_TRACKS):
            shorts.setdefault(short, []).append(name)
    return {short: names[0] for short, names in shorts.items() if len(names) == 1}, shorts


def _initials_failures(vocab: CatalogVocabulary, owned: dict[str, str], shorts: dict[str, list[str]]) -> list[str]:
    from index.text import artist_key, is_english_word

    current = parse_prompt("pop, 12 songs", vocab)
    failures = []
    for short, name in owned.items():
        if vocab.find_artist(short) != name or is_english_word(short) or not any(c.isdigit() for c in short):
            failures.append(f"{short}: {vocab.find_artist(short)} for {name}")
        excluded = parse_follow_up(f"no {short}", vocab, current, LENGTH).exclude_artists
        if [artist_key(a) for a in excluded] != [artist_key(name)]:
            failures.append(f"no {short}: {excluded}")
    failures += _misread(list(owned), vocab)
    failures += [
        f"{s} stands for one of {names}" for s, names in shorts.items() if len(names) > 1 and s in vocab.aliases
    ]
    failures += [
        f"{q} is an alias of {vocab.aliases[q]}"
        for q in ["2h", "90min", "5x", "3rd", "1st", "10am", "21s"]
        if q in vocab.aliases
    ]
    return failures


def test_every_name_with_a_number_is_found_by_its_initials_and_they_hold_no_number(vocab):
    """Property: each artist whose name holds a number and a word is typed by its initials with the number ("5sos")
    where no other artist has them: found by name, excluded in a follow-up, and never read as a count, position,
    year or duration; no short form reads as a quantity, an ordinal or an ordinary word."""
    owned, shorts = _short_forms(vocab)
    assert owned.get("5sos") == "5 Seconds of Summer"
    failures = _initials_failures(vocab, owned, shorts)
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:25])


@pytest.mark.skipif(not FULL_CATALOG.is_file(), reason="the full catalog is not on this machine")
def test_a_sample_of_the_full_catalogs_initials_holds_no_number():
    vocab = _vocab(FULL_CATALOG)
    owned, shorts = _short_forms(vocab)
    assert {"5sos": "5 Seconds of Summer", "1d": "One Direction"}.items() <= owned.items()
    sample = dict(random.Random(5).sample(sorted(owned.items()), 60))
    failures = _initials_failures(vocab, sample, shorts)
    assert not failures, f"{len(failures)} misread:\n" + "\n".join(failures[:25])


def test_5sos_is_5_seconds_of_summer(vocab):
    current = parse_prompt("pop, 12 songs", vocab)
    assert parse_follow_up("actually no more 5sos", vocab, current, LENGTH).exclude_artists == ["5 Seconds of Summer"]
    assert parse_prompt("songs like 5sos, 20 songs", vocab).seed_artists == ["5 Seconds of Summer"]
