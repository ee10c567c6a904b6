"""Where a playlist goes once made: files (export), players (Subsonic, MPD), standing playlists' delivery."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.outputs import export
    from assistant.outputs.card_canvas import SERIES
    from assistant.outputs.card_choices import CARD_DEFAULT, CARD_LABELS, CARD_PARTS, CardChoices
    from assistant.outputs.cards import write_story_card
    from assistant.outputs.players import Delivery, player_registry
    from assistant.outputs.players.mpd import push_to_mpd
    from assistant.outputs.players.subsonic import SubsonicCredentials, push_playlist, push_to_server, send_credentials
    from assistant.outputs.playlist_card import playlist_card as draw_playlist_card
    from assistant.outputs.playlist_card import playlist_figures
    from assistant.outputs.standing.commands import add_parser as add_standing_parser
    from assistant.outputs.standing.commands import run as run_standing
    from assistant.outputs.standing.refresh import Refresher
    from assistant.outputs.standing.schedule import local_zone_name, schedule_for
    from assistant.outputs.standing.scheduler import Scheduler
    from assistant.outputs.standing.store import StandingPlaylist, StandingStore
    from assistant.outputs.standing.targets import FileTarget, SubsonicTarget, mpd_target

__all__ = [
    "CARD_DEFAULT",
    "CARD_LABELS",
    "CARD_PARTS",
    "CardChoices",
    "Delivery",
    "FileTarget",
    "Refresher",
    "SERIES",
    "Scheduler",
    "StandingPlaylist",
    "StandingStore",
    "SubsonicCredentials",
    "SubsonicTarget",
    "add_standing_parser",
    "draw_playlist_card",
    "export",
    "local_zone_name",
    "mpd_target",
    "player_registry",
    "playlist_figures",
    "push_playlist",
    "push_to_mpd",
    "push_to_server",
    "run_standing",
    "schedule_for",
    "send_credentials",
    "write_story_card",
]

_HOMES = {
    "CARD_DEFAULT": "card_choices.CARD_DEFAULT",
    "CARD_LABELS": "card_choices.CARD_LABELS",
    "CARD_PARTS": "card_choices.CARD_PARTS",
    "CardChoices": "card_choices.CardChoices",
    "Delivery": "players.Delivery",
    "FileTarget": "standing.targets.FileTarget",
    "Refresher": "standing.refresh.Refresher",
    "SERIES": "card_canvas.SERIES",
    "Scheduler": "standing.scheduler.Scheduler",
    "StandingPlaylist": "standing.store.StandingPlaylist",
    "StandingStore": "standing.store.StandingStore",
    "SubsonicCredentials": "players.subsonic.SubsonicCredentials",
    "SubsonicTarget": "standing.targets.SubsonicTarget",
    "add_standing_parser": "standing.commands.add_parser",
    "draw_playlist_card": "playlist_card.playlist_card",
    "export": "export",
    "local_zone_name": "standing.schedule.local_zone_name",
    "mpd_target": "standing.targets.mpd_target",
    "player_registry": "players.player_registry",
    "playlist_figures": "playlist_card.playlist_figures",
    "push_playlist": "players.subsonic.push_playlist",
    "push_to_mpd": "players.mpd.push_to_mpd",
    "push_to_server": "players.subsonic.push_to_server",
    "run_standing": "standing.commands.run",
    "schedule_for": "standing.schedule.schedule_for",
    "send_credentials": "players.subsonic.send_credentials",
    "write_story_card": "cards.write_story_card",
}

__getattr__ = public_names(__name__, _HOMES)
