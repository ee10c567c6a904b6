"""Pick the tracks (artist cap, one version per song, exact count or duration, familiar share) and order them
(smooth energy/tempo/key transitions, an energy arc when asked, no same-artist neighbours)."""

from collections import Counter
from collections.abc import Sequence

import numpy as np

from assistant.models import DURATION_TOLERANCE_MIN, Arc, Constraints
from assistant.pipeline.blend import Candidate
from index.catalog import Track

MS_PER_MIN = 60_000
SAME_ARTIST_PENALTY = 5.0
ARC_WEIGHT = 2.0


class Selection:
    """Tracks picked so far with the bookkeeping the caps need; kept tracks of a follow-up seed it."""

    def __init__(self, constraints: Constraints, kept: Sequence[Track] = ()):
        self.constraints = constraints
        self.tracks: list[Track] = []
        self.artists: Counter[str] = Counter()
        self.songs: set[str] = set()
        self.duration_ms = 0
        for track in kept:
            self.add(track)

    def allows(self, track: Track) -> bool:
        return (
            all(self.artists[key] < self.constraints.max_per_artist for key in track.credit_keys)
            and track.song_key not in self.songs
        )

    def add(self, track: Track) -> None:
        self.tracks.append(track)
        self.artists.update(track.credit_keys)  # "A feat. B" is one of A's and one of B's
        self.songs.add(track.song_key)
        self.duration_ms += track.duration_ms


def _familiar_first(candidates: Sequence[Candidate], want: int, familiar_share: float | None) -> list[Candidate]:
    """Interleaves familiar and new candidates so about familiar_share of the first `want` are familiar."""
    if familiar_share is None or not any(c.familiar for c in candidates):
        return list(candidates)
    familiar = [c for c in candidates if c.familiar]
    fresh = [c for c in candidates if not c.familiar]
    quota = round(familiar_share * want)
    head = familiar[:quota] + fresh[: max(0, want - quota)]
    head.sort(key=lambda c: -c.score)
    used = {id(c) for c in head}
    return head + [c for c in candidates if id(c) not in used]


def select(candidates: Sequence[Candidate], selection: Selection, familiar_share: float | None = None) -> None:
    """Adds candidates to the selection, best first, until the count or duration target is met."""
    target_count = selection.constraints.target_count()
    target_ms = None if selection.constraints.duration_min is None else selection.constraints.duration_min * MS_PER_MIN
    tolerance_ms = DURATION_TOLERANCE_MIN * MS_PER_MIN
    both = _plausible_count(selection.constraints.count, target_ms)  # "30 songs in 2 hours"
    target_count = target_count or both
    estimated = target_count or int((target_ms or 0) / (3.5 * MS_PER_MIN)) + 1
    for candidate in _familiar_first(candidates, max(0, estimated - len(selection.tracks)), familiar_share):
        track = candidate.track
        if target_count is not None and len(selection.tracks) >= target_count:
            break
        if target_ms is not None:
            if both is None and selection.duration_ms >= target_ms - tolerance_ms / 2:
                break
            if selection.duration_ms + track.duration_ms > target_ms + tolerance_ms:
                continue
            if both is not None and not _leaves_room(selection, track, both, target_ms):
                continue
        if selection.allows(track):
            selection.add(track)


_ROOM = 1.3  # with both a count and a duration, a track may run this much over the minutes left per slot
_SHORTEST_MINUTES = 1.5  # a count needing shorter tracks than this on average cannot share the playlist's minutes


def _plausible_count(count: int | None, target_ms: float | None) -> int | None:
    """The count to meet beside the duration: always, unless it would need tracks under 1.5 minutes ("12 songs in 10
    minutes"), where the minutes decide alone. A count with minutes to spare is met and the minutes fall short
    ("driving 2 hours, give me 10 songs")."""
    if count is None or target_ms is None:
        return None
    return count if target_ms / MS_PER_MIN / count >= _SHORTEST_MINUTES else None


