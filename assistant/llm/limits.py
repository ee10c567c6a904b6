"""Every length limit on what a model writes, in one place: the JSON schema a model is given and the pydantic
model its answer is validated with both read them, and an answer past a limit is clipped where what remains is
still usable (a long reason loses its tail), never rejected whole."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotated_types import GroupedMetadata
from pydantic import BeforeValidator, Field

REASON_CHARS = 160  # one line under the track
TITLE_CHARS = 80
DESCRIPTION_CHARS = 200
QUERY_CHARS = 200
NAME_CHARS = 60  # an artist's name as a model writes it
MODEL_GENRES = 4
MODEL_SEED_ARTISTS = 5
MODEL_EXCLUDED_ARTISTS = 8
MODEL_VIBE_RANGES = 6
MODEL_POSITIONS = 200  # a follow-up may remove every track of the longest playlist
MODEL_LIKE_POSITIONS = 10


def clip(text: Any, limit: int) -> str:
    """Whitespace folded, then cut at the last word that fits, with an ellipsis when something was cut. A text
    exactly at the limit counts as cut too: a grammar that bounds a model's string stops it there mid-word."""
    text = " ".join(str(text or "").split())
    if len(text) < limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


@dataclass(frozen=True)
class Clipped(GroupedMetadata):
    """`Annotated[str, Clipped(limit)]`: a str field that takes any length and keeps at most `limit` characters;
    its schema says the limit. (GroupedMetadata: pydantic reads the validator and the field info it yields.)"""

    limit: int

    def __iter__(self) -> Iterator[Any]:
        yield BeforeValidator(lambda value: clip(value, self.limit))
        yield Field(json_schema_extra={"maxLength": self.limit})


@dataclass(frozen=True)
class Bounded(GroupedMetadata):
    """`Annotated[list[X], Bounded(limit)]`: a list field that keeps its first `limit` items and drops the rest;
    its schema says the limit."""

    limit: int

    def __iter__(self) -> Iterator[Any]:
        yield BeforeValidator(lambda value: list(value)[: self.limit] if isinstance(value, (list, tuple)) else value)
        yield Field(json_schema_extra={"maxItems": self.limit})
