"""Score retrieved candidates: query similarity, fit with the energy/mood/tempo asked for, popularity when
'hits' or 'classics' were asked, and the listener's profile; hard constraints become the search filter."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from assistant.models import Constraints, PlaylistRequest
from assistant.profile import ListenerProfile
from index.catalog import Track
from index.store import SearchFilter, SearchHit, VectorIndex

FIT_WEIGHT = 0.3
PROFILE_WEIGHT = 0.3
POPULAR_ASKED_WEIGHT = 0.12  # only when 'hits', 'popular', 'classics' were typed: a prior of its own lost on dev
GENRE_WEIGHT = 0.8  # a genre named in the prompt; relevance runs from 2 (first in both rankings) down to ~0.2
DISLIKED_PENALTY = 1.0
SEED_WEIGHT = 0.6


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


def search_filter(constraints: Constraints, genres: Sequence[str] = (), exclude_ids: Sequence[str] = (),
                  with_years: bool = True) -> SearchFilter:
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


def query_vector(base: np.ndarray, index: VectorIndex, request: PlaylistRequest,
                 artist_tracks: Sequence[Track] = ()) -> np.ndarray:
    """The prompt's vector moved toward the seed tracks and artists the listener named."""
    seeds = index.vectors_of_tracks([*request.seed_track_ids, *request.like_track_ids,
                                     *(t.track_id for t in artist_tracks)])
    if not len(seeds):
        return base
    mean = seeds.mean(axis=0)
    mixed = base + SEED_WEIGHT * mean / max(np.linalg.norm(mean), 1e-6)
    return (mixed / np.linalg.norm(mixed)).astype(np.float32)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def feature_fit(track: Track, request: PlaylistRequest) -> float:
    """0..1: how well the audio features match the energy, tempo and mood asked for; 0.5 when nothing was."""
    parts = []
    if request.energy and track.energy is not None:
        parts.append({"high": track.energy, "low": 1 - track.energy,
                      "medium": 1 - 2 * abs(track.energy - 0.55)}[request.energy])
    if request.tempo and track.tempo is not None:
        parts.append(_clip((track.tempo - 90) / 60) if request.tempo == "fast" else _clip((130 - track.tempo) / 60))
    if request.mood and track.valence is not None:
        parts.append({"happy": track.valence, "sad": 1 - track.valence,
                      "not_sad": 1.0 if track.valence >= 0.3 else track.valence}[request.mood])
    return sum(parts) / len(parts) if parts else 0.5  # np.mean on three floats cost more than the rest


def score_hits(hits: Sequence[SearchHit], request: PlaylistRequest, index: VectorIndex,
               profile: ListenerProfile | None, settings: BlendSettings, genres: Sequence[str] = ()) -> list[Candidate]:
    """Candidates best first: fused relevance, fit with the qualities typed, the genres named, the profile."""
    popularity_weight = POPULAR_ASKED_WEIGHT if request.popular else 0.0
    wanted = set(genres)
    use_profile = profile is not None and settings.personalization > 0
    affinities = np.zeros(len(hits), dtype=np.float32)
    if use_profile and profile.vector is not None and hits:
        affinities = index.vectors_of([h.row for h in hits]) @ profile.vector
    candidates = []
    for hit, affinity in zip(hits, affinities):
        track = hit.track
        fit = feature_fit(track, request)
        score = hit.relevance + FIT_WEIGHT * (fit - 0.5) + popularity_weight * (track.popularity or 0) / 100
        if wanted & set(track.all_genres):
            score += GENRE_WEIGHT
        familiar = bool(use_profile and profile.knows(track.track_id, track.artist))
        if use_profile:
            score += PROFILE_WEIGHT * settings.personalization * float(affinity)
            if track.track_id in profile.disliked:
                score -= DISLIKED_PENALTY
        candidates.append(Candidate(track, hit.score, fit, float(affinity), familiar, score))
    candidates.sort(key=lambda c: -c.score)
    return candidates
