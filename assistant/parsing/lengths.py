"""How long a playlist should be, as listeners say it: counts ("25 songs", "a 40-track playlist", "give me
seven", "top 10"), durations ("half an hour", "1.5 hours", "2h", "an hour and a half", "45-minute"), limits on
each track ("songs under 4 minutes") and per-artist caps ("one song per artist", "no artist twice").
Each finder returns the value and the character spans it read, so those words leave the search text."""

import re
from dataclasses import dataclass

from assistant.parsing.numbers import DECIMAL, NUMBER, number_value

Span = tuple[int, int]
PER_TRACK_MAX_MINUTES = 15  # "under 5 minutes" is about each song; "under 90 minutes" about the playlist
_I = re.I

_ITEMS = (r"(?:songs?|tracks?|tunes?|bangers?|jams?|hits?|anthems?|cuts?|numbers?|records?|classics?|picks?|joints?"
          r"|bops?|selections?|singles?|gems?|favou?rites?|slaps?|bangerz|oldies|ballads?|pieces?|titles?|ones)")
_H = r"(?:hours?|hrs?|h)"
_M = r"(?:minutes?|mins?|min|m)"


@dataclass
class Found:
    value: object
    spans: list[Span]


# ---- counts -------------------------------------------------------------------------------------------------
_COUNT_PATTERNS = [
    re.compile(rf"(?P<n>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER}))?(?:\s*-\s*|\s+)"
               rf"(?!of\s+(?:my|your|his|her|their|our|the\s+best\s+artists)\b)(?:(?:[a-z&'’]+-?)+\s+){{0,5}}?(?P<item>{_ITEMS})\b", _I),
    re.compile(rf"\btop\s*-?\s*(?P<n>{NUMBER})(?!\s*(?:{_H}|{_M})\b)(?![\w%])", _I),
    re.compile(
        r"\b(?:give\s+me|get\s+me|send\s+me|i\s+want|i['’]?d\s+like|i\s+need|we\s+need|need|pick|choose|find"
        r"|make\s+(?:it|that|this|the\s+(?:playlist|list|mix))|let['’]?s\s+do|lets\s+do|how\s+about|go\s+with|go\s+for"
        r"|limit(?:\s+it)?\s+to|cap(?:\s+it)?\s+at|keep\s+it\s+(?:to|at)|trim(?:\s+it)?(?:\s+down)?\s+to"
        r"|cut(?:\s+it)?(?:\s+down)?\s+to|shorten(?:\s+it)?\s+to|bring\s+it\s+(?:down\s+|up\s+)?to|reduce(?:\s+it)?\s+to"
        r"|increase(?:\s+it)?\s+to|expand(?:\s+it)?\s+to|extend(?:\s+it)?\s+to|up\s+it\s+to|bump\s+it(?:\s+up)?\s+to"
        r"|change\s+(?:it\s+)?to|set\s+(?:it\s+)?to|only|just|exactly|precisely|total\s+of|(?:it|that)\s+should\s+be"
        r"|(?:shorter|longer|fewer|smaller|bigger|less|more)\s*,?\s*(?:like|say|maybe|to|at)|say)"
        rf"\s+(?:(?:about|around|roughly|some|like|a\s+total\s+of)\s+)?(?P<n>{NUMBER})"
        r"(?:\s+(?:total|in\s+total|of\s+them|altogether|please|instead|now|items?))?"
        rf"(?![\w'’%:-])(?!\s*(?:s\b|more\b|{_H}\b|{_M}\b|x\b|%|years?\b|per\b|times?\b|artists?\b|decades?\b))", _I),
    re.compile(rf"\b(?:playlist|list|mix|set|selection|queue|tracklist|compilation|mixtape)\s+(?:of|with)\s+"
               rf"(?:(?:about|around|roughly|exactly)\s+)?(?P<n>{NUMBER})(?![\w%])(?!\s*(?:{_H}|{_M})\b)", _I),
    re.compile(rf"(?P<n>{NUMBER})\s+(?:of\s+them|in\s+total|total|altogether)\b", _I),
]


def find_count(text: str) -> Found | None:
    """The track count; the last one mentioned wins ("50 songs. Actually, make it 40")."""
    best: tuple[int, float, list[Span]] | None = None
    for pattern in _COUNT_PATTERNS:
        for match in pattern.finditer(text):
            if " ".join(match.group("n").lower().split()) == "a few":
                continue  # vague: "a few songs from the 80s" asks for no number
            values = [number_value(match.group(g)) for g in ("n", "n2") if g in match.groupdict() and match.group(g)]
            if not values or any(v is None for v in values):
                continue
            if best is None or match.start() >= best[0]:
                spans = [match.span()]
                if match.groupdict().get("item"):  # "25 upbeat songs": "upbeat" stays in the search text
                    spans = [(match.start(), match.end("n2") if match.group("n2") else match.end("n")),
                             match.span("item")]
                best = (match.start(), max(values), spans)  # "15-20 songs": the most asked for
    return Found(best[1], best[2]) if best else None


