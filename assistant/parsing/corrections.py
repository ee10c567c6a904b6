"""Self-corrections: a value typed, taken back and said again in the same text ("12 songs, no wait, 15", "make it
20... actually 25", "an hour, sorry, 90 minutes", "10 tracks — I mean 12", "the 80s, no, the 90s"). The later
value wins. One grammar for the words that take a value back (MARKER), read here for numbers, by the years reader
for times, and by resize.py for a follow-up that only says the number again ("wait, I meant 12").

A number said again bare ("…, no wait, 15") means what the number it corrects meant: the view the number readers
see has the later number in the earlier one's place, with the earlier one's words ("15 songs", "make it 25",
"add 10 more", "track 4"), and the taking back masked, offsets unchanged. A later value with words of its own
("…, sorry, 90 minutes") only masks the earlier quantity. A bare number after an amount of time counts its unit
where that makes a playlist ("2 hours, no, 3"), else minutes ("an hour, no, 90")."""

import re
from dataclasses import dataclass, field

from assistant.models import MAX_MINUTES
from assistant.parsing.caps import EACH_WHO
from assistant.parsing.durations import AMOUNT
from assistant.parsing.lengths import ITEMS
from assistant.parsing.numbers import NUMBER, number_value
from assistant.parsing.tokens import MASK, Span, overlaps
from assistant.parsing.year_sets import YearSet
from assistant.parsing.years import find_times, time_at

_STOPS = r"[\s,;:!?.…—–-]"
TAKE_BACK = (
    r"no\s+wait|wait|hang\s+on|hold\s+on|sorry|actually|i\s+mean(?:t)?(?:\s+to\s+say)?|i\s+said|or\s+rather"
    r"|scratch\s+that|correction|typo|oops|whoops|my\s+bad|on\s+second\s+thought|erm*|um+|uh+|hmm+|ugh+|argh+"
)
_NO = rf"(?:no|nah|nope)(?={_STOPS}*(?:{TAKE_BACK})\b|\s*[,;:!?.…—–-])"  # "no, 90s"; "no 90s" is a negation
SAY_INSTEAD = r"make\s+(?:it|that)|change\s+(?:it|that)\s+to|let['’]?s\s+(?:say|do|go\s+with)"
# One or more words taking a value back, with the punctuation around them.
MARKER = rf"(?:{_STOPS}*(?:\b(?:{TAKE_BACK}|{_NO}|{SAY_INSTEAD})\b|(?<!\S)\*(?=\w)))+{_STOPS}*"  # "*fifty": a chat fix
_MARKER_RE = re.compile(MARKER, re.I)
_SAY_INSTEAD_RE = re.compile(rf"\b(?:{SAY_INSTEAD})\W*$", re.I)
_ONLY = re.compile(r"(?:just|only|simply)\s+", re.I)  # "the 60s, hmm no, just the 70s"
_VAGUE = re.compile(r"(?:a\s+)?(?:few|couple(?:\s+of)?|some|several|bunch(?:\s+of)?)$", re.I)

_UNIT = r"(?:minutes?|mins?|min|hours?|hrs?|h)"
_RELATIVE = r"(?:more|fewer|less|extra)"
_AMOUNT_RE = re.compile(AMOUNT, re.I)
_NUMBER_RE = re.compile(NUMBER, re.I)
_OWN_WORDS = re.compile(rf"\s*-?\s*(?:{_RELATIVE}|{ITEMS}|{_UNIT})\b", re.I)  # "15 songs", "10 more"
_TIME_WORDS = re.compile(rf"\b(?:{_UNIT}|hour)\b|\d:\d", re.I)
_HOURS = re.compile(r"\b(?:hours?|hrs?|h)\b", re.I)
_POSITION_BEFORE = re.compile(r"\b(?:track|song|number|no\.?|position|spot|slot)\s*$|#\s*$", re.I)
_WINDOW = 120  # characters before a marker searched for the quantity it takes back
# What a marker takes back: an amount of time ("an hour"), a number with the words that say what it counts right
# before the marker ("12 songs", "make it 20", "add 5 more", "track 3"), or a number counting items a few words
# before it ("12 upbeat songs", "20 songs of rock").
_EARLIER_AMOUNT = re.compile(rf"(?:{AMOUNT})(?:[\s-]+long)?\s*$", re.I)
_EARLIER_NUMBER = re.compile(
    rf"(?P<n>{NUMBER})(?P<tail>(?:[\s-]+{_RELATIVE})?(?:[\s-]+(?:{ITEMS}|{_UNIT}))?(?:[\s-]+long)?)\s*$", re.I
)
_EARLIER_COUNT = re.compile(
    rf"(?P<n>{NUMBER})(?:[\s-]+{_RELATIVE})?(?:[\s-]+[\w&'’]+){{0,3}}?"
    rf"[\s-]+(?P<item>{ITEMS})\b(?:[\s-]+[\w&'’]+){{0,4}}\s*$",
    re.I,
)

