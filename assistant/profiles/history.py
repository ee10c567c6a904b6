"""Parse listening-history exports into plays: Spotify account data (StreamingHistory_music_*.json),
Spotify extended history (Streaming_History_Audio_*.json), a zip of either, and Last.fm scrobble CSV.
Parsing is all-or-nothing: a file that is not one of these formats is rejected with one sentence."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from index.errors import PlaylistError
from index.text import song_key

MAX_HISTORY_BYTES = 512 * 1024 * 1024


class Play(BaseModel):
    artist: str
    title: str
    played_at: datetime
    ms_played: int | None = None
    skipped: bool = False
    track_id: str | None = None


def track_key(track_id: str | None, artist: str, title: str) -> str:
    """Which track a play was, for telling a play imported again from a new one: the catalog track when matched,
    else the song's name with case, accents, punctuation and version suffixes aside."""
    return track_id or song_key(artist, title)


def _time(value: object) -> datetime | None:
    if isinstance(value, int | float) and 0 < value < 1e11:
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    for parse in (
        datetime.fromisoformat,
        lambda v: datetime.strptime(v, "%Y-%m-%d %H:%M"),
        lambda v: datetime.strptime(v, "%d %b %Y %H:%M"),
        lambda v: datetime.strptime(v, "%d %b %Y, %H:%M"),
    ):
        try:
            moment = parse(text)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if text.isdigit():
        return _time(int(text))
    return None


def _spotify_records(records: list, source: str) -> Iterator[Play]:
    for record in records:
        if not isinstance(record, dict):
            raise PlaylistError(f"{source}: expected a list of play objects, found {type(record).__name__}")
        if "master_metadata_track_name" in record or "ts" in record:
            title, artist = record.get("master_metadata_track_name"), record.get("master_metadata_album_artist_name")
            when, ms = record.get("ts"), record.get("ms_played")
            uri = record.get("spotify_track_uri") or ""
            track_id = uri.rsplit(":", 1)[-1] if isinstance(uri, str) and uri.startswith("spotify:track:") else None
            skipped = bool(record.get("skipped"))
        elif "trackName" in record or "endTime" in record:
            title, artist = record.get("trackName"), record.get("artistName")
            when, ms, track_id, skipped = record.get("endTime"), record.get("msPlayed"), None, False
        else:
            raise PlaylistError(f"{source}: not a Spotify streaming history (no trackName/endTime or ts fields)")
        if not isinstance(title, str) or not isinstance(artist, str) or not title or not artist:
            continue  # podcasts and videos in the export have no track name
        moment = _time(when)
        if moment is None:
            raise PlaylistError(f"{source}: a play has an unreadable time {when!r}")
        ms_played = int(ms) if isinstance(ms, int | float) and ms >= 0 else None
        yield Play(
            artist=artist, title=title, played_at=moment, ms_played=ms_played, skipped=skipped, track_id=track_id
        )


def _spotify_json(raw: bytes, source: str) -> list[Play]:
    try:
        records = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlaylistError(f"{source} is not valid JSON ({exc})") from exc
    if not isinstance(records, list):
        raise PlaylistError(f"{source}: expected a JSON list of plays")
    return list(_spotify_records(records, source))


_LASTFM_HEADER = {"artist", "track"}


def _lastfm_csv(raw: bytes, source: str) -> list[Play]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise PlaylistError(f"{source} is empty")
    header = [h.strip().lower() for h in rows[0]]
    if _LASTFM_HEADER <= set(header):
        col = {name: header.index(name) for name in header}
        time_col = next((col[n] for n in ("utc_time", "date", "uts", "timestamp", "time") if n in col), None)
        body = rows[1:]
        artist_col, title_col = col["artist"], col["track"]
    elif len(rows[0]) == 4:  # lastfm-to-csv: artist, album, track, date
        artist_col, title_col, time_col, body = 0, 2, 3, rows
    else:
        raise PlaylistError(
            f"{source}: not a Last.fm scrobble CSV (needs artist and track columns, or artist,album,track,date rows)"
        )
    plays = []
    for number, row in enumerate(body, start=2 if body is not rows else 1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(artist_col, title_col):
            raise PlaylistError(f"{source}: line {number} has {len(row)} columns")
        moment = _time(row[time_col]) if time_col is not None and time_col < len(row) else None
        if row[artist_col].strip() and row[title_col].strip():
            plays.append(
                Play(
                    artist=row[artist_col].strip(), title=row[title_col].strip(), played_at=moment or datetime.now(UTC)
                )
            )
    return plays


def _parse_one(name: str, raw: bytes) -> list[Play]:
    lower = name.lower()
    if lower.endswith(".json"):
        return _spotify_json(raw, name)
    if lower.endswith((".csv", ".tsv", ".txt")):
        return _lastfm_csv(raw, name)
    raise PlaylistError(f"{name}: unsupported history file (use Spotify .json, a Spotify export .zip, or Last.fm .csv)")


def _zip_members(path: Path) -> Iterable[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                base = Path(info.filename).name
                if base.startswith(("StreamingHistory", "Streaming_History_Audio")) and base.endswith(".json"):
                    if info.file_size > MAX_HISTORY_BYTES:
                        raise PlaylistError(f"{base} in {path.name} is larger than {MAX_HISTORY_BYTES >> 20} MB")
                    yield base, archive.read(info)
    except zipfile.BadZipFile as exc:
        raise PlaylistError(f"{path.name} is not a readable zip file") from exc


def parse_history(path: Path) -> list[Play]:
    """All plays in the file, or a PlaylistError naming what is wrong; nothing is stored here."""
    if not path.is_file():
        raise PlaylistError(f"history file not found: {path}")
    if path.stat().st_size > MAX_HISTORY_BYTES:
        raise PlaylistError(f"{path.name} is larger than {MAX_HISTORY_BYTES >> 20} MB; split the export")
    if path.suffix.lower() == ".zip":
        members = list(_zip_members(path))
        if not members:
            raise PlaylistError(f"{path.name} holds no StreamingHistory*.json or Streaming_History_Audio*.json file")
        plays = [play for name, raw in members for play in _spotify_json(raw, name)]
    else:
        plays = _parse_one(path.name, path.read_bytes())
    if not plays:
        raise PlaylistError(f"{path.name} holds no music plays")
    return plays
