"""The card of a playlist, to show a friend more than a file: its title and length, the energy arc track by track,
the era and genre mix, and — when it was made with the listener's profile — how much of it they already know."""

import textwrap
from collections import Counter
from typing import TypeGuard

from pydantic import BaseModel

from assistant.models import Playlist
from assistant.outputs.card_blocks import (
    Block,
    Figure,
    compose,
    figure_block,
    header_block,
    line_block,
    share_block,
    with_other,
)
from assistant.outputs.card_canvas import ACCENT, INK, MUTED
from assistant.outputs.card_choices import Card
from assistant.profiles import ListenerProfile
from index.store import VectorIndex

FOOTER = "made with playlist-assistant, on my own device"
ARC_HEIGHT = 116  # with a two-line title and six genres the card still fits 4:5
TITLE_CHARS = 22  # per line of the title at its size (wider letters are cut to fit); two lines at most


class PlaylistFigures(BaseModel):
    """What the card shows, counted from the playlist's tracks in the catalog."""

    title: str
    tracks: int
    duration_ms: int
    energy: list[float]  # in playlist order, of the tracks that have an energy value
    eras: list[tuple[str, float]]  # ("1990s", share of the tracks with a year), largest first
    genres: list[tuple[str, float]]  # (primary genre, share of the tracks with one), largest first
    familiar: int | None = None  # tracks the listener knows (played, or by an artist they play); None: no profile

    @property
    def familiar_share(self) -> float | None:
        return None if self.familiar is None or not self.tracks else self.familiar / self.tracks


def _shares(counts: Counter) -> list[tuple[str, float]]:
    total = sum(counts.values())
    return [(name, n / total) for name, n in counts.most_common()] if total else []


def playlist_figures(playlist: Playlist, index: VectorIndex, profile: ListenerProfile | None = None) -> PlaylistFigures:
    tracks = [index.track(item.track_id) for item in playlist.items]
    known = [t for t in tracks if t is not None]
    return PlaylistFigures(
        title=playlist.title,
        tracks=len(playlist.items),
        duration_ms=playlist.total_duration_ms,
        energy=[t.energy for t in known if t.energy is not None],
        eras=_shares(Counter(f"{item.year // 10 * 10}s" for item in playlist.items if item.year)),
        genres=_shares(Counter(item.genre for item in playlist.items if item.genre)),
        familiar=sum(profile.knows(t) for t in known) if _has_history(profile) else None,
    )


def _has_history(profile: ListenerProfile | None) -> TypeGuard[ListenerProfile]:
    """A listener with no plays and no feedback knows nothing yet: no "0% familiar" for them."""
    return profile is not None and bool(profile.track_weight or profile.artist_plays)


def _length(ms: int) -> str:
    minutes = round(ms / 60_000)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _header(figures: PlaylistFigures) -> Block:
    title = textwrap.wrap(figures.title, TITLE_CHARS) or ["Untitled"]
    if len(title) > 2:
        title = [title[0], title[1] + " …"]
    noun = "track" if figures.tracks == 1 else "tracks"
    return header_block(
        [
            ("PLAYLIST", 24, ACCENT, "bold"),
            *((line, 46, INK, "bold") for line in title),
            (f"{figures.tracks} {noun} · {_length(figures.duration_ms)}", 26, MUTED, "normal"),
        ]
    )


def _big(figures: PlaylistFigures) -> list[Figure]:
    big: list[Figure] = []
    if figures.familiar_share is not None:
        big.append(
            (f"{figures.familiar_share:.0%}", "familiar to me", f"{figures.familiar} of {figures.tracks} tracks I know")
        )
    else:
        big.append(
            (
                _length(figures.duration_ms).replace(" min", "m").replace(" h ", "h "),
                "of music",
                f"{figures.tracks} tracks",
            )
        )
    if figures.eras:
        era, share = figures.eras[0]
        big.append((era, "its main era", f"{share:.0%} of the tracks"))
    return big


def playlist_card(figures: PlaylistFigures) -> Card:
    blocks = [_header(figures), figure_block(_big(figures))]
    shown = ["title", "familiar_share" if figures.familiar is not None else "length"]
    if len(figures.energy) >= 2:
        blocks.append(line_block("ENERGY ARC", figures.energy, "first track", "last track", height=ARC_HEIGHT))
        shown.append("arc")
    for name, shares in (("ERAS", figures.eras), ("GENRES", figures.genres)):
        if shares:
            blocks.append(share_block(name, with_other(shares[:5])))
            shown.append(name.lower())
    return compose(blocks, FOOTER).model_copy(update={"shown": shown})
