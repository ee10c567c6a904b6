"""How long a playlist should be, as listeners say it: counts ("25 songs", "a 40-track playlist", "give me
seven", "top 10", "a couple dozen tracks") and durations ("half an hour", "an hour and ten minutes", "45-minute"),
of the playlist or of each track ("songs under 4 minutes"). Each finder returns the value and the character spans
it read, so those words leave the search text. Per-artist caps are read by the caps module (find_cap is imported
here for the callers that read all three from one place)."""

import re
from dataclasses import dataclass, field

from assistant.parsing.caps import EACH_WHO, find_cap
from assistant.parsing.durations import AMOUNT, CLOCK, SECONDS, amount_minutes, clock_minutes
from assistant.parsing.found import Found, Span
from assistant.parsing.numbers import DECIMAL, NUMBER, counted_before, number_value

__all__ = [
    "Durations",
    "Found",
    "ITEMS",
    "PER_TRACK_MAX_MINUTES",
    "find_bare_track_bound",
    "find_cap",
    "find_count",
    "find_durations",
]
PER_TRACK_MAX_MINUTES = 15  # "under 5 minutes" is about each song; "under 90 minutes" about the playlist
_I = re.I

ITEMS = (
    r"(?:songs?|tracks?|canciones|canci[oó]n|temas?|rolas?|tunes?|bangers?|jams?|hits?|anthems?|cuts?|numbers?|records?|classics?|picks?|joints?"
    r"|bops?|selections?|singles?|gems?|favou?rites?|slaps?|bangerz|oldies|ballads?|pieces?|titles?|ones)"
)
_H = r"(?:hours?|hrs?|h|horas?)"
_M = r"(?:minutes?|mins?|min|m|minutos?)"
# "one song by the same rapper", "2 tracks per band": a cap on each performer, not the playlist's count.
_NOT_A_COUNT = rf"(?!\s*(?:(?:max(?:imum)?|at\s+most|tops)\s+)?(?:{EACH_WHO}))"


# ---- counts -------------------------------------------------------------------------------------------------
# Things a number after "exactly", "just", "need" counts that are not tracks ("the bride has exactly one rule").
_OTHER_NOUNS = (
    r"(?:rules?|things?|requests?|conditions?|requirements?|asks?|wish(?:es)?|favou?rs?|questions?|notes?|reasons?"
    r"|words?|people|persons?|guests?|kids?|children|friends?|guys?|days?|weeks?|months?|nights?|rooms?|slides?)"
)
_COUNT_PATTERNS = [
    re.compile(  # "that one song" points at a song, it counts none
        rf"(?<!\bthat\s)(?<!\bthis\s)(?P<n>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER}))?(?:\s*-\s*|\s+)"
        rf"(?!of\s+(?:my|your|his|her|their|our|the\s+best\s+artists)\b)(?:(?:[a-z&'’]+-?)+\s+){{0,5}}?(?P<item>{ITEMS})\b"
        rf"{_NOT_A_COUNT}",
        _I,
    ),
    re.compile(rf"\btop\s*-?\s*(?P<n>{NUMBER})(?!\s*(?:{_H}|{_M})\b)(?![\w%])", _I),
    re.compile(
        r"\b(?:give\s+me|get\s+me|send\s+me|i\s+want|i['’]?d\s+like|i\s+need|we\s+need|need|pick|choose|find"
        r"|make\s+(?:it|that|this|the\s+(?:playlist|list|mix))|let['’]?s\s+do|lets\s+do|how\s+about|go\s+with|go\s+for"
        r"|limit(?:\s+it)?\s+to|cap(?:\s+it)?\s+at|keep\s+it\s+(?:to|at)"
        r"|(?:trim|cut|shorten|reduce|drop|lower|bring|take|knock|scale|pare|shrink|chop|increase|expand|extend|up"
        r"|bump|raise|push|boost|grow|move|get)(?:\s+(?:it|that|this|the\s+(?:playlist|list|mix|count|number)))?"
        r"(?:\s+(?:down|up|back))?\s+to"
        r"|change\s+(?:it\s+)?to|set\s+(?:it\s+)?to|only|just|exactly|precisely|total\s+of|(?:it|that)\s+should\s+be"
        r"|(?:shorter|longer|fewer|smaller|bigger|less|more)\s*,?\s*(?:like|say|maybe|to|at)|say)"
        rf"\s+(?:(?:about|around|roughly|some|like|a\s+total\s+of|a\s+round|an\s+even|a\s+solid|a\s+nice)\s+)?(?P<n>{NUMBER})"
        r"(?:\s+(?:total|in\s+total|of\s+them|altogether|please|instead|now|items?))?"
        rf"(?![\w'’%:-])(?!\s*(?:s\b|more\b|{_H}\b|{_M}\b|x\b|%|years?\b|per\b|times?\b|artists?\b|decades?\b"
        rf"|{_OTHER_NOUNS}\b))",
        _I,
    ),
    re.compile(
        rf"\b(?:playlist|list|mix|set|selection|queue|tracklist|compilation|mixtape)\s+(?:of|with)\s+"
        rf"(?:(?:about|around|roughly|exactly)\s+)?(?P<n>{NUMBER})(?![\w%])(?!\s*(?:{_H}|{_M})\b)",
        _I,
    ),
    re.compile(rf"(?P<n>{NUMBER})\s+(?:of\s+(?:them|em|'em|those|these)|in\s+total|total|altogether)(?![\w'’])", _I),
    # "songs for the car ride 20 pls": a number asked for last, on its own
    re.compile(rf"(?<![#\w])(?P<n>{NUMBER})\s+(?:pls|plz|please|thx|thanks)\W*$", _I),
]


