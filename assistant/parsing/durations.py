"""Amounts of time as listeners say them, read as minutes. One grammar:

    amount  := [a full | a good | a solid ...] (hours | part of an hour | minutes)
    hours   := quantity [and a half | and a quarter] hour(s) [[,] [and] tail]
    tail    := a half | a quarter | three quarters | N minutes | N          ("an hour ten", "1 hour 10 of rock")
    part    := half | a quarter | three quarters | 3/4  [of] [an] hour     ("quarter hour", "half-hour")
    minutes := quantity [and a half] minute(s)

A quantity is any number the numbers module reads ("an", "one", "1.5", "a couple of", "two")."""

import re

from assistant.parsing.numbers import DECIMAL, number_value

_H = r"(?:hours?|hrs?|h|horas?|heures?|stunden?)"  # Spanish, Portuguese, French, German as well
_M = r"(?:minutes?|mins?|min|m|minutos?|minuten)"
_ONE = r"(?:an?|one|une|una|uma|eine?)"
_ADJ = r"(?:full|whole|solid|good|straight|entire|total)"
_FRACTION = r"(?:a[\s-]+half|half|a[\s-]+quarter|one[\s-]+quarter|quarter|three[\s-]+quarters|3/4|1/2|1/4)"
# After "an hour", a number with no unit is its minutes only where the phrase plainly ends there. Spaces are
# [ \t], never \s: \s also matches the mask character that stands for words already read.
_BARE_END = (
    r"(?=[ \t]*(?:$|[,.;:!?)]|(?:of|for|to|long|please|pls|total|in\s+total|max|tops|or|with|and|playlist"
    r"|mix|set|session|drive|ride|run|workout|worth)\b))"
)

# "2:30" is a length, unless it is a time of day: "at 9:15", "my 9:15 appointment", "the 7:40 train".
_NOT_A_CLOCK_BEFORE = (
    "".join(
        rf"(?<!{w} )"
        for w in ("at", "by", "til", "till", "until", "my", "the", "from", "since", "after", "before", "our")
    )
    + "(?<!@)"
)
_NOT_A_CLOCK_AFTER = (
    r"(?!\s*(?:am|pm|a\.m|p\.m|appointment|meeting|class|lecture|call|train|bus|flight|ferry|shift|start|kick-?off"
    r"|alarm|show|slot|booking|session|standup|stand-up)\b)"
)
AMOUNT = (
    rf"(?:(?:an?\s+)?{_ADJ}\s+)?(?:"
    rf"(?:(?P<hq>{DECIMAL}|{_ONE})(?:\s+{_ADJ})?|(?P<ha>an?\s+{_ADJ})|(?P<hl>(?<![\w-])(?=hour[\s-]+(?:long|and)\b)))"
    rf"(?:[\s-]+and[\s-]+(?P<hqf>{_FRACTION}))?\s*(?:-\s*)?{_H}\b"
    rf"(?:(?:[ \t]*,?[ \t]*|[ \t-]+)(?:and[ \t-]+)?(?:(?P<htf>{_FRACTION})\b(?!\s*(?:of\s+)?(?:an?\s+)?hour)"
    rf"|(?P<htm>\d{{1,2}}|{DECIMAL})\s*(?:-\s*)?{_M}\b|(?P<htb>\d{{1,2}}|{DECIMAL}){_BARE_END}))?"
    rf"|(?P<part>{_FRACTION})\s*(?:-\s*|\s+)(?:of\s+)?(?:an?\s+)?hour\b"
    rf"|(?P<hh>\d{{1,2}})\s*h\s*(?P<hm>\d\d)\b"
    rf"|{_NOT_A_CLOCK_BEFORE}(?P<mm>\d{{1,2}}):(?P<ss>[0-5]\d)(?![\d:]){_NOT_A_CLOCK_AFTER}"
    rf"|(?P<mq>{DECIMAL})(?:\s+and\s+(?P<mqf>a\s+half))?\s*(?:-\s*)?{_M}\b"
    rf")"
)
# A length in seconds ("200 seconds", "a 90-second song"): a track's, never a playlist's or a count.
SECONDS = rf"(?P<sq>{DECIMAL})\s*(?:-\s*)?(?:seconds?|secs?)\b"
# A length as minutes and seconds ("2:30", "4:00").
CLOCK = r"\d{1,2}:[0-5]\d(?![\d:])"


def clock_minutes(text: str) -> float | None:
    """ "2:30" -> 2.5; a number the numbers module reads ("4", "three") -> itself."""
    if ":" in text:
        minutes, seconds = text.split(":")
        return int(minutes) + int(seconds) / 60
    return number_value(text)


def _fraction(text: str) -> float:
    words = " ".join(text.lower().split())
    if "three" in words or "3/4" in words:
        return 0.75
    return 0.25 if "quarter" in words or "1/4" in words else 0.5


def _quantity(text: str | None) -> float | None:
    if text is None:
        return None
    words = " ".join(text.lower().split())
    return 1.0 if words in ("a", "an", "one", "une", "una", "uma", "ein", "eine") else number_value(words)


def amount_minutes(match: re.Match) -> float | None:
    """The minutes an AMOUNT match names; None where a part is not a number."""
    groups = match.groupdict()
    if groups.get("sq"):
        seconds = _quantity(groups["sq"])
        return None if seconds is None else seconds / 60
    if groups.get("part"):
        return 60 * _fraction(groups["part"])
    if groups.get("mm"):  # "under 4:00": minutes and seconds
        return int(groups["mm"]) + int(groups["ss"]) / 60
    if groups.get("hh"):
        return int(groups["hh"]) * 60 + int(groups["hm"])
    if groups.get("mq"):
        minutes = _quantity(groups["mq"])
        return None if minutes is None else minutes + (0.5 if groups.get("mqf") else 0)
    hours = 1.0 if groups.get("ha") or groups.get("hl") is not None else _quantity(groups.get("hq"))
    if hours is None:
        return None
    hours += _fraction(groups["hqf"]) if groups.get("hqf") else 0
    tail = 0.0
    if groups.get("htf"):
        tail = 60 * _fraction(groups["htf"])
    elif groups.get("htm") or groups.get("htb"):
        value = _quantity(groups.get("htm") or groups.get("htb"))
        if value is None or value >= 60:
            return None
        tail = value
    return hours * 60 + tail
