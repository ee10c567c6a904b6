"""What the listener's text supports, for merging a model's reading by harm: a model may add an exclusion, a count, a
duration or a year only where a span of the prompt says it (a catalog artist typed, number words or digits outside
any name), so that it can fix a blind spot of the rules but never invent ("The Beatles" excluded from a prompt that
never named them; count 2016 from "2016 at the earliest")."""

import re

from assistant.parsing.mentions import mentions
from assistant.parsing.numbers import NUMBER, number_value
from assistant.parsing.tokens import Span
from assistant.parsing.vocabulary import CatalogVocabulary
from index.text import artist_key

_TIME_UNIT = re.compile(r"\b(?:hours?|hrs?|h|minutes?|mins?|m)\b", re.I)


def _numbers(text: str, vocab: CatalogVocabulary) -> list[tuple[float, Span]]:
    """Numbers typed as digits or words, outside any artist name ("Sum 41", "50 Cent" hold none)."""
    names = [m.span for m in mentions(text, vocab).values()]
    out = []
    for match in re.finditer(NUMBER, text, re.I):
        value = number_value(match.group(0))
        if value is not None and not any(lo <= match.start() < hi for lo, hi in names):
            out.append((float(value), match.span()))
    return out


def supported_count(value: float | None, text: str, vocab: CatalogVocabulary) -> str | None:
    """The typed phrase that says this many tracks, or None."""
    if value is None:
        return None
    return next((text[lo:hi] for number, (lo, hi) in _numbers(text, vocab) if number == value), None)


def supported_minutes(value: float | None, text: str, vocab: CatalogVocabulary) -> str | None:
    """The typed phrase behind a duration: a number of minutes or hours, or hours and minutes, next to a time unit."""
    if value is None or not _TIME_UNIT.search(text):
        return None
    typed = _numbers(text, vocab)
    for number, (lo, hi) in typed:
        if value in (number, number * 60):
            return text[lo:hi]
    for hours, (lo, _) in typed:
        for minutes, (_, hi) in typed:
            if hi > lo and value == hours * 60 + minutes:
                return text[lo:hi]
    return None


def supported_exclusions(names: list[str], text: str, vocab: CatalogVocabulary) -> list[str]:
    """The model's exclusions that name a catalog artist the listener typed, not right after a word asking for it."""
    typed = mentions(text, vocab)
    out = []
    for name in names:
        artist = vocab.find_artist(name)
        mention = typed.get(artist_key(artist)) if artist else None
        if mention is not None and not mention.wanted and mention.artist not in out:
            out.append(mention.artist)
    return out
