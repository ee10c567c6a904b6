"""What a prompt says about the order and the fame of its tracks rather than their sound: an energy arc ("build it
up", "wind down") and popularity ("hits", "classics"). The sound itself is the vibe model's (vibe.py)."""

import re

from index.text import fold

ARC_WORDS = {
    "build": ("build up", "build it up", "ramp it up", "builds up", "building up", "build-up", "ramp up", "warm-up",
              "warm up", "start slow", "start slowly", "crescendo", "get faster", "gets faster"),
    "wind_down": ("wind down", "wind it down", "winding down", "wind-down", "cool down", "cool-down", "cooldown",
                  "end slow", "fade out", "for sleep", "to sleep", "falling asleep", "come down", "comedown",
                  "end calm", "end quietly"),
    "peak": ("peak in the middle", "rise and fall", "peaks in the middle"),
}
POPULAR_WORDS = ("classics", "classic", "hits", "anthems", "popular", "greatest", "best of", "top", "essentials",
                 "well-known", "well known", "famous", "chart", "charts", "chart-toppers")


def has_phrase(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(fold(phrase))}(?![\w])", folded) is not None


def first_kind(folded: str, table: dict[str, tuple[str, ...]]) -> str | None:
    for kind, words in table.items():
        if any(has_phrase(folded, w) for w in words):
            return kind
    return None
