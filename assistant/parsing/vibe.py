"""The vibe model: words about sound, mood, activity, weather and time -> soft target ranges over audio features.

A term is a lexicon phrase with what modifies it: degree ("super chill", "a bit upbeat", "chill-ish", "the
saddest"), comparison ("more acoustic", "calmer", "less dancey") and, from the negation parser, negation ("nothing
too sad", "no slow songs"). Degree and negation act on the phrase's primary feature; terms combine by feature,
intersecting where they agree and letting the more direct word win where they do not (what the music is beats what
it is for: "acoustic" over "party"). Words the lexicon lacks reach it through their embedding neighbours
(vibe_neighbours), at a lower weight."""

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from assistant.models import FEATURES, FeatureRange, VibeShift
from assistant.parsing.tokens import Span, Token
from assistant.parsing.vibe_lexicon import PRIORITY, Hit, Lexicon, lexicon

UNIT_STEP = 0.1
STEP = {"tempo": 10.0, "loudness": 2.0, "mode": 1.0}  # a degree's move on each scale; 0.1 on the 0..1 features
MIN_WIDTH = {"tempo": 8.0, "loudness": 1.5, "mode": 0.0}  # narrower than this and two ranges do not agree
NEGATION_PRIORITY = 4  # "nothing too sad" is said about the sound itself
NEIGHBOUR_PRIORITY = 0
NEIGHBOUR_WEIGHT = 0.6
COMPARABLE = 0.75  # two words this close in weight that pull apart meet in the middle; else the heavier stands

_STRONG = ("extremely", "super", "very", "really", "so", "ultra", "totally", "completely", "absolutely",
           "insanely", "incredibly", "mega", "hella", "truly", "deeply", "properly", "seriously", "utterly", "wildly",
           "max", "maximum", "maximally", "pure", "purely", "full on", "all out", "the most", "most",
           "way", "intensely", "thoroughly", "extra", "uber", "mad", "proper", "straight up", "100", "100%")
_MILD = ("a bit", "a little", "a little bit", "a lil", "a lil bit", "a tad", "a touch", "a wee bit", "bit",
         "little", "slightly", "somewhat", "kinda", "kind of", "sort of", "sorta", "mildly", "moderately", "fairly",
         "semi", "lightly", "reasonably", "relatively", "partly", "a bit more", "medium", "mid", "moderate",
         "kinda sorta", "just a bit", "just a little", "gently", "not overly", "quite")
_TRACE = ("a hint of", "a touch of", "a dash of", "a pinch of", "a little bit of", "a tiny bit of", "a smidge of",
          "only a hint of", "just a hint of", "a bit of", "a wee bit of", "hint of")
_DEGREE = {phrase: 1 for phrase in _STRONG} | {phrase: -1 for phrase in _MILD} | {phrase: -2 for phrase in _TRACE}
_AFTER_DEGREE = {"a bit": -1, "a little": -1, "a little bit": -1, "a touch": -1, "slightly": -1, "a tad": -1,
                 "somewhat": -1, "a lot": 1, "af": 1, "as hell": 1, "as fuck": 1, "to the max": 1}
_FUZZY_CUTOFF = 0.85  # "extremly" is "extremely"; shorter words are not guessed at
_DIRECTION = {"more": 1, "less": -1, "fewer": -1, "too many": -1, "not so many": -1, "not as many": -1,
              "no more": -1, "a lot more": 1, "much more": 1, "way more": 1, "lot more": 1}
_MAX_DEGREE_WORDS = 3
BPM_TOLERANCE = 6.0
_BPM_RE = re.compile(r"(?<![\w.])(?P<low>\d{2,3})(?:\s*(?:-|–|to)\s*(?P<high>\d{2,3}))?\s*(?:bpm|beats\s+per\s+minute)\b",
                     re.I)
_AFTER = frozenset({"songs", "song", "tracks", "track", "music", "stuff", "tunes", "ones", "vibes", "vibe", "sounds",
                    "sound", "mood", "playlist", "mix", "bops"})


