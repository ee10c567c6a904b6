"""Shared helpers for the benchmark scripts: percentiles, peak RSS, the engine on the configured index."""

import resource
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GENRES = [
    "rock",
    "pop",
    "hip hop",
    "r&b",
    "edm",
    "latin",
    "reggaeton",
    "trap",
    "neo soul",
    "hard rock",
    "classic rock",
    "electro house",
    "indie pop",
    "new jack swing",
    "tropical",
    "big room",
    "gangster rap",
    "latin pop",
    "dance pop",
    "permanent wave",
]
MOODS = ["chill", "upbeat", "mellow", "energetic", "happy", "late night", "workout", "rainy day", "party", "focus"]
LENGTHS = ["15 songs", "20 tracks", "an hour", "45 minutes", "10 songs", "2 hours", "30 songs", ""]
ERAS = ["", "from the 80s", "90s", "from 2015 onwards", "2010s", "before 2000"]
EXCLUDES = ["", "no Drake", "without Coldplay", "nothing by Queen"]


def prompts(n: int) -> list[str]:
    """n varied prompts built from fixed word lists (deterministic, so runs compare)."""
    out = []
    for i in range(n):
        parts = [
            MOODS[i % len(MOODS)],
            ERAS[(i // 3) % len(ERAS)],
            GENRES[(i * 7) % len(GENRES)],
            EXCLUDES[(i // 5) % len(EXCLUDES)],
            LENGTHS[(i * 3) % len(LENGTHS)],
        ]
        out.append(", ".join(p for p in parts if p))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"{name:32s} p50 {statistics.median(ms):8.2f} ms   p99 {percentile(ms, 99):8.2f} ms   (n={len(ms)})"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
