"""Where the track vectors are searched: FAISS in this process (the default) or a Milvus engine (a server, a
cluster, or a Milvus Lite file), chosen by PLAYLIST_VECTORS. Both answer the same question: the k best rows for
a query among the tracks a filter keeps, the filter applied inside the engine."""

from typing import Protocol

import numpy as np

from index.filters import SearchFilter


class VectorStore(Protocol):
    name: str

    @property
    def count(self) -> int: ...

    def search(self, query: np.ndarray, k: int, flt: SearchFilter | None = None,
               mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, cosine) of the k best rows the filter keeps (the mask: the same filter, evaluated here)."""
        ...
