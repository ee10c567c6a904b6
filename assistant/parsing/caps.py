"""Per-artist caps: the most tracks any one artist may have. Said as a number per performer ("one song per artist",
"max 2 from anyone", "no more than one song by the same rapper", "twice per band"), as a performer and how often
("no artist more than twice", "nobody twice", "I don't want any artist more than 3 times", "each singer only
once", "the same act at most twice"), or as no repeats ("no repeat artists", "all different bands", "every song a
diff artist"). A performer is any word for one: artist, band, singer, act,
group, rapper, DJ, producer..."""

import re

from assistant.parsing.found import Found, Span
from assistant.parsing.numbers import NUMBER, number_value

_I = re.I

WHO = (
    r"(?:(?:artist|band|singer|act|group|rapper|dj|producer|musician|performer|vocalist|songwriter|emcee|mc|duo"
    r"|crew|person|guy|name|mob|outfit|lot)s?|people)"
)
# One performer taken at a time: "per artist", "by the same band", "from any one singer", "from anyone".
EACH_WHO = (
    rf"(?:(?:per(?:\s+each)?|(?:from|by|for|of)\s+(?:each|every|any|the\s+same|a\s+single|one)|each|an?)"
    rf"(?:\s+(?:one|single|given|particular|individual))?\s+|/\s*){WHO}\b"  # "max 1 song/artist"
)
# "from anyone" is a cap only with a bound ("max 2 from anyone"); "14 songs by anyone but Bieber" is a count.
_FROM_ANYONE = r"(?:from|by)\s+any(?:one|body)\b"
_TIMES = rf"(?:(?P<word>once|twice|thrice)|(?P<n>{NUMBER})\s+times?)"
_BOUND = (
    r"max(?:imum)?|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|only|just|limit(?:ed)?(?:\s+(?:to|of))?"
    r"|cap(?:ped)?\s+at|a\s+max(?:imum)?\s+of|never\s+more\s+than"
)
_NOBODY = (
    rf"(?:no|not\s+an?|never\s+an?|not\s+one)\s+{WHO}|nobody|no[\s-]one"
    rf"|(?:don['’]?t|dont|do\s+not|never)\s+(?:want|need|give\s+me|play|let|allow)\s+(?:any|an?)\s+(?:one\s+)?{WHO}"
)
_DIFFERENT = r"(?:different|diff\.?|distinct|unique|new)"
_APPEARS = (
    r"(?:\s+(?:should|can|may|gets?\s+to)?\s*(?:appears?|appearing|show(?:s|ing)?\s+up|comes?\s+up|coming\s+up"
    r"|be\s+(?:on|in)\s+(?:it|there)))?"
)
_ONCE = {"once": 1, "twice": 2, "thrice": 3}
_LIMIT = r"(?:max(?:imum)?|cap|limit|allowance)"
_SET_TO = r"(?:(?:to|of|at|is|=|down\s+to|up\s+to|now)\s+)?"

_CAP_PATTERNS = [
    # "lower the per-artist max to 2", "the artist limit is 1", "cap per band at 3"
    re.compile(
        rf"\b(?:per[\s-]+{WHO}|{WHO})[\s-]+{_LIMIT}\s+{_SET_TO}(?P<n>{NUMBER})\b"
        rf"|\b{_LIMIT}\s+(?:per|for\s+each|for\s+every|on\s+each)\s+{WHO}\s+{_SET_TO}(?P<n2>{NUMBER})\b",
        _I,
    ),
    re.compile(
        rf"\b(?:{_BOUND})\s+(?P<n>{NUMBER})\s*(?:songs?|tracks?|tunes?)?\s*{_FROM_ANYONE}"
        rf"|(?P<n2>{NUMBER})\s*(?:songs?|tracks?|tunes?)?\s*{_FROM_ANYONE}\s+(?:max(?:imum)?|at\s+most|tops)",
        _I,
    ),
    re.compile(
        rf"(?:\b(?:{_BOUND})\s+)?(?:(?P<n>{NUMBER})(?:\s+times)?|\b(?P<word>once|twice|thrice))\s*(?:songs?|tracks?|tunes?)?\s*"
        rf"(?:(?:max(?:imum)?|at\s+most|tops)\s+)?(?:{EACH_WHO})"
        r"(?:\s+(?:max(?:imum)?|at\s+most|tops|or\s+less|or\s+fewer))?",
        _I,
    ),
    re.compile(rf"\b(?:{_NOBODY}){_APPEARS}\s+(?:(?P<over>more\s+than|over)\s+)?{_TIMES}(?P<more>\s+or\s+more)?", _I),
    re.compile(rf"\bthe\s+same\s+{WHO}\s+(?:[a-z]+\s+){{0,3}}?(?P<over>more\s+than|over)\s+{_TIMES}", _I),
    re.compile(
        rf"\b(?:each|every|any|the\s+same)\s+{WHO}{_APPEARS}\s+(?:(?:only|just|at\s+most|max|no\s+more\s+than"
        rf"|not\s+more\s+than|never\s+more\s+than)\s+)?{_TIMES}",
        _I,
    ),
    re.compile(rf"\b{WHO}\s+(?:only\s+|just\s+|at\s+most\s+|max\s+)?{_TIMES}(?:\s+(?:each|max|at\s+most))?", _I),
    re.compile(
        rf"\b(?:no|without|zero|never|avoid)\s+(?:any\s+)?(?:repeats?|repeated|repeating|repetitions?|duplicates?"
        rf"|duplicated|doubles?|doubled(?:\s+up)?|doubling(?:\s+up)?|same)\s+(?:(?:of|from|by|on)\s+)?"
        rf"(?:(?:the\s+same|an?|any)\s+)?{WHO}(?:\s+(?:twice|again))?"
        rf"|\bno\s+{WHO}\s+(?:repeated|repeating|doubled|duplicated)"
        rf"|\b(?:no|without)\s+(?:repeating|doubling\s+up\s+on)\s+(?:an?\s+|any\s+)?{WHO}"
        rf"|\b(?:no|never)\s+(?:the\s+)?same\s+{WHO}\s+twice"
        rf"|\b(?:don['’]?t|dont|do\s+not|never|please\s+don['’]?t)\s+(?:repeat|double\s+up\s+on|reuse)\s+"
        rf"(?:an?\s+|any\s+|the\s+same\s+)?{WHO}"
        rf"|\b(?:no\s+)?{WHO}\s+repeats?\b"
        rf"|\b(?:all|only|each\s+by\s+a|(?:every|each)\s+(?:song|track|tune)\s+(?:(?:is\s+)?(?:by|from)\s+)?an?)"
        rf"\s+{_DIFFERENT}\s+{WHO}"
        r"|\b(?:unique|distinct|different)\s+artists?\s+(?:only|each\s+time|for\s+every\s+(?:song|track))"
        r"|\b(?:all|only)\s+(?:unique|distinct)\s+artists"
        rf"|\b(?P<item>songs?|tracks?)\s+(?:all\s+)?(?:by|from)\s+(?:all\s+)?different\s+{WHO}",
        _I,
    ),
]


