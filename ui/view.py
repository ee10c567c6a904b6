"""Pure functions from domain objects to what the UI shows; tested without launching anything."""

import re
from collections.abc import Collection
from typing import Literal

from assistant.models import Playlist
from index.catalog import Track
from index.store import VectorIndex

# The last four columns are the row's actions: clicking one acts on that track (ROW_ACTIONS, in order).
ROW_ACTIONS = ("like", "dislike", "remove", "lock")
TABLE_HEADERS = ["#", "title", "artist", "year", "length", "reason", "source", "👍", "👎", "✕", "lock"]
TABLE_TYPES: list[Literal["number", "markdown", "str"]] = [
    "number",
    "markdown",
    "str",
    "str",
    "str",
    "str",
    "str",
    "str",
    "str",
    "str",
    "str",
]
# as gradio types column widths; the reason wraps
TABLE_WIDTHS: list[str | int] = ["4%", "15%", "11%", "7%", "7%", "28%", "7%", "5%", "5%", "5%", "6%"]


def track_url(track: Track | None) -> str:
    return track.web_url if track is not None else ""


def title_cell(title: str, url: str) -> str:
    shown = re.sub(r"([\\`*_\[\]<>])", r"\\\1", title)  # a title is text, never markup
    return f"[{shown}]({url})" if url else shown


def duration_text(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def table_rows(playlist: Playlist | None, index: VectorIndex, locked: Collection[str] = frozenset()) -> list[list]:
    if playlist is None:
        return []
    return [
        [
            i.position,
            title_cell(i.title, track_url(index.track(i.track_id))),
            i.artist,
            i.year or "",
            duration_text(i.duration_ms),
            i.reason,
            i.reason_source,
            "👍",
            "👎",
            "✕",
            "🔒" if i.track_id in locked else "🔓",
        ]
        for i in playlist.items
    ]


def row_action(column: int) -> str | None:
    """The action of a clicked table column, or None for a plain cell."""
    first = len(TABLE_HEADERS) - len(ROW_ACTIONS)
    return ROW_ACTIONS[column - first] if column >= first else None


def summary_markdown(playlist: Playlist | None) -> str:
    if playlist is None:
        return "_Ask for a playlist in the chat._"
    lines = [
        f"### {playlist.title}",
        playlist.description,
        f"**{len(playlist.items)} tracks · {duration_text(playlist.total_duration_ms)}**",
    ]
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
    if playlist.model_changes:
        text += f"\n\n{playlist.model_changes[0].upper()}{playlist.model_changes[1:]}."
    if playlist.warnings:
        text += "\n\n" + "\n".join(f"⚠️ {w}" for w in playlist.warnings)
    return text


ARC_WIDTH, ARC_HEIGHT, ARC_PAD = 640, 190, 44
TEMPO_RANGE = (60, 180)  # BPM shown on the right axis


def arc_svg(playlist: Playlist | None, index: VectorIndex | None) -> str:
    """The playlist's arc as an inline SVG: energy (0–1, left axis) and tempo (BPM, right axis) at each whole
    position, with a legend; built here so the axes say what they measure."""
    found = [(i.position, index.track(i.track_id)) for i in playlist.items] if playlist and index else []
    items = [(p, t) for p, t in found if t is not None]
    if len(items) < 2:
        return '<div class="arc">The energy and tempo arc appears with a playlist.</div>'
    width, height = ARC_WIDTH - 2 * ARC_PAD, ARC_HEIGHT - 2 * ARC_PAD + 20
    last = items[-1][0]

    def x(position: int) -> float:
        return ARC_PAD + (position - 1) * width / max(1, last - 1)

    def y(share: float) -> float:
        return ARC_PAD - 20 + height * (1 - min(1.0, max(0.0, share)))

    low, high = TEMPO_RANGE
    lines = {
        "energy": [(x(p), y(t.energy)) for p, t in items if t.energy is not None],
        "tempo": [(x(p), y((t.tempo - low) / (high - low))) for p, t in items if t.tempo],
    }
    colours = {"energy": "#e4572e", "tempo": "#2e86ab"}
    parts = [
        f'<svg class="arc" viewBox="0 0 {ARC_WIDTH} {ARC_HEIGHT}" width="100%" role="img" '
        'aria-label="energy and tempo by position">'
    ]
    for share in (0.0, 0.5, 1.0):
        parts.append(
            f'<line x1="{ARC_PAD}" x2="{ARC_PAD + width}" y1="{y(share):.1f}" y2="{y(share):.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{ARC_PAD - 6}" y="{y(share) + 4:.1f}" text-anchor="end" font-size="11">{share:g}</text>'
        )
        bpm = low + share * (high - low)
        parts.append(f'<text x="{ARC_PAD + width + 6}" y="{y(share) + 4:.1f}" font-size="11">{bpm:.0f}</text>')
    step = max(1, round(last / 10))
    for position in range(1, last + 1, step):
        parts.append(
            f'<text x="{x(position):.1f}" y="{ARC_HEIGHT - 14}" text-anchor="middle" font-size="11">{position}</text>'
        )
    for name, points in lines.items():
        if len(points) >= 2:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colours[name]}" stroke-width="2.5"/>')
    parts.append(f'<text x="{ARC_PAD}" y="14" font-size="12" fill="{colours["energy"]}">■ energy (0–1, left)</text>')
    parts.append(
        f'<text x="{ARC_PAD + 170}" y="14" font-size="12" fill="{colours["tempo"]}">■ tempo (BPM, right)</text>'
    )
    parts.append(
        f'<text x="{ARC_PAD + width / 2:.0f}" y="{ARC_HEIGHT - 1}" text-anchor="middle" '
        'font-size="11">track position</text></svg>'
    )
    return "".join(parts)
