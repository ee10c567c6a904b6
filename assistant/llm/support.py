"""What the listener's text supports, for merging a model's reading by harm: a model may add an exclusion, a count, a
duration, a year, a position, a genre, a sound or an arc only where a span of the text says it (a catalog artist
typed, number words or digits outside any name, a word the vibe lexicon reads), so that it can fix a blind spot of
the rules but never invent ("The Beatles" excluded from a prompt that never named them; count 2016 from "2016 at
the earliest"; track 5 dropped for "the Maroon 5 one")."""

import re
from collections.abc import Sequence

from assistant.parsing import (
    NUMBER,
    CatalogVocabulary,
    Span,
    hide_names,
    lexicon,
    negated_nearby,
    number_spans,
    number_value,
    read_sound,
    term_at,
    tokenize,
    typed_positions,
)
from assistant.parsing import VibeTarget as Target
from assistant.parsing import name_mentions as mentions
from index.catalog import Track
from index.text import artist_key

_TIME_UNIT = re.compile(r"\b(?:hours?|hrs?|h|minutes?|mins?|m)\b", re.I)
# "more Drake", "I love the Queen one": a follow-up that asks for more; what it names is removed only after a cue.
_ASKS_FOR_MORE_RE = re.compile(r"\b(?:more|add|like|love|similar|want|include|keep|another|extra)\b", re.I)


def typed_text(text: str, vocab: CatalogVocabulary) -> str:
    """The text with its number names masked ("Maroon 5", "1999 by Prince"): where a model's number must be typed."""
    return hide_names(text, number_spans(tokenize(text), vocab))


def _numbers(text: str, vocab: CatalogVocabulary) -> list[tuple[float, Span]]:
    """Numbers typed as digits or words, outside any name ("Sum 41", "50 Cent", "1999 by Prince" hold none)."""
    out = []
    for match in re.finditer(NUMBER, typed_text(text, vocab), re.I):
        value = number_value(match.group(0))
        if value is not None:
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


def _typed_artists(names: list[str], text: str, vocab: CatalogVocabulary, keep) -> list[str]:
    """The catalog artists among the model's `names` that the listener typed, where keep(mention) holds."""
    typed = mentions(text, vocab)
    out = []
    for name in names:
        artist = vocab.find_artist(name)
        mention = typed.get(artist_key(artist)) if artist else None
        if mention is not None and keep(mention) and mention.artist not in out:
            out.append(mention.artist)
    return out


def supported_exclusions(names: list[str], text: str, vocab: CatalogVocabulary) -> list[str]:
    """The model's exclusions that name a catalog artist the listener typed, not right after a word asking for it."""
    return _typed_artists(names, text, vocab, lambda mention: not mention.wanted)


def _against(text: str, start: int) -> bool:
    """What is typed at `start` may be taken out: the text asks for nothing more, or a cue negates it."""
    return not _ASKS_FOR_MORE_RE.search(text) or negated_nearby(text, start)


def supported_removals(names: list[str], text: str, vocab: CatalogVocabulary) -> list[str]:
    """A follow-up's exclusions from the model that name a catalog artist the listener typed, not asked for more."""
    return _typed_artists(names, text, vocab, lambda mention: _against(text, mention.span[0]))


def _fits(track: Track, target: Target) -> bool:
    value = getattr(track, target.feature, None)
    return (
        value is not None
        and (target.min is None or value >= target.min)
        and (target.max is None or value <= target.max)
    )


def _named_positions(text: str, tracks: Sequence[Track | None], vocab: CatalogVocabulary, removal: bool) -> set[int]:
    """Positions of the tracks the text names: by an artist or genre typed, or a mood word they fit ("fewer
    ballads"); for a removal, only what the text does not ask more of."""
    tokens, lex = tokenize(text), lexicon()
    artists = {key for key, m in mentions(text, vocab).items() if not removal or _against(text, m.span[0])}
    genres: set[str] = set()
    moods: list[Target] = []
    for i, token in enumerate(tokens):
        if removal and not _against(text, token.start):
            continue
        genres.update(found[0] if (found := vocab.genre_at(tokens, i)) else ())
        term = term_at(tokens, i, lex)
        if term is not None and not (removal and term.direction > 0):
            moods.append(term.hit.group.primary)
    return {
        p
        for p, track in enumerate(tracks, 1)
        if track is not None
        and (track.credit_keys & artists or set(track.genres) & genres or any(_fits(track, t) for t in moods))
    }


def supported_positions(
    positions: list[int], text: str, tracks: Sequence[Track | None], vocab: CatalogVocabulary, removal: bool
) -> list[int]:
    """The model's track positions that the text says: typed as a number or ordinal outside any name, or a track
    the text names."""
    typed = typed_positions(text, len(tracks), vocab)
    named = _named_positions(text, tracks, vocab, removal) if set(positions) - typed else set()
    return sorted({p for p in positions if p in typed or p in named})


def supported_genres(genres: list[str], text: str, vocab: CatalogVocabulary) -> list[str]:
    """The model's genres to add that the listener typed (as a label or its synonym), outside any negation."""
    tokens = tokenize(text)
    typed = {
        label
        for i, token in enumerate(tokens)
        if (found := vocab.genre_at(tokens, i)) and not negated_nearby(text, token.start)
        for label in found[0]
    }
    return [g for g in dict.fromkeys(genres) if g in typed]


def spoken_features(text: str, vocab: CatalogVocabulary) -> set[str]:
    """The audio features some word of the text speaks of, as the vibe lexicon and its neighbours read it."""
    sound = read_sound(text, tokenize(text), vocab, [], relative=True)
    return {want.feature for want in sound.wants} | {shift.feature for shift in sound.shifts}
