"""A playlist onto a Subsonic server: created, or updated in place when the listener already has one of that name
(createPlaylist with playlistId replaces its songs in one call), its description as the comment, and optionally
the play queue. Songs deleted on the server since the import are named and left out; the rest still go."""

import os

from pydantic import BaseModel

from assistant.models import Playlist
from index.errors import PlaylistError
from index.sources.subsonic_api import NOT_FOUND, PASSWORD_ENV, SubsonicClient, SubsonicError

URL_ENV, USER_ENV = "PLAYLIST_SUBSONIC_URL", "PLAYLIST_SUBSONIC_USER"


class PushReport(BaseModel):
    name: str
    playlist_id: str
    updated: bool
    sent: int
    missing: list[str] = []
    queue: str = ""

    def summary(self) -> str:
        text = f"{'updated' if self.updated else 'created'} playlist {self.name!r} on the server: {self.sent} tracks"
        if self.missing:
            text += f"; {len(self.missing)} no longer on the server, left out: {', '.join(self.missing[:5])}"
        return text + (f"; {self.queue}" if self.queue else "")


def _playlist_named(client: SubsonicClient, name: str) -> str | None:
    playlists = (client.call("getPlaylists").get("playlists") or {}).get("playlist") or []
    own = [p for p in playlists if p.get("name") == name and p.get("owner", client.user) == client.user]
    return str(own[0]["id"]) if own else None


def _still_there(client: SubsonicClient, song_id: str) -> bool:
    try:
        client.call("getSong", id=song_id)
    except SubsonicError as exc:
        if exc.code == NOT_FOUND or "not found" in str(exc).lower() or "invalid" in str(exc).lower():
            return False
        raise
    return True


def push_playlist(client: SubsonicClient, playlist: Playlist, name: str | None = None,
                  replace_queue: bool = False) -> PushReport:
    name = (name or playlist.title).strip() or "Playlist"
    ids = [item.track_id for item in playlist.items]
    label = {item.track_id: f"{item.artist} - {item.title}" for item in playlist.items}
    existing = _playlist_named(client, name)
    target = {"playlistId": existing} if existing else {"name": name}
    missing: list[str] = []
    try:
        client.call("createPlaylist", **target, songId=ids)
    except SubsonicError as exc:
        if exc.code not in (NOT_FOUND, 0):
            raise
        missing = [song for song in ids if not _still_there(client, song)]
        if not missing:
            raise
        ids = [song for song in ids if song not in missing]
        if not ids:
            raise PlaylistError("none of these tracks is on the server: import its library first "
                                "(playlist catalog import --subsonic URL --user NAME)") from exc
        client.call("createPlaylist", **target, songId=ids)
    playlist_id = existing or _playlist_named(client, name) or ""
    if playlist_id and playlist.description:
        client.call("updatePlaylist", playlistId=playlist_id, comment=playlist.description)
    queue = ""
    if replace_queue:
        try:
            client.call("savePlayQueue", id=ids, current=ids[0])
            queue = "play queue replaced"
        except SubsonicError as exc:
            queue = f"the play queue was not changed ({exc})"
    return PushReport(name=name, playlist_id=playlist_id, updated=existing is not None, sent=len(ids),
                      missing=[label[m] for m in missing], queue=queue)


def push_to_server(playlist: Playlist, replace_queue: bool = False) -> str:
    """The app's button: the server named by PLAYLIST_SUBSONIC_URL / _USER / _PASSWORD."""
    url, user = os.environ.get(URL_ENV), os.environ.get(USER_ENV)
    if not url or not user:
        raise PlaylistError(f"no Subsonic server set up: set {URL_ENV}, {USER_ENV} and {PASSWORD_ENV}, then restart")
    client = SubsonicClient(url, user, os.environ.get(PASSWORD_ENV, ""))
    return push_playlist(client, playlist, replace_queue=replace_queue).summary()
