"""Title, artist, album, year, genres and length of one audio file, whatever its tag format (ID3 in MP3/WAV,
Vorbis comments in FLAC/Ogg/Opus, MP4 atoms in M4A), read with mutagen."""

import re
from pathlib import Path

from pydantic import BaseModel

AUDIO_SUFFIXES = frozenset({".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".mp4", ".aac", ".wav"})

# One tag, its spellings: easy/Vorbis key, ID3 frame, MP4 atom.
_KEYS = {
    "title": ("title", "TIT2", "\xa9nam"),
    "artist": ("artist", "TPE1", "\xa9ART"),
    "album_artist": ("albumartist", "TPE2", "aART"),
    "album": ("album", "TALB", "\xa9alb"),
    "date": ("date", "TDRC", "\xa9day"),
    "year": ("year", "TYER", "\xa9day"),
    "genre": ("genre", "TCON", "\xa9gen"),
}
_GENRE_SPLIT = re.compile(r"\s*[;|/]\s*|\x00")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}[\s.\-_]+|[A-D]\d{1,2}[\s.\-_]+)+")


class FileTags(BaseModel):
    title: str = ""
    artist: str = ""
    album: str = ""
    year: int | None = None
    genres: list[str] = []
    duration_ms: int = 0
    explicit: bool | None = None


class UnreadableAudio(Exception):
    """The file is not audio mutagen can read (damaged, empty or another format under an audio suffix)."""


def _values(tags, spellings: tuple[str, ...]) -> list[str]:
    for key in spellings:
        try:
            value = tags[key]
        except (KeyError, ValueError, TypeError):
            continue
        items = value.text if hasattr(value, "text") else value
        if isinstance(items, (str, bytes)):
            items = [items]
        out = [str(item).strip() for item in items if str(item).strip()]
        if out:
            return out
    return []


def split_genres(values: list[str]) -> list[str]:
    """Genre labels, lower-cased, from tag values that may hold several ("Rock; Punk", "Pop/Rock")."""
    return list(dict.fromkeys(g.strip().lower() for value in values for g in _GENRE_SPLIT.split(value) if g.strip()))


def _year(values: list[str]) -> int | None:
    for value in values:
        match = re.search(r"(1[0-9]{3}|20[0-9]{2}|2100)", value)
        if match:
            return int(match.group(1))
    return None


def read_tags(path: Path) -> FileTags:
    """The file's tags and length; raises UnreadableAudio when mutagen cannot parse it as audio."""
    import mutagen

    try:
        audio = mutagen.File(path, easy=True)
    except (mutagen.MutagenError, OSError, ValueError, EOFError, IndexError, KeyError, TypeError) as exc:
        raise UnreadableAudio(str(exc) or type(exc).__name__) from exc
    if audio is None:
        raise UnreadableAudio("not a known audio format")
    length = getattr(audio.info, "length", 0) or 0
    tags = audio.tags if audio.tags is not None else {}
    rating = _values(tags, ("rtng",))
    return FileTags(
        title=" ".join(" ".join(_values(tags, _KEYS["title"])[:1]).split()),
        artist=" ".join("; ".join(_values(tags, _KEYS["artist"]) or _values(tags, _KEYS["album_artist"])[:1]).split()),
        album=" ".join(" ".join(_values(tags, _KEYS["album"])[:1]).split()),
        year=_year(_values(tags, _KEYS["date"]) + _values(tags, _KEYS["year"])),
        genres=split_genres(_values(tags, _KEYS["genre"])),
        duration_ms=int(round(length * 1000)),
        explicit=(rating[0] in ("1", "4")) if rating else None,
    )


def names_from_path(path: Path, root: Path) -> tuple[str, str, str]:
    """Title, artist and album guessed from 'Artist/Album/01 - Title.ext' or 'Artist - Title.ext' when tags lack
    them; parts that cannot be guessed are ''."""
    stem = _LEADING_NUMBER.sub("", path.stem).strip() or path.stem
    folders = path.relative_to(root).parts[:-1]
    artist, album = (folders[-2], folders[-1]) if len(folders) >= 2 else ("", folders[-1] if folders else "")
    if " - " in stem and not artist:
        artist, stem = (part.strip() for part in stem.split(" - ", 1))
    return stem.replace("_", " ").strip(), artist.replace("_", " ").strip(), album.replace("_", " ").strip()
