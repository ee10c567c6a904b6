"""Score retrieved candidates: fused relevance, vibe fit (how the track sounds against the targets), the genres
named, popularity when 'hits' or 'classics' were asked, and the listener's profile; hard constraints become the
search filter."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from assistant.models import Constraints, PlaylistRequest
from assistant.pipeline.vibe_fit import fit_columns
from assistant.profiles import ListenerProfile
from index.catalog import Track
from index.store import SearchFilter, SearchHit, VectorIndex

VIBE_WEIGHT = 2.0  # vibe fit runs 0..1; relevance from 2 (first in every ranking) down to ~0.2
PROFILE_WEIGHT = 0.3
POPULAR_ASKED_WEIGHT = 0.12  # only when 'hits', 'popular', 'classics' were typed: a prior of its own lost on dev
GENRE_WEIGHT = 0.8  # a genre named in the prompt; relevance runs from 2 (first in both rankings) down to ~0.2
DISLIKED_PENALTY = 1.0


class BlendSettings(BaseModel):
    """The listener's dials: how much history counts, and what share of tracks they should already know."""

    personalization: float = Field(default=0.5, ge=0.0, le=1.0)
    familiar_share: float = Field(default=0.3, ge=0.0, le=1.0)


@dataclass
class Candidate:
    track: Track
    similarity: float
    fit: float
    affinity: float
    familiar: bool
    score: float


def search_filter(
    constraints: Constraints, genres: Sequence[str] = (), exclude_ids: Sequence[str] = (), with_years: bool = True
) -> SearchFilter:
    return SearchFilter(
        year_min=constraints.year_min if with_years else None,
        year_max=constraints.year_max if with_years else None,
        exclude_years=tuple(constraints.exclude_years) if with_years else (),
        genres=tuple(g for g in genres if g not in constraints.exclude_genres),
        exclude_genres=tuple(constraints.exclude_genres),
        min_duration_ms=constraints.min_track_ms,
        max_duration_ms=constraints.max_track_ms,
        exclude_artists=tuple(constraints.exclude_artists),
        exclude_track_ids=tuple(exclude_ids),
        exclude_explicit=not constraints.explicit_allowed,
        exclude_non_songs=not constraints.non_songs_allowed,
    )


def score_hits(
    hits: Sequence[SearchHit],
    request: PlaylistRequest,
    index: VectorIndex,
    profile: ListenerProfile | None,
    settings: BlendSettings,
    genres: Sequence[str] = (),
    vibe_fit: np.ndarray | None = None,
) -> list[Candidate]:
    """Candidates best first: fused relevance, fit with the sound asked for (every track's, when the caller has
    it), the genres named, the profile."""
    popularity_weight = POPULAR_ASKED_WEIGHT if request.popular else 0.0
    vibe_weight = VIBE_WEIGHT * max((t.weight for t in request.vibe), default=0.0)
    rows = np.array([h.row for h in hits], dtype=np.int64)
    fits = vibe_fit[rows] if vibe_fit is not None else fit_columns(index.columns, request.vibe, rows)
    wanted = set(genres)
    listener = profile if settings.personalization > 0 else None  # the profile, where it counts
    affinities = np.zeros(len(hits), dtype=np.float32)
    if listener is not None and listener.vector is not None and hits:
        affinities = index.vectors_of([h.row for h in hits]) @ listener.vector
    candidates = []
    for hit, affinity, fit in zip(hits, affinities, fits.tolist()):
        track = hit.track
        score = hit.relevance + vibe_weight * (fit - 0.5) + popularity_weight * (track.popularity or 0) / 100
        if wanted & set(track.all_genres):
            score += GENRE_WEIGHT
        familiar = bool(listener is not None and listener.knows(track))
        if listener is not None:
            score += PROFILE_WEIGHT * settings.personalization * float(affinity)
            if track.track_id in listener.disliked:
                score -= DISLIKED_PENALTY
        candidates.append(Candidate(track, hit.score, fit, float(affinity), familiar, score))
    candidates.sort(key=lambda c: -c.score)
    return candidates
