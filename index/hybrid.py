"""Dense and lexical search fused by reciprocal rank, with the hard filter applied to both sides. On the dev
playlists the fusion beat each of its parts (README, retrieval table); ranks, not raw scores, are fused because a
cosine and a BM25 score share no scale."""

import numpy as np

from index.store import SearchFilter, SearchHit, VectorIndex

RRF_K = 60  # the usual constant; k=10..60 and depths 100..1000 were within one playlist of each other on dev


def rank_relevance(rank: int) -> float:
    """One ranking's share of the fused relevance: 1 for first place, falling as 1/(k + rank)."""
    return (RRF_K + 1) / (RRF_K + rank + 1)


def fuse(rankings: "list[np.ndarray | list[int]]", weights: "list[float] | None" = None) -> dict[int, float]:
    """Reciprocal-rank fusion of any number of rankings (rows, best first), each with a weight (1 by default),
    scaled so that first place in every one of them is 2, as it was with two."""
    weights = weights or [1.0] * len(rankings)
    arrays = [np.asarray(r, dtype=np.int64) for r in rankings]
    if not any(len(a) for a in arrays):
        return {}
    rows = np.concatenate(arrays)
    gains = np.concatenate([w * (RRF_K + 1) / (RRF_K + np.arange(len(a)) + 1.0) for a, w in zip(arrays, weights)])
    unique, inverse = np.unique(rows, return_inverse=True)
    totals = np.bincount(inverse, weights=gains) * (2 / max(1e-9, sum(weights)))
    return dict(zip(unique.tolist(), totals.tolist()))


def with_cosine(
    index: VectorIndex,
    fused: dict[int, float],
    query_vector: np.ndarray,
    k: int,
    known: dict[int, float] | None = None,
    compute: bool = True,
) -> list[SearchHit]:
    """The k best fused rows as hits, each with its cosine to the query (from `known`, else from its vector, or 0
    when the caller has no use for it: `compute` False)."""
    cosine = dict(known or {})
    rows = np.fromiter(fused.keys(), dtype=np.int64, count=len(fused))
    values = np.fromiter(fused.values(), dtype=np.float64, count=len(fused))
    if len(rows) > k:
        top = np.argpartition(-values, k - 1)[:k]
        rows, values = rows[top], values[top]
    best = rows[np.argsort(-values, kind="stable")].tolist()
    missing = [row for row in best if row not in cosine]
    if missing and compute:
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        cosine.update(zip(missing, map(float, index.vectors_of(missing) @ query)))
    return [
        SearchHit(track=index.tracks[row], row=row, relevance=fused[row], score=cosine.get(row, 0.0)) for row in best
    ]


def lexical_ranking(index: VectorIndex, text: str, k: int, mask: np.ndarray | None) -> np.ndarray:
    """Rows of the k best BM25 matches among those the mask keeps; only tracks that share a word."""
    if index.lexical is None or not text.strip():
        return np.zeros(0, dtype=np.int64)
    scores = index.lexical.scores(text)
    keep = scores > 0 if mask is None else mask & (scores > 0)
    rows = np.flatnonzero(keep)
    return rows[np.argsort(-scores[rows], kind="stable")[:k]]


def hybrid_search(
    index: VectorIndex, query_vector: np.ndarray, text: str, k: int, flt: SearchFilter | None = None
) -> list[SearchHit]:
    """The k best tracks by fused rank, best first; each hit keeps its cosine score and gets its fused relevance
    scaled so that first place in both lists is 2 and first in one list is 1."""
    mask = index.columns.mask(flt) if flt else None
    dense = index.search(query_vector, k, flt, mask=mask)
    fused = fuse([[hit.row for hit in dense], lexical_ranking(index, text, k, mask)])
    return with_cosine(index, fused, query_vector, k, {hit.row: hit.score for hit in dense})
