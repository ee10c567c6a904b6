"""A folder of audio files -> catalog rows. Each file's id is a hash of its path under the folder, so it stays
the same across re-imports and retagging; a file whose size and modification time did not change since the last
import is not read again."""

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from index.errors import CatalogError
from index.sources.records import CatalogImportReport, read_rows, write_rows
from index.sources.tags import AUDIO_SUFFIXES, FileTags, UnreadableAudio, names_from_path, read_tags

UNKNOWN_ARTIST = "Unknown artist"

# on_progress(done, total): files looked at so far.
ProgressCallback = Callable[[int, int], None]
# analyze(path) -> feature columns (tempo, energy, loudness), or raises to skip the analysis of that file.
Analyzer = Callable[[Path], dict[str, float]]


def file_id(root: Path, path: Path) -> str:
    return "file:" + hashlib.sha1(path.relative_to(root).as_posix().encode("utf-8")).hexdigest()[:20]


def audio_files(root: Path) -> Iterator[Path]:
    """Audio files under root in a stable order; hidden folders and files are passed over."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in AUDIO_SUFFIXES:
                yield Path(folder) / name


def _row(root: Path, path: Path, stat: os.stat_result, tags: FileTags, report: CatalogImportReport) -> dict[str, Any]:
    title, artist, album = tags.title, tags.artist, tags.album
    if not title or not artist:
        guessed_title, guessed_artist, guessed_album = names_from_path(path, root)
        title, artist, album = (
            title or guessed_title,
            artist or guessed_artist or UNKNOWN_ARTIST,
            album or guessed_album,
        )
        report.named_from_path += 1
    return {
        "track_id": file_id(root, path),
        "title": title,
        "artist": artist,
        "album": album,
        "year": tags.year,
        "genres": tags.genres,
        "duration_ms": tags.duration_ms,
        "explicit": tags.explicit,
        "path": str(path.resolve()),
        "library_root": str(root),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def import_folder(
    root: Path, catalog: Path, analyze: Analyzer | None = None, on_progress: ProgressCallback | None = None
) -> CatalogImportReport:
    """Scans root into the catalog file; unreadable files are skipped and named in the report."""
    started = time.perf_counter()
    root = root.expanduser().resolve()
    if not root.is_dir():
        raise CatalogError(f"music folder not found: {root}")
    report = CatalogImportReport(source=str(root), catalog=catalog)
    previous = read_rows(catalog)
    files = list(audio_files(root))
    if not files:
        raise CatalogError(f"no audio files ({', '.join(sorted(AUDIO_SUFFIXES))}) under {root}")

    def rows() -> Iterator[dict[str, Any]]:
        for done, path in enumerate(files, 1):
            if on_progress:
                on_progress(done, len(files))
            shown = path.relative_to(root).as_posix()
            try:
                stat = path.stat()
            except OSError as exc:
                report.skip(f"cannot read: {exc.strerror}", shown)
                continue
            old = previous.get(file_id(root, path))
            if (
                old
                and (old.get("size"), old.get("mtime_ns")) == (stat.st_size, stat.st_mtime_ns)
                and (analyze is None or "energy" in old)
            ):
                report.reused += 1
                report.tracks += 1
                yield old
                continue
            try:
                tags = read_tags(path)
            except UnreadableAudio as exc:
                report.skip("not readable as audio", f"{shown} ({exc})")
                continue
            if tags.duration_ms < 1000:
                report.skip("no playable length", shown)
                continue
            row = _row(root, path, stat, tags, report)
            if analyze is not None:
                try:
                    row.update(analyze(path))
                    report.analyzed += 1
                except Exception as exc:  # noqa: BLE001 - a file the decoder cannot read keeps its tags, unanalysed
                    report.skip("tags only, audio not analysable", f"{shown} ({type(exc).__name__})")
            report.tracks += 1
            yield row

    write_rows(catalog, rows())
    report.seconds = time.perf_counter() - started
    return report
