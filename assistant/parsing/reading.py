"""The rules' reading of one text, prompt or follow-up: per-artist caps and track lengths first (their "no more
than" is not a negation), then the clean filter, negation scopes, seeds, times, durations and counts, each on the
text the earlier ones left; whatever still looks like a constraint is quoted back in a note and kept out of the
search text; then the sound (genres, names, vibe) and the playlist's shape. intent.py turns a Reading into a
PlaylistRequest, follow_ups.py into a Refinement."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.models import DURATION_TOLERANCE_MIN, Arc, VibeShift
from assistant.parsing import leftovers
from assistant.parsing.arcs import ARC_WORDS, POPULAR_WORDS, first_kind, has_phrase
from assistant.parsing.corrections import Corrected, corrected
from assistant.parsing.excess import find_excess
from assistant.parsing.explicit import find_explicit
from assistant.parsing.lengths import find_cap, find_count, find_durations
from assistant.parsing.lists import Item
from assistant.parsing.negation import NegationReading, find_negations
from assistant.parsing.negation_cues import CUE_RE
from assistant.parsing.number_names import NumberName, hide_names, number_names
from assistant.parsing.personal_years import is_personal
from assistant.parsing.seeds import find_seeds
from assistant.parsing.sound_words import negated_genre_wants, read_sound
from assistant.parsing.tokens import Span, Token, mask, overlaps, remove_spans, tokenize
from assistant.parsing.vibe import Want, find_bpm, wants_of
from assistant.parsing.vibe_terms import VibeTerm
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import ALL_YEARS, YearSet, intersect
from assistant.parsing.years import combine, find_times
from index.text import artist_key, fold


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
    arc: Arc | None = None
    popular: bool = False
    notes: list[str] = field(default_factory=list)
    taken: list[Span] = field(default_factory=list)

    seed_spans: list[Span] = field(default_factory=list)

    @property
    def query(self) -> str:
        """The search text: what was not read as a constraint; when that is nothing, the seeds' names (a style
        hint), never the names after a negation."""
        return (
            remove_spans(self.text, self.taken)
            or remove_spans(self.text, [s for s in self.taken if s not in self.seed_spans])
            or "music"
        )


def _negated(items: list[Item], reading: Reading, phrase: str) -> None:
    for item in items:
        if item.kind == "artist":
            reading.artists.append(str(item.value))
        elif item.kind == "unknown":
            reading.unknown_artists.append(str(item.value))
        elif item.kind == "genre" and isinstance(item.value, tuple):
            reading.excluded_genres.extend(label for label in item.value if label not in reading.excluded_genres)
        elif item.kind == "soft" and isinstance(item.value, VibeTerm):
            softly = re.search(r"\b(?:too|overly|that|so)\b", phrase, re.I) is not None  # "nothing too acoustic"
            negated = wants_of(item.value, negated=True, softly=softly)
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
    _read_lengths(reading, text, hidden)
    if relative:
        excess = find_excess(mask(hidden, reading.taken), tokens, vocab, reading.taken)
        reading.fewer_genres, reading.short_genres = excess.labels, excess.short
        reading.taken += excess.spans
    negations = find_negations(hidden, tokens, vocab, reading.taken)
    times = _read_negations(reading, text, negations)
    reading.artists += [twin for name in reading.artists for twin in vocab.same_artist(name)]  # Ke$ha is Kesha
    _taken_back(reading, text)
    for name in list(reading.artists):  # leaving out one artist too many costs less than playing the one ruled out
        if (other := vocab.better_known(name)) and other not in reading.artists:
            reading.artists.append(other)
            reading.notes.append(f"“{name}” may also mean {other}, so both are left out")
    seeds = find_seeds(text, tokens, vocab, reading.taken)
    reading.seed_artists, reading.seed_track_ids = seeds.artists, seeds.track_ids
    reading.taken += seeds.spans
    doubtful = _read_years(reading, text, hidden, names, correction, negations, times)
    count = find_count(mask(hidden, reading.taken))
    if count:
        reading.count = float(count.value)
        reading.taken += count.spans
    reading.taken += correction.moved(reading.taken)
    unread = _unread(reading, text, names, negations, doubtful)
    reading.seed_spans = seeds.spans
    _read_sound(reading, text, tokens, vocab, numbered, relative)
    folded = fold(mask(text, [n.span for n in negations.negations] + unread).replace("\x1f", " "))
    reading.arc = first_kind(folded, ARC_WORDS)
    reading.popular = any(has_phrase(folded, w) for w in POPULAR_WORDS)
    _exclusions_beat_seeds(reading, vocab)
    return reading


_ALLOWED_AFTER = re.compile(
    r"(?:['’]s|\s+is|\s+are)\s+(?:actually\s+|totally\s+|still\s+|fine\s+by\s+me\s+)?(?:fine|ok|okay|allowed|cool)\b",
    re.I,
)


def _taken_back(reading: Reading, text: str) -> None:
    """ "No Drake... actually Drake's fine": an exclusion the listener takes back later in the prompt is lifted."""
    for name in list(reading.artists):
        said = [m for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I)]
        if len(said) > 1 and any(_ALLOWED_AFTER.match(text, m.end()) for m in said[1:]):
            reading.artists.remove(name)
            reading.notes.append(f"{name} is not left out: you said {name} is fine")


def _read_lengths(reading: Reading, text: str, hidden: str) -> None:
    """Per-artist cap, tempo, the playlist's and the tracks' durations, and the clean filter."""
    cap = find_cap(mask(hidden, reading.taken))
    if cap:
        reading.cap = int(cap.value)
        reading.taken += cap.spans
    bpm = find_bpm(mask(hidden, reading.taken))
    if bpm:
        reading.wants.append(bpm[0])
        reading.taken.append(bpm[1])
    durations = find_durations(mask(hidden, reading.taken), DURATION_TOLERANCE_MIN)
    reading.playlist_minutes, reading.min_track_ms, reading.max_track_ms = (
        durations.playlist_min,
        durations.track_min_ms,
        durations.track_max_ms,
    )
    reading.taken += durations.spans or []
    explicit = find_explicit(mask(text, reading.taken), text)
    if explicit:
        reading.explicit_allowed = explicit[0]
        reading.taken += explicit[1]


def _read_negations(reading: Reading, text: str, negations: NegationReading) -> list[YearSet]:
    """What each negation rules out goes into the reading; the years they allow come back."""
    times = []
    for negation in negations.negations:
        reading.taken += [negation.span, *negation.named_at]
        if negation.years is not None:
            times.append(negation.years)
        _negated(negation.items, reading, text[negation.span[0] : negation.span[1]])
    return times


def _read_years(
    reading: Reading,
    text: str,
    hidden: str,
    names: list[Span],
    correction: Corrected,
    negations: NegationReading,
    times: list[YearSet],
) -> list[Span]:
    """The years asked for, within what the negations allow; returns the spans of times said near an unread
    negation (never read as wanted)."""
    found_times = find_times(mask(hidden, reading.taken), reading.taken + names, correction.time_markers)
    found_times = [t for t in found_times if not is_personal(hidden, t.span[0])]  # words another reader took too
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
    return doubtful


def _unread(
    reading: Reading, text: str, names: list[Span], negations: NegationReading, doubtful: list[Span]
) -> list[Span]:
    """What still looks like a constraint: quoted back in a note and kept out of the search text."""
    unread = [span for span in negations.unread if not overlaps(span, reading.taken)] + doubtful
    unread += [
        span for span in leftovers.unread_phrases(mask(text, reading.taken + names)) if not overlaps(span, unread)
    ]
    reading.notes += leftovers.warning(text, unread)
    reading.taken += unread
    return unread


def _read_sound(
    reading: Reading,
    text: str,
    tokens: list[Token],
    vocab: CatalogVocabulary,
    numbered: list[NumberName],
    relative: bool,
) -> None:
    sound = read_sound(text, tokens, vocab, reading.taken + [n.span for n in numbered if n.with_artist], relative)
    reading.genres = [g for g in sound.genres if g not in reading.excluded_genres]
    reading.names = sound.names
    reading.vibe_words = sound.vibe_words
    reading.wants += sound.wants + negated_genre_wants(reading.excluded_genres)
    reading.shifts = sound.shifts


def _exclusions_beat_seeds(reading: Reading, vocab: CatalogVocabulary) -> None:
    """An artist both named as a seed and excluded is not played: the seed only steers the style."""
    excluded = {artist_key(a) for a in reading.artists + reading.unknown_artists}
    for artist in [a for a in reading.seed_artists if artist_key(a) in excluded]:
        reading.seed_artists.remove(artist)
        reading.notes.append(
            f"{artist} is excluded, so none of their tracks are played; the playlist only leans toward their style"
        )
    for track_id in reading.seed_track_ids:
        track = next((t for tracks in vocab.songs.values() for t in tracks if t.track_id == track_id), None)
        if track and track.credit_keys & excluded:
            reading.notes.append(
                f"{track.artist} is excluded, so “{track.title}” only steers the style and is not played"
            )