def find_count(text: str) -> Found[float] | None:
    """The track count; the last one mentioned wins ("50 songs. Actually, make it 40")."""
    best: tuple[int, float, list[Span]] | None = None
    for pattern in _COUNT_PATTERNS:
        for match in pattern.finditer(text):
            if " ".join(match.group("n").lower().split()) == "a few":
                continue  # vague: "a few songs from the 80s" asks for no number
            read = [number_value(match.group(g)) for g in ("n", "n2") if g in match.groupdict() and match.group(g)]
            values = [v for v in read if v is not None]
            if not values or len(values) < len(read):
                continue
            if best is None or match.start() >= best[0]:
                spans = [match.span()]
                if match.groupdict().get("item"):  # "25 upbeat songs": "upbeat" stays in the search text
                    spans = [
                        (match.start(), match.end("n2") if match.group("n2") else match.end("n")),
                        match.span("item"),
                    ]
                best = (match.start(), max(values), spans)  # "15-20 songs": the most asked for
    return Found(best[1], best[2]) if best else None


# ---- durations ------------------------------------------------------------------------------------------------
_LESS = (
    r"under|below|less\s+than|shorter\s+than|no\s+(?:more|longer)\s+than|not\s+(?:more|longer)\s+than|at\s+most"
    r"|max(?:imum)?|(?<!\bit\s)(?<!\bthat\s)(?<!\bthis\s)(?<!bump\s)(?<!push\s)(?<!ramp\s)(?<!crank\s)(?<!turn\s)up\s+to"
    r"|within|tops|not\s+over|no\s+over"  # "bump it up to 4 hours" sets the length; "up to 4 hours" caps it
)
_MORE = (
    r"over|above|more\s+than|longer\s+than|more\s+long\s+than|at\s+least|min(?:imum)?|no\s+less\s+than|no\s+shorter\s+than"
    r"|not\s+under|not\s+less\s+than|exceeding|beyond|past|in\s+excess\s+of"
)
# The words for one track in a bound on each ("no piece exceeding five minutes").
_ONE_TRACK = r"(?:songs?|tracks?|pieces?|cuts?|tunes?|numbers?|selections?)"
_DURATION_RE = re.compile(
    rf"(?P<neg>\b(?:no|nothing(?:['’]s)?|none|skip|avoid|without|exclude|excluding|ditch|drop|lose|leave\s+out)\s+"
    rf"(?:(?:any|all)\s+)?(?:(?:{_ONE_TRACK}|of\s+them)\s+)?(?:(?:that\s+are|that['’]s|which\s+are)\s+)?)?"
    rf"(?P<who>\b(?:{_ONE_TRACK}|each(?:\s+one)?|every\s+(?:song|track)|all\s+(?:songs|tracks)|anything)\s+"
    rf"(?:(?:that\s+are|that['’]s|which\s+are|are|is)\s+)?)?"
    rf"(?:(?P<less>{_LESS})|(?P<more>{_MORE}))?\s*(?:(?:about|around|roughly|approximately|approx\.?|~)\s*)?"
    rf"\b(?:{AMOUNT}|{SECONDS})(?:[\s-]+long)?"
    rf"(?:\s+(?:or\s+(?P<less_after>less|shorter|under|fewer)|or\s+(?P<more_after>more|longer|over)|(?P<max_after>max(?:imum)?|tops|at\s+most))"
    rf"(?!\s+(?:than\s+)?{DECIMAL}))?"  # "over 6 minutes or under 90 seconds": a second bound, not "or under"
    rf"(?P<each>\s+(?:each|per\s+(?:song|track)|a\s+(?:song|track)|long\s+each))?",
    _I,
)