@dataclass(frozen=True)
class VibeTerm:
    """One lexicon phrase as typed, with its degree (-1 a bit, 0, 1 very) and direction (1 "more"/"calmer",
    -1 "less", 0 plain); start/end are token indexes, end exclusive."""

    hit: Hit
    degree: int  # -2 a hint of, -1 a bit, 0, 1 very
    direction: int
    start: int
    end: int
    text: str
    core_end: int = 0  # before trailing words like "songs", which may belong to a count ("3 calm songs")


def spellings(word: str) -> list[str]:
    """The word and its un-stretched forms: "soooo" -> "soo", "so"; "suuuper" -> "suuper", "super"."""
    twice = re.sub(r"(\w)\1{2,}", r"\1\1", word)
    once = re.sub(r"(\w)\1{2,}", r"\1", word)
    return list(dict.fromkeys([word, twice, once]))


def _phrase_at(table: dict[str, int], tokens: Sequence[Token], i: int, stop: int) -> tuple[int, int] | None:
    """The longest phrase of the table at token i, stretched letters forgiven: (its value, index after it)."""
    words: list[str] = []
    best = None
    for j in range(i, min(stop, i + _MAX_DEGREE_WORDS)):
        if not tokens[j].folded:
            break
        words.append(tokens[j].folded)
        for spelling in spellings(" ".join(words)):
            if spelling in table:
                best = (table[spelling], j + 1)
                break
    if best is None and i < stop and len(tokens[i].folded) >= 6 and tokens[i].folded.isalpha():
        close = difflib.get_close_matches(tokens[i].folded, [w for w in table if " " not in w], 1, _FUZZY_CUTOFF)
        best = (table[close[0]], i + 1) if close else None
    return best


def _inflected(word: str, lex: Lexicon) -> tuple[Hit, int] | None:
    """A superlative or comparative of a one-word phrase: 'saddest' -> (sad, +1 degree), 'chiller' -> (chill, 0)."""
    for suffix, degree in (("est", 1), ("er", 0)):
        if len(word) <= len(suffix) + 2 or not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        for base in (stem, stem[:-1], stem[:-1] + "y" if stem.endswith("i") else "", stem + "e"):
            hit = lex.phrases.get(base) if base else None
            if hit and not hit.comparative:
                return hit, degree
    return None


def term_at(tokens: Sequence[Token], i: int, lex: Lexicon, stop: int | None = None) -> VibeTerm | None:
    """The vibe term starting at token i, prefixes and suffixes included, or None."""
    stop = len(tokens) if stop is None else stop
    degree, direction, j = 0, 0, i
    while j < stop:
        if (found := lex.at(tokens, j, stop)) is not None:
            break
        if direction == 0 and (more := _phrase_at(_DIRECTION, tokens, j, stop)) is not None:
            direction, j = more
        elif (seen := _phrase_at(_DEGREE, tokens, j, stop)) is not None:
            degree, j = seen
        else:
            inflected = _inflected(tokens[j].folded, lex)
            if inflected is None:
                return None
            found = (inflected[0], j + 1)
            degree = max(degree, inflected[1])
            direction = direction or (1 if tokens[j].folded.endswith("er") else 0)
            break
    else:
        return None
    hit, end = found
    if hit.comparative:
        direction = direction or 1
    if end + 1 < stop and tokens[end].raw == "-" and tokens[end + 1].folded == "ish" or \
            end < stop and tokens[end].folded == "ish":
        degree, end = -1, end + (2 if tokens[end].raw == "-" else 1)
    elif degree == 0 and (after := _phrase_at(_AFTER_DEGREE, tokens, end, stop)) is not None:
        degree, end = after  # "wind it down a bit", "sad af"
    core = end
    while end < stop and tokens[end].folded in _AFTER:
        end += 1
    return VibeTerm(hit, degree, direction, i, end, " ".join(t.raw for t in tokens[i:end] if t.folded), core)


@dataclass
class Want:
    """One word's target on one feature, with how much it counts when words disagree."""

    feature: str
    low: float | None
    high: float | None
    weight: float
    priority: float
    words: list[str] = field(default_factory=list)
    source: str = "lexicon"


