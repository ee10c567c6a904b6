"""Reading the vibe terms of a text: every term over the tokens no other reader took, left to right, each turned into
what it asks (vibe) or, in a follow-up, a shift; a tolerated term ("a vocal here and there is fine") asks nothing,
and a sound word right before another says how the thing sounds."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.models import VibeShift
from assistant.parsing.tokens import Span, Token
from assistant.parsing.vibe import Want, shift_of, wants_of
from assistant.parsing.vibe_degrees import MAX_DEGREE
from assistant.parsing.vibe_lexicon import PRIORITY, Lexicon
from assistant.parsing.vibe_terms import VibeTerm, term_at


@dataclass
class VibeReading:
    wants: list[Want] = field(default_factory=list)
    shifts: list[VibeShift] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # character spans read as vibe


_TOLERATED = frozenset({"fine", "ok", "okay", "alright", "allowed", "cool", "acceptable"})
_NOW_AND_THEN = frozenset(
    {"here", "and", "there", "now", "then", "every", "occasionally", "sometimes", "once", "in", "a", "while"}
)
_MIND = ("dont mind", "don t mind", "do not mind", "fine with", "ok with", "okay with", "cool with", "happy with")


def _tolerated(tokens: Sequence[Token], start: int, end: int) -> bool:
    """'a vocal here and there is fine', 'I don't mind some acoustic': allowed, not asked for."""
    j = end
    while j < len(tokens) and tokens[j].folded in _NOW_AND_THEN:
        j += 1
    if j < len(tokens) and tokens[j].folded in ("is", "are", "s", "would", "be"):
        j += 1 + (j + 1 < len(tokens) and tokens[j + 1].folded == "be")
    before = " ".join(t.folded for t in tokens[max(0, start - 4) : start] if t.folded)
    return (
        j < len(tokens)
        and tokens[j].folded in _TOLERATED
        or any(re.search(rf"\b{mind}(?: (?:some|a few|a little|a bit of|the odd|an?))?$", before) for mind in _MIND)
    )


# What the listener fears ("… or I'll fall asleep", "something to keep me from nodding off") and what they say the
# playlist does to them ("this is putting me to sleep"): the word names what to move away from.
_AVOIDED = re.compile(
    r"(?:\b(?:or(?: else)?|otherwise|else) (?:i|we|ill|well|id|im)(?: (?:will|would|might|could|am|gonna|m gonna|ll))?"
    r"|\b(?:keep|stop|stops|keeps|stopping|keeping) (?:me|us) from"
    r"|\bso (?:that )?(?:i|we) (?:dont|do not|wont|will not|dont end up)"
    # "this is putting me to sleep", "this spreadsheet is putting me to sleep"
    r"|\b(?:this|it|its|that|thats|these|those|they)(?: (?!is\b|are\b|was\b|were\b)[a-z]+){0,2}?"
    r"(?: (?:is|are|was|were|s|re))?(?: (?:kinda|kind of|honestly|"
    r"literally|just|really|so|lowkey|actually))? (?:putting|making|getting|sending|driving|lulling|boring) (?:me|us)"
    r"(?: (?:to|want to|wanna|feel))?)"
    r"|\b(?:bored|tired|sick|weary|done) (?:of|with)(?: (?:being|feeling|hearing|all (?:the|this|that)|the|this|that))?"
    r"|\b(?:can t|cant|cannot|can not) (?:have|handle|take|deal with|stand)(?: (?:any|anybody|anyone|someone|people))?"
    r"|\b(?:dont|don t|do not|no need to|stop|quit)(?: (?:even|you))? (?:try(?:ing)? to|bother(?:ing)?(?: trying)? to)"
    r"(?: (?:just|literally|probably|actually|totally|gonna|going to|end up))* ?$"
)
_CLAUSE_WORDS = 8
SECONDARY_WEIGHT = 0.5


