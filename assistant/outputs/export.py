"""Playlist files: M3U8, XSPF, JSPF and CSV. Each records the prompt, the follow-ups and the template versions,
and is written to a temp file first, then renamed (index.atomic), so a failure never leaves half a file."""

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

from assistant.models import Playlist, PlaylistItem
from index.atomic import write_atomic
from index.catalog import spotify_url

Format = Literal["m3u8", "xspf", "jspf", "csv"]
FORMATS: tuple[Format, ...] = ("m3u8", "xspf", "jspf", "csv")
XSPF_NS = "http://xspf.org/ns/0/"


def _annotation(playlist: Playlist, follow_ups: Sequence[str]) -> str:
    versions = ", ".join(f"{k}={v}" for k, v in sorted(playlist.template_versions.items()))
    lines = [f"prompt: {playlist.request.prompt}"] + [f"follow-up: {f}" for f in follow_ups]
    return "\n".join(lines + ([f"templates: {versions}"] if versions else []))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def location(item: PlaylistItem) -> str:
    """The file path or web address a player opens ('' when the catalog has neither: a Subsonic library plays
    through `playlist push`); playlists saved before locations were kept fall back to the Spotify link."""
    return item.location or spotify_url(item.track_id)


def uri(item: PlaylistItem) -> str:
    """The location as a URI: file paths become file:// URIs (XSPF and JSPF want URIs)."""
    where = location(item)
    return Path(where).as_uri() if where.startswith("/") else where


def to_m3u8(playlist: Playlist, follow_ups: Sequence[str] = ()) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{_one_line(playlist.title)}"]
    lines += [f"# {_one_line(line)}" for line in _annotation(playlist, follow_ups).splitlines()]
    for item in playlist.items:
        where = location(item)
        if not where:
            lines.append(f"# not in a file or on the web: {_one_line(item.artist)} - {_one_line(item.title)}")
            continue
        lines.append(f"#EXTINF:{item.duration_ms // 1000},{_one_line(item.artist)} - {_one_line(item.title)}")
        lines.append(where)
    return "\n".join(lines) + "\n"


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: control characters other than tab and newline are dropped, and carriage returns
    become newlines (as every XML parser would read them)."""
    return _XML_FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_xspf(playlist: Playlist, follow_ups: Sequence[str] = ()) -> str:
    ET.register_namespace("", XSPF_NS)
    root = ET.Element(f"{{{XSPF_NS}}}playlist", version="1")
    ET.SubElement(root, f"{{{XSPF_NS}}}title").text = xml_text(playlist.title)
    ET.SubElement(root, f"{{{XSPF_NS}}}annotation").text = xml_text(_annotation(playlist, follow_ups))
    track_list = ET.SubElement(root, f"{{{XSPF_NS}}}trackList")
    for item in playlist.items:
        track = ET.SubElement(track_list, f"{{{XSPF_NS}}}track")
        for tag, value in (
            ("location", uri(item)),
            ("identifier", item.track_id),
            ("title", item.title),
            ("creator", item.artist),
            ("album", item.album),
            ("annotation", item.reason),
            ("duration", str(item.duration_ms)),
        ):
            ET.SubElement(track, f"{{{XSPF_NS}}}{tag}").text = xml_text(value)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def to_jspf(playlist: Playlist, follow_ups: Sequence[str] = ()) -> str:
    document = {
        "playlist": {
            "title": playlist.title,
            "annotation": _annotation(playlist, follow_ups),
            "track": [
                {
                    "location": [uri(i)] if uri(i) else [],
                    "identifier": [i.track_id],
                    "title": i.title,
                    "creator": i.artist,
                    "album": i.album,
                    "annotation": i.reason,
                    "duration": i.duration_ms,
                }
                for i in playlist.items
            ],
        }
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(playlist: Playlist, follow_ups: Sequence[str] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _annotation(playlist, follow_ups).splitlines():
        writer.writerow([f"# {line}"])
    writer.writerow(
        ["position", "track_id", "title", "artist", "album", "year", "genre", "duration_ms", "reason", "reason_source"]
    )
    for i in playlist.items:
        writer.writerow(
            [
                i.position,
                i.track_id,
                i.title,
                i.artist,
                i.album,
                i.year or "",
                i.genre,
                i.duration_ms,
                i.reason,
                i.reason_source,
            ]
        )
    return out.getvalue()


WRITERS = {"m3u8": to_m3u8, "xspf": to_xspf, "jspf": to_jspf, "csv": to_csv}


def write(
    playlist: Playlist, fmt: Format, folder: Path, follow_ups: Sequence[str] = (), filename: str | None = None
) -> Path:
    """Writes <title>.<fmt> (or filename) atomically into folder and returns its path."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder.mkdir(parents=True, exist_ok=True)
    stem = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in playlist.title).strip()[:60] or "playlist"
    target = folder / (filename or f"{stem}.{fmt}")
    write_atomic(target, WRITERS[fmt](playlist, follow_ups).encode("utf-8"))
    return target
