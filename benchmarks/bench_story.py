"""What the listening story costs on a years-long history: imports bench_import's generated Spotify extended
history of about --mb megabytes into a fresh SQLite file (or --db), then times the whole-history story, a one-year
story (2024) and the share card of it, each --runs times, and prints the year's figures. --card writes the card.

    python benchmarks/bench_story.py --mb 100
    python benchmarks/bench_story.py --mb 100 --card docs/story-card.png
"""

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_import import write_history
from common import peak_rss_mb, summary

from assistant.config import Settings
from assistant.outputs.card_choices import CARD_PARTS, CardChoices
from assistant.outputs.cards import story_card
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.profiles.history import parse_history
from assistant.profiles.profile import ProfileStore
from assistant.profiles.story import load_plays, story_of, tell_story
from assistant.profiles.story_model import StoryPeriod
from assistant.profiles.story_text import story_lines
from index.store import VectorIndex

LISTENER = "bench"
YEAR = StoryPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31), tz="Europe/Lisbon")


def _timed(action, runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - t0)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="a database to use instead of a fresh SQLite file; the listener is replaced")
    parser.add_argument("--card", type=Path, help="write the 2024 share card (every part) here")
    args = parser.parse_args()
    index = VectorIndex.load(Settings.from_env().stores.index_dir)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Streaming_History_Audio_2015-2024.json"
        write_history(path, index.tracks, args.mb)
        store = ProfileStore(args.db or str(Path(folder) / "profiles.sqlite"))
        if store.exists(LISTENER):
            store.delete(LISTENER)
        report = store.import_plays(
            LISTENER, parse_history(path), CatalogVocabulary(index.tracks), set(index.row_of), path.name
        )
        print(f"{path.stat().st_size / 2**20:.0f} MB history, {report.plays:,} plays, {report.matched:,} matched")
        load, plays = _timed(lambda: load_plays(store, LISTENER, index, YEAR.zone), args.runs)
        whole, _ = _timed(lambda: story_of(store, LISTENER, index), args.runs)
        year, story = _timed(lambda: story_of(store, LISTENER, index, YEAR), args.runs)
        counting, _ = _timed(lambda: tell_story(LISTENER, plays, YEAR), args.runs)
        choices = CardChoices(show=list(CARD_PARTS))
        card_s, card = _timed(lambda: story_card(story, choices), args.runs)
        for name, seconds in (
            ("read plays from the store", load),
            ("story: whole history", whole),
            ("story: 2024", year),
            ("  of which counting", counting),
            ("share card (every part)", card_s),
        ):
            print(summary(name, seconds))
        print(f"peak RSS {peak_rss_mb():.0f} MB; card {card.width}x{card.height} px, {len(card.png) / 1024:.0f} KB")
        print("\n".join(story_lines(story)))
        if args.card:
            args.card.write_bytes(card.png)
            print(f"wrote {args.card}")
        if args.db:
            store.delete(LISTENER)


if __name__ == "__main__":
    main()
