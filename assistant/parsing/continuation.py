"""Names said with nothing but words that repeat the change before them: "and Ozuna too", "same goes for Queen",
"Drake as well", "those too" — in a follow-up after an exclusion, or as a sentence after a negative one in a prompt
("the eagles are banned in this house. fleetwood mac too.")."""

from collections.abc import Sequence

from assistant.parsing.lists import Item, items_at
from assistant.parsing.tokens import Token
from assistant.parsing.vocabulary import CatalogVocabulary

CONTINUATION_WORDS = frozenset(
    {
        "and",
        "also",
        "plus",
        "too",
        "as",
        "well",
        "same",
        "goes",
        "for",
        "with",
        "ditto",
        "likewise",
        "oh",
        "ah",
        "ok",
        "okay",
        "please",
        "pls",
        "them",
        "him",
        "her",
        "those",
        "these",
        "the",
        "ones",
        "one",
        "songs",
        "tracks",
        "stuff",
        "either",
        "neither",
        "nor",
        "thing",
        "applies",
        "to",
        "again",
        "anything",
        "any",
        "on",
        "it",
        "or",
        "that",
        "matter",
        "while",
        "you",
        "are",
        "at",
        "so",
        "does",
        "do",
        "is",
        "should",
        "must",
        "deal",
        "hmm",
        "um",
        "uh",
        "know",
        "what",
        "actually",
        "",
    }
)
# At least one of these, or it is a bare list of names, not a continuation.
_REPEATING = frozenset(
    {
        "also",
        "plus",
        "too",
        "well",
        "same",
        "ditto",
        "likewise",
        "either",
        "neither",
        "nor",
        "applies",
        "again",
        "and",
        "or",
        "matter",
        "so",
        "deal",
    }
)


def continued_artists(tokens: Sequence[Token], vocab: CatalogVocabulary) -> list[str]:
    """The artists of a stretch of tokens made only of names and repeating words, else []."""
    return [str(item.value) for item in continued_items(tokens, vocab) if item.kind == "artist"]


def continued_items(tokens: Sequence[Token], vocab: CatalogVocabulary) -> list[Item]:
    """The artists or genres of a stretch of tokens made only of them and repeating words ("same for gangster rap
    and trap"), else []."""
    tokens = list(tokens)
    start = next((i for i in range(len(tokens)) if vocab.artist_at(tokens, i) or vocab.genre_at(tokens, i)), None)
    if start is None:
        return []
    items = items_at(tokens, start, vocab, frozenset({"artist", "genre"}))
    if not items:
        return []
    inside = set(range(start, items[-1].end))
    rest = {t.folded for i, t in enumerate(tokens) if i not in inside and not t.boundary}
    if not rest & _REPEATING or not rest <= CONTINUATION_WORDS:
        return []
    return items