# "so bored I could cry", "my week's been grim enough": how the listener feels or fared; not a sound they ask for.
_DEGREE_FILLER = r"(?: (?:so|really|pretty|very|quite|kinda|kind of|super|such|a|an|absolutely|utterly))*$"
_STATE = re.compile(
    r"\b(?:my|our) (?!(?:favou?rite|music|playlist|taste|vibe|jam|songs?|tracks?|mix|go to)\b)\w+(?: \w+)? "
    r"(?:s|is|was|has been|s been|have been|had been|been|felt|feels)"
    + _DEGREE_FILLER
    + r"|\b(?:its|it has|it s|todays|today has|lifes|life has|things have) been"
    + _DEGREE_FILLER
)
# "missing my mum's cooking and my old bedroom": what the listener longs for is no activity or place they are in.
_LONGED_FOR = re.compile(r"\b(?:missing|miss|misses|missed|longing for|homesick for|pining for)\b")
# "just got off a night shift", "home from the gym": what the listener has done is not what they want to hear now.
_DONE = re.compile(
    r"\b(?:got off|came off|finished|finishing|back from|home from|done with|just did|just had)(?: \w+){0,4}$"
    r"|\b(?:driving|walking|heading|coming|getting) home(?: \w+){0,3} after(?: the| a| my| our)?$"
)
# "i'm normally full sad girl hours", "what i usually play": the listener's habit, the yardstick of the request.
_HABIT = re.compile(r"\b(?:normally|usually|typically|generally|always|mostly)(?: \w+){0,4}$")
_HYPERBOLE = re.compile(
    r"\b(?:so|too|that|this) \w+(?: \w+)? (?:that )?(?:i|id|we) could(?: (?:just|literally|honestly|actually|almost))?$"
)


def _clause_before(tokens: Sequence[Token], start: int) -> str:
    """The words before token `start` within its clause (punctuation ends it)."""
    words: list[str] = []
    for token in reversed(tokens[max(0, start - _CLAUSE_WORDS) : start]):
        if not token.folded:
            break
        words.insert(0, token.folded)
    return " ".join(words)


def _avoided(tokens: Sequence[Token], start: int) -> bool:
    """The words before the term, within its clause, say the listener wants away from it."""
    before = _clause_before(tokens, start)
    return bool(before) and _AVOIDED.search(before) is not None


_WHEN = frozenset({"after", "before", "during"})
_DETERMINERS = frozenset({"the", "a", "an", "my", "our", "your", "his", "her", "their"})


def _only_when(tokens: Sequence[Token], previous_end: int, start: int) -> bool:
    """ "the dance after the dinner", "a run before work", "something for after the party": a term after "after"
    or "before" right behind another term, or after "for after", only says when ("for before the gym" is a
    pre-workout)."""
    k = start - 1
    while k >= 0 and tokens[k].folded in _DETERMINERS:  # "after-party" is one thing: the dash stops it
        k -= 1
    if k < 0 or tokens[k].folded not in _WHEN:
        return False
    return k == previous_end or tokens[k].folded == "after" and k > 0 and tokens[k - 1].folded == "for"


def _complained(tokens: Sequence[Token], start: int) -> bool:
    """In a follow-up, "too sleepy, liven it up", "it's way too loud": what the playlist is now and should not be."""
    return _clause_before(tokens, start).split()[-1:] == ["too"]


_IS = frozenset({"s", "is", "are", "was", "were", "has", "have", "been", "all", "now", "finally", "just"})
_OVER = frozenset({"done", "over", "finished", "through", "wrapped", "ended"})


def _said_of_the_listener(tokens: Sequence[Token], start: int, end: int) -> bool:
    """The term names how the listener feels or fared, or something they are done with ("workout's done")."""
    before = _clause_before(tokens, start)
    j = end
    while j < len(tokens) and tokens[j].folded in _IS:
        j += 1
    said = j > end or tokens[end - 1].raw.lower().endswith(("'s", "’s"))  # not "calm over the hills"
    finished = said and j < len(tokens) and tokens[j].folded in _OVER
    return finished or any(pattern.search(before) for pattern in (_HYPERBOLE, _STATE, _LONGED_FOR, _DONE, _HABIT))


