"""Prompt -> PlaylistRequest by rules, with no LLM: what the listener typed as numbers, years and names is read here
exactly (reading.py reads it); the LLM layer may add to it but never overrides it. The checks every text gets
(clean_text) and the bounds on a length are here too, for follow_ups.py."""

import re
import unicodedata

from assistant.models import MAX_MINUTES, MAX_TRACKS, Constraints, PlaylistRequest
from assistant.parsing.foreign import has_foreign_words, to_english
from assistant.parsing.mentions import mentions
from assistant.parsing.number_names import number_names
from assistant.parsing.reading import Reading, read
from assistant.parsing.tokens import overlaps, tokenize
from assistant.parsing.vibe import merge
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import as_limits
from index.errors import PlaylistError
from index.nonsong import asks_for_non_songs
from index.text import artist_key, fold, is_english_word, is_language_word

MAX_PROMPT_CHARS = 2000


_ELIDED = re.compile(r"\b(pas|plus|sans|point) d['’](?=\w)", re.I)


def clean_text(text: str) -> str:
    """Rejects empty and oversized input; drops control characters; writes a French elision apart ("pas d'EDM" ->
    "pas de EDM"); keeps the rest."""
    if not isinstance(text, str):
        raise PlaylistError("the prompt must be text")
    if len(text) > MAX_PROMPT_CHARS:
        raise PlaylistError(f"the prompt is {len(text)} characters long; keep it under {MAX_PROMPT_CHARS}")
    visible = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    visible = " ".join(visible.split())
    visible = _ELIDED.sub(r"\1 de ", visible)  # "pas d'EDM" is "pas de EDM": the cue and its word apart
    if not visible:
        raise PlaylistError("the prompt is empty: describe the playlist you want")
    return visible


def in_english(text: str, vocab: CatalogVocabulary) -> str:
    """The structure words of other languages as English (foreign.py: "treinta canciones de los noventa" -> "30
    songs the 90s"), never inside a catalog name that holds a number ("24 Stunden" by SAM)."""
    if not has_foreign_words(text):
        return text  # an English prompt: no catalog names looked up twice
    return to_english(text, [name.span for name in number_names(tokenize(text), vocab)])


def bounded_count(value: float | None, notes: list[str]) -> int | None:
    if value is None:
        return None
    if value != int(value) or value < 1:
        notes.append(f"a playlist needs at least one whole track; ignored the length {value:g}")
        return None
    if value > MAX_TRACKS:
        notes.append(f"{int(value)} tracks is more than the {MAX_TRACKS} a playlist can hold; made it {MAX_TRACKS}")
        return MAX_TRACKS
    return int(value)


def bounded_minutes(value: float | None, notes: list[str]) -> float | None:
    if value is None or value <= 0:
        return None
    if value > MAX_MINUTES:
        notes.append(f"{value:g} minutes is longer than the {MAX_MINUTES} a playlist can last; made it {MAX_MINUTES}")
        return float(MAX_MINUTES)
    return float(value)


def unknown_notes(reading: Reading) -> list[str]:
    return [
        f"no artist called “{name}” is in the catalog, so there was nothing to exclude"
        for name in reading.unknown_artists
    ]


def unplaced_notes(text: str, reading: Reading, vocab: CatalogVocabulary) -> list[str]:
    """An artist typed outside any cue ("Drake, 10 songs", "Drake? ugh."): taken as a wish, and said so, since the
    listener may have meant the opposite."""
    placed = {artist_key(a) for a in reading.artists + reading.seed_artists}
    notes = []
    for key, mention in mentions(text, vocab).items():
        inside = overlaps(mention.span, reading.taken) and key not in {artist_key(n) for n in reading.names}
        typed = fold(text[mention.span[0] : mention.span[1]])
        if typed_loosely(text, mention.span, vocab):
            continue  # "bleep": a lower-case word a letter from Memphis Bleek, no name typed
        if key in placed or inside or mention.wanted or any(typed in fold(w) for w in reading.vibe_words):
            continue  # "wake me up" read as a sound is no wish for the band Wake Me
        if _plain_words(text, mention.span, vocab, key):
            continue  # "her solo stuff", "Otherwise upbeat pop": words, not the artists HER and Otherwise
        notes.append(f"I took {mention.artist} as a wish; say “no {mention.artist}” to leave them out")
    return notes


def typed_loosely(text: str, span: tuple[int, int], vocab: CatalogVocabulary) -> bool:
    """A lower-case word that is no catalog name nor alias, only close to one: outside a cue, too weak a sign of a
    name to take it as a wish."""
    typed = text[span[0] : span[1]]
    return typed.islower() and fold(typed) not in vocab.artists and fold(typed) not in vocab.aliases


def _plain_words(text: str, span: tuple[int, int], vocab: CatalogVocabulary, artist: str) -> bool:
    """Common words typed as words, not capitalised mid-sentence: "her solo stuff" is no wish for HER, while
    "drake, 10 songs" names Drake (no title holds the word); a word of another language that is only part of a
    name or a typo of one ("esperanza", "salir") is a word too, while "camilo" typed whole names Camilo."""
    typed = text[span[0] : span[1]]
    if typed[:1].isupper() and text[: span[0]].strip() and text[: span[0]].rstrip()[-1:] not in ".!?":
        return False
    words = fold(typed).split()
    if " ".join(words) != artist and all(is_language_word(w) for w in words):
        return True
    return all(is_english_word(w) and vocab.is_ordinary(w) for w in words)


def parse_prompt(prompt: str, vocab: CatalogVocabulary) -> PlaylistRequest:
    """Reads every hard constraint the listener typed and the soft preferences the rules recognise."""
    text = in_english(clean_text(prompt), vocab)
    reading = read(text, vocab)
    notes = list(reading.notes) + unknown_notes(reading) + unplaced_notes(text, reading, vocab)
    year_min, year_max, gaps = as_limits(reading.years) if reading.years else (None, None, [])
    constraints = Constraints(
        count=bounded_count(reading.count, notes),
        duration_min=bounded_minutes(reading.playlist_minutes, notes),
        year_min=year_min,
        year_max=year_max,
        exclude_years=gaps,
        exclude_artists=list(dict.fromkeys(reading.artists + reading.unknown_artists)),
        exclude_genres=reading.excluded_genres,
        min_track_ms=reading.min_track_ms,
        max_track_ms=reading.max_track_ms,
        explicit_allowed=reading.explicit_allowed is not False,
        non_songs_allowed=asks_for_non_songs(text),
        max_per_artist=reading.cap or 2,
    )
    return PlaylistRequest(
        prompt=text,
        query=reading.query,
        constraints=constraints,
        genres=reading.genres,
        seed_artists=list(dict.fromkeys(reading.seed_artists)),
        seed_track_ids=list(dict.fromkeys(reading.seed_track_ids)),
        names=reading.names,
        vibe_words=reading.vibe_words,
        vibe=merge(reading.wants),
        arc=reading.arc or "steady",
        popular=reading.popular,
        notes=notes,
    )
