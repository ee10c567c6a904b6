"""The shapes of the model's understanding: what its answers to a prompt and to a follow-up may hold (checked before
use, never trusted) and the JSON schemas it is asked to answer in, kept apart from the merges that decide what of it
counts (understand)."""

from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.llm.limits import (
    MODEL_EXCLUDED_ARTISTS,
    MODEL_GENRES,
    MODEL_LIKE_POSITIONS,
    MODEL_POSITIONS,
    MODEL_SEED_ARTISTS,
    MODEL_VIBE_RANGES,
    NAME_CHARS,
    QUERY_CHARS,
    Bounded,
    Clipped,
)
from assistant.models import FEATURES, Arc

Name = Annotated[str, Clipped(NAME_CHARS)]  # an artist's name as a model writes it


class ModelRange(BaseModel):
    """A target range the model proposes; clipped to the feature's scale and merged under the rules' own."""

    model_config = ConfigDict(extra="ignore")

    feature: str
    min: float | None = None
    max: float | None = None


class _ModelChanges(BaseModel):
    """What both the prompt and the follow-up answers may say; checked before use, never trusted."""

    model_config = ConfigDict(extra="ignore")

    vibe: Annotated[list[ModelRange], Bounded(MODEL_VIBE_RANGES)] = Field(default_factory=list)
    arc: Arc | None = None
    count: int | None = None
    duration_min: float | None = None
    year_min: int | None = None
    year_max: int | None = None
    exclude_artists: Annotated[list[Name], Bounded(MODEL_EXCLUDED_ARTISTS)] = Field(default_factory=list)


class LLMIntent(_ModelChanges):
    query: Annotated[str, Clipped(QUERY_CHARS)] = ""
    genres: Annotated[list[str], Bounded(MODEL_GENRES)] = Field(default_factory=list)
    seed_artists: Annotated[list[Name], Bounded(MODEL_SEED_ARTISTS)] = Field(default_factory=list)


class LLMRefinement(_ModelChanges):
    remove_positions: Annotated[list[int], Bounded(MODEL_POSITIONS)] = Field(default_factory=list)
    more_like_positions: Annotated[list[int], Bounded(MODEL_LIKE_POSITIONS)] = Field(default_factory=list)
    add_genres: Annotated[list[str], Bounded(MODEL_GENRES)] = Field(default_factory=list)


def _nullable(kind: str, **extra: Any) -> dict:
    return {"anyOf": [{"type": kind, **extra}, {"type": "null"}]}


def _enum_or_null(values: Sequence[str]) -> dict:
    return {"anyOf": [{"enum": list(values)}, {"type": "null"}]}


def compact_intent_schema() -> dict:
    """What a small local model is asked for: exclusions and lengths, where the rules' blind spots were (years it
    filled in unasked more often than it read them). A few dozen tokens to generate instead of a hundred and more."""
    return {
        "type": "object",
        "properties": {
            "exclude_artists": {
                "type": "array",
                "items": {"type": "string", "maxLength": NAME_CHARS},
                "maxItems": MODEL_EXCLUDED_ARTISTS,
            },
            "count": {"type": "integer", "minimum": 1, "maximum": 200},
            "duration_min": {"type": "number", "minimum": 1, "maximum": 600},
        },
        "required": ["exclude_artists"],
    }


def intent_schema(labels: Iterable[str]) -> dict:
    names = {"type": "string", "maxLength": NAME_CHARS}
    excluded = {"type": "array", "items": names, "maxItems": MODEL_EXCLUDED_ARTISTS}
    return {
        "type": "object",
        "properties": {
            "query": {"type": "string", "maxLength": QUERY_CHARS},
            "genres": {"type": "array", "items": {"enum": sorted(labels)}, "maxItems": MODEL_GENRES},
            "vibe": vibe_schema(),
            "arc": _enum_or_null(["steady", "build", "wind_down", "peak"]),
            "count": _nullable("integer", minimum=1, maximum=200),
            "duration_min": _nullable("number", minimum=1, maximum=600),
            "year_min": _nullable("integer", minimum=1900, maximum=2100),
            "year_max": _nullable("integer", minimum=1900, maximum=2100),
            "exclude_artists": excluded,
            "seed_artists": {"type": "array", "items": names, "maxItems": MODEL_SEED_ARTISTS},
        },
        "required": ["query", "genres"],
    }


def vibe_schema() -> dict:
    bound = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    return {
        "type": "array",
        "maxItems": MODEL_VIBE_RANGES,
        "items": {
            "type": "object",
            "required": ["feature"],
            "properties": {"feature": {"enum": list(FEATURES)}, "min": bound, "max": bound},
        },
    }
