"""How a follow-up changes the playlist's length: by an amount ("add 5 more", "bump it up by five", "knock off two",
"two fewer", "cut it down by 3", "ten more minutes"), by a factor ("double it"), vaguely ("a bit longer", "more
songs"), or by correcting the number last typed ("wait, I meant 12", "sorry, 12 not 10", "I said 12").

A change is a direction and an amount, said one of a few ways: a verb with "by" ("up it by 3"), a verb with "off"
("shave off 2"), a number with "more" / "fewer" ("five more", "2 less songs"), or a verb with the number
("add 3", "trim two songs"). The amount counts tracks unless it names minutes or hours."""

import re
from dataclasses import dataclass

from assistant.models import MAX_MINUTES, MAX_TRACKS, PlaylistRequest
from assistant.parsing.corrections import SAY_INSTEAD, TAKE_BACK
from assistant.parsing.durations import AMOUNT, amount_minutes
from assistant.parsing.lengths import ITEMS
from assistant.parsing.numbers import NUMBER, number_value
from assistant.parsing.tokens import Span, Token, index_at
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vibe_terms import term_at
from assistant.parsing.vocabulary import CatalogVocabulary

SOFT_CHANGE = 0.25  # "longer" / "shorter" without a number change the length by this share
_NOUN = r"(?:tracks?|songs?|numbers?|ones?|tunes?|bangers?)"
_UNIT = r"(?:minutes?|mins?|hours?|hrs?)"
_HOURS_RE = re.compile(r"\b(?:hours?|hrs?)\b", re.I)
_WHAT = rf"(?:\s+(?:more\s+)?(?:{_NOUN}|{_UNIT}))?"  # what the amount counts: tracks, unless minutes or hours
_IT = r"(?:\s+(?:it|that|this|the\s+(?:playlist|list|mix|count|number|length|set)))?"
_END = r"(?![\w'’])"
_GROW_VERBS = r"(?:bump|up|increase|raise|grow|extend|lengthen|push|boost|expand|pad|stretch)"
_SHRINK_VERBS = r"(?:cut|trim|reduce|drop|lower|shrink|shorten|bring|knock|take|scale|pare|chop)"
_GROW_RE = re.compile(
    rf"\b{_GROW_VERBS}{_IT}(?:\s+(?:up|out))?\s+by\s+(?:another\s+)?(?P<n>{NUMBER}){_WHAT}{_END}"
    rf"|\b(?:add(?:\s+(?:another|in|on))?|plus|throw\s+in|another|tack\s+on)\s+(?P<n2>{NUMBER})(?:\s+more)?{_WHAT}{_END}"
    rf"|(?P<n3>{NUMBER})\s+more{_WHAT}{_END}"
    rf"|(?P<n4>{NUMBER}){_WHAT}\s+longer{_END}",
    re.I,
)
_SHRINK_RE = re.compile(
    rf"\b{_SHRINK_VERBS}{_IT}(?:\s+(?:down|back))?\s+by\s+(?P<n>{NUMBER}){_WHAT}{_END}"
    rf"|\b(?:knock|take|shave|chop|lop|trim|strip)\s+off\s+(?P<n2>{NUMBER}){_WHAT}{_END}"
    rf"|\b(?:knock|take|shave|chop|lop)\s+(?P<n3>{NUMBER}){_WHAT}\s+off\b"
    rf"|\b(?:remove|drop|cut|lose|trim|shave|chop|ditch|axe|take\s+out|take\s+away|get\s+rid\s+of)\s+(?P<n4>{NUMBER})"
    rf"\s+(?:{_NOUN}|{_UNIT}|of\s+(?:them|those|these|em|'em|the\s+(?:songs|tracks)))\b"  # "cut ten of them"
    rf"|(?P<n5>{NUMBER})\s+(?:fewer|less)(?:\s+{_NOUN}\b|(?=\s*(?:$|[,.;:!?]|please\b|pls\b|then\b|now\b)))"
    rf"|(?P<n6>{NUMBER}){_WHAT}\s+shorter{_END}",
    re.I,
)
# An amount of time with its direction: "add half an hour", "cut it down by an hour", "an hour longer".
_TIME_CHANGE_RE = re.compile(
    rf"(?:\b(?:(?P<grow>{_GROW_VERBS}{_IT}(?:\s+(?:up|out))?\s+by|add(?:\s+(?:another|in|on))?|plus|another|tack\s+on)"
    rf"|(?P<shrink>{_SHRINK_VERBS}{_IT}(?:\s+(?:down|back))?\s+by|(?:knock|take|shave|chop|lop|trim|strip)\s+off)"
    rf"|(?P<off>knock|take|shave|chop|lop))\s+(?:another\s+)?)?"
    rf"\b{AMOUNT}(?:\s+(?:(?P<more>more|longer)|(?P<less>less|shorter)|(?P<off_after>off)))?{_END}",
    re.I,
)
_GROW_VAGUE_RE = re.compile(
    r"\b(?P<more>(?:add\s+)?(?:some\s+)?more\s+(?:songs|tracks)|add\s+(?:a\s+few\s+)?(?:more\s+)?"
    r"(?:songs|tracks))\b|\b(?:make\s+it\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|much\s+)*longer\b",
    re.I,
)
_SHRINK_VAGUE_RE = re.compile(
    r"\b(?:(?:make\s+it\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|much\s+)*shorter(?!\s+(?:songs?|tracks?|ones|tunes))"
    r"|fewer\s+(?:songs|tracks))\b",  # "shorter songs" is about each song
    re.I,
)
_SCALE_RE = re.compile(
    r"\b(?P<double>double\s+it|double\s+the\s+(?:length|songs|tracks)|twice\s+as\s+(?:many|long))"
    r"|\b(?P<half>halve\s+it|half\s+as\s+(?:many|long)|cut\s+it\s+in\s+half)\b",
    re.I,
)