# "max 2 per artist. on second thought, just 1 each": once a cap is said, "N each" says it again.
_EACH_AGAIN = re.compile(rf"\b(?:(?:{_BOUND})\s+)?(?P<n>{NUMBER})\s+each\b(?!\s+(?:of|in|from)\b)", _I)


def find_cap(text: str) -> Found[int] | None:
    """The most tracks any one artist may have; where two are said, the last one ("you gave me 6 by the same guy
    last time; cap it at 1 per artist")."""
    matches = [(match, i) for i, pattern in enumerate(_CAP_PATTERNS) for match in pattern.finditer(text)]
    if matches:
        matches += [(match, len(_CAP_PATTERNS)) for match in _EACH_AGAIN.finditer(text)]
    outer = [
        (m, i)
        for m, i in matches  # "no artist twice" holds "artist twice": the whole phrase is the cap
        if not any(o.start() <= m.start() and m.end() <= o.end() and o.span() != m.span() for o, _ in matches)
    ]
    read = [found for match, _ in sorted(outer, key=lambda m: (m[0].start(), -m[1])) if (found := _cap_of(match, text))]
    if not read:
        return None
    return Found(read[-1][0], [span for _, span in read])  # the words of a cap said before and changed are read too


def _cap_of(match: re.Match[str], text: str) -> tuple[int, Span] | None:
    groups = match.groupdict()
    # "no artist twice" / "no artist 3 times or more": one fewer; "no artist more than twice": that many
    fewer = 1 if "over" in groups and not groups.get("over") else 0
    if groups.get("word"):
        return max(1, _ONCE[groups["word"].lower()] - fewer), match.span()
    if groups.get("n") or groups.get("n2"):
        value = number_value(groups.get("n") or groups["n2"])
        value = None if value is None else max(1.0, value - fewer)
        return (int(value), match.span()) if value is not None and value >= 1 and value == int(value) else None
    counted = groups.get("item") and re.search(rf"{NUMBER}\s*$", text[: match.start()], _I)
    return 1, (match.end("item") if counted else match.start(), match.end())  # "15 songs all by different...": a count


# In a follow-up after a cap was typed: "make it max 2", "at most 1" with no item named is the cap again.
_BARE_CAP = re.compile(
    rf"\b(?:{_BOUND}|(?:lower|drop|cut|bring|raise|change|set|bump|up|increase|lift|move|push)"
    rf"(?:\s+(?:it|that|the\s+(?:cap|limit|max(?:imum)?)))?(?:\s+(?:up|down))?\s+to)\s+(?P<n>{NUMBER})"
    rf"(?!\s*(?:songs?|tracks?|tunes?|minutes?|mins?|hours?|hrs?|per|from|by|each|%|\w*\d))"
    rf"|(?P<n2>{NUMBER})\s+max\b(?!\s+(?:songs?|tracks?))",
    _I,
)


def find_bare_cap(text: str, cap: int, length: int) -> Found[int] | None:
    """A bound with no item ("make it max 2") read as the cap where it is near the current cap `cap` and far below
    the playlist's `length` (a bound near the length is its count: "max 25" of 30 songs)."""
    for match in reversed(list(_BARE_CAP.finditer(text))):
        value = number_value(match.group("n") or match.group("n2"))
        if value is not None and value == int(value) and 1 <= value <= cap + 2 and value * 3 <= length:
            return Found(int(value), [match.span()])
    return None