_YARDSTICK_WORDS = frozenset(
    """my your our his her their the a an that this those these what i we usually normally usual normal typical
regular standard everyday default old""".split()
)


def _yardstick(tokens: Sequence[Token], start: int) -> bool:
    """The term is what a comparison measures against ("than my usual sad girl stuff"), not what is asked."""
    j = start - 1
    while j >= 0 and start - j <= 5 and tokens[j].folded in _YARDSTICK_WORDS:
        j -= 1
    return j >= 0 and tokens[j].folded == "than"


def _as_far_as_it_goes(tokens: Sequence[Token], term: VibeTerm, lex: Lexicon) -> int | None:
    """'gloomier than gloomy', 'louder than loud': the index after the yardstick when it is the same word."""
    if term.end < len(tokens) and tokens[term.end].folded == "than" and term.direction > 0:
        yardstick = term_at(tokens, term.end + 1, lex)
        if yardstick is not None and yardstick.hit.group is term.hit.group:
            return yardstick.end
    return None


def _modified(term_wants: list[Want], modifier: list[Want]) -> list[Want]:
    """'distorted guitars': where a sound word right before another says otherwise on a feature, it says how the
    thing sounds (a setting or a state before a word modifies nothing: 'lazy sunday brunch')."""
    said = {w.feature: w.priority for w in modifier if w.priority >= PRIORITY["mood"]}
    return [replace(w, priority=min(w.priority, said[w.feature] - 0.5)) if w.feature in said else w for w in term_wants]


def read_terms(tokens: Sequence[Token], lex: Lexicon, free: Sequence[bool], relative: bool) -> VibeReading:
    """Every term over the free tokens, left to right. In a follow-up (`relative`), comparisons become shifts."""
    reading = VibeReading()
    i, previous_end = 0, -1
    previous: list[Want] = []
    while i < len(tokens):
        term = term_at(tokens, i, lex) if free[i] else None
        if term is None or not all(free[term.start : term.core_end or term.end]):
            i += 1
            continue
        if _yardstick(tokens, i) or _only_when(tokens, previous_end, term.start):
            i = term.end  # "more upbeat than my usual sad stuff"; "the dance after the dinner"
            continue
        end = term.end if all(free[term.start : term.end]) else term.core_end
        if (extreme := _as_far_as_it_goes(tokens, term, lex)) is not None:
            term, end = replace(term, degree=MAX_DEGREE, direction=0), extreme
        complaint = relative and not term.direction and _complained(tokens, term.start)
        shift = shift_of(replace(term, direction=-1) if complaint else term) if relative else None
        wants: list[Want] = []
        if shift:
            reading.shifts.append(shift)
            if term.direction > 0:  # "more upbeat" asks at least what upbeat means on its other features too
                wants = [w for w in wants_of(term)[1:] if w.weight >= SECONDARY_WEIGHT]
        elif _tolerated(tokens, term.start, end) or _said_of_the_listener(tokens, term.start, end):
            pass
        elif term.direction < 0 or _avoided(tokens, term.start) or complaint:
            wants = wants_of(term, negated=True)  # "less sad" in a new prompt: not sad
        else:
            wants = wants_of(term)
        reading.wants += _modified(wants, previous) if term.start == previous_end else wants
        reading.spans.append((tokens[term.start].start, tokens[end - 1].end))
        i, previous_end, previous = end, end, wants
    moved = {shift.feature for shift in reading.shifts}  # "too intense, we're getting drowsy": the state says why
    reading.wants = [w for w in reading.wants if w.feature not in moved or w.priority != PRIORITY["state"]]
    return reading
