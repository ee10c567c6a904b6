"""Emoji as vibe words: "🌧️☕📚" asks what "rain, coffee, study" ask. Each emoji is read by its Unicode name, which
emoji_words.yaml maps to a lexicon phrase; an emoji the table lacks asks nothing."""

import unicodedata
from dataclasses import replace
from functools import cache
from pathlib import Path

from assistant.parsing.vibe import Want, wants_of
from assistant.parsing.vibe_lexicon import PRIORITY, lexicon
from assistant.parsing.vibe_terms import VibeTerm
from assistant.parsing.word_tables import phrase_table

_TABLE = Path(__file__).with_name("emoji_words.yaml")


@cache
def emoji_phrases() -> dict[str, str]:
    """Unicode name -> lexicon phrase."""
    return phrase_table(_TABLE)


# An emoji decorates as often as it describes ("Trap 2020 🔥"): it counts for less than a word and gives way to one.
EMOJI_WEIGHT = 0.5


def emoji_wants(text: str) -> tuple[list[Want], list[str]]:
    """What the emoji in the text ask, at EMOJI_WEIGHT and the lowest priority, and the emoji read (each once)."""
    lex, table = lexicon(), emoji_phrases()
    wants: list[Want] = []
    read: list[str] = []
    for char in dict.fromkeys(c for c in text if unicodedata.category(c) == "So"):
        phrase = table.get(unicodedata.name(char, "").lower())
        hit = lex.phrases.get(phrase) if phrase else None
        if hit is not None:
            wants += [
                replace(w, weight=w.weight * EMOJI_WEIGHT, priority=min(PRIORITY.values()))
                for w in wants_of(VibeTerm(hit, 0, 0, 0, 0, char))
            ]
            read.append(char)
    return wants, read
