"""Exact vs approximate search at scale: N synthetic vectors (real track vectors plus noise, normalised, so they
keep the catalog's cluster structure), query latency p50/p99 per index type and recall@100 against exact.

    python benchmarks/bench_ann.py --n 1000000 --types flat,ivf,hnsw
"""

import argparse
import time

import faiss
import numpy as np
from common import peak_rss_mb, prompts, summary

from assistant.config import Settings
from index.embed import Embedder
from index.store import VectorIndex, make_faiss_index
from index.stores.faiss_store import search_parameters

K = 100


def synthetic(base: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        rows = rng.integers(0, len(base), min(100_000, n - start))
        block = base[rows] + rng.normal(0, 0.05, (len(rows), base.shape[1])).astype(np.float32)
        out[start : start + len(rows)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--types", default="flat,ivf,hnsw")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    embedder = Embedder()
    index = VectorIndex.load(Settings.from_env().stores.index_dir, embedder.model_id, embedder.dim)
    vectors = synthetic(index.vectors_of(range(len(index))), args.n)
    queries = embedder.encode(prompts(args.queries))
    exact_ids = None
    for index_type in args.types.split(","):
        faiss.omp_set_num_threads(2)  # builds use both cores; searches are single queries on one
        started = time.perf_counter()
        built = make_faiss_index(vectors, index_type)
        build_s = time.perf_counter() - started
        faiss.omp_set_num_threads(1)
        params = search_parameters(built, None, K)
        times, ids = [], []
        for q in queries:
            t0 = time.perf_counter()
            _, found = built.search(q.reshape(1, -1), K, params=params)
            times.append(time.perf_counter() - t0)
            ids.append(found[0])
        if index_type == "flat":
            exact_ids = ids
        elif exact_ids is None:  # no flat run to compare with: exact answers by brute force
            exact_ids = [np.argsort(-(vectors @ q))[:K] for q in queries]
        recall = (
            np.mean([len(set(a) & set(b)) / K for a, b in zip(ids, exact_ids)])
            if exact_ids is not None
            else float("nan")
        )
        print(
            f"{index_type:5s} n={args.n:,} build {build_s:7.1f} s   {summary('search k=100', times)}   "
            f"recall@100 vs flat {recall:.3f}"
        )
        del built
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
