"""Where the catalog comes from: a local path, a file:// URL, or a download that is checksummed and cached."""

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.atomic import atomic_file
from index.catalog import content_checksum
from index.errors import CatalogError
from index.registry import scheme_of

if TYPE_CHECKING:
    from index.registry import Registry
    from index.sources import CatalogSource

DEFAULT_CATALOG_URL = (
    "https://raw.githubusercontent.com/rfordatascience/tidytuesday/master/data/2020/2020-01-21/spotify_songs.csv"
)
DEFAULT_CATALOG_SHA256 = "9902920cfe4940f0914ebb6716801a42f7f19ac88fbd6693eaae7e2822b16845"
CATALOG_ENV = "PLAYLIST_CATALOG"

ProgressCallback = Callable[[int, int | None], None]


def catalog_spec(explicit: str | None = None) -> str:
    """The catalog given (Settings.stores.catalog: an argument, else $PLAYLIST_CATALOG), else the public default."""
    return explicit or DEFAULT_CATALOG_URL


def _download(url: str, target: Path, on_progress: ProgressCallback | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(url, timeout=60) as response, atomic_file(target) as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            done = 0
            for block in iter(lambda: response.read(1 << 16), b""):
                out.write(block)
                done += len(block)
                if on_progress:
                    on_progress(done, total)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CatalogError(
            f"could not download the catalog from {url} ({exc}); "
            f"set {CATALOG_ENV} or --catalog to a local copy (path or file:// URL)"
        ) from exc


def resolve_catalog(
    spec: str | None,
    cache_dir: Path,
    on_progress: ProgressCallback | None = None,
    sources: "Registry[CatalogSource] | None" = None,
) -> Path:
    """A local file for the catalog spec, from the source its scheme names (index.sources; `sources` default the
    built-ins, and a scheme none claims is read as a path); URLs are downloaded once into cache_dir."""
    from index.sources import SourceJob, catalog_sources

    spec = catalog_spec(spec)
    sources = sources or catalog_sources()
    scheme = scheme_of(spec)
    source = sources.get(scheme if scheme in sources else "")
    return source.read(spec, SourceJob(cache_dir=cache_dir, on_progress=on_progress)).catalog


def fetch_catalog_file(spec: str, cache_dir: Path, on_progress: ProgressCallback | None = None) -> Path:
    """A CSV/JSONL catalog at a path or file:// URL, or downloaded from http(s) once into cache_dir and checked
    against its published sha256 when it is the default catalog."""
    parsed = urllib.parse.urlparse(spec)
    if parsed.scheme == "file":
        path = Path(urllib.request.url2pathname(parsed.path))
    elif parsed.scheme in ("http", "https"):
        name = Path(parsed.path).name or "catalog.csv"
        path = cache_dir / hashlib.sha256(spec.encode()).hexdigest()[:16] / name
        expected = DEFAULT_CATALOG_SHA256 if spec == DEFAULT_CATALOG_URL else None
        if path.is_file() and (expected is None or content_checksum(path) == expected):
            return path
        _download(spec, path, on_progress)
        if expected and content_checksum(path) != expected:
            path.unlink(missing_ok=True)
            raise CatalogError(f"the catalog downloaded from {spec} does not match its published sha256 checksum")
        return path
    else:
        path = Path(spec).expanduser()
    if not path.is_file():
        raise CatalogError(f"catalog file not found: {path}")
    return path
