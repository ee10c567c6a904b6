"""Names typed with errors inside a negation: two letters swapped count as one edit ("kayne" is Kanye West), of
names as close the better-known wins, a typo never changes a number ("nothing after 2010" is no band After 10), a
word of ordinary text is no typo ("those", "latin", "give me") except where a name goes ("by the weekend"), a first
name no other artist has stands for the artist ("ariana"), and a name's digits may be typed as words ("maroon
five", "sum forty one"), never then read as a count or year; where a name starts inside one with a number and runs past
it, it wins ("NO one direction" is One Direction, not NO-ONE)."""

import pytest

from assistant.parsing.intent import parse_prompt
from assistant.parsing.numbers import spelled_forms, spoken
from assistant.parsing.vocabulary import CatalogVocabulary
from index.catalog import Track


def _track(i: int, artist: str, title: str, genres: tuple[str, ...] = ("pop",)) -> Track:
    return Track(track_id=f"t{i}", title=title, artist=artist, year=2010, genres=genres, duration_ms=200_000)


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    names = {"Kanye West": 12, "Seven Kayne": 1, "Kaye": 1, "Ariana Grande": 8, "The Weeknd": 9, "Maroon 5": 6}
    names |= {"Sum 41": 5, "blink-182": 5, "The 1975": 5, "After 10": 1, "Thyse": 1, "Slatin": 1, "Metallica": 6}
    tracks = [_track(len(names) * 20 + n, "Jive Me", "Give Me Love") for n in range(1)]
    tracks += [_track(i * 20 + n, name, f"Tune {i} {n}") for i, (name, k) in enumerate(names.items()) for n in range(k)]
    tracks += [_track(900 + n, "Banda Uno", f"Fiesta {n}", ("latin",)) for n in range(2)]
    return CatalogVocabulary(tracks)


def _excluded(prompt: str, vocab: CatalogVocabulary) -> list[str]:
    return parse_prompt(prompt, vocab).constraints.exclude_artists


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("hip hop workout 24 tracks, no eminen, no kayne", "Kanye West"),
        ("no kayne west please", "Kanye West"),
        ("no metallcia, 20 rock songs", "Metallica"),
        ("anything but kanye", "Kanye West"),
    ],
)
def test_a_swap_of_two_letters_is_one_edit_and_the_better_known_wins(vocab, prompt, artist):
    assert artist in _excluded(prompt, vocab)


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("party mix 30 tracks. not a single song by the weekend", "The Weeknd"),
        ("nothing by the weekend please", "The Weeknd"),
        ("no songs by the weekend, chill vibes", "The Weeknd"),
    ],
)
def test_a_word_typed_where_a_name_goes_may_be_a_typo(vocab, prompt, artist):
    assert _excluded(prompt, vocab) == [artist]


@pytest.mark.parametrize(
    "prompt",
    [
        "songs for the weekend, 20 tracks",
        "20 songs, none of those tiny tiktok songs",
        "give me 25 songs",
        "a dozen songs, latin excluded",
        "no songs after 2010",
    ],
)
def test_ordinary_words_and_numbers_are_no_typos(vocab, prompt):
    request = parse_prompt(prompt, vocab)
    assert request.constraints.exclude_artists == []
    assert not any("as a wish" in note for note in request.notes)


def test_a_genre_before_a_predicate_is_excluded_as_a_genre(vocab):
    c = parse_prompt("a dozen songs, latin excluded, pop excluded, all from before 2000", vocab).constraints
    assert set(c.exclude_genres) == {"latin", "pop"} and c.year_max == 1999 and c.count == 12


def test_a_first_name_no_other_artist_has(vocab):
    assert _excluded("25 clean pop songs from 2015 onwards, no ariana", vocab) == ["Ariana Grande"]


@pytest.mark.parametrize(
    "prompt, artists, count",
    [
        ("twenty songs, no maroon five, released 2010 or later", ["Maroon 5"], 20),
        ("no sum forty one or blink one eighty two, 20 pop punk songs", ["Sum 41", "blink-182"], 20),
        ("nothing by the nineteen seventy five, 15 songs", ["The 1975"], 15),
    ],
)
def test_a_names_digits_typed_as_words(vocab, prompt, artists, count):
    c = parse_prompt(prompt, vocab).constraints
    assert c.exclude_artists == artists and c.count == count


def test_a_year_in_words_stays_a_year(vocab):
    c = parse_prompt("songs from nineteen seventy five", vocab).constraints
    assert (c.year_min, c.year_max, c.exclude_artists) == (1975, 1975, [])


@pytest.mark.parametrize(
    "n, said",
    [
        (5, {"five"}),
        (41, {"forty one"}),
        (182, {"one eighty two", "one hundred eighty two", "one hundred and eighty two"}),
    ],
)
def test_numbers_spoken(n, said):
    assert spoken(n) == said


def test_spelled_forms_of_a_name():
    assert spelled_forms(["the", "1975"]) == {"the nineteen seventy five"}
    assert spelled_forms(["abba"]) == set()


@pytest.mark.parametrize(
    "prompt, excluded",
    [
        ("max 2 per artist and NO one direction (my sister is obsessed)", ["One Direction"]),
        ("NO one direction please", ["One Direction"]),
        ("no one direction, 20 songs", ["One Direction"]),
        ("no NO-ONE please", ["NO-ONE"]),
        ("20 songs, NO maroon 5", ["Maroon 5"]),
    ],
)
def test_a_name_that_runs_on_past_a_name_with_a_number_wins(prompt: str, excluded: list[str]) -> None:
    names = {"NO-ONE": 3, "One Direction": 8, "Maroon 5": 6}
    tracks = [_track(i * 20 + n, name, f"Song {i} {n}") for i, (name, k) in enumerate(names.items()) for n in range(k)]
    assert _excluded(prompt, CatalogVocabulary(tracks)) == excluded


def test_a_capital_that_only_opens_the_sentence_names_no_title():
    """ "Give me 20 chill songs" holds the title "Give Me" with one capital that opens the sentence: words, not a
    name; typed with a capital of its own mid-sentence it is the title."""
    vocab = CatalogVocabulary(
        [_track(1, "Ava Max", "Give Me")] + [_track(10 + i, f"Band {i}", f"Song {i}") for i in range(30)]
    )
    for prompt in ("Give me 20 chill songs", "Hi. Give me some rock"):
        assert parse_prompt(prompt, vocab).names == []
    assert parse_prompt("rock, and then Give Me please", vocab).names == ["Give Me"]


@pytest.mark.parametrize(
    "prompt, artist",
    [
        ("a drive playlist, no leonard skinnerd period thanks", "Lynyrd Skynyrd"),
        ("dancey songs but not billy eyelash", "Billie Eilish"),
        ("chill study mix w/o earth wind n fire thx", "Earth, Wind & Fire"),
    ],
)
def test_a_name_typed_by_its_sound_finds_the_artist(prompt, artist):
    names = ["Lynyrd Skynyrd", "Billie Eilish", "Earth, Wind & Fire", "Low", "Slow Songs Band"]
    vocab = CatalogVocabulary(
        [_track(i * 10 + n, name, f"Tune {i} {n}") for i, name in enumerate(names) for n in range(3)]
    )
    assert _excluded(prompt, vocab) == [artist]
    assert _excluded("no slow songs, nothing sad", vocab) == []  # ordinary words that sound like no name
