"""Index build throughput: the single-process build against Ray Data with 1 and 2 embedding actors, on the first
--tracks tracks of the configured catalog (each run into a fresh folder, so every description is embedded; the
Ray figures include starting the actors and loading the model in each).

    python benchmarks/bench_ray_build.py --tracks 2000 [--workers 0,1,2]
"""

import argparse
import csv
import gzip
import tempfile
import time
from pathlib import Path

import common  # noqa: F401 - puts the project on the path

from assistant.config import Settings
from index.build import build_index
from index.embed import Embedder
from index.ray_embed import RayRunner
from index.source import resolve_catalog


def head_of_catalog(source: Path, rows: int, target: Path) -> Path:
    opener = gzip.open if source.suffix == ".gz" else open
    with (
        opener(source, "rt", encoding="utf-8", newline="") as stream,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(stream)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for i, row in enumerate(reader):
            if i >= rows:
                break
            writer.writerow(row)
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracks", type=int, default=2000)
    parser.add_argument("--workers", default="0,1,2", help="runs to make: 0 is the single-process build")
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = Embedder()
    with tempfile.TemporaryDirectory() as work:
        catalog = head_of_catalog(
            resolve_catalog(settings.stores.catalog, settings.download_dir), args.tracks, Path(work) / "catalog.csv"
        )
        for workers in (int(w) for w in args.workers.split(",")):
            name = f"Ray, {workers} worker{'s' if workers > 1 else ''}" if workers else "single process"
            runner = RayRunner(workers=workers) if workers else None
            started = time.perf_counter()
            report = build_index(catalog, Path(work) / name.replace(" ", "_").replace(",", ""), embedder, runner=runner)
            seconds = time.perf_counter() - started
            print(
                f"{name}: {report.embedded} tracks embedded in {seconds:.1f} s ({report.embedded / seconds:.1f} "
                f"tracks/s)"
            )
            if runner is not None:
                import ray

                ray.shutdown()


if __name__ == "__main__":
    main()
