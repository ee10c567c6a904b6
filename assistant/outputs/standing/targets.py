"""Where a standing playlist lands, and delivering it there so that the listener sees the old playlist or the new
one, never half of one: a file is replaced by a rename, a Subsonic playlist of that name has its songs replaced in
one call, an MPD queue is cleared and filled in one command list once every song was found. No password is
stored: Subsonic's comes from PLAYLIST_SUBSONIC_PASSWORD when the refresh runs, MPD's from PLAYLIST_MPD_PASSWORD
(Settings.subsonic, Settings.mpd). Players are looked up by the target's kind (assistant.outputs.players)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from assistant.models import Playlist
from index.errors import PlaylistError

if TYPE_CHECKING:
    from assistant.outputs.export import Format
    from assistant.outputs.players import Delivery, Player
    from index.registry import Registry

MPD_PASSWORD_ENV = "PLAYLIST_MPD_PASSWORD"
FILE_FORMATS: dict[str, "Format"] = {".m3u8": "m3u8", ".m3u": "m3u8", ".xspf": "xspf", ".jspf": "jspf", ".csv": "csv"}


class FileTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["file"] = "file"
    path: str

    def describe(self) -> str:
        return self.path


class SubsonicTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["subsonic"] = "subsonic"
    url: str
    user: str
    name: str
    password_auth: bool = False  # the readable password form over http (a server that cannot check tokens)

    def describe(self) -> str:
        return f"Subsonic playlist {self.name!r} for {self.user} at {self.url}"


class MpdTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["mpd"] = "mpd"
    address: str
    music_dir: str | None = None  # MPD's music_directory; None: the folder the library was imported from

    def describe(self) -> str:
        return f"MPD queue at {self.address}"


Target = Annotated[FileTarget | SubsonicTarget | MpdTarget, Field(discriminator="kind")]
TARGET: TypeAdapter[Target] = TypeAdapter(Target)


def file_target(path: Path) -> FileTarget:
    """A file target, checked now rather than at the first refresh: a known format, an absolute path."""
    if path.suffix.lower() not in FILE_FORMATS:
        raise PlaylistError(f"a standing playlist file ends in {', '.join(FILE_FORMATS)}, not {path.name!r}")
    if path.is_dir():
        raise PlaylistError(f"{path} is a folder; give the playlist file's path")
    return FileTarget(path=str(path.expanduser().resolve()))


def mpd_target(address: str, music_dir: Path | None, index_dir: Path) -> MpdTarget:
    """An MPD target whose music folder is known now (given, or the imported one), not at the first refresh."""
    from assistant.outputs.players.mpd import parse_address

    host, port = parse_address(address.strip())
    folder = music_dir.expanduser().resolve() if music_dir else _imported_music_dir(index_dir)
    return MpdTarget(address=f"{host}:{port}", music_dir=str(folder) if music_dir else None)


def deliver(
    target: Target,
    playlist: Playlist,
    follow_ups: list[str],
    index_dir: Path,
    players: "Registry[Player] | None" = None,
) -> str:
    """Puts the playlist at the target and says what happened; a PlaylistError (the target refused or is down)
    leaves what was there before. `players`: where the target's kind is looked up (default the built-ins)."""
    if isinstance(target, FileTarget):
        return _to_file(target, playlist, follow_ups)
    from assistant.outputs.players import player_registry

    player = (players or player_registry()).get(target.kind)
    if isinstance(target, SubsonicTarget):
        return player.send(_subsonic_delivery(target, playlist))
    return player.send(_mpd_delivery(target, playlist, index_dir))


def _to_file(target: FileTarget, playlist: Playlist, follow_ups: list[str]) -> str:
    from assistant.outputs import export

    path = Path(target.path)
    try:
        export.write(playlist, FILE_FORMATS[path.suffix.lower()], path.parent, follow_ups, filename=path.name)
    except OSError as exc:
        raise PlaylistError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return f"wrote {path}"


def _subsonic_delivery(target: SubsonicTarget, playlist: Playlist) -> "Delivery":
    from assistant.config import SubsonicSettings
    from assistant.outputs.players import Delivery
    from index.sources.subsonic_api import PASSWORD_ENV

    settings = SubsonicSettings.from_env()  # read when the refresh runs, as the docstring above says
    if settings.password is None:
        raise PlaylistError(f"no Subsonic password for {target.user}: set {PASSWORD_ENV} where the refresh runs")
    return Delivery(
        target.url,
        playlist,
        name=target.name,
        user=target.user,
        password=settings.password,
        password_auth=target.password_auth or settings.password_auth,
    )


def _mpd_delivery(target: MpdTarget, playlist: Playlist, index_dir: Path) -> "Delivery":
    from assistant.config import MpdSettings
    from assistant.outputs.players import Delivery

    music_dir = Path(target.music_dir) if target.music_dir else _imported_music_dir(index_dir)
    return Delivery(target.address, playlist, music_dir=music_dir, password=MpdSettings.from_env().password)


def _imported_music_dir(index_dir: Path) -> Path:
    from index.sources.records import library_root
    from index.store import VectorIndex

    root = library_root(Path(VectorIndex.read_manifest(index_dir).catalog_source))
    if root is None:
        raise PlaylistError(
            "MPD plays files: import a music folder first (playlist catalog import --music-dir), "
            "or give --mpd-music-dir"
        )
    return root
