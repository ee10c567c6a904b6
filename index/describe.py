"""Turn a track's numbers into the words a listener uses, and render its description from a template."""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from index.catalog import Track
from index.errors import PlaylistError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
DESCRIPTION_TEMPLATE = "track_description.j2"
SOUND_TEMPLATE = "sound_description.j2"
_VERSIONS = (  # what a title says about the recording: (pattern, words for the sound description)
    (re.compile(r"\b(?:remix|rmx|bootleg|re-?edit|vip mix|club mix|extended mix)\b", re.I), "remix"),
    (re.compile(r"(?:\(|\[|\s-\s)[^)\]]*\blive\b", re.I), "live version"),
    (re.compile(r"(?:\(|\[|\s-\s)[^)\]]*\b(?:acoustic|unplugged)\b", re.I), "acoustic version"),
    (re.compile(r"(?:\(|\[|\s-\s)[^)\]]*\binstrumental\b", re.I), "instrumental version"),
)


def sandbox() -> SandboxedEnvironment:
    """The one Jinja2 environment for curator-owned text: no Python internals, undefined names fail loudly."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def check_template(text: str, allowed: set[str], name: str = "template") -> None:
    """Rejects a template that does not parse or names a variable it is not given, with the line number."""
    try:
        tree = sandbox().parse(text)
    except TemplateSyntaxError as exc:
        raise PlaylistError(f"{name}, line {exc.lineno}: {exc.message}") from exc
    unknown = meta.find_undeclared_variables(tree) - allowed
    if unknown:
        first = min((n.lineno, n.name) for n in tree.find_all(nodes.Name) if n.name in unknown)
        raise PlaylistError(
            f"{name}, line {first[0]}: unknown variable “{first[1]}” (known: {', '.join(sorted(allowed))})"
        )


def energy_word(energy: float | None) -> str | None:
    if energy is None:
        return None
    if energy < 0.35:
        return "calm low-energy"
    if energy < 0.6:
        return "mellow"
    if energy < 0.8:
        return "energetic"
    return "high-energy"


def mood_word(valence: float | None) -> str | None:
    if valence is None:
        return None
    if valence < 0.3:
        return "melancholic"
    if valence < 0.5:
        return "bittersweet"
    if valence < 0.7:
        return "warm"
    return "happy upbeat"


def tempo_word(tempo: float | None) -> str | None:
    if tempo is None:
        return None
    if tempo < 90:
        return "slow"
    if tempo < 115:
        return "mid-tempo"
    if tempo < 135:
        return "up-tempo"
    return "fast"


def decade_of(year: int | None) -> str:
    return f"{year // 10 * 10}s" if year else ""


def mood_words(track: Track) -> list[str]:
    """Plain words for the audio features the catalog has; missing features add nothing."""
    words = [energy_word(track.energy), mood_word(track.valence), tempo_word(track.tempo)]
    if track.danceability is not None and track.danceability >= 0.7:
        words.append("danceable")
    if track.acousticness is not None and track.acousticness >= 0.6:
        words.append("acoustic")
    if track.instrumentalness is not None and track.instrumentalness >= 0.5:
        words.append("instrumental")
    if track.speechiness is not None and track.speechiness >= 0.3:
        words.append("rapped vocals")
    if track.liveness is not None and track.liveness >= 0.8:
        words.append("live recording")
    return [word for word in words if word]


def version_words(track: Track) -> list[str]:
    """'remix', 'live version', 'acoustic version' when the title says so: a kind of recording, not a pun."""
    return [words for pattern, words in _VERSIONS if pattern.search(track.title)]


def sound_variables(track: Track) -> dict[str, Any]:
    """What the sound description may use: no title, artist or album, so a search over it meets sound only."""
    return {
        "genres": list(track.genres),
        "subgenres": list(track.subgenres),
        "decade": decade_of(track.year),
        "decade_short": decade_of(track.year)[-3:] if track.year and track.year < 2000 else decade_of(track.year),
        "mood_words": mood_words(track),
        "versions": version_words(track),
    }


def template_variables(track: Track) -> dict[str, Any]:
    """Everything the description template may use (documented in prompts/README.md)."""
    return {
        "title": track.title,
        "artist": track.artist,
        "album": track.album,
        "year": track.year,
        "decade": decade_of(track.year),
        "decade_short": decade_of(track.year)[-3:] if track.year and track.year < 2000 else decade_of(track.year),
        "genres": list(track.genres),
        "subgenres": list(track.subgenres),
        "mood_words": mood_words(track),
        "popularity": track.popularity,
        "duration_min": round(track.duration_ms / 60000, 1),
    }


DESCRIPTION_VARIABLES = {
    "title",
    "artist",
    "album",
    "year",
    "decade",
    "decade_short",
    "genres",
    "subgenres",
    "mood_words",
    "popularity",
    "duration_min",
}
SOUND_VARIABLES = {"genres", "subgenres", "decade", "decade_short", "mood_words", "versions"}
_KINDS = {
    "track": (DESCRIPTION_TEMPLATE, DESCRIPTION_VARIABLES, template_variables),
    "sound": (SOUND_TEMPLATE, SOUND_VARIABLES, sound_variables),
}


@dataclass(frozen=True)
class DescriptionTemplate:
    """The template text and its hash; the hash goes into the index manifest. `kind` is "track" (the text a track
    is found by, title first) or "sound" (what it sounds like, with no name in it)."""

    text: str
    kind: str = "track"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @classmethod
    def from_file(cls, path: Path | None = None, kind: str = "track") -> "DescriptionTemplate":
        path = path or PROMPTS_DIR / _KINDS[kind][0]
        try:
            return cls(path.read_text(encoding="utf-8"), kind)
        except OSError as exc:
            raise PlaylistError(f"description template {path} cannot be read: {exc}") from exc

    def render_all(self, tracks: Sequence[Track]) -> list[str]:
        name, allowed, variables = _KINDS[self.kind]
        check_template(self.text, allowed, name)
        try:
            template = sandbox().from_string(self.text)
            texts = [" ".join(template.render(variables(t)).split()) for t in tracks]
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            raise PlaylistError(f"description template is broken{where}: {exc}") from exc
        if tracks and not any(texts):
            raise PlaylistError("description template renders to empty text")
        return texts