# A length of each track right before the marker ("nothing over 4 min per song... ugh, make that 5 min").
_EARLIER_EACH = re.compile(
    rf"(?P<amount>{AMOUNT})\s+(?:per\s+(?:song|track)|each|a\s+(?:song|track)|per\s+tune)[\s.…,;:!-]*$", re.I
)
# A cap right before the marker ("no more than 3 per artist, hmm, make that 2"): the number said again is the cap's.
_EARLIER_CAP = re.compile(rf"(?P<n>{NUMBER})(?P<tail>\s*(?:(?:songs?|tracks?|tunes?)\s+)?{EACH_WHO})\s*$", re.I)


@dataclass
class Corrected:
    """The text as the number readers should see it, the spans it takes back or moved (read as nothing), and the
    markers standing before a time said again (the years reader replaces the times before them)."""

    view: str
    taken: list[Span] = field(default_factory=list)
    time_markers: list[Span] = field(default_factory=list)
    written: list[Span] = field(default_factory=list)  # where the view's words differ from the text's

    def moved(self, read: list[Span]) -> list[Span]:
        """The rewritten places a reader read from: wholly read, since the text there holds other words."""
        return [span for span in self.written if overlaps(span, read)]


class _View:
    """The characters being rewritten, offsets unchanged."""

    def __init__(self, text: str):
        self.chars = list(text)
        self.taken: list[Span] = []
        self.written: list[Span] = []

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def write(self, start: int, end: int, words: str = "") -> None:
        """Words at start, the rest up to end masked and taken."""
        self.chars[start:end] = list(words) + [MASK] * (end - start - len(words))
        if words:
            self.written.append((start, start + len(words)))
        if start + len(words) < end:
            self.taken.append((start + len(words), end))


def _later(text: str, pos: int) -> tuple[re.Match, bool] | None:
    """The value said again at pos, and whether it has words of its own ("90 minutes", "15 songs", "10 more")."""
    amount = _AMOUNT_RE.match(text, pos)
    if amount and _TIME_WORDS.search(amount.group(0)):
        return amount, True
    number = _NUMBER_RE.match(text, pos)
    if number is None or number_value(number.group(0)) is None:
        return None
    return number, _OWN_WORDS.match(text, number.end()) is not None


def _in_time(earlier: str, value: float) -> str:
    """The unit a bare number said again after an amount of time counts."""
    hours = _HOURS.search(earlier) and not re.search(r"\bmin", earlier, re.I)
    return " hours" if hours and value * 60 <= MAX_MINUTES else " minutes"