# ---- per-artist caps ------------------------------------------------------------------------------------------
_ONCE = {"once": 1, "twice": 2, "thrice": 3}
_CAP_PATTERNS = [
    re.compile(
        r"(?:\b(?:max(?:imum)?|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|only|just|limit(?:ed)?(?:\s+(?:to|of))?"
        rf"|cap(?:ped)?\s+at|a\s+max(?:imum)?\s+of)\s+)?(?P<n>{NUMBER})\s*(?:songs?|tracks?|tunes?)?\s*"
        r"(?:(?:max(?:imum)?|at\s+most|tops)\s+)?(?:per|from\s+each|by\s+each|for\s+each|from\s+any(?:\s+one|\s+single)?|by\s+any(?:\s+one|\s+single)?|of\s+any"
        r"|from\s+every|by\s+every|each|an?|for\s+any|from\s+the\s+same|by\s+the\s+same|of\s+the\s+same|from\s+one"
        r"|by\s+one|per\s+each|from\s+a\s+single|by\s+a\s+single)\s+(?:artist|band|singer|act)s?\b"
        r"(?:\s+(?:max(?:imum)?|at\s+most|tops|or\s+less|or\s+fewer))?", _I),
    re.compile(rf"\b(?:no|not\s+an?|never\s+an?)\s+(?:artist|band|singer)s?\s+(?:(?P<over>more\s+than|over)\s+)?"
               rf"(?:(?P<word>once|twice|thrice)|(?P<n>{NUMBER})\s+times?)(?P<more>\s+or\s+more)?", _I),
    re.compile(rf"\b(?:each|every|any)\s+(?:artist|band|singer)\s+(?:only\s+|just\s+|at\s+most\s+|max\s+)?"
               rf"(?:(?P<word>once|twice|thrice)|(?P<n>{NUMBER})\s+times?)", _I),
    re.compile(rf"\b(?:artists?|bands?)\s+(?:only\s+|just\s+|at\s+most\s+|max\s+)?(?:(?P<word>once|twice|thrice)"
               rf"|(?P<n>{NUMBER})\s+times?)(?:\s+(?:each|max|at\s+most))?", _I),
    re.compile(r"\b(?:no|without|zero|never|avoid)\s+(?:any\s+)?(?:repeats?|repeated|repeating|repetitions?|duplicates?"
               r"|duplicated|doubles?|doubled(?:\s+up)?|doubling(?:\s+up)?|same)\s+(?:(?:of|from|by|on)\s+)?"
               r"(?:(?:the\s+same|an?|any)\s+)?(?:artists?|bands?|singers?)(?:\s+(?:twice|again))?"
               r"|\bno\s+(?:artists?|bands?)\s+(?:repeated|repeating|doubled|duplicated)"
               r"|\b(?:no|without)\s+(?:repeating|doubling\s+up\s+on)\s+(?:an?\s+|any\s+)?(?:artists?|bands?)"
               r"|\b(?:no|never)\s+(?:the\s+)?same\s+(?:artist|band)\s+twice"
               r"|\b(?:no\s+)?(?:artist|band)\s+repeats?\b"
               r"|\b(?:all|only|each\s+by\s+a|every\s+(?:song|track)\s+(?:by|from)\s+a|each\s+(?:song|track)\s+(?:by|from)\s+a)"
               r"\s+different\s+(?:artists?|bands?)"
               r"|\b(?:unique|distinct|different)\s+artists?\s+(?:only|each\s+time|for\s+every\s+(?:song|track))"
               r"|\b(?:all|only)\s+(?:unique|distinct)\s+artists"
               r"|\b(?:songs?|tracks?)\s+(?:all\s+)?(?:by|from)\s+(?:all\s+)?different\s+(?:artists|bands)", _I),
]


def find_cap(text: str) -> Found | None:
    """The most tracks any one artist may have."""
    for pattern in _CAP_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        # "no artist twice" / "no artist 3 times or more": one fewer; "no artist more than twice": that many
        fewer = 1 if "over" in groups and not groups.get("over") else 0
        if groups.get("word"):
            return Found(max(1, _ONCE[groups["word"].lower()] - fewer), [match.span()])
        if groups.get("n"):
            value = number_value(groups["n"])
            value = None if value is None else max(1.0, value - fewer)
            if value is not None and value >= 1 and value == int(value):
                return Found(int(value), [match.span()])
            continue
        return Found(1, [match.span()])
    return None


# ---- durations ------------------------------------------------------------------------------------------------
_LESS = (r"under|below|less\s+than|shorter\s+than|no\s+(?:more|longer)\s+than|not\s+(?:more|longer)\s+than|at\s+most"
         r"|max(?:imum)?|up\s+to|within|tops|not\s+over|no\s+over")
_MORE = (r"over|above|more\s+than|longer\s+than|at\s+least|min(?:imum)?|no\s+less\s+than|no\s+shorter\s+than"
         r"|not\s+under|not\s+less\s+than")
