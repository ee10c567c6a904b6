"""Where a catalog comes from, by scheme: a CSV/JSONL catalog file ("" a path, file://, http(s):// downloaded and
cached), or an importer that writes one from a library ("folder": a folder of audio files, "subsonic": a Subsonic
API server). `catalog_sources()` gives a fresh registry with the built-ins; another source (Jellyfin, Plex) is one
module with a `read` plus one `register` line."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.errors import CatalogError
from index.registry import Registry

if TYPE_CHECKING:
    from index.sources.records import CatalogImportReport

ProgressCallback = Callable[[int, int | None], None]


@dataclass(frozen=True)
class SourceJob:
    """What a source may need besides its location; each uses what it has a use for."""

    out: Path | None = None  # the catalog file an importer writes (kept aside until complete)
    cache_dir: Path | None = None  # where a downloaded catalog file is kept
    on_progress: ProgressCallback | None = None
    analyze: bool = False  # folder: tempo and energy from the audio (slow)
    login: Callable[[str], Any] | None = None  # a server's client for its address (Subsonic: user, password)


@dataclass(frozen=True)
class SourceResult:
    catalog: Path  # the catalog file to index
    report: "CatalogImportReport | None" = None  # what an importer read and left out; None for a catalog file


class CatalogSource(Protocol):
    unit: str  # what its progress counts ("file", "song", "B")
    default_name: str  # PLAYLIST_HOME/catalogs/<default_name>.jsonl when an importer is given no --out

    def read(self, location: str, job: SourceJob) -> SourceResult: ...


class CatalogFile:
    """A CSV or JSONL catalog at a path, a file:// URL, or an http(s) URL downloaded once and checksummed."""

    unit, default_name = "B", "catalog"

    def read(self, location: str, job: SourceJob) -> SourceResult:
        from index.source import fetch_catalog_file

        return SourceResult(fetch_catalog_file(location, job.cache_dir or Path("."), job.on_progress))


class FolderSource:
    unit, default_name = "file", "music-folder"

    def read(self, location: str, job: SourceJob) -> SourceResult:
        from index.sources.folder import import_folder

        analyzer: "Callable[[Path], dict[str, float]] | None" = None
        if job.analyze:
            from index.sources.analysis import analyze

            analyzer = analyze
        out = _out(job, self.default_name)
        return SourceResult(out, import_folder(Path(location), out, analyzer, job.on_progress))


class SubsonicSource:
    unit, default_name = "song", "subsonic"

    def read(self, location: str, job: SourceJob) -> SourceResult:
        from index.sources.subsonic import import_subsonic

        if job.login is None:
            raise CatalogError(f"a Subsonic import needs a user and password: {location}")
        out = _out(job, self.default_name)
        return SourceResult(out, import_subsonic(job.login(location), out, on_progress=job.on_progress))


def _out(job: SourceJob, name: str) -> Path:
    if job.out is None:
        raise CatalogError(f"an import needs the catalog file to write (default catalogs/{name}.jsonl)")
    return job.out


def catalog_sources() -> Registry[CatalogSource]:
    """A new registry holding the built-in sources."""
    sources: Registry[CatalogSource] = Registry("catalog source")
    sources.register(CatalogFile(), "", "file", "http", "https")
    sources.register(FolderSource(), "folder")
    sources.register(SubsonicSource(), "subsonic")
    return sources
