"""Time in listener text, with its polarity: decades and parts of decades ("the early 2000s", "noughties",
"the nineteen-nineties", "the twenty-tens"), years ("1995", "'05", "nineteen eighty-four"), ranges ("1995-2005",
"between 2000 and 2010"), lists ("the 80s and 90s") and bounds, said before the time ("before 2000", "post-2010",
"predating 1980", "no older than 2012", "pre-Y2K") or after it ("2015 onwards", "2016 at the earliest", "1980 or
before"). Each expression is read as a set of years, so a negation ("nothing before 2017") is simply the
complement of what follows it. The turn of the millennium ("Y2K") is a boundary, not a year: only a bound reads it."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assistant.parsing.decades import decade_at, spoken
from assistant.parsing.numbers import NUMBER, TEEN_WORDS, TEN_WORDS, UNIT_WORDS, number_value
from assistant.parsing.personal_years import birth_bounds, is_attribute, is_personal
from assistant.parsing.tokens import Span
from assistant.parsing.year_sets import ALL_YEARS, FIRST_YEAR, LAST_YEAR, YearSet, intersect, normalise, union

# A year in words: "nineteen eighty-four", "twenty fifteen", "two thousand and five", "nineteen oh five".
_YEAR_WORDS_RE = re.compile(
    rf"(?:(?P<c>nineteen|twenty)[\s-]+(?P<y>(?:{TEN_WORDS})(?:[\s-]+(?:{UNIT_WORDS}))?|{TEEN_WORDS}|oh[\s-]+(?:{UNIT_WORDS}))"
    rf"|two[\s-]+thousand[\s-]+(?:and[\s-]+)?(?P<y2>(?:{TEN_WORDS})(?:[\s-]+(?:{UNIT_WORDS}))?|{TEEN_WORDS}|{UNIT_WORDS}))\b"
    rf"(?![\s-]+(?:songs?|tracks?|tunes?|minutes?|mins?|hours?|{UNIT_WORDS})\b)",
    re.I,
)
_MILLENNIUM_RE = re.compile(
    r"(?:the[\s-]+)?(?:y2k|(?:turn[\s-]+of[\s-]+the[\s-]+)?(?:new[\s-]+)?millenn?ium|turn[\s-]+of[\s-]+the[\s-]+century)\b",
    re.I,
)
_CENTURY_RE = re.compile(r"(?:the\s+)?(?P<n>20th|twentieth|21st|twenty[\s-]first)\s+century\b", re.I)
_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d\d)(?!\d)(?![.,]\d)|['’](?P<short>\d\d)\b", re.I)
_RELATIVE_RE = re.compile(
    rf"(?P<this>this\s+year)\b|(?P<last>last\s+year)\b|(?:the\s+)?(?:last|past)\s+(?:(?P<n>{NUMBER})\s+)?"
    r"(?P<unit>years?|decade)\b",
    re.I,
)

Op = Literal["lower_inc", "lower_exc", "upper_inc", "upper_exc"]
_AHEAD = r"(?=\s*(?:['’]?\d|y2k|millenn?ium))"  # "pre 2000", "post Y2K": "pre"/"post" as words before a time
_PREFIX_OPS: list[tuple[str, Op]] = [
    (
        r"no\s+earlier\s+than|not\s+earlier\s+than|no\s+older\s+than|not\s+older\s+than|since|starting\s+(?:in|from|with|at)"
        r"|starting|beginning\s+(?:in|from|with)",
        "lower_inc",
    ),
    (
        rf"after|post\s*-\s*|post{_AHEAD}|later\s+than|newer\s+than|more\s+recent\s+than|younger\s+than"
        r"|(?:(?:that|which)\s+)?post[\s-]?dat(?:e[sd]?|ing)",
        "lower_exc",
    ),
    (
        rf"before|b4|pre\s*-\s*|pre{_AHEAD}|prior\s+to|earlier\s+than|older\s+than|(?:(?:that|which)\s+)?pre[\s-]?dat(?:e[sd]?|ing)",
        "upper_exc",
    ),
    (
        r"no\s+later\s+than|not\s+later\s+than|no\s+newer\s+than|not\s+newer\s+than|no\s+more\s+recent\s+than"
        r"|not\s+more\s+recent\s+than|(?:up\s+)?(?:to|until|till|through)\s+and\s+including|up\s+until|up\s+to|until|till"
        r"|til|through|as\s+late\s+as",
        "upper_inc",
    ),
]
# "born-before-the-millennium tunes": a dash may join the bound to its time
_PREFIX_RE = [(re.compile(rf"(?:{pattern})(?:\s*-(?!-)\s*|\s*)", re.I), op) for pattern, op in _PREFIX_OPS]
_FILLER_RE = re.compile(
    r"(?:(?:released|recorded|made|out)\s+)?(?:from|in|of|during|de\s+los|de\s+las|de|del)\s+", re.I
)
_SUFFIX_LOWER_RE = re.compile(
    r"\s*(?:,\s*(?=(?:onwards?|forward|and\s+(?:later|newer|after|beyond|onwards?)|or\s+(?:later|newer|after))(?!\w)))?"
    r"(?:-\s*)?(?:onwards?|on(?!\w)|forward|and\s+(?:later|newer|after|beyond|up|onwards?|on(?!\w)|since)|or\s+(?:later|newer|after)"
    r"|or\s+more\s+recent|at\s+the\s+(?:very\s+)?(?:earliest|soonest|oldest)"
    r"|\+|(?:(?:up\s+)?to|till|until|through)\s+(?:now|today|the\s+present|present|date|this\s+year))(?!\w)",
    re.I,
)
_SUFFIX_UPPER_RE = re.compile(
    r"\s*(?:(?:and|or)\s+(?:earlier|older|before|prior)|,?\s*at\s+the\s+(?:very\s+)?(?:latest|newest))(?!\w)", re.I
)
_RANGE_JOIN_RE = re.compile(
    r"\s*(?:-|–|—|\b(?:up\s+)?(?:to|through|thru|till|until)(?:\s+and\s+including)?\b|\bup\s+to\b)\s*", re.I
)
_SUBJECT_RE = re.compile(r"\s+(?:were|was|is|are)\b", re.I)
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and|or)\b|,|\band\b|\bor\b|&|/|\+|\bplus\b)\s*", re.I)
_BETWEEN_RE = re.compile(r"(?:between|from)\s+", re.I)
_BETWEEN_AND_RE = re.compile(r"\s*(?:and|-|–|to|through|till|until)\s*", re.I)
_SHORT_END_RE = re.compile(r"[-–/](?P<short>\d\d)(?![\d'’])\b")


@dataclass(frozen=True)
class TimeMatch:
    """One time expression: the years it allows, whether it is a bound (intersected with the rest) or an
    inclusion (unioned with other inclusions), and where it was read."""

    years: YearSet
    bound: bool
    span: Span


def _two_digit_year(short: str) -> int:
    value = int(short)
    return 2000 + value if value <= date.today().year % 100 else 1900 + value


def _year_in_words(match: re.Match) -> int:
    century = 2000 if match.group("y2") or spoken(match.group("c")) == "twenty" else 1900
    words = spoken(match.group("y2") or match.group("y")).removeprefix("oh ")
    return century + int(number_value(words) or 0)


def _unit(text: str, pos: int) -> tuple[int, int, int] | None:
    """A decade, century or year starting at pos (spaces skipped): (first year, last year, end)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    decade = decade_at(text, pos)
    if decade:
        return decade
    match = _CENTURY_RE.match(text, pos)
    if match:
        start = 1900 if match.group("n").lower().startswith(("20", "twentieth")) else 2000
        return start, start + 99, match.end()
    match = _YEAR_RE.match(text, pos)
    if match:
        year = int(match.group("year")) if match.group("year") else _two_digit_year(match.group("short"))
        return year, year, match.end()
    match = _YEAR_WORDS_RE.match(text, pos)
    if match:
        year = _year_in_words(match)
        return year, year, match.end()
    match = _RELATIVE_RE.match(text, pos)
    if match:
        today = date.today().year
        if match.group("this"):
            return today, today, match.end()
        if match.group("last"):
            return today - 1, today - 1, match.end()
        n = number_value(match.group("n")) if match.group("n") else 1
        span = int(n or 1) * (10 if match.group("unit").lower() == "decade" else 1)
        return today - span + 1, today, match.end()
    return None


