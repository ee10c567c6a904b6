"""Every length limit on what a model writes, in one place: the JSON schema a model is given and the pydantic
model its answer is validated with both read them, and an answer past a limit is clipped where what remains is
still usable (a long reason loses its tail), never rejected whole."""

from typing import Annotated, Any

from pydantic import BeforeValidator

REASON_CHARS = 160  # one line under the track
TITLE_CHARS = 80
DESCRIPTION_CHARS = 200
QUERY_CHARS = 200
NAME_CHARS = 60  # an artist's name as a model writes it
MODEL_GENRES = 4
MODEL_SEED_ARTISTS = 5
MODEL_EXCLUDED_ARTISTS = 10
MODEL_VIBE_RANGES = 6
MODEL_POSITIONS = 200


def clip(text: Any, limit: int) -> str:
    """Whitespace folded, then cut at the last word that fits, with an ellipsis when something was cut. A text
    exactly at the limit counts as cut too: a grammar that bounds a model's string stops it there mid-word."""
    text = " ".join(str(text or "").split())
    if len(text) < limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def clipped_text(limit: int):
    """A str field that takes any length and keeps at most `limit` characters."""
    return Annotated[str, BeforeValidator(lambda value: clip(value, limit))]


def clipped_list(limit: int):
    """A list field's validator: the first `limit` items are kept, the rest dropped."""
    return BeforeValidator(lambda value: list(value)[:limit] if isinstance(value, (list, tuple)) else value)
