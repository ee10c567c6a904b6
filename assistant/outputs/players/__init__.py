"""Where a playlist goes besides files: a Subsonic server's playlists and play queue, an MPD queue. Each player
takes one `Delivery` and says what happened in one line; `player_registry()` gives a fresh registry of them by
scheme ("subsonic", "mpd"), and another player (Jellyfin, Kodi) is one module with a `send` and one `register` line."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import SecretStr

from index.registry import Registry

if TYPE_CHECKING:
    from assistant.models import Playlist


@dataclass(frozen=True)
class Delivery:
    """One send: where, what, and the few options a player may use (each ignores the ones it has no use for)."""

    address: str  # a server URL, or HOST:PORT
    playlist: "Playlist"
    name: str | None = None  # the playlist's name there (default its title)
    user: str | None = None
    password: SecretStr | None = None
    password_auth: bool = False  # Subsonic: the readable password form over plain http is allowed
    queue: bool = False  # Subsonic: also replace the play queue
    play: bool = False  # MPD: start playing
    music_dir: Path | None = None  # MPD: its music_directory


class Player(Protocol):
    def send(self, delivery: Delivery) -> str:
        """Puts the playlist there and says what happened; a PlaylistError when the player refuses or is down."""
        ...


class SubsonicPlayer:
    def send(self, delivery: Delivery) -> str:
        from assistant.outputs.players.subsonic import push_playlist
        from index.sources.subsonic_api import SubsonicClient

        password = delivery.password.get_secret_value() if delivery.password else ""
        client = SubsonicClient(delivery.address, delivery.user or "", password, allow_password=delivery.password_auth)
        return push_playlist(client, delivery.playlist, delivery.name, delivery.queue).summary()


class MpdPlayer:
    def send(self, delivery: Delivery) -> str:
        from assistant.outputs.players.mpd import push_to_mpd

        if delivery.music_dir is None:
            raise ValueError("an MPD delivery needs its music folder")
        password = delivery.password.get_secret_value() if delivery.password else None
        return push_to_mpd(
            delivery.address, delivery.playlist, delivery.music_dir, play=delivery.play, password=password
        ).summary()


def player_registry() -> Registry[Player]:
    """A new registry holding the built-in players."""
    registry: Registry[Player] = Registry("player")
    registry.register(SubsonicPlayer(), "subsonic")
    registry.register(MpdPlayer(), "mpd")
    return registry
