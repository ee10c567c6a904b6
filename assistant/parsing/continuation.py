"""Names said with nothing but words that repeat the change before them: "and Ozuna too", "same goes for Queen",
"Drake as well", "those too" — in a follow-up after an exclusion, or as a sentence after a negative one in a prompt
("the eagles are banned in this house. fleetwood mac too."); and a name said again in place of the one ruled out
("leave out the Beatles — goodness, no, I mean the Rolling Stones"); and a condition on a name whose consequence
is its removal ("if snoop is on it at all, skip it")."""

import re
from collections.abc import Sequence

from assistant.parsing.corrections import MARKER
from assistant.parsing.lists import Item, items_at
from assistant.parsing.negation_cues import CUE_RE
from assistant.parsing.tokens import Token, index_at
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
        "solo",
        "records",
        "record",
        "albums",
        "album",
        "features",
        "feats",
        "collabs",
        "duets",
        "including",
        "even",
        "all",
        "of",
        "his",
        "their",
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
    and trap", "her solo stuff and the Selena Gomez & The Scene records too"), else []. A repeating word is read
    as a word even where an artist has its name ("her" is not the artist Her here)."""
    tokens = list(tokens)
    items: list[Item] = []
    rest: set[str] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        found = None if token.boundary else vocab.artist_at(tokens, i) or vocab.genre_at(tokens, i)
        if found and token.folded in CONTINUATION_WORDS and found[1] == i + 1:
            found = None  # "her", "them": a word; "Of Monsters and Men" is still a name
        named = items_at(tokens, i, vocab, frozenset({"artist", "genre"})) if found else []
        if named:
            items += named
            i = named[-1].end
            continue
        if not token.boundary:
            rest.add(token.folded)
        i += 1
    if not items or not rest & _REPEATING or not rest <= CONTINUATION_WORDS:
        return []
    return items


_TAKEN_BACK_RE = re.compile(rf"[\s,;:.!—–-]*(?:[a-z]+[\s,!]+){{0,2}}?(?:{MARKER})", re.I)


def name_taken_back(
    text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, items: list[Item], end: int
) -> tuple[list[Item], int] | None:
    """The artists a correction right after a negation's names puts in their place ("no Drake, sorry, I mean no
    Future"), with where they end; None where no correction follows."""
    marker = _TAKEN_BACK_RE.match(text, end) if items and all(i.kind == "artist" for i in items) else None
    if marker is None or not re.search(r"\b(?:mean|meant|sorry)\b", marker.group(0), re.I):
        return None
    cue = CUE_RE.match(text, marker.end())  # "… I mean no Future": the cue again
    later = items_at(list(tokens), index_at(tokens, cue.end() if cue else marker.end()), vocab, frozenset({"artist"}))
    return (later, tokens[later[-1].end - 1].end) if later else None


# "if snoop is on it at all, even just as the featured guy, skip it": a condition on a name whose consequence is
# the track's removal.
_IF_ON_IT_RE = re.compile(
    r"\bif\s+(?P<name>[^,.;!?]{2,40}?)\s+(?:is|are|['’]s|shows\s+up|appears|features)(?:\s+(?:on|in|featured"
    r"|credited|anywhere))?\b[^.;!?]{0,80}?,\s*(?:then\s+)?(?:just\s+)?(?:skip|drop|lose|bin|ditch|cut|remove|nix"
    r"|kill)\s+(?:it|that|the\s+(?:song|track)|them)\b",
    re.I,
)


def conditional_removals(
    text: str, tokens: Sequence[Token], vocab: CatalogVocabulary
) -> list[tuple[list[Item], tuple[int, int]]]:
    """The artists of each "if X is on it …, skip it" and the span said."""
    found = []
    for match in _IF_ON_IT_RE.finditer(text):
        items = items_at(list(tokens), index_at(tokens, match.start("name")), vocab, frozenset({"artist"}))
        if items and tokens[items[-1].end - 1].end <= match.end("name"):
            found.append((items, match.span()))
    return found
