"""Load a catalog file (CSV, CSV.gz or JSONL) into one Track record per track id.

Columns (first alias found wins; names are case-insensitive):
  required: track_id | id;  track_name | title | name;  track_artist | artist | artists
  optional: track_album_name | album;  track_album_release_date | release_date | year;
            playlist_genre | genre | genres;  playlist_subgenre | subgenre | subgenres;  url;  path (audio file);
            track_popularity | popularity;  duration_ms;  explicit;  the Spotify audio features
            (danceability, energy, key, loudness, mode, speechiness, acousticness, instrumentalness,
            liveness, valence, tempo).
A track listed on several rows is merged: its genre and subgenre labels are the union of its rows'.
Playlist names and ids are never read: they describe playlists (the evaluation data), not tracks.
"""

import csv
import gzip
import hashlib
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from index.errors import CatalogError
from index.text import artist_key, song_key

_ALIASES: dict[str, tuple[str, ...]] = {
    "track_id": ("track_id", "id"),
    "title": ("track_name", "title", "name"),
    "artist": ("track_artist", "artist", "artists"),
    "album": ("track_album_name", "album"),
    "release": ("track_album_release_date", "release_date", "year"),
    "genre": ("playlist_genre", "genre", "genres"),
    "subgenre": ("playlist_subgenre", "subgenre", "subgenres"),
    "popularity": ("track_popularity", "popularity"),
    "duration_ms": ("duration_ms",),
    "explicit": ("explicit",),
    "url": ("url", "track_url", "link"),
    "path": ("path", "file", "location"),
}
_UNIT_FEATURES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence")
_MAX_FIELD_CHARS = 500
_SPOTIFY_ID = re.compile(r"[0-9A-Za-z]{22}")


class Track(BaseModel):
    """One playable track of the catalog; `track_id` is the catalog's own id."""

    model_config = ConfigDict(frozen=True)

    track_id: str
    title: str
    artist: str
    album: str = ""
    year: int | None = None
    genres: tuple[str, ...] = ()
    subgenres: tuple[str, ...] = ()
    popularity: int | None = None
    duration_ms: int
    explicit: bool | None = None
    url: str = ""  # a web page where the track plays, when the catalog gives one
    path: str = ""  # the audio file, for a catalog imported from a music folder
    danceability: float | None = None
    energy: float | None = None
    speechiness: float | None = None
    acousticness: float | None = None
    instrumentalness: float | None = None
    liveness: float | None = None
    valence: float | None = None
    tempo: float | None = None
    loudness: float | None = None
    key: int | None = None
    mode: int | None = None
    credits: tuple[str, ...] = ()  # artists credited besides `artist` as written (index.credits fills it in)

    @cached_property
    def credit_keys(self) -> frozenset[str]:
        """artist_key of every credited artist: an exclusion, a cap or a seed matches any of them."""
        return frozenset({artist_key(self.artist), *map(artist_key, self.credits)})

    @property
    def genre(self) -> str:
        """The primary genre label (the one most rows gave), or '' when the catalog has none."""
        return self.genres[0] if self.genres else ""

    @cached_property
    def all_genres(self) -> tuple[str, ...]:
        return self.genres + tuple(s for s in self.subgenres if s not in self.genres)

    @property
    def web_url(self) -> str:
        """The catalog's own `url`, else open.spotify.com for a Spotify track id, else ''."""
        return self.url or spotify_url(self.track_id)

    @property
    def location(self) -> str:
        """Where a player finds the track: its file, else its web page, else ''."""
        return self.path or self.web_url

    @property
    def song_key(self) -> str:
        return song_key(self.artist, self.title)


def spotify_url(track_id: str) -> str:
    """open.spotify.com for a Spotify track id (the default catalog's ids are), else ''."""
    return f"https://open.spotify.com/track/{track_id}" if _SPOTIFY_ID.fullmatch(track_id) else ""


class CatalogLoad(BaseModel):
    """What a load produced and what it had to leave out, so the caller can report it."""

    tracks: list[Track]
    rows_read: int
    rows_skipped: dict[str, int]
    checksum: str


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as probe:
        return probe.read(2) == b"\x1f\x8b"


def _open_text(path: Path) -> io.TextIOBase:
    if _is_gzip(path):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace", newline="")
    return path.open("r", encoding="utf-8", errors="replace", newline="")