def _units(text: str, pos: int) -> tuple[YearSet, int, int, int] | None:
    """A range or a list of units: (years, first year of the first unit, last year of the last, end)."""
    between = _BETWEEN_RE.match(text, pos)
    if between:
        first = _unit(text, between.end())
        if first:
            join = _BETWEEN_AND_RE.match(text, first[2])
            listed = join and between.group(0)[:4].lower() == "from" and join.group(0).strip().lower() == "and"
            second = _unit(text, join.end()) if join and not listed else None  # "from the 80s and the 2000s"
            if second and second[1] >= first[0]:
                return normalise([(first[0], second[1])]), first[0], second[1], second[2]
    first = _unit(text, pos)
    if not first:
        return None
    restated = _RESTATED_RE.match(text, first[2]) if _RELATIVE_RE.match(text, pos) else None
    again = _unit(text, restated.end()) if restated else None
    if again and again[0] <= first[1] and first[0] <= again[1]:  # "last decade — the 2010s": the years named
        return normalise([(again[0], again[1])]), again[0], again[1], again[2]
    short = _SHORT_END_RE.match(text, first[2])
    if short and first[0] == first[1] and first[0] >= 1900:
        end_year = first[0] // 100 * 100 + int(short.group("short"))
        end_year += 100 if end_year <= first[0] else 0
        if end_year - first[0] < 100:
            return normalise([(first[0], end_year)]), first[0], end_year, short.end()
    join = _RANGE_JOIN_RE.match(text, first[2])
    second = _unit(text, join.end()) if join else None
    if second and second[1] >= first[0] and second[1] > first[1] - (first[1] > first[0]):
        # "the 90s - 2005" is a range; "the noughties — 2000 to 2004" restates the decade, it ends no range in it
        return normalise([(first[0], second[1])]), first[0], second[1], second[2]
    ranges, end, last = [(first[0], first[1])], first[2], first
    while True:
        join = _LIST_JOIN_RE.match(text, end)
        following = _unit(text, join.end()) if join else None
        if not following or _SUBJECT_RE.match(text, following[2]):
            break  # "make it 90s, the 80s were my parents' era": a new clause about the 80s, not one more decade
        ranges.append((following[0], following[1]))
        end, last = following[2], following
    return normalise(ranges), first[0], last[1], end


