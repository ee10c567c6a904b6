"""Sets of years as sorted, disjoint, inclusive ranges, with their algebra (complement, intersect, union), the
Constraints' limits they map to and from, and how one is written back to a listener. years.py reads them from text."""

from collections.abc import Sequence

FIRST_YEAR, LAST_YEAR = 1000, 2100
YearSet = tuple[tuple[int, int], ...]  # sorted, disjoint, inclusive ranges
ALL_YEARS: YearSet = ((FIRST_YEAR, LAST_YEAR),)


def normalise(ranges: list[tuple[int, int]]) -> YearSet:
    clipped = sorted((max(lo, FIRST_YEAR), min(hi, LAST_YEAR)) for lo, hi in ranges if lo <= hi)
    merged: list[tuple[int, int]] = []
    for lo, hi in clipped:
        if lo > hi:
            continue
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def complement(years: YearSet) -> YearSet:
    gaps, start = [], FIRST_YEAR
    for lo, hi in years:
        if lo > start:
            gaps.append((start, lo - 1))
        start = hi + 1
    if start <= LAST_YEAR:
        gaps.append((start, LAST_YEAR))
    return normalise(gaps)


def intersect(a: YearSet, b: YearSet) -> YearSet:
    out = [(max(lo1, lo2), min(hi1, hi2)) for lo1, hi1 in a for lo2, hi2 in b]
    return normalise([(lo, hi) for lo, hi in out if lo <= hi])


def union(a: YearSet, b: YearSet) -> YearSet:
    return normalise(list(a) + list(b))


def as_limits(years: YearSet) -> tuple[int | None, int | None, list[tuple[int, int]]]:
    """(year_min, year_max, excluded ranges between them) for the Constraints model."""
    if not years:
        return None, None, []
    low, high = years[0][0], years[-1][1]
    gaps = [(a[1] + 1, b[0] - 1) for a, b in zip(years, years[1:])]
    return (low if low > FIRST_YEAR else None), (high if high < LAST_YEAR else None), gaps


def from_limits(year_min: int | None, year_max: int | None, excluded: Sequence[tuple[int, int]] = ()) -> YearSet:
    years = normalise([(year_min or FIRST_YEAR, year_max or LAST_YEAR)])
    for gap in excluded:
        years = intersect(years, complement(normalise([gap])))
    return years


def describe(years: YearSet) -> str:
    return ", ".join(
        f"{lo}" if lo == hi else f"{'' if lo == FIRST_YEAR else lo}–{'' if hi == LAST_YEAR else hi}" for lo, hi in years
    )
