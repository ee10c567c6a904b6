"""Negation cues and their scope. A cue ("no", "without", "anything but", "leave out", "keep … out", …) scopes
over the whole coordinated list or time expression that follows it: "edm without David Guetta, Martin Garrix or
Avicii" excludes all three, "nothing before 2017" allows 2017 onwards. What a cue scopes over never reaches the
search text."""

import re
from dataclasses import dataclass, field

from assistant.lists import FILLER_WORDS, Item, items_at
from assistant.tokens import Token, index_at
from assistant.vocabulary import CatalogVocabulary
from assistant.years import YearSet, complement, time_at

Span = tuple[int, int]

_CUES = (
    r"anything\s+(?:but|except(?:\s+for)?|other\s+than|besides|apart\s+from)|everything\s+(?:but|except(?:\s+for)?)"
    r"|all\s+but|nothing\s+(?:by|from|of)|none\s+(?:by|from|of)|not\s+any|no\s+more|no(?:\s+songs?|\s+tracks?|\s+music)?\s+(?:by|from)"
    r"|no|nothing|none|not|without(?:\s+any)?|w/o|sans|except(?:\s+for)?|excluding|exclude|but\s+not|but\s+no|minus"
    r"|leave\s+out|leave\s+off|avoid|(?:do\s+not|don['’]?t|dont)\s+(?:play|include|add|want|need|give\s+me|put\s+in)(?:\s+any)?"
    r"|not\s+a\s+fan\s+of|other\s+than|neither|nor"
)
# Verbs that negate only when a name or time follows ("drop Coldplay"), never quoted back ("lose yourself").
_ACTION_CUES = (
    r"skip|ban|drop|remove|cut|lose|ditch|get\s+rid\s+of|take\s+out|delete|(?:i\s+)?hate|(?:i\s+)?can['’]?t\s+stand"
    r"|(?:i['’]?m\s+)?(?:sick|tired)\s+of|spare\s+me|hold\s+the"
)
CUE_RE = re.compile(rf"(?<![\w'’])(?:(?P<action>{_ACTION_CUES})|{_CUES})(?![\w'’])", re.I)
_KEEP_OUT_RE = re.compile(r"(?<![\w'’])keep\s+", re.I)
_OUT_RE = re.compile(r"\s*out\b(?:\s+of\s+(?:it|this|here|there|the\s+\w+))?", re.I)
# Words after "no"/"not" that start a phrase, not a constraint ("no matter what", "not sure").
_IDIOMS = frozenset({"matter", "sure", "idea", "problem", "pressure", "doubt", "clue", "way", "worries", "rush", "need",
                     "longer", "shorter", "more", "less", "too", "only", "just", "one", "but", "big", "end"})


@dataclass
class Negation:
    """What one cue rules out: artists, genre labels, soft qualities, or years (as the set still allowed)."""

    span: Span
    items: list[Item] = field(default_factory=list)
    years: YearSet | None = None


@dataclass
class NegationReading:
    negations: list[Negation]
    unread: list[Span]  # cues whose scope could not be read: quoted back to the listener


def _clause_end(text: str, start: int) -> int:
    match = re.compile(r"[,.;:!?()\n]|\s(?:and|but|please)\b").search(text, start)
    return match.start() if match else len(text)


def _scope(text: str, tokens: list[Token], start_char: int, vocab: CatalogVocabulary,
           stop: int | None = None) -> tuple[list[Item], YearSet | None, int] | None:
    """Items or years from start_char: (items, allowed years, end char)."""
    i = index_at(tokens, start_char)
    stop = len(tokens) if stop is None else stop
    for j in _heads(tokens, i, stop):
        if j < stop:
            when = time_at(text, tokens[j].start)
            if when:
                return [], complement(when.years), when.span[1]
    items = items_at(tokens, i, vocab, frozenset({"artist", "unknown", "genre", "soft"}), stop)
    if items:
        return items, None, tokens[items[-1].end - 1].end
    return None


def _heads(tokens: list[Token], i: int, stop: int) -> list[int]:
    """Token i and each position after a leading filler word ("nothing released before", "no songs from")."""
    heads = [i]
    while i < stop and tokens[i].folded in FILLER_WORDS | {"released", "recorded", "made", "out", "stuff"}:
        i += 1
        heads.append(i)
    return heads


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(lo < span[1] and span[0] < hi for lo, hi in taken)


def find_negations(text: str, tokens: list[Token], vocab: CatalogVocabulary, taken: list[Span]) -> NegationReading:
    """Every negation cue outside the taken spans, left to right, with what it scopes over."""
    negations: list[Negation] = []
    unread: list[Span] = []
    position = 0
    while True:
        cue = CUE_RE.search(text, position)
        keep = _KEEP_OUT_RE.search(text, position)
        if keep and (cue is None or keep.start() < cue.start()):
            out = _OUT_RE.search(text, keep.end())
            stop = index_at(tokens, out.start()) if out else None
            scope = _scope(text, tokens, keep.end(), vocab, stop) if out else None
            if scope and not _overlaps((keep.start(), out.end()), taken) and scope[2] <= out.start():
                negations.append(Negation((keep.start(), out.end()), scope[0], scope[1]))
                position = out.end()
            else:
                position = keep.end()
            continue
        if cue is None:
            break
        position = cue.end()
        if _overlaps(cue.span(), taken):
            continue
        scope = _scope(text, tokens, cue.end(), vocab)
        if scope and cue.group("action"):
            known = [item for item in scope[0] if item.kind != "unknown"]  # "lose Yourself" names no one
            scope = (known, scope[1], tokens[known[-1].end - 1].end) if known else (
                scope if scope[1] is not None else None)
        if scope:
            items, years, end = scope
            negations.append(Negation((cue.start(), end), items, years))
            position = end
            continue
        following = text[cue.end():].split()
        word = re.sub(r"\W", "", following[0].lower()) if following and following[0][:1].isalnum() else ""
        if word and word not in _IDIOMS and not cue.group("action") and not _overlaps((cue.start(), _clause_end(text, cue.end())), taken):
            unread.append((cue.start(), _clause_end(text, cue.end())))
    return NegationReading(negations, unread)
