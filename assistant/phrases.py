"""Find lengths, durations and year ranges in listener text. Each finder returns the value and the spans it
read, so the caller can take those words out of the search query."""

import re
from dataclasses import dataclass

Span = tuple[int, int]

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25,
    "twenty five": 25, "thirty": 30, "thirty five": 35, "forty": 40, "forty-five": 45, "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "half an": 0.5, "half a": 0.5,
}
_NUM = r"(?P<num>\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")"
# Counts never read a bare "a"/"an" ("a playlist of songs") nor a year ("2005 hits").
_COUNT_NUM = r"(?P<num>(?!(?:19|20)\d\d\b)\d+|" + "|".join(
    sorted((re.escape(w) for w in _NUMBER_WORDS if w not in ("a", "an", "half an", "half a")), key=len, reverse=True)
) + r")"
_ITEMS = r"(?:songs?|tracks?|tunes?|bangers?|jams?|hits?|anthems?|cuts?|numbers?|records?|classics?|picks?)"

COUNT_RE = re.compile(rf"\b{_COUNT_NUM}\s+(?:\w+\s+){{0,3}}?{_ITEMS}\b", re.I)
TOP_N_RE = re.compile(r"\btop\s+(?P<num>\d{1,3})\b", re.I)
HOURS_RE = re.compile(
    rf"\b{_NUM}\s*(?:-\s*)?(?:hours?|hrs?|h)\b(?:\s*(?:and\s*)?(?:a\s+)?(?P<half>half)|\s*(?:and\s*)?(?P<min>\d+)\s*(?:minutes?|mins?|m)\b)?",
    re.I,
)
AN_HOUR_AND_HALF_RE = re.compile(r"\b(?:an?|one)\s+hour\s+and\s+a\s+half\b", re.I)
MINUTES_RE = re.compile(rf"\b{_NUM}\s*(?:-\s*)?(?:minutes?|mins?|min|m)\b", re.I)

_DECADE_WORDS = {
    "fifties": 1950, "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000,
}
DECADE_RE = re.compile(
    r"(?<![\w])(?:the\s+)?(?:'|’)?(?P<decade>(?:19|20)?\d0)(?:'|’)?s\b|\b(?P<word>" + "|".join(_DECADE_WORDS) + r")\b",
    re.I,
)
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"
RANGE_RE = re.compile(
    rf"\b(?:between|from)?\s*{_YEAR.format(name='a')}\s*(?:-|–|to|and|through|until)\s*{_YEAR.format(name='b')}\b",
    re.I,
)
MIN_YEAR_RE = re.compile(
    rf"\b(?:(?:since|after|post-?)\s*{_YEAR.format(name='a')}"
    rf"|(?:from\s*)?{_YEAR.format(name='c')}\s*(?:onwards?|on\b|or (?:later|newer|after)|and (?:later|newer|up|after)|\+)"
    ")",
    re.I,
)
MAX_YEAR_RE = re.compile(
    rf"\b(?:(?:before|until|up to|pre-?|prior to)\s*{_YEAR.format(name='a')}"
    rf"|{_YEAR.format(name='b')}\s*(?:or (?:earlier|older|before)|and (?:earlier|older|before)))\b",
    re.I,
)
SINGLE_YEAR_RE = re.compile(rf"\b(?:in|from|of)?\s*{_YEAR.format(name='a')}\b", re.I)


def number_value(text: str) -> float | None:
    text = text.lower().replace(",", ".")
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


@dataclass
class Found:
    value: object
    spans: list[Span]


def find_count(text: str) -> Found | None:
    """'25 songs', 'twelve tracks', 'a dozen bangers', 'top 10' -> a track count; the last one mentioned wins
    ("... 50 songs. Actually, 4 songs")."""
    for regex in (COUNT_RE, TOP_N_RE):
        match = None
        for match in regex.finditer(text):
            pass
        if match:
            value = number_value(match.group("num"))
            if value is not None and value >= 1 and value == int(value):
                return Found(int(value), [match.span()])
            if value is not None:
                return Found(value, [match.span()])
    return None


def find_duration_minutes(text: str) -> Found | None:
    """'2 hours', 'an hour and a half', '1.5 h', '45 min', 'half an hour', '2 hours 30 minutes' -> minutes."""
    match = AN_HOUR_AND_HALF_RE.search(text)
    if match:
        return Found(90.0, [match.span()])
    match = HOURS_RE.search(text)
    if match:
        hours = number_value(match.group("num"))
        if hours is not None:
            extra = 30.0 if match.group("half") else float(match.group("min") or 0)
            return Found(hours * 60 + extra, [match.span()])
    match = MINUTES_RE.search(text)
    if match:
        minutes = number_value(match.group("num"))
        if minutes is not None:
            return Found(minutes, [match.span()])
    return None


def _decade_start(match: re.Match) -> int:
    if match.group("word"):
        return _DECADE_WORDS[match.group("word").lower()]
    digits = match.group("decade")
    if len(digits) == 4:
        return int(digits)
    two = int(digits)
    return 2000 + two if two <= 20 else 1900 + two


def find_years(text: str) -> Found | None:
    """'90s', 'the 1970s', 'from 2015 onwards', 'before 2000', '1995-2005', 'in 2019' -> (min, max) years."""
    match = RANGE_RE.search(text)
    if match:
        low, high = sorted((int(match.group("a")), int(match.group("b"))))
        return Found((low, high), [match.span()])
    decades = list(DECADE_RE.finditer(text))
    if decades:
        starts = [_decade_start(m) for m in decades]
        return Found((min(starts), max(starts) + 9), [m.span() for m in decades])
    low_match, high_match = MIN_YEAR_RE.search(text), MAX_YEAR_RE.search(text)
    if low_match or high_match:
        low = high = None
        spans = []
        if low_match:
            year = int(low_match.group("a") or low_match.group("c"))
            low = year + 1 if low_match.group(0).lower().lstrip().startswith("after") else year
            spans.append(low_match.span())
        if high_match:
            year = int(high_match.group("a") or high_match.group("b"))
            phrase = high_match.group(0).lower().lstrip()
            high = year - 1 if phrase.startswith(("before", "pre", "prior")) else year
            spans.append(high_match.span())
        return Found((low, high), spans)
    match = SINGLE_YEAR_RE.search(text)
    if match:
        year = int(match.group("a"))
        return Found((year, year), [match.span()])
    return None


def remove_spans(text: str, spans: list[Span]) -> str:
    """The text without the given spans, spaces and stray punctuation tidied."""
    keep = []
    last = 0
    for start, end in sorted(spans):
        if start >= last:
            keep.append(text[last:start])
            last = end
    keep.append(text[last:])
    joined = " ".join("".join(keep).split())
    return re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"([,;:])(\s*[,;:])+", r"\1", joined)).strip(" ,;:-")
