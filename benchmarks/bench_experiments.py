"""What a running template experiment costs: a listener's turn (ask, then a like) with and without one running,
on the fixture catalog and a temp SQLite file or a given PostgreSQL; then the report (with its guardrail look)
over a large experiment: --exposures playlists with three events each, written straight to the tables.

    python benchmarks/bench_experiments.py --turns 200 --exposures 100000
    python benchmarks/bench_experiments.py --db postgresql://USER@HOST/DB   # a fresh database it may write to
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.experiments.report import report_for
from assistant.experiments.store import ExperimentStore
from assistant.pipeline.planner import Engine
from assistant.profiles.profile import ProfileStore
from assistant.session import Session
from assistant.templates.store import TemplateStore
from index.build import build_index
from index.embed import Embedder
from index.offline import go_offline
from index.store import VectorIndex


def _turns(engine: Engine, profiles: ProfileStore, n: int, prefix: str) -> list[float]:
    seconds = []
    for i in range(n):
        who = f"{prefix}{i}"
        profiles.ensure_listener(who)
        t0 = time.perf_counter()
        session = Session(engine, profiles, who)
        session.ask("rock, 4 songs")
        session.feedback(1, "like")
        seconds.append(time.perf_counter() - t0)
    return seconds


def _fill(store: ExperimentStore, experiment_id: int, exposures: int) -> None:
    """Playlists of 1,000 listeners, each with a like, a follow-up and (every fourth) a dislike."""
    batch = 1000
    for start in range(0, exposures, batch):
        rows = [
            (
                experiment_id,
                f"bulk{(start + i) % 1000}",
                None,
                "candidate" if (start + i) % 2 else "control",
                "v1" if (start + i) % 2 else "file",
            )
            for i in range(min(batch, exposures - start))
        ]
        with store.db.transaction() as conn:
            ids = [
                conn.execute(
                    "INSERT INTO exposure (experiment_id, subject, listener_id, arm, version, at) VALUES "
                    "(?, ?, ?, ?, ?, '2026-12-01') RETURNING id",
                    row,
                ).fetchone()[0]
                for row in rows
            ]
            events = [
                (e, kind, 1, "2026-12-01")
                for n, e in enumerate(ids)
                for kind in (("like", "follow_up", "dislike") if n % 4 == 0 else ("like", "follow_up"))
            ]
            conn.executemany("INSERT INTO exposure_event (exposure_id, kind, position, at) VALUES (?, ?, ?, ?)", events)


def main() -> None:
    go_offline()
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--exposures", type=int, default=100_000)
    parser.add_argument("--db", help="postgresql:// URL of a fresh database (default: a temp SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    db = args.db or str(work / "bench.sqlite")
    embedder = Embedder()
    build_index(ROOT / "tests" / "fixtures" / "catalog.csv", work / "index", embedder)
    templates = TemplateStore(db)
    engine = Engine(VectorIndex.load(work / "index", embedder.model_id, embedder.dim), embedder, templates)
    profiles = ProfileStore(db)
    _turns(engine, profiles, 10, "warm")
    without = _turns(engine, profiles, args.turns, "a")
    experiments = ExperimentStore(templates)
    experiment = experiments.start("title", "{{ query }} (B)", 0.5, "bench")
    with_one = _turns(engine, profiles, args.turns, "b")
    print(
        f"{db.split('://')[0] if '://' in db else 'sqlite'}: turn (ask + like), median of {args.turns}: "
        f"{statistics.median(without) * 1000:.1f} ms without an experiment, "
        f"{statistics.median(with_one) * 1000:.1f} ms with one running"
    )
    t0 = time.perf_counter()
    _fill(experiments, experiment.id, args.exposures)
    filled = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = report_for(experiments, "title", min_playlists=10**9)
    took = time.perf_counter() - t0
    print(
        f"report over {sum(v.playlists for v in report.variants):,} playlists and "
        f"{sum(v.likes + v.dislikes + v.follow_ups for v in report.variants):,} events: {took * 1000:.0f} ms "
        f"(writing them took {filled:.1f} s)"
    )


if __name__ == "__main__":
    main()
