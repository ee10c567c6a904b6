"""What the listener's text supports, for merging a model's reading by harm: a model may add an exclusion, a count, a
duration or a year only where a span of the prompt says it (a catalog artist typed, number words or digits outside
any name), so that it can fix a blind spot of the rules but never invent ("The Beatles" excluded from a prompt that
never named them; count 2016 from "2016 at the earliest")."""

import re
from dataclasses import dataclass

from assistant.parsing.numbers import NUMBER, number_value
from assistant.parsing.tokens import Span, tokenize
from assistant.parsing.vocabulary import CatalogVocabulary
from index.text import artist_key

# A word just before a name that asks for the artist: the model may not read that name as an exclusion.
_WANTS_BEFORE = re.compile(r"\b(?:more|with|like|love|loves|plus|featuring|including|add|some|lots\s+of|by|from)\s*$",
                           re.I)
_TIME_UNIT = re.compile(r"\b(?:hours?|hrs?|h|minutes?|mins?|m)\b", re.I)


@dataclass(frozen=True)
class Mention:
    artist: str  # the catalog's spelling
    span: Span
    wanted: bool  # typed right after a word that asks for it ("more Drake", "with Future")


def mentions(text: str, vocab: CatalogVocabulary) -> dict[str, Mention]:
    """Every catalog artist typed in the text (as spelled, by alias or with a small typo), by artist key."""
    tokens = tokenize(text)
    found: dict[str, Mention] = {}
    i = 0
    while i < len(tokens):
        hit = vocab.artist_at(tokens, i) or vocab.close_artist_at(tokens, i, len(tokens))
        if hit is None:
            i += 1
            continue
        span = (tokens[i].start, tokens[hit[1] - 1].end)
        wanted = bool(_WANTS_BEFORE.search(text[:span[0]]))
        found.setdefault(artist_key(hit[0]), Mention(hit[0], span, wanted))
        i = hit[1]
    return found


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
