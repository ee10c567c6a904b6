"""Where the track vectors are searched: FAISS in this process (the default) or a Milvus engine (a server, a
cluster, or a Milvus Lite file), chosen by PLAYLIST_VECTORS. Both answer the same question: the k best rows for
a query among the tracks a filter keeps, the filter applied inside the engine."""

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from index.filters import SearchFilter

# Approximate index shapes, the same in FAISS and Milvus so that a build means one thing in either engine.
HNSW_M, HNSW_EF_CONSTRUCTION = 32, 80


def ivf_lists(count: int) -> int:
    """sqrt(n) lists, and at least 39 points per list for k-means."""
    return max(1, min(int(count**0.5), count // 39 or 1))


HNSW_EF_MAX = 4_096


def hnsw_ef(k: int, kept: float = 1.0) -> int:
    """Search breadth: 10k, wider when a filter keeps a small share (graph walks then skip most neighbours).
    At 1M tracks and k=100: ef 1,000 gives recall@100 ~0.94 in ~9 ms (ef 200 gave 0.73, and 0.53 with 13% kept)
    against 98 ms for exact search; 13% kept and ef 2,770 ~0.94 (benchmarks/bench_vector_stores.py)."""
    return max(k, int(min(HNSW_EF_MAX, max(128, 10 * k) / max(kept, 1e-3) ** 0.5)))  # both engines need ef >= k


def ivf_probes(lists: int, kept: float = 1.0) -> int:
    return int(min(lists, max(8, lists // 16) / max(kept, 1e-3) ** 0.5))


class VectorStore(Protocol):
    name: str

    @property
    def count(self) -> int: ...

    def search(
        self, query: np.ndarray, k: int, flt: SearchFilter | None = None, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(row, cosine) of the k best rows the filter keeps (the mask: the same filter, evaluated here)."""
        ...

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """The vectors of these rows, in their order (re-ranking, seeds, profiles, follow-ups)."""
        ...
