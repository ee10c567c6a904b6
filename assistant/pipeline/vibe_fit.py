"""Vibe fit: how well a track's audio features sit inside the target ranges, 0..1, as a first-class score. Each
range scores a ramp on the signed distance to its nearest bound, so a track well inside scores 1 however deep, one
on the bound 0.5 and one outside falls off quickly (then slowly, so the closest still come first); ranges average
by weight. A feature the track lacks scores 0.5
(unknown, never a match), and a feature the whole catalog lacks is dropped before ranking."""

from collections.abc import Sequence

import numpy as np

from assistant.models import FeatureRange
from index.catalog import Track
from index.filters import TrackColumns

SOFTNESS = {"tempo": 4.0, "loudness": 0.8, "mode": 0.15}  # 0.04 on the 0..1 features
SATURATION = 3.0  # a track this many softness-widths inside every range fits fully
TAIL = 0.3  # the slope's share of the score: far outside every range a track scores down to -TAIL
TAIL_REACH = {"tempo": 100.0, "loudness": 20.0}  # 1 on the 0..1 features
MIN_COVERAGE = 0.5  # a feature fewer tracks have than this is not the catalog's to match on
CORE_WEIGHT = 0.8  # ranges at least this heavy are what the listener asked for outright


def _bounds(target: FeatureRange) -> tuple[float, float]:
    low = -np.inf if target.min is None else target.min
    high = np.inf if target.max is None else target.max
    if target.feature == "mode":  # 0 or 1: the range [0, 0] is "minor"
        low, high = low - 0.5, high + 0.5
    return low, high


def _membership(values: np.ndarray, target: FeatureRange) -> np.ndarray:
    """Deeper inside than SATURATION softness-widths counts the same: "sad" wants a sad song, not the saddest."""
    low, high = _bounds(target)
    softness = SOFTNESS.get(target.feature, 0.04)
    margin = np.minimum(np.minimum(values - low, high - values), SATURATION * softness)
    with np.errstate(over="ignore", invalid="ignore"):
        score = 1.0 / (1.0 + np.exp(-margin / np.float32(softness)))
        # far outside, the ramp is flat; a slope keeps the closest tracks first when none fit
        score += TAIL * np.clip(1 + np.minimum(margin, 0) / TAIL_REACH.get(target.feature, 1.0), 0, 1) - TAIL
    return np.where(np.isnan(values), np.float32(0.5), score)


def fit_columns(columns: TrackColumns, vibe: Sequence[FeatureRange], rows: np.ndarray | None = None) -> np.ndarray:
    """Fit of each row (all rows, or `rows`), 0..1; 0.5 everywhere when there is no vibe."""
    size = len(columns.years) if rows is None else len(rows)
    if not vibe:
        return np.full(size, 0.5, dtype=np.float32)
    total = np.zeros(size, dtype=np.float32)
    for target in vibe:
        values = columns.features[target.feature]
        total += target.weight * _membership(values if rows is None else values[rows], target)
    return (total / sum(t.weight for t in vibe)).astype(np.float32)


def inside(track: Track, target: FeatureRange) -> bool:
    value = getattr(track, target.feature)
    if value is None:
        return False
    low, high = _bounds(target)
    return low <= value <= high


def usable(vibe: Sequence[FeatureRange], columns: TrackColumns) -> tuple[list[FeatureRange], list[str]]:
    """The ranges on features this catalog has, and a note for each one it lacks."""
    kept, notes, unmet = [], [], set()
    for target in vibe:
        if columns.feature_coverage.get(target.feature, 0.0) >= MIN_COVERAGE:
            kept.append(target)
        else:
            asked = "”, “".join(target.words) or target.feature
            notes.append(f"this catalog has no {target.feature} values, so “{asked}” could not be matched by sound")
            unmet.update(target.words)
    # a word whose sound could not be matched is not quoted for another feature it shaded ("acoustic" for energy)
    kept = [t.model_copy(update={"words": [w for w in t.words if w not in unmet]}) for t in kept]
    return kept, notes


def core(vibe: Sequence[FeatureRange]) -> list[FeatureRange]:
    """The ranges the listener asked for outright (not a secondary shading of a word, nor a neighbour's guess)."""
    return [t for t in vibe if t.weight >= CORE_WEIGHT]
