"""The catalog file an import writes: JSONL rows in load_catalog's columns plus what a re-import needs to tell
an unchanged file from a changed one. Written aside and swapped in, so an import that fails or is interrupted
leaves the previous catalog as it was."""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from index.atomic import atomic_file
from index.errors import CatalogError


class CatalogImportReport(BaseModel):
    """What a catalog import (a music folder, a Subsonic library) read, wrote, re-used and had to leave out, by
    reason; a listener's history import has its own HistoryImportReport (plays, not tracks)."""

    source: str
    catalog: Path
    tracks: int = 0
    reused: int = 0
    named_from_path: int = 0
    analyzed: int = 0
    skipped: dict[str, list[str]] = Field(default_factory=dict)
    seconds: float = 0.0

    def skip(self, reason: str, what: str) -> None:
        self.skipped.setdefault(reason, []).append(what)

    def summary(self) -> str:
        rate = self.tracks / self.seconds if self.seconds > 0 else 0.0
        parts = [
            f"imported {self.tracks} tracks from {self.source} into {self.catalog} in {self.seconds:.1f}s "
            f"({rate:.0f}/s)"
        ]
        if self.reused:
            parts.append(f"{self.reused} unchanged since the last import")
        if self.named_from_path:
            parts.append(f"{self.named_from_path} without usable tags, named from their folder and file names")
        if self.analyzed:
            parts.append(f"{self.analyzed} analysed for tempo and energy")
        for reason, items in self.skipped.items():
            shown = ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
            parts.append(f"skipped {len(items)} ({reason}): {shown}")
        return "; ".join(parts)


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    """The previous import's rows by track id; nothing when there is none or it cannot be read."""
    rows: dict[str, dict[str, Any]] = {}
    try:
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and row.get("track_id"):
                    rows[str(row["track_id"])] = row
    except OSError:
        return {}
    return rows


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Writes the rows to a temp file beside `path`, then renames it over `path`; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with atomic_file(path, binary=False) as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        if count == 0:
            raise CatalogError("the import found no tracks; the previous catalog is kept")
    return count


def library_root(catalog: Path) -> Path | None:
    """The music folder a folder import read (recorded in each of its rows), or None for other catalogs."""
    try:
        with catalog.open(encoding="utf-8") as stream:
            root = json.loads(stream.readline() or "{}").get("library_root")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(root) if root else None
