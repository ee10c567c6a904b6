"""FAISS (in process) against Milvus Lite (the engine in a file) as the vector store: query latency p50/p99
without and with a filter (run inside each engine), recall@100 against exact search, load time. At the catalog's
own size (real vectors and tracks), and at --n synthetic vectors (real vectors plus noise, tracks with random years,
genres and explicit flags).

    python benchmarks/bench_vector_stores.py                      # the catalog, exact search in both
    python benchmarks/bench_vector_stores.py --n 1000000 --types flat,hnsw --queries 10
    milvus-server --data /tmp/milvus &   # a Milvus standalone server (pip install milvus), port 19530
    python benchmarks/bench_vector_stores.py --milvus-uri milvus://127.0.0.1:19530
"""

import argparse
import tempfile
import time
from pathlib import Path

import faiss
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
FILTERS = {  # the engine evaluates scalar comparisons column-wise; array membership (genres) is the costly part
    "unfiltered": None,
    "years+clean+artists": SearchFilter(
        year_min=1990, year_max=1999, exclude_explicit=True, exclude_artists=("Artist 7", "Artist 8")
    ),
    "years+clean+genre out": SearchFilter(year_min=1990, year_max=1999, exclude_explicit=True, exclude_genres=("pop",)),
}
GENRES = ["rock", "pop", "rap", "r&b", "latin", "edm"]


def synthetic_tracks(base: list[Track], n: int, seed: int = 1) -> list[Track]:
    rng = np.random.default_rng(seed)
    years, genres, explicit = rng.integers(1960, 2021, n), rng.integers(0, len(GENRES), n), rng.random(n) < 0.2
    return [
        Track.model_construct(
            track_id=f"s{i}",
            title=f"Song {i}",
            artist=f"Artist {i % 50_000}",
            year=int(years[i]),
            genres=(GENRES[genres[i]],),
            subgenres=(),
            duration_ms=200_000,
            explicit=bool(explicit[i]),
            album="",
            url="",
            path="",
        )
        for i in range(n)
    ]


def timed(search, queries, flt):
    times, found = [], []
    for q in queries:
        started = time.perf_counter()
        found.append([row for row, _ in search(q, K, flt)])
        times.append((time.perf_counter() - started) * 1000)
    return times, found


def recall(found, exact) -> float:
    return float(np.mean([len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(found, exact)]))


def line(engine: str, times: list[float], found, exact) -> str:
    return (
        f"{engine} p50 {percentile(times, 50):,.1f} ms p99 {percentile(times, 99):,.1f} ms "
        f"recall@100 {recall(found, exact):.3f}"
    )


def compare(
    label: str,
    tracks: list[Track],
    vectors: np.ndarray,
    queries: np.ndarray,
    workdir: Path,
    index_types: list[str],
    milvus_uri: str | None,
) -> None:
    """milvus_uri: a server, '' for a Milvus Lite file, None for FAISS alone."""
    engine = "Milvus server" if milvus_uri else "Milvus Lite"
    columns = TrackColumns(tracks)
    masks = {name: columns.mask(flt) if flt else np.ones(len(vectors), bool) for name, flt in FILTERS.items()}
    exact = {
        name: [
            [int(r) for r in np.flatnonzero(mask)[np.argsort(-(vectors[mask] @ q), kind="stable")[:K]]] for q in queries
        ]
        for name, mask in masks.items()
    }
    for index_type in index_types:
        faiss.omp_set_num_threads(2)
        faiss_store = FaissStore(make_faiss_index(vectors, index_type), vectors, columns)  # sets 1 thread to search
        for name, flt in FILTERS.items():
            mask = masks[name] if flt else None
            f_times, f_found = timed(
                lambda q, k, f, store=faiss_store, mask=mask: store.search(q, k, f, mask), queries, flt
            )
            print(
                f"{label} {index_type} {name} (kept {masks[name].mean():.3f}): "
                f"{line('FAISS', f_times, f_found, exact[name])}",
                flush=True,
            )
        if milvus_uri is None:
            continue
        started = time.perf_counter()
        milvus = MilvusStore.create(
            milvus_uri or str(workdir / f"bench_{len(vectors)}_{index_type}.db"),
            "tracks_bench",
            tracks,
            vectors,
            index_type,
        )
        load_s = time.perf_counter() - started
        for name, flt in FILTERS.items():
            m_times, m_found = timed(
                lambda q, k, f, store=milvus, name=name: store.search(q, k, f, masks[name] if f else None), queries, flt
            )
            print(f"{label} {index_type} {name}: {line(engine, m_times, m_found, exact[name])}", flush=True)
        print(
            f"{label} {index_type}: {engine} insert + index + load {load_s:.1f} s "
            f"({len(vectors) / load_s:,.0f} vectors/s)",
            flush=True,
        )
        milvus.client.drop_collection(milvus.collection)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=0, help="also compare at this many synthetic vectors")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--types", default="flat", help="index types at --n (flat, hnsw, ivf); the catalog: flat")
    parser.add_argument(
        "--milvus-uri",
        default="",
        help="a Milvus server (milvus://host:port; `milvus-server` starts one here) instead of a Milvus Lite file",
    )
    parser.add_argument("--faiss-only", action="store_true", help="no Milvus run")
    args = parser.parse_args()
    embedder = Embedder()
    index = VectorIndex.load(Settings.from_env().stores.index_dir, embedder.model_id, embedder.dim)
    queries = embedder.encode(prompts(args.queries))
    vectors = index.vectors_of(range(len(index)))
    milvus_uri = None if args.faiss_only else args.milvus_uri
    with tempfile.TemporaryDirectory() as workdir:
        if not args.n:
            compare(
                f"{len(index.tracks):,} catalog tracks",
                index.tracks,
                vectors,
                queries,
                Path(workdir),
                ["flat"],
                milvus_uri,
            )
        else:
            compare(
                f"{args.n:,} synthetic",
                synthetic_tracks(index.tracks, args.n),
                synthetic(vectors, args.n),
                queries,
                Path(workdir),
                args.types.split(","),
                milvus_uri,
            )


if __name__ == "__main__":
    main()
