"""A Subsonic server's library -> catalog rows, keeping the server's song ids as track ids (so a playlist can be
sent back). Songs are paged with search3 and an empty query (Navidrome, Gonic, Supysonic answer it with every
song); a server that answers it with nothing is walked album by album instead (getAlbumList2, getAlbum)."""

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from index.sources.records import CatalogImportReport, write_rows
from index.sources.subsonic_api import SubsonicClient
from index.sources.tags import split_genres

PAGE = 500

# on_progress(songs_read, total or None)
ProgressCallback = Callable[[int, int | None], None]


def _songs_by_search(client: SubsonicClient) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        body = client.call("search3", query="", songCount=PAGE, songOffset=offset, artistCount=0, albumCount=0)
        songs = (body.get("searchResult3") or {}).get("song") or []
        yield from songs
        if len(songs) < PAGE:
            return
        offset += PAGE


def _songs_by_album(client: SubsonicClient) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        body = client.call("getAlbumList2", type="alphabeticalByName", size=PAGE, offset=offset)
        albums = (body.get("albumList2") or {}).get("album") or []
        for album in albums:
            yield from (client.call("getAlbum", id=album["id"]).get("album") or {}).get("song") or []
        if len(albums) < PAGE:
            return
        offset += PAGE


def _genres(song: dict[str, Any]) -> list[str]:
    names = [g.get("name") or "" for g in song.get("genres") or [] if isinstance(g, dict)]  # OpenSubsonic
    return split_genres(names + [song.get("genre") or ""])


def song_row(song: dict[str, Any], server: str) -> dict[str, Any] | str:
    """The catalog row of one song, or why it cannot be one."""
    if song.get("isVideo") or song.get("type") in ("video", "podcast"):
        return "not music (video or podcast)"
    duration = song.get("duration")
    if not isinstance(duration, (int, float)) or duration < 1:
        return "no length"
    explicit = str(song.get("explicitStatus") or "")  # OpenSubsonic: "explicit" / "clean" / ""
    return {
        "track_id": str(song["id"]),
        "title": song.get("title") or "",
        "artist": song.get("artist") or "",
        "album": song.get("album") or "",
        "year": song.get("year"),
        "genres": _genres(song),
        "duration_ms": int(duration * 1000),
        "explicit": {"explicit": True, "clean": False}.get(explicit),
        "subsonic_server": server,
        "subsonic_path": song.get("path") or "",
    }


def _songs(client: SubsonicClient, walk_albums: bool) -> Iterator[dict[str, Any]]:
    if not walk_albums:
        found = False
        for song in _songs_by_search(client):
            found = True
            yield song
        if found:
            return
    yield from _songs_by_album(client)  # asked for, or search3 with an empty query gives nothing on this server


def import_subsonic(
    client: SubsonicClient, catalog: Path, walk_albums: bool = False, on_progress: ProgressCallback | None = None
) -> CatalogImportReport:
    """Pages through the server's songs into the catalog file; songs it cannot use are counted by reason."""
    started = time.perf_counter()
    client.call("ping")  # unreachable server or wrong password: said before anything is written
    report = CatalogImportReport(source=client.base.removesuffix("rest/"), catalog=catalog)
    seen: set[str] = set()

    def rows() -> Iterator[dict[str, Any]]:
        read = 0
        for read, song in enumerate(_songs(client, walk_albums), 1):
            if on_progress and read % 50 == 0:
                on_progress(read, None)
            song_id = str(song.get("id") or "")
            if not song_id or song_id in seen:
                continue
            seen.add(song_id)
            row = song_row(song, report.source)
            if isinstance(row, str):
                report.skip(row, f"{song.get('artist', '?')} - {song.get('title', '?')}")
                continue
            report.tracks += 1
            yield row
        if on_progress:
            on_progress(read, read)

    write_rows(catalog, rows())
    report.seconds = time.perf_counter() - started
    return report
