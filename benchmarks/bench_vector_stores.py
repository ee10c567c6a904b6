"""FAISS (in process) against Milvus Lite (the engine in a file) as the vector store: query latency p50/p99
without and with a filter (run inside each engine), recall@100 against exact search, load time. At the catalog's
own size (real vectors and tracks), and at --n synthetic vectors (real vectors plus noise, tracks with random years,
genres and explicit flags).

    python benchmarks/bench_vector_stores.py --n 1000000
"""

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_ann import synthetic
from common import percentile, prompts

from assistant.config import Settings
from index.catalog import Track
from index.embed import Embedder
from index.filters import SearchFilter, TrackColumns
from index.store import VectorIndex, make_faiss_index
from index.stores.faiss_store import FaissStore
from index.stores.milvus_store import MilvusStore

K = 100
FILTER = SearchFilter(year_min=1990, year_max=1999, exclude_explicit=True, exclude_genres=("pop",))
GENRES = ["rock", "pop", "rap", "r&b", "latin", "edm"]


def synthetic_tracks(base: list[Track], n: int, seed: int = 1) -> list[Track]:
    rng = np.random.default_rng(seed)
    years, genres, explicit = rng.integers(1960, 2021, n), rng.integers(0, len(GENRES), n), rng.random(n) < 0.2
    return [Track.model_construct(track_id=f"s{i}", title=f"Song {i}", artist=f"Artist {i % 50_000}",
                                  year=int(years[i]), genres=(GENRES[genres[i]],), subgenres=(), duration_ms=200_000,
                                  explicit=bool(explicit[i]), album="", url="", path="")
            for i in range(n)]


def timed(search, queries, flt):
    times, found = [], []
    for q in queries:
        started = time.perf_counter()
        found.append([row for row, _ in search(q, K, flt)])
        times.append((time.perf_counter() - started) * 1000)
    return times, found


def recall(found, exact) -> float:
    return float(np.mean([len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(found, exact)]))


def compare(label: str, tracks: list[Track], vectors: np.ndarray, queries: np.ndarray, workdir: Path) -> None:
    columns = TrackColumns(tracks)
    faiss_store = FaissStore(make_faiss_index(vectors, "flat"), vectors, columns)
    started = time.perf_counter()
    milvus = MilvusStore.create(str(workdir / f"bench_{len(vectors)}.db"), "tracks_bench", tracks, vectors)
    load_s = time.perf_counter() - started
    for name, flt in (("unfiltered", None), ("filtered", FILTER)):
        mask = columns.mask(flt) if flt else None
        exact = [[int(r) for r in np.flatnonzero(mask if mask is not None else np.ones(len(vectors), bool))[
            np.argsort(-(vectors[mask if mask is not None else slice(None)] @ q), kind="stable")[:K]]]
            for q in queries]
        f_times, f_found = timed(lambda q, k, f: faiss_store.search(q, k, f, mask), queries, flt)
        m_times, m_found = timed(milvus.search, queries, flt)
        print(f"{label} {name}: FAISS flat p50 {percentile(f_times, 50):.1f} ms p99 {percentile(f_times, 99):.1f} ms "
              f"recall@100 {recall(f_found, exact):.3f} | Milvus Lite FLAT p50 {percentile(m_times, 50):.1f} ms "
              f"p99 {percentile(m_times, 99):.1f} ms recall@100 {recall(m_found, exact):.3f}")
    print(f"{label}: Milvus Lite insert + load {load_s:.1f} s ({len(vectors) / load_s:,.0f} vectors/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=0, help="also compare at this many synthetic vectors")
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    embedder = Embedder()
    index = VectorIndex.load(Settings.from_env().index_dir, embedder.model_id, embedder.dim)
    queries = embedder.encode(prompts(args.queries))
    vectors = index.vectors_of(range(len(index)))
    with tempfile.TemporaryDirectory() as workdir:
        compare(f"{len(index.tracks):,} catalog tracks", index.tracks, vectors, queries, Path(workdir))
        if args.n:
            compare(f"{args.n:,} synthetic", synthetic_tracks(index.tracks, args.n), synthetic(vectors, args.n),
                    queries, Path(workdir))


if __name__ == "__main__":
    main()