# Corrections: the number said again, with what it replaces ("12, not 10") and the words that introduce it.
_REJECTED_RE = re.compile(
    rf"(?:{NUMBER}(?:\s+(?:{_NOUN}|minutes?|mins?|hours?))?|\bhours?|\bminutes?)\s*,?\s*"
    rf"(?P<rejected>\b(?:not|instead\s+of|rather\s+than)\s+(?:the\s+)?(?:{AMOUNT}|{NUMBER}(?:\s+{_NOUN})?)){_END}",
    re.I,
)
# A complaint about the size before the number said again ("too many, 60", "that's way too few: 30").
_TOO = r"(?:(?:that['’]?s|that\s+is|it['’]?s|way|far|much)\s+)*too\s+(?:many|few)(?:\s+(?:songs|tracks))?"
_PREAMBLE = (
    rf"(?:(?:(?:{TAKE_BACK}|{SAY_INSTEAD}|{_TOO}|ok(?:ay)?|now|so|i\s+asked\s+for|i\s+wanted|that\s+should\s+be)"
    rf"[\s,:.!-]+)|(?:no|nah|nope)(?:\s*[,:.!-]|\s+(?=(?:{TAKE_BACK})\b))\s*)*"
)  # the words that take a value back, as corrections has them ("no sorry, 15 not 50")
_BARE_RE = re.compile(rf"\s*{_PREAMBLE}(?P<n>{NUMBER})(?:\s+{_NOUN})?\s*[,.]?\s*(?:please|pls|thanks)?[.!?]*\s*", re.I)


# "N more" and what follows it: tracks ("one more song", "1 more", "two more like track 3", "3 more by Drake")
# or something else ("one more thing, …", "one more question", "one more: no Drake").
_N_MORE_RE = re.compile(rf"(?P<n>{NUMBER})\s+more\b", re.I)
_TRACKS_NEXT = re.compile(
    rf"\s*(?:$|[,.;!?)]|(?:{ITEMS}|one|{_UNIT})\b|\d|(?:like|similar|by|from|of|off|in"
    r"|with|that|which|please|pls|then|now|too|as|and|but|for|to|at|on|if|so|here|there"
    r"|again)\b)",
    re.I,
)
_CLAUSE_NEXT = re.compile(r"\s*(?:[:—–]|-\s|(?:i|you|we|it|can|could|would|will|should|let|lets|let['’]s)\b)", re.I)
_ITEM_SOON = re.compile(rf"(?:\s+[\w&'’-]+){{0,3}}?\s+(?:{ITEMS}|one)\b", re.I)


def not_more_tracks(text: str, tokens: list[Token], vocab: CatalogVocabulary) -> list[Span]:
    """Spans of "N more" that count no tracks: followed by a clause ("one more: no Drake") or by a noun that is not
    a track's ("one more thing", "one more request"); "N more" before a track noun, a name, a genre, a sound word,
    a preposition or nothing counts tracks ("one more upbeat song", "two more Drake", "2 more rock", "1 more")."""
    spans = []
    for match in _N_MORE_RE.finditer(text):
        end = match.end()
        if _CLAUSE_NEXT.match(text, end):
            spans.append(match.span())
            continue
        if _TRACKS_NEXT.match(text, end) or _ITEM_SOON.match(text, end):
            continue
        i = index_at(tokens, end)
        if i < len(tokens) and (
            vocab.genre_at(tokens, i) or vocab.artist_at(tokens, i) or term_at(tokens, i, lexicon())
        ):
            continue
        word = re.match(r"\s*[\w'’-]+", text[end:])
        spans.append((match.start(), end + (word.end() if word else 0)))
    return spans


