"""A playlist into an MPD queue. MPD names songs by their path under its music_directory, so each track's file is
made relative to that folder (by default the folder the library was imported from). Every song is looked up
before the queue is touched: songs MPD does not know are named and left out, and the queue is cleared and filled
in one command list only once every song in it was found."""

from pathlib import Path

from pydantic import BaseModel

from assistant.models import Playlist
from index.errors import PlaylistError

DEFAULT_PORT = 6600


class MpdReport(BaseModel):
    address: str
    queued: int
    missing: list[str] = []
    playing: bool = False

    def summary(self) -> str:
        text = f"queued {self.queued} tracks on MPD at {self.address}" + (
            " and started playing" if self.playing else ""
        )
        if self.missing:
            text += f"; {len(self.missing)} not in MPD's music folder, left out: {', '.join(self.missing[:5])}"
        return text


def parse_address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":") if ":" in text else (text, "", str(DEFAULT_PORT))
    try:
        return host or "127.0.0.1", int(port)
    except ValueError:
        raise PlaylistError(f"not an MPD address: {text!r} (give HOST:PORT, e.g. 127.0.0.1:6600)") from None


def song_uri(location: str, music_dir: Path) -> str | None:
    """The track's path under MPD's music folder, or None when its file lies outside it."""
    if not location.startswith("/"):
        return None
    try:
        return Path(location).relative_to(music_dir).as_posix()
    except ValueError:
        return None


def push_to_mpd(
    address: str,
    playlist: Playlist,
    music_dir: Path,
    play: bool = False,
    password: str | None = None,
    timeout_s: float = 10.0,
) -> MpdReport:
    from mpd import CommandError, MPDClient
    from mpd import ConnectionError as MpdConnectionError

    host, port = parse_address(address)
    client = MPDClient()
    client.timeout = timeout_s
    try:
        client.connect(host, port)
    except (OSError, MpdConnectionError) as exc:
        raise PlaylistError(f"cannot reach MPD at {host}:{port} ({exc})") from exc
    try:
        if password:
            client.password(password)
        uris, missing = [], []
        for item in playlist.items:
            uri = song_uri(item.location, music_dir.resolve())
            if uri is None or not client.find("file", uri):
                missing.append(f"{item.artist} - {item.title}")
            else:
                uris.append(uri)
        if not uris:
            raise PlaylistError(
                f"MPD at {host}:{port} knows none of these files: its music folder must be "
                f"{music_dir} (or pass --mpd-music-dir), and its database up to date (mpc update)"
            )
        client.command_list_ok_begin()
        client.clear()
        for uri in uris:
            client.add(uri)
        if play:
            client.play(0)
        client.command_list_end()
        return MpdReport(address=f"{host}:{port}", queued=len(uris), missing=missing, playing=play)
    except CommandError as exc:
        raise PlaylistError(f"MPD at {host}:{port} refused: {exc}") from exc
    finally:
        try:
            client.disconnect()
        except (OSError, MpdConnectionError):
            pass
