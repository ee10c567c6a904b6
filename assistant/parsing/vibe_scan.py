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
        if i and tokens[i - 1].folded == "than":  # "more talking than singing": singing is the yardstick
            i = term.end
            continue
        end = term.end if all(free[term.start : term.end]) else term.core_end
        if (extreme := _as_far_as_it_goes(tokens, term, lex)) is not None:
            term, end = replace(term, degree=MAX_DEGREE, direction=0), extreme
        shift = shift_of(term) if relative else None
        wants: list[Want] = []
        if shift:
            reading.shifts.append(shift)
        elif _tolerated(tokens, term.start, end):
            pass
        elif term.direction < 0:
            wants = wants_of(term, negated=True)  # "less sad" in a new prompt: not sad
        else:
            wants = wants_of(term)
        reading.wants += _modified(wants, previous) if term.start == previous_end else wants
        reading.spans.append((tokens[term.start].start, tokens[end - 1].end))
        i, previous_end, previous = end, end, wants
    return reading
