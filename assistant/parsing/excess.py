"""A genre the follow-up says there is too much of: "rock is overdone here", "too much rock", "enough edm", "less
rap", "fewer pop songs", "the reggaeton is getting old", "tired of trap", "tone down the rock". Its polarity is
the excess, so it is read as fewer of that genre (some of its tracks leave), never as a wish for more of it, nor as
an exclusion (some may stay). The cue negated turns it round: "not enough rock", "too little rap" ask for more of
it. What the cues say of a name or a mood is read elsewhere."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.parsing.tokens import Span, Token, index_at
from assistant.parsing.vocabulary import CatalogVocabulary

_BY = r"(?:way|far|much|a\s+bit|a\s+little|a\s+lot|slightly|a\s+tad|kinda|really|just|even)"
_THE = r"(?:(?:the|all\s+(?:the|this|that)|this|that|these|those|so\s+much|hearing)\s+)*"
# Cues before the genre, ending where it starts.
_BEFORE_RE = re.compile(
    rf"\b(?:(?:{_BY}\s+)?(?:too\s+(?:much|many)|so\s+(?:much|many)|less|fewer)(?:\s+of)?"
    rf"|(?:(?:i['’]?ve\s+|i\s+have\s+)?(?:had|heard)\s+)?enough(?:\s+(?:of|with))?"
    rf"|(?:i['’]?m\s+|i\s+am\s+|we['’]?re\s+|getting\s+)?(?:{_BY}\s+)?(?:tired|sick|bored|weary)\s+(?:of|with)"
    rf"|fed\s+up\s+with|(?:cut|scale|dial|tone|turn|pull|back)\s+(?:back|down)(?:\s+on)?|(?:ease|let)\s+up\s+on"
    rf"|go\s+easy\s+on|(?:{_BY}\s+)?(?:too\s+heavy|lighter)\s+on)\s+{_THE}$",
    re.I,
)
_TRACKS = r"(?:\s+(?:songs?|tracks?|stuff|music|ones|tunes|side|vibes?))?"
_SAID_OF = (
    r"(?:overdone|over-done|too\s+much|too\s+many|a\s+bit\s+much|much|old|tired|stale|played[\s-]+out"
    r"|overplayed|boring|repetitive|a\s+lot|excessive|overkill|dominating|taking\s+over|everywhere"
    r"|overwhelming|too\s+(?:heavy|dominant|frequent|common|present|loud))"
)
# Cues after the genre, starting where it ends.
_AFTER_RE = re.compile(
    rf"{_TRACKS}\s*(?:(?:is|are|['’]s|feels?|seems?|gets?|got|has\s+been|have\s+been|has\s+gotten|have\s+gotten"
    rf"|getting|becoming)\s+(?:(?:getting|becoming|gotten|kind\s+of|a\s+bit|{_BY}|so|too)\s+)*{_SAID_OF}\b"
    rf"|(?:overload|fatigue|overkill)\b)",
    re.I,
)
_NOT_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:(?:quite|really|nearly|near)\s+)?$", re.I)
_SHORT_RE = re.compile(
    rf"\b(?:(?:not|n['’]t)\s+(?:(?:quite|really|nearly|near)\s+)?enough(?:\s+of)?"
    rf"|(?:{_BY}\s+)?too\s+(?:little|few)(?:\s+of)?|lacking|missing)\s+{_THE}$",
    re.I,
)
_JOIN = frozenset({",", "and", "or", "&", "/", "+"})


@dataclass
class Excess:
    labels: list[str] = field(default_factory=list)  # too much of these
    short: list[str] = field(default_factory=list)  # too little of these
    spans: list[Span] = field(default_factory=list)


def _genres_from(
    tokens: Sequence[Token], i: int, vocab: CatalogVocabulary, taken: Sequence[Span]
) -> tuple[list[str], int] | None:
    """The genres of a list starting at token i ("rock", "rock and edm", "rap, trap or drill"): (labels, end)."""
    labels: list[str] = []
    end = i
    while (found := vocab.genre_at(tokens, i)) and not _taken(tokens, i, found[1], taken):
        labels += [label for label in found[0] if label not in labels]
        end = i = found[1]
        while i < len(tokens) and tokens[i].raw.lower() in _JOIN:
            i += 1
    return (labels, end) if labels else None


def _taken(tokens: Sequence[Token], start: int, end: int, taken: Sequence[Span]) -> bool:
    return any(lo < tokens[end - 1].end and tokens[start].start < hi for lo, hi in taken)


def find_excess(text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, taken: Sequence[Span]) -> Excess:
    """The genres the text says there is too much of, and the spans of what says so (see the module docstring)."""
    excess = Excess()
    i = 0
    while i < len(tokens):
        found = _genres_from(tokens, i, vocab, taken) if tokens[i].folded else None
        if found is None:
            i += 1
            continue
        labels, end = found
        start_char, end_char = tokens[i].start, tokens[end - 1].end
        before = _BEFORE_RE.search(text, 0, start_char)
        before = before if before and not _NOT_BEFORE.search(text, 0, before.start()) else None  # "not too much"
        after = _AFTER_RE.match(text, end_char)
        short = _SHORT_RE.search(text, 0, start_char)
        if short:
            excess.spans.append((short.start(), end_char))
            excess.short += [label for label in labels if label not in excess.short]
        elif before or after:
            excess.spans.append((before.start() if before else start_char, after.end() if after else end_char))
            excess.labels += [label for label in labels if label not in excess.labels]
        else:
            i = end
            continue
        i = index_at(tokens, excess.spans[-1][1])
    return excess