def _step(feature: str) -> float:
    return STEP.get(feature, UNIT_STEP)


def clip(feature: str, low: float | None, high: float | None) -> tuple[float | None, float | None] | None:
    """The bounds within the feature's scale (a bound at or past its end is no bound); None for no range."""
    lowest, highest = FEATURES[feature]
    low = None if low is None or low <= lowest else min(low, highest)
    high = None if high is None or high >= highest else max(high, lowest)
    if low is None and high is None or (low is not None and high is not None and low > high):
        return None
    return low, high


def _with_degree(feature: str, low: float | None, high: float | None, degree: int) -> tuple[float | None, float | None]:
    """'very' moves a one-sided bound a step toward the extreme; 'a bit' makes it a band around the bound; 'a hint
    of' a band on the near side of it ("a hint of energy" is barely energetic)."""
    step = _step(feature)
    if degree == 0 or (low is not None and high is not None) or feature == "mode":
        return low, high
    if degree > 0:
        return (low + step, None) if low is not None else (None, high - step)
    if degree == -1:
        return (low - step / 2, low + 1.5 * step) if low is not None else (high - 1.5 * step, high + step / 2)
    return (low - 3 * step, low - step) if low is not None else (high + step, high + 3 * step)


def _negated(feature: str, low: float | None, high: float | None,
             gap: bool = True) -> tuple[float | None, float | None] | None:
    """'not X': the other side of X's bound, a step away from it (at it, for a secondary feature); a band cannot
    be negated this way."""
    if feature == "mode":
        return (1.0, 1.0) if high == 0 else (0.0, 0.0)
    if low is not None and high is not None:
        return None
    step = _step(feature) if gap else 0.0
    return (high + step, None) if high is not None else (None, low - step)


def wants_of(term: VibeTerm, negated: bool = False) -> list[Want]:
    """What one term asks of each feature, degree and negation applied to the primary one (to every one for a
    group that says so; a group with an opposite is negated into it)."""
    group = term.hit.group
    if negated and group.opposite is not None:
        opposite = lexicon().by_first_word[group.opposite]
        return [replace(w, priority=NEGATION_PRIORITY) for w in
                wants_of(VibeTerm(Hit(opposite, term.text, False), 0, 0, term.start, term.end, term.text))]
    priority = PRIORITY[group.kind] + (NEGATION_PRIORITY - 3 if negated else 0)
    wants = []
    for i, target in enumerate(group.targets):
        if i and negated and not group.negates_all:
            break  # "not sad" says nothing about energy
        low, high = target.min, target.max
        if negated:
            bounds = _negated(target.feature, low, high, gap=i == 0)
        elif i == 0:
            bounds = _with_degree(target.feature, low, high, term.degree)
        if negated or i == 0:
            if bounds is None:
                if i == 0:
                    return []
                continue
            low, high = bounds
        clipped = clip(target.feature, low, high)
        if clipped:
            wants.append(Want(target.feature, *clipped, target.weight, priority, [term.text]))
    return wants


def shift_of(term: VibeTerm) -> VibeShift | None:
    """A follow-up's comparison ("calmer", "more acoustic", "a bit less sad") as a move on the primary feature."""
    if not term.direction or not term.hit.group.targets:
        return None
    primary = term.hit.group.primary
    if primary.min is not None and primary.max is not None:
        return None
    up = primary.min is not None
    direction = (1 if up else -1) * term.direction
    toward = primary.min if up else primary.max
    if term.direction < 0:  # "less X": toward the other side of X's bound
        toward = toward - _step(primary.feature) if up else toward + _step(primary.feature)
    return VibeShift(feature=primary.feature, direction=direction, degree=max(term.degree, -1), toward=toward,  # type: ignore[arg-type]
                     words=[term.text])