_AMOUNT = (
    rf"(?:(?P<h>{DECIMAL})\s+and\s+a\s+half\s*-?\s*hours?"
    rf"|(?:(?:an?|one)[\s-]+)?hour[\s-]+and[\s-]+a[\s-]+half"
    rf"|(?P<mh>{DECIMAL})\s+and\s+a\s+half\s*-?\s*(?:minutes?|mins?)\b"
    rf"|(?:three\s+quarters|3/4)\s+of\s+an\s+hour|(?:a\s+)?quarter\s+(?:of\s+)?(?:an\s+)?hour"
    rf"|(?:half\s+an|a\s+half|half\s+a|half)[\s-]+hour"
    rf"|(?P<hh>\d{{1,2}})\s*h\s*(?P<hm>\d\d)\b"
    rf"|(?P<hours>{DECIMAL})\s*(?:-\s*)?{_H}\b(?:\s*(?:and\s+)?(?P<half>a\s+half)|,?\s*(?:and\s+)?(?P<plus>\d{{1,2}})\s*{_M}\b)?"
    rf"|(?:an?|one)[\s-]+hours?"
    rf"|(?P<minutes>{DECIMAL})\s*(?:-\s*)?{_M}\b)"
)
_DURATION_RE = re.compile(
    rf"(?P<neg>\b(?:no|nothing|none)\s+(?:(?:songs?|tracks?|of\s+them)\s+)?(?:(?:that\s+are|that['’]s|which\s+are)\s+)?)?"
    rf"(?P<who>\b(?:songs?|tracks?|each(?:\s+one)?|every\s+(?:song|track)|all\s+(?:songs|tracks)|anything)\s+"
    rf"(?:(?:that\s+are|that['’]s|which\s+are|are|is)\s+)?)?"
    rf"(?:(?P<less>{_LESS})|(?P<more>{_MORE}))?\s*(?:(?:about|around|roughly|approximately|approx\.?|~)\s*)?"
    rf"\b{_AMOUNT}(?:[\s-]+long)?"
    rf"(?:\s+(?:or\s+(?P<less_after>less|shorter|under|fewer)|or\s+(?P<more_after>more|longer|over)|(?P<max_after>max(?:imum)?|tops|at\s+most)))?"
    rf"(?P<each>\s+(?:each|per\s+(?:song|track)|a\s+(?:song|track)|long\s+each))?",
    _I,
)


def _minutes(match: re.Match) -> float | None:
    text = " ".join(match.group(0).lower().replace("-", " ").split())
    if match.group("h"):
        hours = number_value(match.group("h"))
        return None if hours is None else hours * 60 + 30
    if match.group("mh"):
        minutes = number_value(match.group("mh"))
        return None if minutes is None else minutes + 0.5
    if match.group("hh"):
        return int(match.group("hh")) * 60 + int(match.group("hm"))
    if match.group("hours"):
        hours = number_value(match.group("hours"))
        if hours is None:
            return None
        return hours * 60 + (30 if match.group("half") else float(match.group("plus") or 0))
    if match.group("minutes"):
        return number_value(match.group("minutes"))
    if "and a half" in text:
        return 90.0
    if "quarter" in text or "3/4" in text:
        return 45.0 if ("three" in text or "3/4" in text) else 15.0
    if "half" in text:
        return 30.0
    return 60.0


@dataclass
class Durations:
    """The playlist's length in minutes and limits on each track's length, with the spans read."""

    playlist_min: float | None = None
    track_min_ms: int | None = None
    track_max_ms: int | None = None
    spans: list[Span] | None = None


def find_durations(text: str, tolerance_min: float) -> Durations:
    """'an hour', 'under 45 minutes' (the playlist) and 'songs under 4 minutes', 'nothing over 6 min' (each
    track). A bound on the playlist is met inside the tolerance: 'under an hour' aims at an hour less it."""
    found = Durations(spans=[])
    for match in _DURATION_RE.finditer(text):
        minutes = _minutes(match)
        if minutes is None or minutes <= 0:
            continue
        less = bool(match.group("less") or match.group("less_after") or match.group("max_after"))
        more = bool(match.group("more") or match.group("more_after"))
        per_track = (less or more) and minutes <= PER_TRACK_MAX_MINUTES and (
            bool(match.group("who") or match.group("each") or match.group("neg")) or minutes <= 10)
        if match.group("neg") and (less or more):
            less, more = more, less
        if per_track:
            if less:
                found.track_max_ms = int(minutes * 60_000)
            else:
                found.track_min_ms = int(minutes * 60_000)
        elif less:
            found.playlist_min = max(minutes / 2, minutes - tolerance_min)
        elif more:
            found.playlist_min = minutes + tolerance_min
        else:
            found.playlist_min = minutes
        start = match.start("neg") if match.group("neg") and per_track else (
            match.start("who") if match.group("who") and per_track else match.start())
        if not per_track and match.group("who"):
            start = match.end("who")
        found.spans.append((start, match.end()))
    return found
