"""The embedded default: a FAISS index in this process; filters become an ID-selector bitmap over rows."""

from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from index.filters import SearchFilter, TrackColumns
from index.stores import hnsw_ef, ivf_probes

EXACT_SUBSET_LIMIT = 50_000
FAISS_FILE = "faiss.index"
VECTORS_FILE = "vectors.npy"


def search_parameters(
    index: faiss.Index, selector: faiss.IDSelector | None, k: int, kept: float = 1.0
) -> faiss.SearchParameters:
    """`kept`: the share of rows the selector lets through."""
    if isinstance(index, faiss.IndexHNSWFlat):
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # there at runtime; faiss's .pyi lacks it
        params.efSearch = hnsw_ef(k, kept)
    elif isinstance(index, faiss.IndexIVFFlat):
        params = faiss.SearchParametersIVF()
        params.nprobe = ivf_probes(index.nlist, kept)
    else:
        params = faiss.SearchParameters()
    if selector is not None:
        params.sel = selector
    return params


class FaissStore:
    name = "faiss"

    def __init__(self, index: faiss.Index, vectors: np.ndarray, columns: TrackColumns):
        self.index, self.vectors, self.columns = index, vectors, columns
        self.exact = isinstance(index, faiss.IndexFlat)
        # One query at a time is memory-bound; OpenMP threads only contend with torch's pool (measured in
        # benchmarks/bench_index.py: 13.8 ms -> ~5 ms p50 at k=300 on 28k tracks, 2 cores).
        faiss.omp_set_num_threads(1)

    @property
    def count(self) -> int:
        return self.index.ntotal

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        return self.vectors[np.asarray(rows, dtype=np.int64)]

    def search(
        self, query: np.ndarray, k: int, flt: SearchFilter | None = None, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(row, cosine) of the k best rows the mask (or the filter) keeps, best first."""
        if mask is None and flt is not None:
            mask = self.columns.mask(flt)
        allowed = self.index.ntotal if mask is None else int(mask.sum())
        k = min(k, allowed)
        if k <= 0:
            return []
        if mask is not None and not self.exact and allowed <= EXACT_SUBSET_LIMIT:
            rows = np.flatnonzero(mask)  # an approximate index loses recall on a small subset: score it exactly
            scores = self.vectors[rows] @ query
            top = np.argsort(-scores, kind="stable")[:k]
            return [(int(rows[i]), float(scores[i])) for i in top]
        selector = None
        if mask is not None:
            bitmap = np.packbits(mask, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
        scores, rows = self.index.search(
            query.reshape(1, -1), k, params=search_parameters(self.index, selector, k, allowed / self.index.ntotal)
        )
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def save(self, build_dir: Path) -> None:
        np.save(build_dir / VECTORS_FILE, self.vectors)
        faiss.write_index(self.index, str(build_dir / FAISS_FILE))


def load_faiss(build_dir: Path) -> tuple[np.ndarray, faiss.Index]:
    return np.load(build_dir / VECTORS_FILE), faiss.read_index(str(build_dir / FAISS_FILE))
