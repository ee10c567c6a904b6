"""What the rules read nothing from but that looks like a constraint (a number, a year, a duration, a negation cue
whose scope made no sense): quoted back to the listener and kept out of the search text, never silently dropped."""

import re

from assistant.parsing.numbers import WORD_NUMBER
from assistant.parsing.tokens import MASK, Span

_LOOKS_LIKE = re.compile(
    r"(?<![\w'’])(?:(?:19|20)\d\d|['’]?\d0['’]?s|\d+(?:[.,]\d+)?)(?![\w'’])"
    rf"|\b(?:{WORD_NUMBER})\s+(?:more\s+)?(?:songs?|tracks?|hours?|minutes?|mins?|hits|tunes)\b"
    r"|\b(?:fifties|sixties|seventies|eighties|nineties|noughties|aughts)\b",
    re.I,
)
_BEFORE = frozenset(
    {
        "from",
        "in",
        "before",
        "after",
        "since",
        "until",
        "till",
        "only",
        "just",
        "about",
        "around",
        "under",
        "over",
        "the",
        "of",
        "than",
        "to",
        "no",
        "not",
        "nothing",
        "max",
        "least",
        "most",
    }
)
_JOINS = frozenset({"and", "or", "but", "for", "with", "to", "of", "in", "on", "at", "by", "so", "please"})
_AFTER = frozenset(
    {
        "songs",
        "song",
        "tracks",
        "track",
        "minutes",
        "minute",
        "mins",
        "min",
        "hours",
        "hour",
        "hits",
        "tunes",
        "per",
        "artist",
        "each",
        "more",
        "total",
        "long",
        "s",
    }
)


def _widen(text: str, start: int, end: int) -> Span:
    """Takes in the little words around a number that belong to the same phrase ("from the", "songs")."""
    for _ in range(3):
        before = re.search(r"([A-Za-z]+)\s+$", text[:start])
        if not before or before.group(1).lower() not in _BEFORE:
            break
        start = before.start(1)
    for taken in range(2):
        after = re.match(r"\s+([A-Za-z]+)", text[end:])
        word = after.group(1).lower() if after else ""
        if not after or (word not in _AFTER and (taken or word in _JOINS)):
            break
        end += after.end(1)
    return start, end


def unread_phrases(masked: str) -> list[Span]:
    """Spans of constraint-looking phrases in text whose read parts are masked out."""
    spans: list[Span] = []
    for match in _LOOKS_LIKE.finditer(masked):
        span = _widen(masked, *match.span())
        if MASK in masked[span[0] : span[1]]:
            span = match.span()
        if not spans or span[0] >= spans[-1][1]:
            spans.append(span)
    return spans


def warning(text: str, spans: list[Span]) -> list[str]:
    return [f"could not apply: '{text[start:end].strip()}'" for start, end in sorted(spans)]