def merge(wants: Iterable[Want]) -> list[FeatureRange]:
    """One range per feature: the most direct word's range, narrowed by each other word that agrees with it."""
    by_feature: dict[str, list[Want]] = {}
    for want in wants:
        by_feature.setdefault(want.feature, []).append(want)
    ranges = []
    for feature, group in by_feature.items():
        group.sort(key=lambda w: (-w.priority, -w.weight))
        low, high, weight, words, source = group[0].low, group[0].high, group[0].weight, list(group[0].words), \
            group[0].source
        for want in group[1:]:
            new_low = low if want.low is None else want.low if low is None else max(low, want.low)
            new_high = high if want.high is None else want.high if high is None else min(high, want.high)
            width = MIN_WIDTH.get(feature, 0.08)
            if new_low is not None and new_high is not None and new_high - new_low < width:
                comparable = min(want.weight, weight) >= COMPARABLE * max(want.weight, weight)
                if new_high < new_low and comparable and (want.priority == group[0].priority or NEGATION_PRIORITY in (
                        want.priority, group[0].priority) and min(want.priority, group[0].priority) >= 2):
                    # "sad but hopeful", "mellow, no ballads": what lies between the two is meant
                    new_low, new_high = new_high - _step(feature) / 2, new_low + _step(feature) / 2
                elif new_high < new_low:
                    continue  # they disagree: the more direct word stands
                middle = (new_low + new_high) / 2  # they barely agree: the narrowest band both allow
                new_low, new_high = middle - width / 2, middle + width / 2
            low, high, weight = new_low, new_high, max(weight, want.weight)
            words += [w for w in want.words if w not in words]
        ranges.append(FeatureRange(feature=feature, min=low, max=high, weight=round(weight, 3), words=words,  # type: ignore[arg-type]
                                   source=source))  # type: ignore[arg-type]
    return sorted(ranges, key=lambda r: -r.weight)


@dataclass
class VibeReading:
    wants: list[Want] = field(default_factory=list)
    shifts: list[VibeShift] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # character spans read as vibe


def read_terms(tokens: Sequence[Token], lex: Lexicon, free: Sequence[bool], relative: bool) -> VibeReading:
    """Every term over the free tokens, left to right. In a follow-up (`relative`), comparisons become shifts."""
    reading = VibeReading()
    i = 0
    while i < len(tokens):
        term = term_at(tokens, i, lex) if free[i] else None
        if term is None or not all(free[term.start:term.core_end or term.end]):
            i += 1
            continue
        if i and tokens[i - 1].folded == "than":  # "more talking than singing": singing is the yardstick
            i = term.end
            continue
        shift = shift_of(term) if relative else None
        if shift:
            reading.shifts.append(shift)
        elif term.direction < 0:
            reading.wants += wants_of(term, negated=True)  # "less sad" in a new prompt: not sad
        else:
            reading.wants += wants_of(term)
        end = term.end if all(free[term.start:term.end]) else term.core_end
        reading.spans.append((tokens[term.start].start, tokens[end - 1].end))
        i = end
    return reading


def neighbour_wants(word: str, hit: Hit, similarity: float) -> list[Want]:
    """A word the lexicon lacks, through its nearest phrase: the phrase's targets at a lower weight."""
    term = VibeTerm(hit, 0, 0, 0, 0, word)
    return [Want(w.feature, w.low, w.high, round(w.weight * NEIGHBOUR_WEIGHT * similarity, 3), NEIGHBOUR_PRIORITY,
                 [word], "neighbour") for w in wants_of(term)]


def find_bpm(text: str) -> tuple[Want, Span] | None:
    """A tempo typed in BPM ("128 bpm", "120-130 BPM"): a target of its own, never a count."""
    match = _BPM_RE.search(text)
    if match is None:
        return None
    low, high = float(match.group("low")), float(match.group("high") or match.group("low"))
    low, high = min(low, high), max(low, high)
    if high == low:
        low, high = low - BPM_TOLERANCE, high + BPM_TOLERANCE
    bounds = clip("tempo", low, high)
    if bounds is None:
        return None
    return Want("tempo", *bounds, 1.0, NEGATION_PRIORITY, [match.group(0)]), match.span()
