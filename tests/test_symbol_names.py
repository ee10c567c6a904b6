"""Names written with symbols for letters: "$" reads as "s" and "!" as "i". Both spellings in the catalog are one
artist ("Ke$ha", "Kesha"); a plain reading that is no word is an alias ("asap rocky"); one that is a word ("pink")
is the name only inside a negation's scope, so Pink Floyd and a pink vibe stay what they are."""

import pytest

from assistant.parsing.intent import parse_prompt
from assistant.parsing.symbols import plain_reading
from assistant.parsing.vocabulary import CatalogVocabulary
from index.catalog import Track


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    names = ["Ke$ha", "Kesha", "P!nk", "Pink Floyd", "A$AP Rocky", "Taylor Swift", "Drake"]
    tracks = [
        Track(track_id=f"t{i}{n}", title=f"Tune {i} {n}", artist=name, year=2010, genres=("pop",), duration_ms=200_000)
        for i, name in enumerate(names)
        for n in range(3)
    ]
    return CatalogVocabulary(tracks)


def _excluded(prompt: str, vocab: CatalogVocabulary) -> set[str]:
    return set(parse_prompt(prompt, vocab).constraints.exclude_artists)


def test_plain_reading() -> None:
    assert plain_reading("P!nk") == "pink"
    assert plain_reading("A$AP Rocky") == "asap rocky"
    assert plain_reading("Drake") is None
    assert plain_reading("Wham!") is None  # a mark after the name is punctuation, not a letter
    assert plain_reading("$uicideboy$") == "suicideboys"


@pytest.mark.parametrize("prompt", ["no ke$ha", "20 songs, no kesha please", "anything but Ke$ha", "skip kesha"])
def test_both_spellings_are_one_artist(prompt: str, vocab: CatalogVocabulary) -> None:
    assert {"Ke$ha", "Kesha"} <= _excluded(prompt, vocab)


@pytest.mark.parametrize(
    "prompt", ["no pink (the singer)", "nothing by pink or taylor swift", "without pink, 20 songs", "no Pink please"]
)
def test_a_plain_word_names_the_symbol_artist_in_a_negation(prompt: str, vocab: CatalogVocabulary) -> None:
    excluded = _excluded(prompt, vocab)
    assert "P!nk" in excluded and "Pink Floyd" not in excluded


@pytest.mark.parametrize(
    "prompt", ["pink vibes, 20 songs", "something pink and fluffy", "no pink floyd", "no drake, pink floyd is fine"]
)
def test_the_word_elsewhere_is_no_name(prompt: str, vocab: CatalogVocabulary) -> None:
    request = parse_prompt(prompt, vocab)
    assert "P!nk" not in request.constraints.exclude_artists and "P!nk" not in request.seed_artists


def test_a_plain_reading_that_is_no_word_is_an_alias(vocab: CatalogVocabulary) -> None:
    assert _excluded("no asap rocky", vocab) == {"A$AP Rocky"}