def _bounded(op: Op, low: int, high: int) -> YearSet:
    return {
        "lower_inc": ((low, LAST_YEAR),),
        "lower_exc": ((high + 1, LAST_YEAR),),
        "upper_inc": ((FIRST_YEAR, high),),
        "upper_exc": ((FIRST_YEAR, low - 1),),
    }[op]


def time_at(text: str, pos: int) -> TimeMatch | None:
    """The time expression that starts exactly at pos ("from"/"released in" before it included), if any."""
    match = _time_at(text, pos)
    filler = _FILLER_RE.match(text, pos) if match is None else None
    if filler:
        match = _time_at(text, filler.end())
        if match:
            return TimeMatch(match.years, match.bound, (pos, match.span[1]))
    return match


def _time_at(text: str, pos: int) -> TimeMatch | None:
    for regex, op in _PREFIX_RE:
        prefix = regex.match(text, pos)
        boundary = _MILLENNIUM_RE.match(text, prefix.end()) if prefix else None
        if boundary:  # the turn of the millennium: between 1999 and 2000
            return TimeMatch(_bounded(op, 2000, 1999), True, (pos, boundary.end()))
        if prefix:
            found = _units(text, prefix.end())
            if found:
                _, low, high, end = found
                suffix = _SUFFIX_LOWER_RE.match(text, end)
                end = suffix.end() if suffix and op == "lower_inc" else end
                return TimeMatch(normalise(list(_bounded(op, low, high))), True, (pos, end))
    found = _units(text, pos)
    if not found:
        return None
    years, low, high, end = found
    suffix = _SUFFIX_LOWER_RE.match(text, end)
    if suffix:
        return TimeMatch(_bounded("lower_inc", low, high), True, (pos, suffix.end()))
    suffix = _SUFFIX_UPPER_RE.match(text, end)
    if suffix:
        return TimeMatch(_bounded("upper_inc", low, high), True, (pos, suffix.end()))
    return TimeMatch(years, False, (pos, end))


_RESTATED_RE = re.compile(r"\s*(?:[—–-]+|,|\(|:)\s*(?:(?:i\.?e\.?|aka|so|meaning|that\s+is),?\s+)?", re.I)
_WORD_START_RE = re.compile(r"(?<![\w'’])(?=[\w'’])")


def find_times(text: str, taken: Sequence[Span] = (), markers: Sequence[Span] = ()) -> list[TimeMatch]:
    """Every time expression in the text outside the taken spans, left to right (a year about the listener or
    another thing is none, see personal_years; bounds relative to a birth year come last); a named period right
    after one of the `markers` that take a value back ("the 80s, sorry, I mean the 90s", "80s, no, 90s": see
    corrections.py) replaces the named periods before it."""
    found: list[TimeMatch] = []
    end = 0
    for start in (m.start() for m in _WORD_START_RE.finditer(text)):
        if start < end or any(lo <= start < hi for lo, hi in taken) or is_personal(text, start):
            continue
        match = time_at(text, start)
        if match and not match.bound and is_attribute(text, *match.span):
            continue
        if match and not any(lo < match.span[1] and match.span[0] < hi for lo, hi in taken):
            if not match.bound and any(hi <= start and (hi == start or text[hi:start].isspace()) for _, hi in markers):
                found = [m if m.bound else TimeMatch(ALL_YEARS, True, m.span) for m in found]  # read, and replaced
            found.append(match)
            end = match.span[1]
    return found + [
        TimeMatch(((low or FIRST_YEAR, high or LAST_YEAR),), True, span)
        for low, high, span in birth_bounds(text, taken)
    ]


def combine(matches: list[TimeMatch]) -> YearSet | None:
    """Inclusions are unioned ("80s hip hop and 2000s r&b"), bounds and negations intersect with them."""
    if not matches:
        return None
    included = [m.years for m in matches if not m.bound]
    years = ALL_YEARS
    if included:
        years = ()
        for item in included:
            years = union(years, item)
    for match in matches:
        if match.bound:
            years = intersect(years, match.years)
    return years