def _leaves_room(selection: Selection, track: Track, count: int, target_ms: float) -> bool:
    """ "30 songs in 2 hours": the track leaves the slots after it about as many minutes each as the ones before."""
    slots = count - len(selection.tracks)
    budget = (target_ms + DURATION_TOLERANCE_MIN * MS_PER_MIN - selection.duration_ms) / max(1, slots)
    return track.duration_ms <= budget * (_ROOM if slots > 1 else 1.0)


def fits(selection: Selection) -> bool:
    """True when the selection meets the length the constraints ask for (both, where a count and minutes are)."""
    constraints = selection.constraints
    count = constraints.count
    if constraints.duration_min is not None:
        minutes = abs(selection.duration_ms / MS_PER_MIN - constraints.duration_min) <= DURATION_TOLERANCE_MIN
        return minutes and (count is None or len(selection.tracks) == count)
    return len(selection.tracks) == constraints.target_count()


# (key, mode) -> Camelot wheel position, for "harmonic" neighbours (a track without a key or mode has none)
_CAMELOT: dict[tuple[int | None, int | None], int] = {
    (0, 1): 8,
    (7, 1): 9,
    (2, 1): 10,
    (9, 1): 11,
    (4, 1): 12,
    (11, 1): 1,
    (6, 1): 2,
    (1, 1): 3,
    (8, 1): 4,
    (3, 1): 5,
    (10, 1): 6,
    (5, 1): 7,
    (9, 0): 8,
    (4, 0): 9,
    (11, 0): 10,
    (6, 0): 11,
    (1, 0): 12,
    (8, 0): 1,
    (3, 0): 2,
    (10, 0): 3,
    (5, 0): 4,
    (0, 0): 5,
    (7, 0): 6,
    (2, 0): 7,
}


def transition_cost(a: Track, b: Track) -> float:
    """How jarring it is to go from a to b: energy and tempo jumps, key distance, the same artist twice."""
    cost = 0.0
    if a.energy is not None and b.energy is not None:
        cost += abs(a.energy - b.energy)
    if a.tempo and b.tempo:
        cost += min(abs(a.tempo - b.tempo), abs(a.tempo - 2 * b.tempo), abs(2 * a.tempo - b.tempo)) / 60
    key_a, key_b = _CAMELOT.get((a.key, a.mode)), _CAMELOT.get((b.key, b.mode))
    if key_a and key_b:
        cost += 0.05 * min(abs(key_a - key_b), 12 - abs(key_a - key_b))
    if a.credit_keys & b.credit_keys:
        cost += SAME_ARTIST_PENALTY
    return cost


def arc_targets(count: int, arc: Arc, energies: Sequence[float]) -> list[float] | None:
    if arc == "steady" or count < 3:
        return None
    low, high = float(np.percentile(energies, 10)), float(np.percentile(energies, 90))
    ramp = np.linspace(0, 1, count)
    shape = {"build": ramp, "wind_down": ramp[::-1], "peak": 1 - np.abs(2 * ramp - 1)}[arc]
    return list(low + (high - low) * shape)


def order(tracks: Sequence[Track], arc: Arc = "steady") -> list[Track]:
    """Greedy chain from the first (best) track: each next track is the cheapest transition, pulled toward
    the arc's target energy for its position."""
    if len(tracks) < 3:
        return list(tracks)
    energies = [t.energy if t.energy is not None else 0.5 for t in tracks]
    targets = arc_targets(len(tracks), arc, energies)
    remaining = list(range(len(tracks)))
    if targets:
        first = min(remaining, key=lambda i: abs(energies[i] - targets[0]))
    else:
        first = 0
    chain = [first]
    remaining.remove(first)
    while remaining:
        position = len(chain)
        previous = tracks[chain[-1]]

        def cost(i: int, previous: Track = previous, position: int = position) -> float:
            total = transition_cost(previous, tracks[i])
            if targets:
                total += ARC_WEIGHT * abs(energies[i] - targets[position])
            return total

        best = min(remaining, key=cost)
        chain.append(best)
        remaining.remove(best)
    return [tracks[i] for i in chain]
