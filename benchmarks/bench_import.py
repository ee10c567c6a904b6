"""History import at the size of a real years-long export: writes a Spotify extended-history file of about
--mb megabytes (plays of catalog tracks, some with other spellings, some of songs the catalog lacks), then times
parsing and matching+storing into a fresh SQLite file, and prints plays/s, the match rate and peak RSS.

    python benchmarks/bench_import.py --mb 100
"""

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import peak_rss_mb

from assistant.cli import _engine
from assistant.config import Settings
from assistant.profiles.history import parse_history
from assistant.profiles.profile import ProfileStore

HISTORY_START, HISTORY_SECONDS = datetime(2015, 1, 1, tzinfo=UTC), 10 * 365 * 86400


def write_history(path: Path, tracks, megabytes: float, seed: int = 7) -> int:
    """Writes plays until the file reaches the size asked for; returns how many."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        while out.tell() < target:
            track = rng.choice(tracks)
            title = track.title if rng.random() < 0.7 else f"{track.title} - Remastered {rng.randint(1990, 2020)}"
            if rng.random() < 0.15:
                title, artist = f"Song {rng.randint(0, 10**6)}", f"Band {rng.randint(0, 10**5)}"
            else:
                artist = track.artist
            played = HISTORY_START + timedelta(seconds=rng.randrange(HISTORY_SECONDS))  # one play, one moment
            record = {
                "ts": played.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "platform": "android",
                "ms_played": rng.randint(1_000, 300_000),
                "conn_country": "PT",
                "master_metadata_track_name": title,
                "master_metadata_album_artist_name": artist,
                "master_metadata_album_album_name": track.album,
                "spotify_track_uri": None,
                "reason_start": "trackdone",
                "reason_end": "trackdone",
                "shuffle": False,
                "skipped": rng.random() < 0.1,
                "offline": False,
                "incognito_mode": False,
            }
            out.write(("," if written else "") + json.dumps(record))
            written += 1
        out.write("]")
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100)
    args = parser.parse_args()
    engine = _engine(Settings.from_env(llm="none"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Streaming_History_Audio_2015-2024.json"
        written = write_history(path, engine.index.tracks, args.mb)
        size_mb = path.stat().st_size / 1024 / 1024
        t0 = time.perf_counter()
        plays = parse_history(path)
        t1 = time.perf_counter()
        report = ProfileStore(Path(folder) / "profiles.sqlite").import_plays(
            "bench", plays, engine.vocab, set(engine.index.row_of), path.name
        )
        t2 = time.perf_counter()
    print(f"file {size_mb:.0f} MB, {written} plays written, {report.plays} read, {report.new} stored")
    print(
        f"parse {t1 - t0:.1f} s ({report.plays / (t1 - t0):,.0f} plays/s); match + store {t2 - t1:.1f} s "
        f"({report.plays / (t2 - t1):,.0f} plays/s); total {t2 - t0:.1f} s"
    )
    print(f"matched {report.match_rate:.1%}; peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
