"""What each curator template is for: its variables, the ones it must use and sample values, and the checks a
text passes before it is saved. Apart from the store so the UI's editor and the validators need no database."""

from functools import lru_cache
from typing import Any

from jinja2 import Template, TemplateError
from pydantic import BaseModel

from index.describe import (
    DESCRIPTION_TEMPLATE,
    DESCRIPTION_VARIABLES,
    SOUND_TEMPLATE,
    SOUND_VARIABLES,
    check_template,
    sandbox,
)
from index.errors import PlaylistError

MAX_TEMPLATE_CHARS = 20_000


class TemplateSpec(BaseModel):
    """What a template is for, the variables it is given (name -> meaning), the ones it must use, and sample
    values used to check that it renders to something."""

    description: str
    variables: dict[str, str]
    required: set[str]
    sample: dict[str, Any]


_CANDIDATE = {
    "id": 1,
    "title": "Holocene",
    "artist": "Bon Iver",
    "year": 2011,
    "genres": ["pop", "indie poptimism"],
    "mood": "calm low-energy, melancholic, slow",
}
SPECS: dict[str, TemplateSpec] = {
    "intent": TemplateSpec(
        description="System prompt that turns a listener's prompt into a structured request.",
        variables={
            "genres": "genre labels the catalog knows (list)",
            "year": "the current year",
            "rules": "what the rule parser already read from the prompt (JSON text)",
            "compact": "true for a small local model: ask only for exclusions, count, duration and years",
        },
        required={"genres"},
        sample={"genres": ["pop", "rock"], "year": 2026, "rules": "{}", "compact": False},
    ),
    "refine": TemplateSpec(
        description="System prompt that turns a follow-up into a change of the current playlist.",
        variables={
            "genres": "genre labels the catalog knows (list)",
            "request": "the current request (JSON text)",
            "tracks": "the current playlist, one 'N. Artist – Title' line each (list)",
        },
        required={"tracks"},
        sample={"genres": ["pop"], "request": "{}", "tracks": ["1. Bon Iver – Holocene"]},
    ),
    "curate": TemplateSpec(
        description="System prompt that chooses and orders tracks among candidates and writes title and reasons.",
        variables={
            "prompt": "the listener's prompt (quoted data)",
            "count": "how many tracks to choose",
            "candidates": "numbered candidate tracks: id (the number the model answers with), title, artist, "
            "year, genres, mood (list of dicts)",
            "max_reason_chars": "longest reason allowed",
            "head": "whether this call also writes the title and description (the first chunk does)",
        },
        required={"candidates", "count"},
        sample={"prompt": "chill indie", "count": 1, "candidates": [_CANDIDATE], "max_reason_chars": 160, "head": True},
    ),
    "reason": TemplateSpec(
        description="The deterministic reason shown under each track (no LLM).",
        variables={
            "era": "style and year, e.g. 'Neo soul from 2016'",
            "facts": "facts that match the request (list)",
            "similar_to": "seed tracks or artists it is close to (list)",
            "history": "what the listener's history says, or empty",
            "title": "track title",
            "artist": "track artist",
        },
        required=set(),
        sample={
            "era": "Pop from 2011",
            "facts": ["calm"],
            "similar_to": [],
            "history": "",
            "title": "Holocene",
            "artist": "Bon Iver",
        },
    ),
    "title": TemplateSpec(
        description="The deterministic playlist title (no LLM).",
        variables={
            "query": "the prompt as a title, e.g. 'Chill R&B for a Late Night Drive'",
            "genres": "genre labels asked for (list)",
            "count": "number of tracks",
            "minutes": "total minutes",
        },
        required=set(),
        sample={"query": "Chill Indie", "genres": ["pop"], "count": 12, "minutes": 45},
    ),
    DESCRIPTION_TEMPLATE.removesuffix(".j2"): TemplateSpec(
        description="The text each track is embedded from (changing it means rebuilding the index).",
        variables={name: name.replace("_", " ") for name in sorted(DESCRIPTION_VARIABLES)},
        required={"title", "artist"},
        sample={
            "title": "Holocene",
            "artist": "Bon Iver",
            "album": "Bon Iver",
            "year": 2011,
            "decade": "2010s",
            "decade_short": "2010s",
            "genres": ["pop"],
            "subgenres": ["indie poptimism"],
            "mood_words": ["calm"],
            "popularity": 70,
            "duration_min": 5.6,
        },
    ),
    SOUND_TEMPLATE.removesuffix(".j2"): TemplateSpec(
        description="What a track sounds like, with no title or artist: vibe words are searched here (changing it "
        "means rebuilding the index).",
        variables={name: name.replace("_", " ") for name in sorted(SOUND_VARIABLES)},
        required=set(),
        sample={
            "genres": ["pop"],
            "subgenres": ["indie poptimism"],
            "decade": "2010s",
            "decade_short": "2010s",
            "mood_words": ["calm"],
            "versions": [],
        },
    ),
}


def spec_for(name: str) -> TemplateSpec:
    """Only known names: a name never becomes a path, so '../x' cannot reach a file."""
    if name not in SPECS:
        raise PlaylistError(f"no template called {name!r}; templates: {', '.join(sorted(SPECS))}")
    return SPECS[name]


def validate(name: str, text: str) -> None:
    """Rejects a template that does not parse, uses unknown variables, misses a required one, or renders to
    nothing; the message names the line."""
    spec = spec_for(name)
    if len(text) > MAX_TEMPLATE_CHARS:
        raise PlaylistError(f"{name}: the template is {len(text)} characters; keep it under {MAX_TEMPLATE_CHARS}")
    check_template(text, set(spec.variables), name)
    missing = sorted(v for v in spec.required if v not in text)
    if missing:
        raise PlaylistError(f"{name}: the template must use {', '.join(missing)}")
    if not render_text(name, text, spec.sample).strip():
        raise PlaylistError(f"{name}: the template renders to nothing")


@lru_cache(maxsize=64)
def _compiled(text: str) -> Template:
    return sandbox().from_string(text)


def render_text(name: str, text: str, variables: dict[str, Any]) -> str:
    try:
        return _compiled(text).render(variables)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise PlaylistError(f"{name}{f', line {line}' if line else ''}: {exc}") from exc
