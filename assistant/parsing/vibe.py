"""The vibe model: words about sound, mood, activity, weather and time -> soft target ranges over audio features.

A term (vibe_terms) is a lexicon phrase with its degree and comparison; negation comes from the negation parser
("nothing too sad", "no slow songs"). Degree and negation act on the phrase's primary feature; terms combine by feature,
intersecting where they agree and letting the more direct word win where they do not (what the music is beats what
it is for: "acoustic" over "party"). Words the lexicon lacks reach it through their embedding neighbours
(vibe_neighbours), at a lower weight. The terms of a text are found, left to right, by vibe_scan."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.models import FEATURES, Feature, FeatureRange, VibeShift, VibeSource
from assistant.parsing.tokens import Span
from assistant.parsing.vibe_degrees import LOOSE
from assistant.parsing.vibe_lexicon import PRIORITY, Hit, lexicon
from assistant.parsing.vibe_terms import VibeTerm

UNIT_STEP = 0.1
STEP = {"tempo": 10.0, "loudness": 2.0, "mode": 1.0}  # a degree's move on each scale; 0.1 on the 0..1 features
MIN_WIDTH = {"tempo": 8.0, "loudness": 1.5, "mode": 0.0}  # narrower than this and two ranges do not agree
SLIVER = {"tempo": 15.0, "loudness": 3.0, "mode": 0.0}  # narrower than this, few tracks fit both bounds
NEGATION_PRIORITY = 4  # "nothing too sad" is said about the sound itself
NEIGHBOUR_PRIORITY = 0
NEIGHBOUR_WEIGHT = 0.6
CORE_WEIGHT = 0.8
COMPARABLE = 0.75  # two words this close in weight that pull apart meet in the middle; else the heavier stands

BPM_TOLERANCE = 6.0
_BPM_RE = re.compile(
    r"(?:(?P<under>under|below|less\s+than|slower\s+than|max(?:imum)?|at\s+most|<)"
    r"|(?P<over>over|above|more\s+than|faster\s+than|at\s+least|min(?:imum)?|>))?\s*"
    r"(?<![\w.])(?P<low>\d{2,3})(?:\s*(?:-|–|to)\s*(?P<high>\d{2,3}))?\s*(?:bpm|beats\s+per\s+minute)\b",
    re.I,
)


@dataclass
class Want:
    """One word's target on one feature, with how much it counts when words disagree."""

    feature: Feature
    low: float | None
    high: float | None
    weight: float
    priority: float
    words: list[str] = field(default_factory=list)
    source: VibeSource = "lexicon"
    negated: bool = False  # what the listener ruled out ("nothing so sleepy"), not what they named


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
    """'very' moves a one-sided bound a step toward the extreme; 'mostly' a step back from it; 'a bit' makes it a
    band around the bound; 'a hint of' a band on the near side of it ("a hint of energy"
    is barely energetic)."""
    step = _step(feature)
    if degree == 0 or (low is not None and high is not None) or feature == "mode":
        return low, high
    lowest, highest = FEATURES[feature]
    if low is not None:
        if degree > 0:  # toward the extreme, never within a third of the way left ("super polished" is not 0)
            return min(low + degree * step, highest - (highest - low) / 3), None
        if degree == LOOSE:
            return low - step, None
        if degree == -1:
            return low - step / 2, low + 1.5 * step
        return low - 3 * step, low - step
    if high is None:
        return low, high  # no bound to move (the lexicon gives every target at least one)
    if degree > 0:
        return None, max(high - degree * step, lowest + (high - lowest) / 3)
    if degree == LOOSE:
        return None, high + step
    if degree == -1:
        return high - 1.5 * step, high + step / 2
    return high + step, high + 3 * step


def _negated(
    feature: str, low: float | None, high: float | None, gap: bool = True
) -> tuple[float | None, float | None] | None:
    """'not X': the other side of X's bound, a step away from it (at it, for a secondary feature); a band cannot
    be negated this way."""
    if feature == "mode":
        return (1.0, 1.0) if high == 0 else (0.0, 0.0)
    step = _step(feature) if gap else 0.0
    if high is not None:
        return None if low is not None else (high + step, None)
    return None if low is None else (None, low - step)


def wants_of(term: VibeTerm, negated: bool = False, softly: bool = False) -> list[Want]:
    """What one term asks of each feature, degree and negation applied to the primary one (to every one for a
    group that says so; a group with an opposite is negated into it, unless `softly`: "nothing too acoustic" only
    cuts the extreme)."""
    group = term.hit.group
    if not group.targets:
        return []  # "living room": a vibe word inside a phrase that says nothing about the sound
    if negated and group.opposite is not None and not softly:
        opposite = lexicon().by_first_word[group.opposite]
        return [
            replace(w, priority=NEGATION_PRIORITY, negated=True)
            for w in wants_of(VibeTerm(Hit(opposite, term.text, False), 0, 0, term.start, term.end, term.text))
        ]
    priority = PRIORITY[group.kind] + (NEGATION_PRIORITY - 3 if negated else 0)
    wants = []
    for i, target in enumerate(group.targets):
        if i and negated and not group.negates_all:
            break  # "not sad" says nothing about energy
        low, high = target.min, target.max
        if negated and i == 0 and term.degree > 0:  # "not full on dancing": only what lies past the strong form
            bounds = _negated(target.feature, *_with_degree(target.feature, low, high, term.degree), gap=False)
        elif negated:
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
            wants.append(Want(target.feature, *clipped, target.weight, priority, [term.text], negated=negated))
    return wants


