"""What a prompt says about the order and the fame of its tracks rather than their sound: an energy arc ("build it
up", "wind down") and popularity ("hits", "classics"). The sound itself is the vibe model's (vibe.py)."""

import re
from collections.abc import Mapping
from typing import TypeVar

from assistant.models import Arc
from index.text import fold

K = TypeVar("K", bound=str)

ARC_WORDS: dict[Arc, tuple[str, ...]] = {
    "build": (
        "build up",
        "build it up",
        "ramp it up",
        "builds up",
        "building up",
        "build-up",
        "ramp up",
        "warm-up",
        "warm up",
        "start slow",
        "start slowly",
        "crescendo",
        "get faster",
        "gets faster",
    ),
    "wind_down": (
        "wind down",
        "wind it down",
        "winding down",
        "wind-down",
        "cool down",
        "cool-down",
        "cooldown",
        "end slow",
        "fade out",
        "for sleep",
        "to sleep",
        "falling asleep",
        "come down",
        "comedown",
        "end calm",
        "end quietly",
    ),
    "peak": ("peak in the middle", "rise and fall", "peaks in the middle"),
}
# Words about the order or shape of a playlist that name no arc of their own: a model's arc needs one of these or
# an arc phrase typed.
ORDER_WORDS = (
    "order",
    "reorder",
    "re-order",
    "sequence",
    "resequence",
    "flow",
    "arc",
    "shape",
    "build",
    "builds",
    "building",
    "ramp",
    "ramps",
    "crescendo",
    "climax",
    "peak",
    "peaks",
    "gradually",
    "progressively",
    "start with",
    "starts with",
    "begin with",
    "open with",
    "opens with",
    "beginning",
    "opening",
    "end with",
    "ends with",
    "finish with",
    "close with",
    "closing",
    "ending",
    "first half",
    "second half",
    "in the middle",
    "toward the end",
    "towards the end",
    "by the end",
    "at the end",
)
POPULAR_WORDS = (
    "classics",
    "classic",
    "hits",
    "anthems",
    "popular",
    "greatest",
    "best of",
    "top",
    "essentials",
    "well-known",
    "well known",
    "famous",
    "chart",
    "charts",
    "chart-toppers",
)


def has_phrase(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(fold(phrase))}(?![\w])", folded) is not None


def first_kind(folded: str, table: Mapping[K, tuple[str, ...]]) -> K | None:
    for kind, words in table.items():
        if any(has_phrase(folded, w) for w in words):
            return kind
    return None


def speaks_of_order(text: str) -> bool:
    """The text says something about the order or shape of the tracks."""
    folded = fold(text)
    return first_kind(folded, ARC_WORDS) is not None or any(has_phrase(folded, w) for w in ORDER_WORDS)
