"""Intervals for rates over playlists: Wilson's score interval for one rate (it stays inside 0..1 and is honest
for small counts, unlike p ± 1.96·se), and Newcombe's hybrid interval for the difference of two, built from the
two Wilson intervals."""

from math import sqrt

Z_95 = 1.959963984540054  # two-sided 95%


def wilson(hits: int, trials: int, z: float = Z_95) -> tuple[float, float, float]:
    """(rate, low, high); with no trials the rate is 0 and the interval all of 0..1."""
    if trials <= 0:
        return 0.0, 0.0, 1.0
    p = hits / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def difference(
    hits: int, trials: int, control_hits: int, control_trials: int, z: float = Z_95
) -> tuple[float, float, float]:
    """(rate - control rate, low, high), Newcombe's method 10; an interval that excludes 0 is a real difference."""
    p1, low1, high1 = wilson(hits, trials, z)
    p2, low2, high2 = wilson(control_hits, control_trials, z)
    d = p1 - p2
    return d, d - sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2), d + sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2)
