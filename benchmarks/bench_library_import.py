"""Import speed of your own music: a generated library of N short tagged files (five formats), imported from the
folder (tags only, then with audio analysis), over the Subsonic API from a real Supysonic, and the index update
after 1% of the files were retagged.

    python benchmarks/bench_library_import.py --files 500
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from index.offline import go_offline  # noqa: E402

go_offline()

from music_library import FORMATS, Song, write_song  # noqa: E402
from servers import SUBSONIC_PASSWORD, SUBSONIC_USER, supysonic  # noqa: E402

from index.build import build_index  # noqa: E402
from index.embed import Embedder  # noqa: E402
from index.sources.analysis import analyze  # noqa: E402
from index.sources.folder import import_folder  # noqa: E402
from index.sources.subsonic import import_subsonic  # noqa: E402
from index.sources.subsonic_api import SubsonicClient  # noqa: E402

GENRES = ["rock", "pop", "techno", "jazz", "latin pop", "ambient", "hip hop", "folk"]


def song(i: int, title_suffix: str = "") -> Song:
    return Song(
        f"Artist {i // 10}",
        f"Album {i // 5}",
        f"Song number {i}{title_suffix}",
        1970 + i % 55,
        GENRES[i % len(GENRES)],
        70 + i % 100,
        i % 2 == 0,
        list(FORMATS)[i % len(FORMATS)],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    music = work / "music"
    paths = []
    for i in range(args.files):
        s = song(i)
        paths.append(music / s.relative(i % 5 + 1))
        write_song(paths[-1], s, seed=i)
    print(f"library: {args.files} files of 6 s in {len(FORMATS)} formats under {music}")

    report = import_folder(music, work / "tags.jsonl")
    print(f"folder import, tags: {report.tracks / report.seconds:.0f} files/s ({report.seconds:.2f} s)")
    report = import_folder(music, work / "tags.jsonl")
    print(f"folder re-import, nothing changed: {report.tracks / report.seconds:.0f} files/s ({report.seconds:.2f} s)")
    report = import_folder(music, work / "analysed.jsonl", analyze)
    print(f"folder import with --analyze: {report.tracks / report.seconds:.1f} files/s ({report.seconds:.2f} s)")

    with supysonic(music, work / "supysonic") as (url, _):
        api = SubsonicClient(url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=True)  # Supysonic: no tokens
        report = import_subsonic(api, work / "subsonic.jsonl")
        print(
            f"Subsonic import (Supysonic, search3 pages of 500): {report.tracks / report.seconds:.0f} songs/s "
            f"({report.seconds:.2f} s)"
        )

    embedder = Embedder()
    started = time.perf_counter()
    full = build_index(work / "tags.jsonl", work / "index", embedder)
    print(f"index build from scratch: {time.perf_counter() - started:.1f} s, {full.embedded} embedded")
    changed = max(1, args.files // 100)
    for i in range(changed):
        write_song(paths[i], song(i, " (remix)"), seed=i)
    started = time.perf_counter()
    report = import_folder(music, work / "tags.jsonl")
    update = build_index(work / "tags.jsonl", work / "index", embedder)
    print(
        f"{changed} files retagged (1%): re-import + index update {time.perf_counter() - started:.2f} s, "
        f"{update.embedded} embedded, {report.reused} files not re-read"
    )


if __name__ == "__main__":
    main()