_OR_JOIN = re.compile(r"[ \t]*,?[ \t]*(?:or|nor)[ \t]+(?:(?:anything|songs?|tracks?)[ \t]+)?", _I)


# "every song between 3 and 5 minutes long", "tracks of 4-7 min each": a range of lengths is about each track.
_TRACK_RANGE_RE = re.compile(
    rf"(?P<who>\b(?:songs?|tracks?|each(?:\s+one)?|every\s+(?:song|track)|all\s+(?:songs|tracks))\s+"
    rf"(?:(?:must|should|has\s+to|have\s+to|need\s+to|needs\s+to)\s+)?(?:(?:be|are|is|of|that\s+are)\s+)?)?"
    rf"(?:between\s+|from\s+)?(?:(?P<a>{DECIMAL})\s*(?:{_M}\s*)?(?:and|to|-|–)\s*(?P<b>{DECIMAL})\s*{_M}\b"
    rf"|(?P<ac>{CLOCK})\s*(?:and|to|-|–)\s*(?P<bc>{CLOCK})(?:\s*{_M}\b)?)"
    rf"(?P<each>(?:[\s-]+long)?(?:\s+(?:each|per\s+(?:song|track)|a\s+(?:song|track)))?)",
    _I,
)
# "no song is under 3 minutes or over 7 minutes": both bounds in one breath.
_TRACK_OUTSIDE_RE = re.compile(
    rf"\b(?:no|not\s+a|none\s+of\s+the)\s+(?:songs?|tracks?)\s+(?:(?:is|are|should\s+be|that['’]?s|that\s+is)\s+)?"
    rf"(?:under|shorter\s+than|below|less\s+than)\s+(?P<a>{DECIMAL})\s*(?:{_M}\s*)?(?:or|nor)\s+"
    rf"(?:over|longer\s+than|above|more\s+than)\s+(?P<b>{DECIMAL})\s*{_M}\b",
    _I,
)
# What a duration may describe besides the playlist: "we don't need 10 min solos".
_PART_NOUNS = re.compile(
    r"[\s-]*(?:long\s+)?(?:solos?|intros?|outros?|jams?|epics?|breakdowns?|build-?ups?|versions?"
    r"|edits?|remixes|mixes|bridges?|drum\s+solos?|guitar\s+solos?)\b",
    _I,
)


def _track_range(text: str, found: "Durations") -> str:
    """Reads a per-track range of lengths into `found`; the text with it masked."""
    for match in [*_TRACK_OUTSIDE_RE.finditer(text), *_TRACK_RANGE_RE.finditer(text)]:
        if "\x1f" in text[match.start() : match.end()]:
            continue  # already read as the other form
        groups = match.groupdict()
        low, high = (clock_minutes(groups.get(a) or groups[c] or "") for a, c in (("ac", "a"), ("bc", "b")))
        if low is None or high is None or not 0 < low < high <= PER_TRACK_MAX_MINUTES:
            continue
        if match.re is _TRACK_RANGE_RE and not (match.group("who") or match.group("each").strip() or high <= 10):
            continue
        found.track_min_ms, found.track_max_ms = round(low * 60_000), round(high * 60_000)
        who = match.groupdict().get("who")
        start = match.end("who") if who and counted_before(text, match.start()) else match.start()
        found.spans.append((start, match.end()))  # "10 songs between 3 and 5 minutes": "songs" is the count's
        text = text[:start] + "\x1f" * (match.end() - start) + text[match.end() :]
    return text