@dataclass
class Resize:
    """A new length: a track count or minutes (one of them), the span it was read from, and a note if any."""

    span: Span
    count: int | None = None
    minutes: float | None = None
    note: str | None = None


def rejected_spans(text: str) -> list[Span]:
    """'12 not 10', 'an hour instead of 45 minutes': the replaced amounts, to be read as nothing."""
    return [m.span("rejected") for m in _REJECTED_RE.finditer(text)]


def bare_count(text: str) -> int | None:
    """The follow-up is only a number, maybe introduced as a correction ("wait, I meant 12", "I said 12")."""
    match = _BARE_RE.fullmatch(text)
    value = number_value(match.group("n")) if match else None
    return None if value is None or value != int(value) else int(value)


def _bounded_minutes(value: float) -> float:
    return max(5.0, min(float(MAX_MINUTES), round(value)))


def _time_change(text: str) -> tuple[int, float, re.Match] | None:
    """(direction, minutes, match) of the first amount of time said as a change."""
    for match in _TIME_CHANGE_RE.finditer(text):
        grow, shrink = match.group("grow") or match.group("more"), match.group("shrink") or match.group("less")
        off = match.group("off") and match.group("off_after") or match.group("off_after") and not grow
        minutes = amount_minutes(match)
        if minutes and (grow or shrink or off) and not (grow and (shrink or off)):
            return (1 if grow else -1), minutes, match
    return None


def exact_change(text: str, current: PlaylistRequest, length: int) -> Resize | None:
    """A change by a stated amount: tracks added or taken off, or minutes when a unit says so."""
    timed = _time_change(text)
    if timed:
        sign, minutes, match = timed
        return _minutes_change(current, sign * minutes, match)
    grow, shrink = _GROW_RE.search(text), _SHRINK_RE.search(text)
    found = [m for m in (grow, shrink) if m]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    sign = 1 if match is grow else -1
    name, raw = next((name, value) for name, value in match.groupdict().items() if value)
    amount = number_value(raw) or 0
    unit = re.search(rf"\b{_UNIT}\b", match.group(0)[match.end(name) - match.start() :], re.I)
    if unit:
        return _minutes_change(current, sign * amount * (60 if _HOURS_RE.match(unit.group(0)) else 1), match)
    return Resize(count=max(1, min(MAX_TRACKS, length + sign * int(amount))), span=match.span())


def _minutes_change(current: PlaylistRequest, minutes: float, match: re.Match) -> Resize:
    if current.constraints.duration_min is None:
        return Resize(
            span=match.span(),
            note=f"could not apply: '{match.group(0).strip()}' (the playlist has no "
            "length in minutes to change; say how long it should be)",
        )
    return Resize(minutes=_bounded_minutes(current.constraints.duration_min + minutes), span=match.span())


def vague_change(text: str, current: PlaylistRequest, length: int) -> Resize | None:
    """'double it', 'a bit longer', 'more songs', 'shorter': the length moves by a share of itself."""
    constraints = current.constraints
    scale = _SCALE_RE.search(text)
    if scale:
        factor = 2.0 if scale.group("double") else 0.5
        if constraints.duration_min is not None:
            return Resize(minutes=_bounded_minutes(constraints.duration_min * factor), span=scale.span())
        return Resize(count=max(1, min(MAX_TRACKS, round(length * factor))), span=scale.span())
    grow, shrink = _GROW_VAGUE_RE.search(text), _SHRINK_VAGUE_RE.search(text)
    match = grow or shrink
    if match is None:
        return None
    sign = 1 if match is grow else -1
    if constraints.duration_min is not None:
        return Resize(minutes=_bounded_minutes(constraints.duration_min * (1 + sign * SOFT_CHANGE)), span=match.span())
    if match is grow and match.group("more") and "longer" not in match.group(0).lower():
        return Resize(count=min(MAX_TRACKS, length + 5), span=match.span())
    changed = max(1, min(MAX_TRACKS, round(length * (1 + sign * SOFT_CHANGE))))
    return Resize(count=changed, span=match.span(), note=f"made it {changed} tracks instead of {length}")
