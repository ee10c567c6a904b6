"""Index figures: build throughput (tracks/s, on the first --limit catalog rows into a temp folder), query
latency p50/p99 (query encode and FAISS search measured separately) on the configured index, and peak RSS.

    python benchmarks/bench_index.py --catalog ../shared/data/spotify_songs.csv.gz --limit 2000
"""

import argparse
import csv
import gzip
import io
import tempfile
import time
from pathlib import Path

from common import peak_rss_mb, prompts, summary

from assistant.config import Settings
from index.build import build_index
from index.embed import Embedder
from index.source import resolve_catalog
from index.store import SearchFilter, VectorIndex


def _subset(catalog: Path, limit: int, folder: Path) -> Path:
    opener = gzip.open if catalog.suffix == ".gz" else open
    with opener(catalog, "rt", encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        rows = [row for _, row in zip(range(limit + 1), reader)]
    target = folder / "subset.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog")
    parser.add_argument("--limit", type=int, default=2000, help="catalog rows for the build benchmark (0: skip)")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    settings = Settings.from_env(catalog=args.catalog)
    embedder = Embedder()

    if args.limit:
        with tempfile.TemporaryDirectory() as tmp:
            subset = _subset(resolve_catalog(settings.stores.catalog, settings.download_dir), args.limit, Path(tmp))
            started = time.perf_counter()
            report = build_index(subset, Path(tmp) / "index", embedder)
            seconds = time.perf_counter() - started
            print(
                f"build: {report.tracks} tracks in {seconds:.1f} s = {report.tracks / seconds:.1f} tracks/s "
                f"(catalog load + describe + embed + FAISS + save)"
            )
            started = time.perf_counter()
            again = build_index(subset, Path(tmp) / "index", embedder)
            print(f"rebuild, nothing changed: {time.perf_counter() - started:.2f} s (up_to_date={again.up_to_date})")

    index = VectorIndex.load(settings.stores.index_dir, embedder.model_id, embedder.dim)
    texts = prompts(args.queries)
    for text in texts[:5]:
        index.search(embedder.encode_query(text), 300)
    encode_s, search_s, filtered_s = [], [], []
    flt = SearchFilter(year_min=1990, year_max=1999, genres=("rap",), exclude_artists=("Drake",))
    for text in texts:
        t0 = time.perf_counter()
        vector = embedder.encode_query(text)
        t1 = time.perf_counter()
        index.search(vector, 300)
        t2 = time.perf_counter()
        index.search(vector, 300, flt)
        t3 = time.perf_counter()
        encode_s.append(t1 - t0)
        search_s.append(t2 - t1)
        filtered_s.append(t3 - t2)
    print(f"index: {len(index)} tracks, {index.manifest.index_type}, {index.manifest.dim}-d")
    print(summary("query encode", encode_s))
    print(summary("FAISS search k=300", search_s))
    print(summary("FAISS search k=300 + filter", filtered_s))
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