def _take_back(view: _View, marker: re.Match, later: re.Match, own_words: bool) -> bool:
    """Rewrites one correction; False where nothing before the marker is a quantity it takes back."""
    low = max(0, marker.start() - _WINDOW)
    before = view.text[low : marker.start()]
    said = later.group(0)
    amount, number = _EARLIER_AMOUNT.search(before), _EARLIER_NUMBER.search(before)
    if amount and _TIME_WORDS.search(amount.group(0)) and (number is None or amount.start() <= number.start()):
        if own_words:
            view.write(low + amount.start(), later.start())
            return True
        words = said + _in_time(amount.group(0), number_value(said) or 0)
        if len(words) > later.end() - low - amount.start():
            return False
        view.write(low + amount.start(), later.end(), words)
        return True
    if number and _VAGUE.match(number.group("n")) and _SAY_INSTEAD_RE.search(marker.group(0)):
        view.write(low + number.start(), low + number.end())  # "add a few more, make it 24": 24 in all
        return True
    if number and own_words:  # "12 songs, sorry, an hour", "give me 10, no wait, 12 songs": the earlier one goes
        if not number.group("tail").strip() and _POSITION_BEFORE.search(before, 0, number.start()):
            return False  # "drop track 3, actually 20 songs": a place in the playlist is no length
        view.write(low + number.start(), later.start())
        return True
    if number:
        view.write(low + number.start(), later.end(), said + number.group("tail"))
        return True
    each = _EARLIER_EACH.search(before) if own_words else None
    if each and _TIME_WORDS.search(said) and len(said) <= len(each.group("amount")):
        view.write(low + each.start("amount"), low + each.end("amount"), said)  # "4 min per song... make that 5 min"
        view.write(marker.start(), later.end())
        return True
    cap = None if own_words else _EARLIER_CAP.search(before)
    if cap:
        return _take_back_cap(view, low, cap, marker, later.group(0))
    count = _EARLIER_COUNT.search(before)
    if count is None or own_words:
        return False
    if len(said) <= len(count.group("n")):  # "twelve upbeat songs, no, 15": 15 in its place
        view.write(low + count.start("n"), low + count.end("n"), said)
        view.write(marker.start(), later.end())
        return True
    item_last = not before[count.end("item") :].strip()  # the item ends the quantity: write over it
    start = low + count.start("item") if item_last else marker.start()
    words = f"{'' if item_last else ' '}{said} {count.group('item')}"
    if len(words) > later.end() - start:
        return False
    view.write(low + count.start("n"), low + count.end("n"))
    if not item_last:
        view.write(low + count.start("item"), low + count.end("item"))
    view.write(start, later.end(), words)
    return True


def _take_back_cap(view: _View, low: int, cap: re.Match, marker: re.Match, said: str) -> bool:
    """ "3 per artist, hmm, make that 2": the view reads "2 per artist"."""
    if len(said) <= len(cap.group("n")):
        view.write(low + cap.start("n"), low + cap.end("n"), said)
        view.write(marker.start(), marker.end() + len(said))
        return True
    words = f" {said}{cap.group('tail')}"
    if len(words) > marker.end() + len(said) - marker.start():
        return False
    view.write(low + cap.start(), low + cap.end())
    view.write(marker.start(), marker.end() + len(said), words)
    return True


def corrected(text: str) -> Corrected:
    """The view of `text` in which each number taken back is replaced by the one said after it (see the module
    docstring); names with numbers should already be hidden."""
    view = _View(text)
    time_markers: list[Span] = []
    pos = 0
    while (marker := _MARKER_RE.search(view.text, pos)) is not None:
        pos = marker.end()
        later = _later(view.text, marker.end())
        if later is not None:
            if _take_back(view, marker, *later):
                pos = marker.start()
            continue
        only = _ONLY.match(view.text, marker.end())
        at = only.end() if only else marker.end()
        time = time_at(view.text, at)
        earlier = find_times(view.text[: marker.start()]) if time is not None and not time.bound else []
        if time is not None and earlier:
            time_markers.append((marker.start(), at))
            view.taken += _said_again(view.text, time.span[1], {e.years for e in earlier} - {time.years})
    return Corrected(view.text, view.taken + time_markers, time_markers, view.written)


def _said_again(text: str, start: int, rejected: set[YearSet]) -> list[Span]:
    """A time taken back and named again after its correction is a remark, not a wish ("actually make it 90s, the
    80s were more my parents' era")."""
    later = find_times(text[start:])
    return [(start + t.span[0], start + t.span[1]) for t in later if t.years in rejected and not t.bound]