def shift_of(term: VibeTerm) -> VibeShift | None:
    """A follow-up's comparison ("calmer", "more acoustic", "a bit less sad") as a move on the primary feature."""
    if not term.direction or not term.hit.group.targets:
        return None
    primary = term.hit.group.primary
    if primary.min is not None and primary.max is not None:
        return None
    up = primary.min is not None
    toward = primary.min if primary.min is not None else primary.max
    if toward is None:
        return None  # no bound to move from (the lexicon gives every target at least one)
    direction: Literal[-1, 1] = 1 if up == (term.direction > 0) else -1  # term.direction is 1 or -1 here
    if term.direction < 0:  # "less X": toward the other side of X's bound
        toward = toward - _step(primary.feature) if up else toward + _step(primary.feature)
    degree: Literal[-1, 0, 1] = 1 if term.degree > 0 else -1 if term.degree < 0 else 0
    return VibeShift(feature=primary.feature, direction=direction, degree=degree, toward=toward, words=[term.text])


def _squeezes(
    low: float | None, high: float | None, want: Want, new_low: float | None, new_high: float | None, feature: str
) -> bool:
    """A one-sided bound met by one from the other side, leaving less than a sliver's width between them."""
    if new_low is None or new_high is None or (low is not None and high is not None):
        return False
    if want.low is not None and want.high is not None:
        return False
    return new_high - new_low < SLIVER.get(feature, 0.15)


def merge(wants: Iterable[Want]) -> list[FeatureRange]:
    """One range per feature: the most direct word's range, narrowed by each other word that agrees with it."""
    by_feature: dict[Feature, list[Want]] = {}
    for want in wants:
        by_feature.setdefault(want.feature, []).append(want)
    ranges = []
    for feature, group in by_feature.items():
        group.sort(key=lambda w: (-w.priority, -w.weight))
        low, high, weight, words, source = (
            group[0].low,
            group[0].high,
            group[0].weight,
            list(group[0].words),
            group[0].source,
        )
        for want in group[1:]:
            if want.priority < group[0].priority and group[0].weight >= CORE_WEIGHT and want.priority < 2:
                continue  # where the listener is, or how they feel, shades a sound word; it does not narrow it
            new_low = low if want.low is None else want.low if low is None else max(low, want.low)
            new_high = high if want.high is None else want.high if high is None else min(high, want.high)
            width = MIN_WIDTH.get(feature, 0.08)
            if (
                _squeezes(low, high, want, new_low, new_high, feature)
                and not (want.negated or group[0].negated)
                and (want.priority < group[0].priority or want.weight < COMPARABLE * weight)
            ):
                continue  # a less direct word would leave a sliver between two one-sided bounds: it gives way
            if new_low is not None and new_high is not None and new_high - new_low < width:
                comparable = min(want.weight, weight) >= COMPARABLE * max(want.weight, weight)
                if (
                    new_high < new_low
                    and comparable
                    and (
                        want.priority == group[0].priority
                        or NEGATION_PRIORITY in (want.priority, group[0].priority)
                        and min(want.priority, group[0].priority) >= 2
                    )
                ):
                    # "sad but hopeful", "mellow, no ballads": what lies between the two is meant
                    new_low, new_high = new_high - _step(feature) / 2, new_low + _step(feature) / 2
                elif new_high < new_low:
                    continue  # they disagree: the more direct word stands
                middle = (new_low + new_high) / 2  # they barely agree: the narrowest band both allow
                new_low, new_high = middle - width / 2, middle + width / 2
            low, high, weight = new_low, new_high, max(weight, want.weight)
            words += [w for w in want.words if w not in words]
        ranges.append(
            FeatureRange(feature=feature, min=low, max=high, weight=round(weight, 3), words=words, source=source)
        )
    return sorted(ranges, key=lambda r: -r.weight)


def neighbour_wants(word: str, hit: Hit, similarity: float) -> list[Want]:
    """A word the lexicon lacks, through its nearest phrase: the phrase's targets at a lower weight."""
    term = VibeTerm(hit, 0, 0, 0, 0, word)
    return [
        Want(
            w.feature,
            w.low,
            w.high,
            round(w.weight * NEIGHBOUR_WEIGHT * similarity, 3),
            NEIGHBOUR_PRIORITY,
            [word],
            "neighbour",
        )
        for w in wants_of(term)
    ]


def find_bpm(text: str) -> tuple[Want, Span] | None:
    """A tempo typed in BPM ("128 bpm", "120-130 BPM"): a target of its own, never a count."""
    match = _BPM_RE.search(text)
    if match is None:
        return None
    first, second = float(match.group("low")), float(match.group("high") or match.group("low"))
    low: float | None = min(first, second)
    high: float | None = max(first, second)
    if match.group("under"):
        low = None
    elif match.group("over"):
        high = None
    elif first == second:
        low, high = first - BPM_TOLERANCE, second + BPM_TOLERANCE
    bounds = clip("tempo", low, high)
    if bounds is None:
        return None
    return Want("tempo", *bounds, 1.0, NEGATION_PRIORITY, [match.group(0)]), match.span()
