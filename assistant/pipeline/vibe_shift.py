"""A follow-up's comparison resolved against the playlist it changes: "calmer" is calmer than these tracks are
now, so the new bound sits a step past their median, or halfway to what the word itself means if that is further
("more acoustic" after a party playlist reaches for acoustic, not for 0.02 more), but never past what the word
means at its strongest unless the tracks already are ("more upbeat" after a party stays a party, not energy 0.97).
"a bit" moves less and leaves a band; "much" moves more. The other side of the feature's old range stays where it
still leaves room."""

from collections.abc import Sequence
from statistics import median

from assistant.models import FeatureRange, VibeShift
from index.catalog import Track

SCALE = {"tempo": 100.0, "loudness": 20.0, "mode": 1.0}  # how far one unit of a 0..1 step reaches on each scale
SHIFT_STEP = {-1: 0.05, 0: 0.1, 1: 0.2}  # a bit / plain / much
MILD_BAND = 0.2
MIN_ROOM = 0.1
STRONGEST = 0.2  # two degree steps past the word's own bound: "the most X"


def resolve(shift: VibeShift, tracks: Sequence[Track], old: FeatureRange | None) -> FeatureRange:
    scale = SCALE.get(shift.feature, 1.0)
    values = [v for t in tracks if (v := getattr(t, shift.feature)) is not None]
    centre = median(values) if values else shift.toward
    step = SHIFT_STEP[shift.degree] * scale
    if shift.direction > 0:
        bound = centre + step
        if shift.degree >= 0 and shift.toward > bound:
            bound = (centre + shift.toward) / 2 if (centre + shift.toward) / 2 > bound else bound
        bound = min(bound, max(centre, shift.toward + STRONGEST * scale))
        low, high = bound, (bound + MILD_BAND * scale if shift.degree < 0 else None)
        if high is None and old is not None and old.max is not None and old.max - bound >= MIN_ROOM * scale:
            high = old.max
    else:
        bound = centre - step
        if shift.degree >= 0 and shift.toward < bound:
            bound = (centre + shift.toward) / 2 if (centre + shift.toward) / 2 < bound else bound
        bound = max(bound, min(centre, shift.toward - STRONGEST * scale))
        low, high = (bound - MILD_BAND * scale if shift.degree < 0 else None), bound
        if low is None and old is not None and old.min is not None and bound - old.min >= MIN_ROOM * scale:
            low = old.min
    return FeatureRange(feature=shift.feature, min=low, max=high, weight=1.0, words=shift.words, source="follow-up")
