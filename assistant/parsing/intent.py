"""Prompt -> PlaylistRequest and follow-up -> Refinement by rules, with no LLM: what the listener typed as
numbers, years and names is read here exactly; the LLM layer may add to it but never overrides it.

One reading serves both: per-artist caps and track lengths first (their "no more than" is not a negation), then
the clean filter, negation scopes, seeds, times, durations and counts, each on the text the earlier ones left.
Whatever still looks like a constraint is quoted back in a note and kept out of the search text."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.parsing import leftovers
from assistant.parsing.corrections import corrected
from assistant.parsing.excess import find_excess
from assistant.parsing.mentions import mentions
from assistant.parsing.lengths import find_cap, find_count, find_durations
from assistant.parsing.lists import Item
from assistant.models import (DURATION_TOLERANCE_MIN, MAX_MINUTES, MAX_TRACKS, Constraints, PlaylistRequest,
                              VibeShift)
from assistant.parsing.negation import CUE_RE, find_negations
from assistant.parsing.number_names import hide_names, number_names
from assistant.parsing.numbers import counted_before
from assistant.parsing.seeds import find_seeds
from assistant.parsing.arcs import ARC_WORDS, POPULAR_WORDS, first_kind, has_phrase
from assistant.parsing.sound_words import negated_genre_wants, read_sound
from assistant.parsing.vibe import Want, find_bpm, merge, wants_of
from assistant.parsing.tokens import Span, mask, overlaps, remove_spans, tokenize
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.years import ALL_YEARS, YearSet, as_limits, combine, find_times, intersect
from index.errors import PlaylistError
from index.nonsong import asks_for_non_songs
from index.text import artist_key, fold

MAX_PROMPT_CHARS = 2000

_CLEAN_RE = re.compile(
    r"\b(?:no|without|nothing|zero|not|non)[\s-]*(?:any\s+)?(?:explicit|dirty|nsfw)(?:\s+(?:lyrics|songs|content|tracks|versions|stuff|words))?"
    r"|\b(?:no|without)\s+(?:(?:songs?|tracks?|music|stuff)\s+(?:with|that\s+(?:have|has|use)|containing)\s+)?"
    r"(?:any\s+)?(?:swearing|swear\s+words|cursing|cuss(?:ing|\s+words)|curse\s+words|profanity|bad\s+words)"
    r"|\bclean(?:\s+(?:versions?|lyrics|only|songs|tracks|edits?))?\b(?!\s+(?:the|my|our|up|out)\b)|\b(?:family|kid|kids|child|children)[\s-]+(?:friendly|safe)"
    r"|\bfor\s+(?:the\s+|my\s+|little\s+)?(?:kids|children)|\bradio[\s-]+(?:edits?|friendly|safe)|\bsafe\s+for\s+work"
    r"|\bpg(?:-13)?\b|\bexplicit[\s-]+free\b",
    re.I,
)
_EXPLICIT_OK_RE = re.compile(
    r"\bexplicit\s+(?:lyrics\s+|songs\s+|content\s+)?(?:is\s+|are\s+)?(?:ok|okay|fine|allowed|welcome)\b"
    r"|\ballow\s+explicit\b|\b(?:don['’]?t|do\s+not)\s+care\s+about\s+explicit|\buncensored\b|\bexplicit\s+versions?\b",
    re.I,
)


_TRACK_NOUN_RE = re.compile(r"\s+(?:songs?|tracks?)$", re.I)


def clean_text(text: str) -> str:
    """Rejects empty and oversized input; drops control characters; keeps every other character."""
    if not isinstance(text, str):
        raise PlaylistError("the prompt must be text")
    if len(text) > MAX_PROMPT_CHARS:
        raise PlaylistError(f"the prompt is {len(text)} characters long; keep it under {MAX_PROMPT_CHARS}")
    visible = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    visible = " ".join(visible.split())
    if not visible:
        raise PlaylistError("the prompt is empty: describe the playlist you want")
    return visible


@dataclass
class Reading:
    """Everything the rules read from one text, and the spans each part took out of the search text."""

    text: str
    count: float | None = None
    playlist_minutes: float | None = None
    min_track_ms: int | None = None
    max_track_ms: int | None = None
    cap: int | None = None
    explicit_allowed: bool | None = None
    years: YearSet | None = None
    years_named: bool = False  # a decade, year or range was named (not only a bound)
    artists: list[str] = field(default_factory=list)
    unknown_artists: list[str] = field(default_factory=list)
    excluded_genres: list[str] = field(default_factory=list)
    fewer_genres: list[str] = field(default_factory=list)  # a follow-up's "rock is overdone": some of it leaves
    short_genres: list[str] = field(default_factory=list)  # a follow-up's "not enough rock": more of it
    seed_artists: list[str] = field(default_factory=list)
    seed_track_ids: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    vibe_words: list[str] = field(default_factory=list)
    wants: list[Want] = field(default_factory=list)
    shifts: list[VibeShift] = field(default_factory=list)
    arc: str | None = None
    popular: bool = False
    notes: list[str] = field(default_factory=list)
    taken: list[Span] = field(default_factory=list)

    seed_spans: list[Span] = field(default_factory=list)

    @property
    def query(self) -> str:
        """The search text: what was not read as a constraint; when that is nothing, the seeds' names (a style
        hint), never the names after a negation."""
        return remove_spans(self.text, self.taken) or \
            remove_spans(self.text, [s for s in self.taken if s not in self.seed_spans]) or "music"


def _negated(items: list[Item], reading: Reading, phrase: str) -> None:
    for item in items:
        if item.kind == "artist":
            reading.artists.append(str(item.value))
        elif item.kind == "unknown":
            reading.unknown_artists.append(str(item.value))
        elif item.kind == "genre":
            reading.excluded_genres.extend(label for label in item.value if label not in reading.excluded_genres)
        elif item.kind == "soft":
            negated = wants_of(item.value, negated=True)  # type: ignore[arg-type]
            reading.wants += [replace(want, words=[phrase]) for want in negated]


def negated_nearby(text: str, start: int, read_spans: Sequence[Span] = ()) -> bool:
    """A negation cue earlier in the same clause (whose scope the parser could not read up to here): what is typed
    at `start` may be something the listener does not want."""
    clause_start = max((m.end() for m in re.finditer(r"[,.;:!?()]|\s[-–—]\s", text[:start])), default=0)
    return any(not overlaps(cue.span(), read_spans) for cue in CUE_RE.finditer(text, clause_start, start))


def read(text: str, vocab: CatalogVocabulary, taken: list[Span] | None = None, relative: bool = False) -> Reading:
    """The rules' reading of a prompt or follow-up (`relative`: comparisons move the current playlist); `taken`
    spans were already read by the caller."""
    reading = Reading(text=text, taken=list(taken or []))
    tokens = tokenize(text)
    numbered = number_names(tokens, vocab)  # "Maroon 5", "1999 by Prince": no number reader sees their numbers
    names = [name.span for name in numbered]
    correction = corrected(hide_names(text, names))  # "12 songs, no wait, 15": the number readers see "15 songs"
    hidden = correction.view
    reading.taken += correction.taken

    cap = find_cap(mask(hidden, reading.taken))
    if cap:
        reading.cap = int(cap.value)  # type: ignore[arg-type]
        reading.taken += cap.spans
    bpm = find_bpm(mask(hidden, reading.taken))
    if bpm:
        reading.wants.append(bpm[0])
        reading.taken.append(bpm[1])
    durations = find_durations(mask(hidden, reading.taken), DURATION_TOLERANCE_MIN)
    reading.playlist_minutes, reading.min_track_ms, reading.max_track_ms = (
        durations.playlist_min, durations.track_min_ms, durations.track_max_ms)
    reading.taken += durations.spans or []
    explicit_ok = _EXPLICIT_OK_RE.search(mask(text, reading.taken))
    clean = _CLEAN_RE.search(mask(text, reading.taken))
    if explicit_ok:
        reading.explicit_allowed = True
        reading.taken.append(explicit_ok.span())
    elif clean:
        reading.explicit_allowed = False
        noun = _TRACK_NOUN_RE.search(clean.group(0)) if counted_before(text, clean.start()) else None
        reading.taken.append((clean.start(), clean.start() + noun.start() if noun else clean.end()))  # "10 clean songs"

    if relative:
        excess = find_excess(mask(hidden, reading.taken), tokens, vocab, reading.taken)
        reading.fewer_genres, reading.short_genres = excess.labels, excess.short
        reading.taken += excess.spans
    negations = find_negations(hidden, tokens, vocab, reading.taken)
    times = []
    for negation in negations.negations:
        reading.taken += [negation.span, *negation.named_at]
        if negation.years is not None:
            times.append(negation.years)
        _negated(negation.items, reading, text[negation.span[0]:negation.span[1]])
    seeds = find_seeds(text, tokens, vocab, reading.taken)
    reading.seed_artists, reading.seed_track_ids = seeds.artists, seeds.track_ids
    reading.taken += seeds.spans
    found_times = find_times(mask(hidden, reading.taken), reading.taken + names, correction.time_markers)
    read_spans = [n.span for n in negations.negations] + negations.unread
    doubtful = [t.span for t in found_times if negated_nearby(text, t.span[0], read_spans)]
    found_times = [t for t in found_times if t.span not in doubtful]  # never read a negated time as wanted
    reading.taken += [t.span for t in found_times]
    reading.years_named = any(not t.bound for t in found_times)
    years = combine(found_times)
    for allowed in times:
        years = intersect(years if years is not None else ALL_YEARS, allowed)
    if years is not None and not years:
        reading.notes.append("the years asked for rule each other out, so no year limit was applied")
        years = None
    reading.years = years
    count = find_count(mask(hidden, reading.taken))
    if count:
        reading.count = float(count.value)  # type: ignore[arg-type]
        reading.taken += count.spans
    reading.taken += correction.moved(reading.taken)

    unread = [span for span in negations.unread if not overlaps(span, reading.taken)] + doubtful
    unread += [span for span in leftovers.unread_phrases(mask(text, reading.taken + names))
               if not overlaps(span, unread)]
    reading.notes += leftovers.warning(text, unread)
    reading.taken += unread
    reading.seed_spans = seeds.spans
    sound = read_sound(text, tokens, vocab, reading.taken + [n.span for n in numbered if n.with_artist], relative)
    reading.genres = [g for g in sound.genres if g not in reading.excluded_genres]
    reading.names = sound.names
    reading.vibe_words = sound.vibe_words
    reading.wants += sound.wants + negated_genre_wants(reading.excluded_genres)
    reading.shifts = sound.shifts
    folded = fold(mask(text, [n.span for n in negations.negations] + unread).replace("\x1f", " "))
    reading.arc = first_kind(folded, ARC_WORDS)
    reading.popular = any(has_phrase(folded, w) for w in POPULAR_WORDS)
    _exclusions_beat_seeds(reading, vocab)
    return reading


def _exclusions_beat_seeds(reading: Reading, vocab: CatalogVocabulary) -> None:
    """An artist both named as a seed and excluded is not played: the seed only steers the style."""
    excluded = {artist_key(a) for a in reading.artists + reading.unknown_artists}
    for artist in [a for a in reading.seed_artists if artist_key(a) in excluded]:
        reading.seed_artists.remove(artist)
        reading.notes.append(f"{artist} is excluded, so none of their tracks are played; the playlist only "
                             "leans toward their style")
    for track_id in reading.seed_track_ids:
        track = next((t for tracks in vocab.songs.values() for t in tracks if t.track_id == track_id), None)
        if track and track.credit_keys & excluded:
            reading.notes.append(f"{track.artist} is excluded, so “{track.title}” only steers the style and is "
                                 "not played")


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
    return [f"no artist called “{name}” is in the catalog, so there was nothing to exclude"
            for name in reading.unknown_artists]


def unplaced_notes(text: str, reading: Reading, vocab: CatalogVocabulary) -> list[str]:
    """An artist typed outside any cue ("Drake, 10 songs", "Drake? ugh."): taken as a wish, and said so, since the
    listener may have meant the opposite."""
    placed = {artist_key(a) for a in reading.artists + reading.seed_artists}
    notes = []
    for key, mention in mentions(text, vocab).items():
        inside = overlaps(mention.span, reading.taken) and key not in {artist_key(n) for n in reading.names}
        if key in placed or inside or mention.wanted:
            continue
        notes.append(f"I took {mention.artist} as a wish; say “no {mention.artist}” to leave them out")
    return notes


def parse_prompt(prompt: str, vocab: CatalogVocabulary) -> PlaylistRequest:
    """Reads every hard constraint the listener typed and the soft preferences the rules recognise."""
    text = clean_text(prompt)
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
        arc=reading.arc or "steady",  # type: ignore[arg-type]
        popular=reading.popular,
        notes=notes,
    )
