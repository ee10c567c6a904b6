"""What a listener's profile costs a turn with a years-long history: imports bench_import's generated Spotify
extended history of about --mb megabytes, then times the profile load and a whole personalised turn (`ask`)
without the cache (each turn re-reads every play and rebuilds: the path before profiles were cached), cold (the
first turn after a change, here a like) and warm (the turns after), and importing the same file again.

    python benchmarks/bench_profile.py --mb 100
    python benchmarks/bench_profile.py --mb 100 --db postgresql://USER@HOST/DB   # a database it may write to
"""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_import import write_history
from common import peak_rss_mb, prompts, summary

from assistant.cli import _engine
from assistant.config import Settings
from assistant.profiles.history import parse_history
from assistant.profiles.profile import ProfileStore
from assistant.session import Session

LISTENER = "bench"


def _timed(action: Callable[[], object], before: Callable[[], object] = lambda: None, runs: int = 5) -> list[float]:
    """Seconds of each of `runs` calls of action, each after an untimed call of before."""
    seconds = []
    for _ in range(runs):
        before()
        t0 = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - t0)
    return seconds


def _turns(engine, store: ProfileStore, texts: list[str]) -> list[float]:
    """A new chat's first turn per prompt, the listener's profile applied."""
    return _timed(lambda: Session(engine, store, LISTENER).ask(texts.pop()), runs=len(texts))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--runs", type=int, default=7, help="timed loads (and turns) per case")
    parser.add_argument("--db", help="a database to use instead of a fresh SQLite file; the listener is replaced")
    args = parser.parse_args()
    engine = _engine(Settings.from_env(llm="none"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Streaming_History_Audio_2015-2024.json"
        write_history(path, engine.index.tracks, args.mb)
        db = args.db or str(Path(folder) / "profiles.sqlite")
        cached, uncached = ProfileStore(db), ProfileStore(db, cache_size=0)
        if cached.exists(LISTENER):
            cached.delete(LISTENER)
        plays, known = parse_history(path), set(engine.index.row_of)
        first = cached.import_plays(LISTENER, plays, engine.vocab, known, path.name)
        t0 = time.perf_counter()
        again = cached.import_plays(LISTENER, plays, engine.vocab, known, path.name)
        reimport_s = time.perf_counter() - t0
        profile = cached.profile(LISTENER, engine.index)
        like = next(iter(profile.track_weight))
        load = {
            "no cache (before)": _timed(lambda: uncached.profile(LISTENER, engine.index), runs=args.runs),
            "cold: first after a like": _timed(
                lambda: cached.profile(LISTENER, engine.index),
                lambda: cached.add_feedback(LISTENER, like, "like"),
                runs=args.runs,
            ),
            "warm: cached": _timed(lambda: cached.profile(LISTENER, engine.index), runs=args.runs * 10),
        }
        texts = prompts(args.runs)
        _turns(engine, cached, texts[:2])  # the pipeline's first-call costs, out of both figures
        turn = {
            "turn, no cache (before)": _turns(engine, uncached, list(texts)),
            "turn, warm cache": _turns(engine, cached, list(texts)),
        }
        where = cached.db.describe() if args.db else "SQLite"
        print(
            f"{where}: {path.stat().st_size / 2**20:.0f} MB history, {first.plays} plays, {first.new} stored; the "
            f"profile has {len(profile.track_weight)} tracks, {len(profile.artist_plays)} artists"
        )
        print(f"import again: {again.summary()} in {reimport_s:.1f} s")
        for name, seconds in {**load, **turn}.items():
            print(summary(name, seconds))
        before, after = statistics.median(turn["turn, no cache (before)"]), statistics.median(turn["turn, warm cache"])
        print(f"turn median {before * 1000:.0f} ms -> {after * 1000:.0f} ms; peak RSS {peak_rss_mb():.0f} MB")
        if args.db:
            cached.delete(LISTENER)


if __name__ == "__main__":
    main()
