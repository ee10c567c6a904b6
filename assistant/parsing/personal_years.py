"""Years that are about the listener or some other thing, not the music: "my class of 1975", "born in 1990", "a
1979 concert", "my 2005 civic", "music died in 2015" are no limits. A birth year said once makes "before I was
born", "since I was born" and "nothing older than me" real bounds, relative to it."""

import re
from collections.abc import Sequence

from assistant.parsing.tokens import Span

Bound = tuple[int | None, int | None, Span]  # the first and last year allowed (None: open), where it was said

# An event of something else: "my brother insists music died in 2015", "we moved here in 2012".
_EVENT = r"(?:died|ended|peaked|retired|split|broke\s+up|moved(?:\s+\w+)?|divorced|passed\s+away|opened|closed)"
_PERSONAL_RE = re.compile(
    r"\b(?:class\s+of|born\s+(?:in\s+)?|graduated\s+(?:in\s+)?|married\s+(?:in\s+)?|"
    rf"met\s+in|since\s+i\s+was\s+born\s+in|{_EVENT}\s+in)\s*(?:['’])?$",
    re.I,
)
_BIRTH_RE = re.compile(
    r"\b(?:(?:i\s+was\s+|i['’]?m\s+|was\s+)?born\s+(?:in\s+)?['’]?(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?:i['’]?m\s+|i\s+am\s+)?an?\s+(?P<baby>(?:19|20)\d\d)\s+baby\b)",
    re.I,
)
_ME = r"(?:i\s+was\s+born|my\s+birth(?:\s*(?:day|year))?|me)"
_RELATIVE_RE = re.compile(
    rf"\b(?:(?P<before>before|prior\s+to|older\s+than|earlier\s+than|predat(?:e|es|ing))"
    rf"|(?P<since>since|no\s+older\s+than|not\s+older\s+than)"
    rf"|(?P<after>after|younger\s+than|newer\s+than|later\s+than|postdat(?:e|es|ing)))\s+{_ME}\b",
    re.I,
)
# After "a/my 1979", the noun the year describes; music words keep it a year of music ("my 1995 favourites" too).
_OWNER_RE = re.compile(r"(?:\b(?:a|an|my|our|his|her|their|your)\s+)$", re.I)
_MUSIC_NOUNS = frozenset(
    """
song songs track tracks tune tunes music hit hits stuff one ones release releases album albums record records era
sound sounds style vibe vibes banger bangers classic classics jam jams material mix mixtape playlist favourite
favorite favourites favorites single singles summer
""".split()
)


# "rock and I had a messy divorce last year": a relative year after an event of the listener's is the event's.
_EVENT_THEN_RE = re.compile(
    r"\b(?:divorce[ds]?|married|wedding|moved|broke\s+up|split|died|passed|graduated|born|met|retired|quit|lost)"
    r"(?:\s+[\w'’]+){0,3}\s*$",
    re.I,
)


# A number that names a flight, a room, an episode…: "Flight UA 2019 leaves at 7:45", "room 2012".
_LABEL_BEFORE_RE = re.compile(
    r"(?:\b(?:[Ff]light|[Rr]oom|[Gg]ate|[Ss]uite|[Bb]us|[Rr]oute|[Pp]latform|[Ee]pisode|[Ee]p|[Aa]pt|[Uu]nit|[Oo]rder"
    r"|[Tt]icket|[Ii]nvoice|[Ee]xt|[Nn]o\.?)|\b[A-Z]{2})\s*#?\s*$"
)


def is_personal(text: str, start: int) -> bool:
    """The year starting at `start` is the listener's (a birth, a class, a wedding), not the music's."""
    before = text[:start]
    return bool(
        re.match(r"(?:19|20)\d\d\b", text[start:])
        and _LABEL_BEFORE_RE.search(before)
        or re.match(r"(?:last|this)\s+year\b", text[start:], re.I)
        and _EVENT_THEN_RE.search(before)
        or _PERSONAL_RE.search(before)
        and not re.match(r"(?:before|after|pre|post|prior)\b", text[start:], re.I)  # "born-before-2000 tunes"
        or re.match(r"(?:of|in)\s", text[start : start + 3], re.I)
        and re.search(rf"\b(?:class|born|graduated|married|met|{_EVENT})\s*$", before, re.I)
    )


def is_attribute(text: str, start: int, end: int) -> bool:
    """'a 1979 concert', 'my 2005 civic': one year between an owner word and a noun that is not about music (a
    decade is always the music's: 'a 1980s party')."""
    following = re.match(r"\s+([a-z]+)", text[end:], re.I)
    return bool(
        re.fullmatch(r"(?:19|20)\d\d", text[start:end])
        and _OWNER_RE.search(text[:start])
        and following
        and following.group(1).lower() not in _MUSIC_NOUNS
    )


def birth_bounds(text: str, taken: Sequence[Span]) -> list[Bound]:
    """'born in 1994 … only stuff from before I was born': bounds relative to a birth year the text gives."""
    birth = _BIRTH_RE.search(text)
    if birth is None:
        return []
    year = int(birth.group("year") or birth.group("baby"))
    found = []
    for match in _RELATIVE_RE.finditer(text):
        if any(lo < match.end() and match.start() < hi for lo, hi in taken):
            continue
        low, high = (None, year - 1) if match.group("before") else (year if match.group("since") else year + 1, None)
        found.append((low, high, match.span()))
    return found
