"""Positions in listener text: tokens that remember where they came from, so names can be matched word by word
(as the catalog folds them), and the character spans the parser reads, masked or removed from the search text."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.text import fold

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
BOUNDARY = frozenset('.;:!?()[]{}"“”')
SEPARATOR_PUNCT = frozenset(",/&+")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    raw: str
    folded: str  # as the catalog keys fold it: "&" -> "and", punctuation -> ""

    @property
    def capitalised(self) -> bool:
        return self.raw[:1].isupper() or any(ch.isdigit() for ch in self.raw)

    @property
    def boundary(self) -> bool:
        return self.raw in BOUNDARY


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group(0)
        tokens.append(Token(match.start(), match.end(), raw, fold(raw.replace("’", "'"))))
    return tokens


def index_at(tokens: Sequence[Token], char: int) -> int:
    """The first token that starts at or after a character offset."""
    for i, token in enumerate(tokens):
        if token.start >= char:
            return i
    return len(tokens)


Span = tuple[int, int]
MASK = "\x1f"  # no word character, so no word is read inside a masked span (though \s matches it)


def mask(text: str, spans: Iterable[Span]) -> str:
    """The text with the spans blanked out, offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(lo < span[1] and span[0] < hi for lo, hi in spans)


def remove_spans(text: str, spans: Iterable[Span]) -> str:
    """The text without the spans, spaces and stray punctuation tidied."""
    kept = mask(text, spans).replace(MASK, " ")
    joined = " ".join(kept.split())
    joined = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"([,;:])(\s*[,;:])+", r"\1", joined))
    joined = re.sub(r"^(?:(?:and|or|but|with|of)\b|[\s,.;:!?&/+-])+", "", joined, flags=re.I)
    return re.sub(r"(?:\b(?:and|or|but|with)|[\s,;:&/+-])+$", "", joined, flags=re.I).strip()
