"""Pure functions from domain objects to what the UI shows; tested without launching anything."""

import re

from assistant.models import Playlist
from index.catalog import Track
from index.store import VectorIndex

TABLE_HEADERS = ["#", "title", "artist", "year", "length", "reason", "source", "locked"]
TABLE_TYPES = ["number", "markdown", "str", "str", "str", "str", "str", "str"]
_SPOTIFY_ID = re.compile(r"[0-9A-Za-z]{22}")  # the default catalog's ids are Spotify track ids


def track_url(track: Track | None) -> str:
    """The catalog's own `url`, else open.spotify.com for a Spotify track id, else ''."""
    if track is None:
        return ""
    if track.url:
        return track.url
    return f"https://open.spotify.com/track/{track.track_id}" if _SPOTIFY_ID.fullmatch(track.track_id) else ""


def title_cell(title: str, url: str) -> str:
    shown = re.sub(r"([\\`*_\[\]<>])", r"\\\1", title)  # a title is text, never markup
    return f"[{shown}]({url})" if url else shown


def duration_text(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def table_rows(playlist: Playlist | None, index: VectorIndex, locked: set[str] = frozenset()) -> list[list]:
    if playlist is None:
        return []
    return [[i.position, title_cell(i.title, track_url(index.track(i.track_id))), i.artist, i.year or "",
             duration_text(i.duration_ms), i.reason, i.reason_source, "🔒" if i.track_id in locked else ""]
            for i in playlist.items]


def summary_markdown(playlist: Playlist | None) -> str:
    if playlist is None:
        return "_Ask for a playlist in the chat._"
    lines = [f"### {playlist.title}", playlist.description,
             f"**{len(playlist.items)} tracks · {duration_text(playlist.total_duration_ms)}**"]
    if playlist.changes is not None:
        c = playlist.changes
        lines.append(f"Changes: {len(c.added)} added, {len(c.removed)} removed, {len(c.kept)} kept")
    lines += [f"⚠️ {w}" for w in playlist.warnings]
    return "\n\n".join(lines)


def chat_reply(playlist: Playlist) -> str:
    """The assistant's chat message for a turn."""
    text = f"**{playlist.title}** — {len(playlist.items)} tracks, {duration_text(playlist.total_duration_ms)}."
    if playlist.changes is not None:
        c = playlist.changes
        text += f" Added {len(c.added)}, removed {len(c.removed)}, kept {len(c.kept)}."
    if playlist.warnings:
        text += "\n\n" + "\n".join(f"⚠️ {w}" for w in playlist.warnings)
    return text


def shape_points(playlist: Playlist | None, index: VectorIndex) -> list[dict]:
    """Energy (0-1) and tempo (scaled to 0-1 over 60-180 BPM) by position: the playlist's arc."""
    points = []
    for item in playlist.items if playlist else []:
        track = index.track(item.track_id)
        if track is None:
            continue
        if track.energy is not None:
            points.append({"position": item.position, "value": round(track.energy, 3), "feature": "energy"})
        if track.tempo:
            points.append({"position": item.position, "value": round(min(1, max(0, (track.tempo - 60) / 120)), 3),
                           "feature": "tempo (60–180 BPM)"})
    return points
