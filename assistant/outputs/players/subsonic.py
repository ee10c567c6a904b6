"""A playlist onto a Subsonic server: created, or updated in place when the listener already has one of that name
(createPlaylist with playlistId replaces its songs in one call), its description as the comment, and optionally
the play queue. Songs deleted on the server since the import are named and left out; the rest still go.
The app sends as the logged-in listener, with the Subsonic login they type for that send (never stored); the
operator's account from PLAYLIST_SUBSONIC_* serves only curators, and local use without accounts."""

from pydantic import BaseModel, ConfigDict, SecretStr

from assistant.config import SubsonicSettings
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


def push_playlist(
    client: SubsonicClient, playlist: Playlist, name: str | None = None, replace_queue: bool = False
) -> PushReport:
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
            raise PlaylistError(
                "none of these tracks is on the server: import its library first "
                "(playlist catalog import --subsonic URL --user NAME)"
            ) from exc
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
    return PushReport(
        name=name,
        playlist_id=playlist_id,
        updated=existing is not None,
        sent=len(ids),
        missing=[label[m] for m in missing],
        queue=queue,
    )


class SubsonicCredentials(BaseModel):
    """One Subsonic login for one send; the password is a SecretStr, so no repr, dump or log shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    user: str
    password: SecretStr

    @classmethod
    def from_env(cls, settings: SubsonicSettings | None = None) -> "SubsonicCredentials":
        """The operator's account: PLAYLIST_SUBSONIC_URL / _USER / _PASSWORD (Settings.subsonic)."""
        settings = settings or SubsonicSettings.from_env()
        if not settings.url or not settings.user:
            raise PlaylistError(
                f"no Subsonic server set up: type your server's address, user and password, or set "
                f"{URL_ENV}, {USER_ENV} and {PASSWORD_ENV}, then restart"
            )
        return cls(url=settings.url, user=settings.user, password=settings.password or SecretStr(""))


def send_credentials(role: str, accounts_on: bool, typed: SubsonicCredentials | None) -> SubsonicCredentials:
    """Whose account a send uses: what the person typed (a blank address counts as nothing typed); else the
    operator's, but only for a curator or when there are no accounts, so no listener sends as someone else."""
    if typed is not None and typed.url.strip():
        if not typed.user.strip() or not typed.password.get_secret_value():
            raise PlaylistError("give your Subsonic user name and password along with the server's address")
        return typed
    if accounts_on and role != "curator":
        raise PlaylistError(
            "to send to your Subsonic server, type its address, your user name and your password "
            "(used for this send only, never stored); the app's own Subsonic account is for curators"
        )
    return SubsonicCredentials.from_env()


def push_to_server(
    playlist: Playlist,
    credentials: SubsonicCredentials,
    replace_queue: bool = False,
    settings: SubsonicSettings | None = None,
) -> str:
    """The app's button: the playlist onto the server as the user in `credentials` (see send_credentials);
    the readable password form only as PLAYLIST_SUBSONIC_PASSWORD_AUTH allows (Settings.subsonic)."""
    from assistant.outputs.players import Delivery, player_registry

    allowed = (settings or SubsonicSettings.from_env()).password_auth
    return (
        player_registry()
        .get("subsonic")
        .send(
            Delivery(
                credentials.url,
                playlist,
                user=credentials.user,
                password=credentials.password,
                password_auth=allowed,
                queue=replace_queue,
            )
        )
    )
