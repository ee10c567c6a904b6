"""Retrieval with names and vibes kept apart. The prompt's words (less any names) search the sound descriptions,
dense and BM25, and the vibe targets rank every track by fit; the title-bearing track descriptions are searched only
for what the listener named (artists, titles, seeds). The rankings are fused by reciprocal rank, the hard filter
applied to each. A vibe word therefore meets "calm low-energy, acoustic", never "Asleep At The Wheel"."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.models import PlaylistRequest
from assistant.parsing.vibe_neighbours import GENERIC
from assistant.pipeline.vibe_fit import fit_columns
from index.embed import QueryEncoder
from index.hybrid import fuse, lexical_ranking, with_cosine
from index.sound import top_rows
from index.store import SearchFilter, SearchHit, VectorIndex
from index.text import fold

SEED_WEIGHT = 0.6
POPULARITY_TIE = 1e-4  # among tracks of equal fit, the better known first


@dataclass(frozen=True)
class QueryVectors:
    """The vectors one request is searched with: `full` in the track-description space (cosines, trimming),
    `sound` in the sound-description space, `names` for what was named (None when nothing was)."""

    full: np.ndarray
    sound: np.ndarray
    names: np.ndarray | None
    sound_text: str


def _normalised(vector: np.ndarray) -> np.ndarray:
    return (vector / max(float(np.linalg.norm(vector)), 1e-6)).astype(np.float32)


def _toward(base: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The vector moved toward the mean of the seeds' vectors."""
    if not len(seeds):
        return base
    return _normalised(base + SEED_WEIGHT * _normalised(seeds.mean(axis=0)))


def sound_text(request: PlaylistRequest) -> str:
    """The search text without the names typed in it: what the prompt says about the sound ('' when only
    "please" and "songs" are left)."""
    from bm25s.stopwords import STOPWORDS_EN

    text = request.query
    for name in request.names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.I)
    words = re.findall(r"\w+", fold(text))
    if not any(w not in STOPWORDS_EN and w not in GENERIC for w in words):
        return ""
    return " ".join(text.split()).strip(" ,.;:&-")


def query_vectors(encoder: QueryEncoder, index: VectorIndex, request: PlaylistRequest,
                  seed_ids: Sequence[str]) -> QueryVectors:
    """One encode for the text, one more only when names were typed; seeds move each vector toward themselves."""
    text_vector = encoder.encode_query(request.query)
    seeds = index.vectors_of_tracks(seed_ids)
    rows = [index.row_of[t] for t in seed_ids if t in index.row_of]
    seed_sounds = index.sound.vectors_of(rows) if index.sound is not None and rows else np.zeros((0, 1))
    words = sound_text(request)
    if request.names:
        names = _toward(encoder.encode_query(" ".join(request.names)), seeds)
        sound = encoder.encode_query(words) if words else text_vector
    else:
        names = _normalised(seeds.mean(axis=0)) if len(seeds) else None
        sound = text_vector
    return QueryVectors(_toward(text_vector, seeds), _toward(sound, seed_sounds), names, words)


def search(index: VectorIndex, request: PlaylistRequest, vectors: QueryVectors, k: int,
           flt: SearchFilter) -> list[SearchHit]:
    """The k best tracks by fused rank over the rankings this request has, best first."""
    mask = index.columns.mask(flt)
    rankings: list[np.ndarray | list[int]] = []
    known: dict[int, float] = {}
    if vectors.names is not None:
        dense = index.search(vectors.names, k, flt, mask=mask)
        rankings.append([hit.row for hit in dense])
        if request.names:
            rankings.append(lexical_ranking(index, " ".join(request.names), k, mask))
    if index.sound is None:  # an index built without sound descriptions: the track descriptions stand in
        dense = index.search(vectors.full, k, flt, mask=mask)
        known = {hit.row: hit.score for hit in dense}
        rankings += [list(known), lexical_ranking(index, vectors.sound_text, k, mask)]
    elif vectors.sound_text or not rankings:
        rankings.append(top_rows(index.sound.dense_scores(vectors.sound), k, mask))
        rankings.append(top_rows(index.sound.lexical_scores(vectors.sound_text), k, mask))
    if request.vibe:
        fit = fit_columns(index.columns, request.vibe) + POPULARITY_TIE * index.columns.popularity
        rankings.append(top_rows(fit, k, mask))
    return with_cosine(index, fuse([r for r in rankings if len(r)]), vectors.full, k, known)