def content_checksum(path: Path) -> str:
    """sha256 of the (decompressed) content, so a .csv and its .csv.gz get the same checksum."""
    digest = hashlib.sha256()
    try:
        opener = gzip.open if _is_gzip(path) else open
        with opener(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except (OSError, EOFError) as exc:
        raise CatalogError(f"catalog file {path} cannot be read: {exc}") from exc
    return digest.hexdigest()


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith((".jsonl", ".ndjson", ".json"))


def _raw_rows(path: Path) -> Iterator[dict[str, Any] | None]:
    """Yields one dict per row with lower-cased keys; None for a line that is not a row at all."""
    with _open_text(path) as stream:
        if _is_jsonl(path):
            for line in stream:
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    yield None
                    continue
                yield {str(k).lower(): v for k, v in row.items()} if isinstance(row, dict) else None
        else:
            reader = csv.DictReader(stream)
            if not reader.fieldnames:
                return
            for row in reader:
                yield {str(k).lower(): v for k, v in row.items() if k is not None}


def _pick(row: dict[str, Any], field: str) -> Any:
    for alias in _ALIASES.get(field, (field,)):
        value = row.get(alias)
        if value not in (None, ""):
            return value
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())[:_MAX_FIELD_CHARS]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _unit(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and 0.0 <= number <= 1.0 else None


def _year(value: Any) -> int | None:
    text = _text(value)[:4]
    if len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100:
        return int(text)
    return None


def _labels(value: Any) -> list[str]:
    if isinstance(value, list):
        items = value
    else:
        items = _text(value).split("|") if "|" in _text(value) else [_text(value)]
    return [_text(item).lower() for item in items if _text(item)]


def _explicit(value: Any) -> bool | None:
    text = _text(value).lower()
    if text in ("true", "1", "yes", "explicit"):
        return True
    if text in ("false", "0", "no", "clean"):
        return False
    return None


def _parse_row(row: dict[str, Any]) -> dict[str, Any] | str:
    """The Track fields of one row, or the reason the row is skipped."""
    track_id, title, artist = (_text(_pick(row, f)) for f in ("track_id", "title", "artist"))
    if not track_id:
        return "missing track_id"
    if not title or not artist:
        return "missing title or artist"
    duration = _number(_pick(row, "duration_ms"))
    if duration is None or not 1_000 <= duration <= 3_600_000 * 3:
        return "missing or impossible duration_ms"
    key, mode, tempo = _number(row.get("key")), _number(row.get("mode")), _number(row.get("tempo"))
    popularity = _number(_pick(row, "popularity"))
    return {
        "track_id": track_id,
        "title": title,
        "artist": artist,
        "album": _text(_pick(row, "album")),
        "year": _year(_pick(row, "release")),
        "popularity": int(popularity) if popularity is not None and 0 <= popularity <= 100 else None,
        "duration_ms": int(duration),
        "explicit": _explicit(_pick(row, "explicit")),
        "url": url if (url := _text(_pick(row, "url"))).startswith(("https://", "http://")) else "",
        "path": str(_pick(row, "path") or "").strip("\r\n"),  # as written: a path may hold double spaces
        "tempo": tempo if tempo is not None and 20 <= tempo <= 300 else None,
        "loudness": _number(row.get("loudness")),
        "key": int(key) if key is not None and 0 <= key <= 11 else None,
        "mode": int(mode) if mode in (0.0, 1.0) else None,
        **{name: _unit(row.get(name)) for name in _UNIT_FEATURES},
    }


def load_catalog(path: Path) -> CatalogLoad:
    """Reads and merges the catalog; broken rows are counted by reason, never fatal."""
    if not path.is_file():
        raise CatalogError(f"catalog file not found: {path}")
    checksum = content_checksum(path)
    fields_by_id: dict[str, dict[str, Any]] = {}
    genre_votes: dict[str, Counter[str]] = {}
    subgenre_votes: dict[str, Counter[str]] = {}
    skipped: Counter[str] = Counter()
    rows_read = 0
    try:
        for row in _raw_rows(path):
            rows_read += 1
            if row is None:
                skipped["not a JSON object"] += 1
                continue
            parsed = _parse_row(row)
            if isinstance(parsed, str):
                skipped[parsed] += 1
                continue
            track_id = parsed["track_id"]
            fields_by_id.setdefault(track_id, parsed)
            genre_votes.setdefault(track_id, Counter()).update(_labels(_pick(row, "genre")))
            subgenre_votes.setdefault(track_id, Counter()).update(_labels(_pick(row, "subgenre")))
    except (OSError, EOFError, csv.Error, UnicodeError) as exc:
        raise CatalogError(f"catalog file {path} is damaged after row {rows_read}: {exc}") from exc
    tracks = [
        Track(
            **fields,
            genres=tuple(label for label, _ in genre_votes[track_id].most_common()),
            subgenres=tuple(label for label, _ in subgenre_votes[track_id].most_common()),
        )
        for track_id, fields in fields_by_id.items()
    ]
    if not tracks:
        raise CatalogError(
            f"catalog file {path} has no usable rows ({rows_read} read; needs track_id, title, artist, duration_ms)"
        )
    return CatalogLoad(tracks=tracks, rows_read=rows_read, rows_skipped=dict(skipped), checksum=checksum)
