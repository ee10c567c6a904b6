"""The taste profile: how a listener's plays and feedback become the vector and weights that blending reads.
Apart from the store, which only keeps and reads the rows, so the weighting can change without touching SQL."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from index.catalog import Track
from index.store import VectorIndex
from index.text import artist_key

FEEDBACK_WEIGHT = {"like": 3.0, "dislike": -3.0, "skip": -1.0}
SKIPPED_PLAY_WEIGHT = -0.5
HALF_LIFE_DAYS = 180.0
FULL_LISTEN_MS = 30_000


@dataclass
class ListenerProfile:
    """What blending needs: a taste vector, per-track weights and per-artist play counts. Shared by every turn
    until the listener's data changes: read it, never change it."""

    listener_id: str
    vector: np.ndarray | None = None
    track_weight: dict[str, float] = field(default_factory=dict)
    artist_plays: Counter = field(default_factory=Counter)
    artist_names: dict[str, str] = field(default_factory=dict)
    disliked: set[str] = field(default_factory=set)

    def knows(self, track: Track) -> bool:
        """Played before, or by an artist (any credited one) the listener played at least three times."""
        return self.track_weight.get(track.track_id, 0) > 0 or any(
            self.artist_plays[key] >= 3 for key in track.credit_keys
        )


def build_profile(
    listener_id: str, plays: Sequence[Sequence[Any]], feedback: Sequence[Sequence[Any]], index: VectorIndex
) -> ListenerProfile:
    """Recency- and play-weighted mean of the listener's track vectors; skips and dislikes count against."""
    result = ListenerProfile(listener_id)
    newest = max((datetime.fromisoformat(p[2]) for p in plays), default=datetime.now(UTC))
    for track_id, artist, played_at, ms_played, skipped in plays:
        result.artist_plays[artist_key(artist)] += 0 if skipped else 1
        result.artist_names.setdefault(artist_key(artist), artist)
        if track_id is None or (track := index.track(track_id)) is None:
            continue
        for guest in track.credit_keys - {artist_key(artist)}:  # a play of "A feat. B" is B's too
            result.artist_plays[guest] += 0 if skipped else 1
        age_days = (newest - datetime.fromisoformat(played_at)).total_seconds() / 86400
        recency = 0.5 ** (max(age_days, 0) / HALF_LIFE_DAYS)
        listened = 1.0 if ms_played is None else min(1.0, ms_played / FULL_LISTEN_MS)
        weight = SKIPPED_PLAY_WEIGHT if skipped else listened
        result.track_weight[track_id] = result.track_weight.get(track_id, 0.0) + weight * recency
    for track_id, kind in feedback:
        if track_id in index.row_of:
            result.track_weight[track_id] = result.track_weight.get(track_id, 0.0) + FEEDBACK_WEIGHT[kind]
            if kind == "dislike":
                result.disliked.add(track_id)
    if result.track_weight:
        ids = list(result.track_weight)
        weights = np.array([result.track_weight[i] for i in ids], dtype=np.float32)
        vectors = index.vectors_of_tracks(ids)
        total = weights @ vectors
        norm = float(np.linalg.norm(total))
        result.vector = (total / norm).astype(np.float32) if norm > 1e-6 and weights.sum() > 0 else None
    return result