@dataclass
class Durations:
    """The playlist's length in minutes and limits on each track's length, with the spans read."""

    playlist_min: float | None = None
    track_min_ms: int | None = None
    track_max_ms: int | None = None
    spans: list[Span] = field(default_factory=list)


def find_durations(text: str, tolerance_min: float) -> Durations:
    """'an hour', 'under 45 minutes' (the playlist) and 'songs under 4 minutes', 'nothing over 6 min' (each
    track). A bound on the playlist is met inside the tolerance: 'under an hour' aims at an hour less it."""
    found = Durations()
    text = _track_range(text, found)
    negated_end = -1
    for match in _DURATION_RE.finditer(text):
        minutes = amount_minutes(match)
        if minutes is None or minutes <= 0 or _PART_NOUNS.match(text, match.end()):
            continue
        less = bool(match.group("less") or match.group("less_after") or match.group("max_after"))
        more = bool(match.group("more") or match.group("more_after"))
        # "none of them over 6 minutes or under 90 seconds": a bound joined by "or" to a negated one is negated too
        negated = bool(match.group("neg")) or bool(_OR_JOIN.fullmatch(text, negated_end, match.start()))
        negated_end = match.end() if negated and (less or more) else -1
        per_track = (
            (less or more)
            and minutes <= PER_TRACK_MAX_MINUTES
            and (bool(match.group("who") or match.group("each") or negated) or minutes <= 10)
        )
        if negated and (less or more):
            less, more = more, less
        if match.group("sq") and not per_track:
            found.spans.append(match.span())  # "those tiny 90 second songs": a track's length, no bound on it
            continue
        if per_track:
            if less:
                found.track_max_ms = round(minutes * 60_000)
            else:
                found.track_min_ms = round(minutes * 60_000)
        elif less:
            found.playlist_min = max(minutes / 2, minutes - tolerance_min)
        elif more:
            found.playlist_min = minutes + tolerance_min
        else:
            found.playlist_min = minutes
        start = (
            match.start("neg")
            if match.group("neg") and per_track
            else (match.start("who") if match.group("who") and per_track else match.start())
        )
        if match.group("who") and (not per_track or counted_before(text, match.start("who"))):
            start = match.end("who")  # "10 songs under 3 minutes each": "songs" is the count's
        found.spans.append((start, match.end()))
    return found


# After a turn that limited each track's length, a bound on a bare number keeps that unit ("songs at least 3 min
# each" then "and nothing longer than 5": 5 minutes a track, never 5 songs or a longer playlist).
_BARE_TRACK_BOUND_RE = re.compile(
    r"(?P<neg>\b(?:no|nothing|none)\s+(?:(?:songs?|tracks?|of\s+them)\s+)?(?:(?:that\s+are|that['’]s|which\s+are)\s+)?)?"
    r"(?:\b(?:songs?|tracks?|each(?:\s+one)?|every\s+(?:song|track)|all\s+(?:songs|tracks))\s+"
    r"(?:(?:that\s+are|that['’]s|which\s+are|are|is|should\s+be|must\s+be)\s+)?)?"
    r"\b(?:(?P<less>shorter\s+than|under|below|at\s+most|max(?:imum)?|up\s+to)"
    r"|(?P<more>longer\s+than|over|above|at\s+least|min(?:imum)?))"
    rf"\s+(?P<n>{DECIMAL}|{CLOCK})(?![\w'’%.:])(?!\s*-?\s*(?:{ITEMS}|{_H}|{_M}|seconds?|secs?|more|fewer|less|per|and\s+a\s+(?:half|quarter))\b)",
    _I,
)


def find_bare_track_bound(text: str) -> Durations:
    """Bounds on each track's length typed as bare numbers of minutes (the unit the turn before set)."""
    found = Durations()
    for match in _BARE_TRACK_BOUND_RE.finditer(text):
        minutes = clock_minutes(match.group("n"))
        if minutes is None or not 0 < minutes <= PER_TRACK_MAX_MINUTES:
            continue
        less = bool(match.group("less")) != bool(match.group("neg"))  # "nothing longer than 5": at most 5
        if less:
            found.track_max_ms = round(minutes * 60_000)
        else:
            found.track_min_ms = round(minutes * 60_000)
        found.spans.append(match.span())
    return found
