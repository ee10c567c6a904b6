"""Decades as listeners name them, with the part of one they mean: "the 90s", "the nineteen-nineties", "noughties",
"the early 2000s", "the last few years of the 90s", "the tail end of the 80s", "the first half of the 70s"."""

import re

# A decade word alone names the 1900s' decades; "tens" to "forties" need their century ("in my thirties").
_DECADES = {
    "tens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_ALONE = {"fifties", "sixties", "seventies", "eighties", "nineties"}
_CENTURY_WORDS = {"nineteen": 1900, "twenty": 2000, "two thousand": 2000}
_DECADE_WORDS = {"noughties": 2000, "naughties": 2000, "aughts": 2000, "two thousands": 2000}
_PARTS = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9), "first half": (0, 4), "second half": (5, 9)}
# "the last few years of the 90s", "the tail end of the 80s", "the start of the 2000s": a part of a decade in words.
_PART_PHRASES = {
    "late": r"(?:last|final|closing|dying)\s+(?:few\s+|couple(?:\s+of)?\s+)?(?:years|days)"
    r"|(?:tail|back|very)\s+end|end",
    "early": r"(?:first|opening)\s+(?:few\s+|couple(?:\s+of)?\s+)?years|start|beginning|dawn",
    "first half": r"first\s+half|front\s+half",
    "second half": r"second\s+half|back\s+half|latter\s+(?:half|part)",
}
_PART = (
    r"(?:(?:the\s+)?(?:(?P<part>early|mid|middle|late)(?:\s*-\s*|\s+)"
    + "".join(rf"|(?P<{key.replace(' ', '_')}>{words})\s+of\s+" for key, words in _PART_PHRASES.items())
    + r")(?:the\s+)?)?"
)
_DECADE_RE = re.compile(
    rf"(?:the\s+)?{_PART}(?:['’]?(?P<digits>(?:19|20)?\d0)['’]?s\b"
    rf"|(?P<word>two[\s-]+thousands|noughties|naughties|aughts)\b"
    rf"|(?:(?P<century>nineteen|twenty|two[\s-]+thousand)[\s-]+)?(?P<decade>{'|'.join(_DECADES)})\b)",
    re.I,
)


def spoken(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _decade_start(match: re.Match) -> int | None:
    """The first year of a _DECADE_RE match; None for a decade word that needs its century ("the twenties")."""
    if match.group("word"):
        return _DECADE_WORDS[spoken(match.group("word"))]
    if match.group("decade"):
        decade = match.group("decade").lower()
        if match.group("century"):
            return _CENTURY_WORDS[spoken(match.group("century"))] + _DECADES[decade]
        return 1900 + _DECADES[decade] if decade in _ALONE else None
    digits = match.group("digits")
    return int(digits) if len(digits) == 4 else (2000 + int(digits) if int(digits) <= 20 else 1900 + int(digits))


def decade_at(text: str, pos: int) -> tuple[int, int, int] | None:
    """The decade (or part of one) starting at pos: (first year, last year, end); None where there is none or the
    decade word needs its century ("the twenties")."""
    match = _DECADE_RE.match(text, pos)
    start = _decade_start(match) if match else None
    if match is None or start is None:
        return None
    said = match.group("part") or next((k for k in _PART_PHRASES if match.group(k.replace(" ", "_"))), "")
    part = _PARTS.get(said.lower(), (0, 9))
    return start + part[0], start + part[1], match.end()
