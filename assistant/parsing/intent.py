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
from assistant.parsing.lengths import find_cap, find_count, find_durations
from assistant.parsing.lists import Item, items_at
from assistant.models import (DURATION_TOLERANCE_MIN, MAX_MINUTES, MAX_TRACKS, Constraints, PlaylistRequest,
                              Refinement, VibeShift)
from assistant.parsing.negation import CUE_RE, find_negations
from assistant.parsing.numbers import NUMBER, number_value
from assistant.parsing.seeds import find_seeds
from assistant.parsing.arcs import ARC_WORDS, POPULAR_WORDS, first_kind, has_phrase
from assistant.parsing.sound_words import negated_genre_wants, read_sound
from assistant.parsing.vibe import Want, find_bpm, merge, wants_of
from assistant.parsing.tokens import Span, index_at, mask, overlaps, remove_spans, tokenize
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.years import ALL_YEARS, YearSet, as_limits, combine, find_times, intersect
from index.errors import PlaylistError
from index.nonsong import asks_for_non_songs
from index.text import artist_key, fold

MAX_PROMPT_CHARS = 2000

_CLEAN_RE = re.compile(
    r"\b(?:no|without|nothing|zero|not|non)[\s-]*(?:any\s+)?(?:explicit|dirty|nsfw)(?:\s+(?:lyrics|songs|content|tracks|versions|stuff|words))?"
    r"|\b(?:no|without)\s+(?:swearing|swear\s+words|cursing|cuss(?:ing|\s+words)|curse\s+words|profanity|bad\s+words)"
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


def _digit_artists(tokens: list, vocab: CatalogVocabulary) -> list[Span]:
    """'Maroon 5', 'The 1975', 'blink-182': their numbers are names, not counts or years."""
    spans = []
    i = 0
    while i < len(tokens):
        found = vocab.artist_at(tokens, i)
        if found and any(ch.isdigit() for ch in found[0]) and (" " in found[0] or "-" in found[0]) and \
                (tokens[i].raw[:1].isupper() or tokens[i].raw[:1].isdigit() and tokens[i + 1:found[1]] and
                 tokens[found[1] - 1].raw[:1].isupper()):
            spans.append((tokens[i].start, tokens[found[1] - 1].end))
            i = found[1]
        else:
            i += 1
    return spans


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

    cap = find_cap(mask(text, reading.taken))
    if cap:
        reading.cap = int(cap.value)  # type: ignore[arg-type]
        reading.taken += cap.spans
    bpm = find_bpm(mask(text, reading.taken))
    if bpm:
        reading.wants.append(bpm[0])
        reading.taken.append(bpm[1])
    durations = find_durations(mask(text, reading.taken), DURATION_TOLERANCE_MIN)
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
        reading.taken.append(clean.span())

    negations = find_negations(text, tokens, vocab, reading.taken)
    times = []
    for negation in negations.negations:
        reading.taken.append(negation.span)
        if negation.years is not None:
            times.append(negation.years)
        _negated(negation.items, reading, text[negation.span[0]:negation.span[1]])
    seeds = find_seeds(text, tokens, vocab, reading.taken)
    reading.seed_artists, reading.seed_track_ids = seeds.artists, seeds.track_ids
    reading.taken += seeds.spans
    masked_names = _digit_artists(tokens, vocab)
    found_times = find_times(mask(text, reading.taken + masked_names), reading.taken + masked_names)
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
    count = find_count(mask(text, reading.taken + masked_names))
    if count:
        reading.count = float(count.value)  # type: ignore[arg-type]
        reading.taken += count.spans

    unread = [span for span in negations.unread if not overlaps(span, reading.taken)] + doubtful
    unread += [span for span in leftovers.unread_phrases(mask(text, reading.taken + masked_names))
               if not overlaps(span, unread)]
    reading.notes += leftovers.warning(text, unread)
    reading.taken += unread
    reading.seed_spans = seeds.spans
    sound = read_sound(text, tokens, vocab, reading.taken + masked_names, relative)
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
        if track and artist_key(track.artist) in excluded:
            reading.notes.append(f"{track.artist} is excluded, so “{track.title}” only steers the style and is "
                                 "not played")


def _bounded_count(value: float | None, notes: list[str]) -> int | None:
    if value is None:
        return None
    if value != int(value) or value < 1:
        notes.append(f"a playlist needs at least one whole track; ignored the length {value:g}")
        return None
    if value > MAX_TRACKS:
        notes.append(f"{int(value)} tracks is more than the {MAX_TRACKS} a playlist can hold; made it {MAX_TRACKS}")
        return MAX_TRACKS
    return int(value)


def _bounded_minutes(value: float | None, notes: list[str]) -> float | None:
    if value is None or value <= 0:
        return None
    if value > MAX_MINUTES:
        notes.append(f"{value:g} minutes is longer than the {MAX_MINUTES} a playlist can last; made it {MAX_MINUTES}")
        return float(MAX_MINUTES)
    return float(value)


def _unknown_notes(reading: Reading) -> list[str]:
    return [f"no artist called “{name}” is in the catalog, so there was nothing to exclude"
            for name in reading.unknown_artists]


def parse_prompt(prompt: str, vocab: CatalogVocabulary) -> PlaylistRequest:
    """Reads every hard constraint the listener typed and the soft preferences the rules recognise."""
    text = clean_text(prompt)
    reading = read(text, vocab)
    notes = list(reading.notes) + _unknown_notes(reading)
    year_min, year_max, gaps = as_limits(reading.years) if reading.years else (None, None, [])
    constraints = Constraints(
        count=_bounded_count(reading.count, notes),
        duration_min=_bounded_minutes(reading.playlist_minutes, notes),
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


# ---- follow-ups -----------------------------------------------------------------------------------------------
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
_POSITION = (rf"(?:#\s*\d{{1,3}}|no\.?\s*\d{{1,3}}|\d{{1,3}}(?:st|nd|rd|th)?|(?:{'|'.join(_ORDINALS)})|last|"
             rf"penultimate|second[\s-]+(?:to|from)[\s-]+last)")
_ENDS_RE = re.compile(rf"\b(?P<end>first|last|final|opening|closing)\s+(?P<n>{NUMBER})\b", re.I)
_POSITION_LIST = rf"(?:(?:first|last|final|opening|closing)\s+{NUMBER}\b|{_POSITION}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+)(?:(?:the|track|song|number)\s+)?{_POSITION})*)"
_NOUN = r"(?:tracks?|songs?|numbers?|ones?|positions?)"
_REMOVE_VERBS = r"(?:remove|drop|delete|skip|cut|lose|ditch|get\s+rid\s+of|take\s+out|replace|swap\s+out|kill|nix|scrap|bin)"
_POSITIONS_RE = re.compile(
    rf"\b{_REMOVE_VERBS}\s+(?:the\s+)?(?:{_NOUN}\s+)?(?:(?:number|no\.?|#)\s*)?(?P<list>{_POSITION_LIST})"
    rf"(?:\s+{_NOUN})?(?![\w'’])(?!\s*(?:more\s+)?(?:songs|tracks|minutes?|hours?|mins?)\b)",
    re.I,
)
_MORE_LIKE_RE = re.compile(
    rf"\b(?:more|songs?|tracks?|stuff|something|others?)\s+(?:like|similar\s+to)\s+(?:the\s+)?(?:{_NOUN}\s+)?"
    rf"(?:(?:number|no\.?|#)\s*)?(?P<list>{_POSITION_LIST})(?:\s+(?:{_NOUN}|one))?(?![\w'’])",
    re.I,
)
_ADD_RE = re.compile(
    rf"\b(?:add(?:\s+(?:another|in))?|plus|throw\s+in|another)\s+(?P<n>{NUMBER})(?:\s+more)?(?:\s+(?:{_NOUN}|bangers|tunes))?"
    rf"(?![\w'’])(?!\s*(?:minutes?|hours?|mins?)\b)"
    rf"|(?P<n2>{NUMBER})\s+more(?:\s+(?:{_NOUN}|bangers|tunes))?(?![\w'’])(?!\s*(?:minutes?|hours?|mins?)\b)"
    rf"|\b(?P<more>(?:add\s+)?(?:some\s+)?more\s+(?:songs|tracks)|add\s+(?:a\s+few\s+)?(?:more\s+)?(?:songs|tracks)"
    rf"|(?:make\s+it\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|much\s+)*longer)\b",
    re.I,
)
_SCALE_RE = re.compile(r"\b(?P<double>double\s+it|double\s+the\s+(?:length|songs|tracks)|twice\s+as\s+(?:many|long))"
                       r"|\b(?P<half>halve\s+it|half\s+as\s+(?:many|long)|cut\s+it\s+in\s+half)\b", re.I)
_SHRINK_RE = re.compile(
    rf"\b(?:remove|drop|cut|lose|take\s+off|take\s+out)\s+(?P<n>{NUMBER})\s+(?:{_NOUN})\b"
    rf"|\b(?P<less>(?:make\s+it\s+|a\s+bit\s+|a\s+little\s+|slightly\s+|much\s+)*shorter|fewer\s+(?:songs|tracks))\b",
    re.I,
)
_ONLY_RE = re.compile(r"\b(?:only|just|instead)\b", re.I)
_MORE_OF_RE = re.compile(r"\b(?:more|add|some|only|just|extra|plus|throw\s+in|instead)\b", re.I)
SOFT_CHANGE = 0.25  # "longer" / "shorter" without a number change the length by this share


def _position_value(raw: str, length: int) -> int:
    word = " ".join(raw.lower().replace("-", " ").split()).lstrip("#").removeprefix("no.").removeprefix("no").strip()
    if word == "last":
        return length
    if word == "penultimate" or word.startswith("second") and "last" in word:
        return length - 1
    if word in _ORDINALS:
        return _ORDINALS[word]
    return int(re.sub(r"\D", "", word))


def _position_list(pattern: re.Pattern[str], text: str, vocab: CatalogVocabulary) -> re.Match[str] | None:
    """A list of track positions, unless its number starts a name: "drop 21 Savage" names an artist."""
    match = pattern.search(text)
    if match is None:
        return None
    tokens = tokenize(text)
    first = index_at(tokens, match.start("list"))
    named = vocab.artist_at(tokens, first) or vocab.song_at(tokens, first)
    return None if named and tokens[named[1] - 1].end > match.end("list") else match


def _positions(raw: str, length: int) -> list[int]:
    """'3 and 7', 'the third', 'last', 'the last two', 'first 3'."""
    ends = _ENDS_RE.search(raw)
    if ends:
        n = int(number_value(ends.group("n")) or 0)
        first = ends.group("end").lower() in ("first", "opening")
        return list(range(1, n + 1)) if first else list(range(max(1, length - n + 1), length + 1))
    return [_position_value(m.group(0), length) for m in re.finditer(_POSITION, raw, re.I)]


def _length_change(text: str, current: PlaylistRequest, length: int, taken: list[Span],
                   vague_ok: bool, notes: list[str]) -> tuple[int | None, float | None]:
    """'add 5 more', 'another 3', 'remove 4 songs'; and, when no length is typed (vague_ok), 'a bit longer',
    'shorter', 'more songs': (count, minutes)."""
    constraints = current.constraints
    scale = _SCALE_RE.search(mask(text, taken)) if vague_ok else None
    if scale:
        taken.append(scale.span())
        factor = 2.0 if scale.group("double") else 0.5
        if constraints.duration_min is not None:
            return None, max(5.0, min(MAX_MINUTES, round(constraints.duration_min * factor)))
        return max(1, min(MAX_TRACKS, round(length * factor))), None
    grow = _ADD_RE.search(mask(text, taken))
    shrink = _SHRINK_RE.search(mask(text, taken))
    match = grow or shrink
    if match is None:
        return None, None
    raw = match.groupdict().get("n") or match.groupdict().get("n2")
    sign = 1 if match is grow else -1
    if raw:
        taken.append(match.span())
        amount = number_value(raw) or 0
        return max(1, min(MAX_TRACKS, length + sign * int(amount))), None
    if not vague_ok:
        return None, None
    taken.append(match.span())
    if constraints.duration_min is not None:
        return None, max(5.0, min(MAX_MINUTES, round(constraints.duration_min * (1 + sign * SOFT_CHANGE))))
    if match is grow and match.group("more") and "longer" not in match.group(0).lower():
        return min(MAX_TRACKS, length + 5), None
    changed = max(1, min(MAX_TRACKS, round(length * (1 + sign * SOFT_CHANGE))))
    notes.append(f"made it {changed} tracks instead of {length}")
    return changed, None


def parse_follow_up(text: str, vocab: CatalogVocabulary, current: PlaylistRequest, playlist_length: int,
                    previous: Refinement | None = None) -> Refinement:
    """Reads a follow-up as a change to the current request; everything not mentioned stays as it is. `previous` is
    the last follow-up: "and Ozuna too" after "lose Shakira" excludes Ozuna."""
    text = clean_text(text)
    taken: list[Span] = []
    positions_match = _position_list(_POSITIONS_RE, text, vocab)
    like_match = _position_list(_MORE_LIKE_RE, text, vocab)
    remove = _positions(positions_match.group("list"), playlist_length) if positions_match else []
    more_like = _positions(like_match.group("list"), playlist_length) if like_match else []
    taken += [m.span() for m in (positions_match, like_match) if m]
    out_of_range = [p for p in remove + more_like if not 1 <= p <= playlist_length]
    if out_of_range:
        raise PlaylistError(
            f"the playlist has {playlist_length} tracks; there is no track {', '.join(map(str, out_of_range))}"
        )
    notes: list[str] = []
    count, minutes = _length_change(text, current, playlist_length, taken, False, notes)
    bare = re.fullmatch(rf"\s*(?:(?:ok|okay|actually|now|hmm|um|so),?\s+)*(?P<n>{NUMBER})\s*(?:please|pls)?[.!?]*\s*",
                        text, re.I)
    if bare and count is None:
        count = _bounded_count(number_value(bare.group("n")), notes)
        taken.append(bare.span())
    reading = read(text, vocab, taken, relative=True)
    notes += reading.notes + _unknown_notes(reading)
    if count is None:
        count = _bounded_count(reading.count, notes)
    if minutes is None:
        minutes = _bounded_minutes(reading.playlist_minutes, notes)
    if count is None and minutes is None:
        count, minutes = _length_change(text, current, playlist_length, reading.taken, True, notes)
    year_min, year_max, gaps = as_limits(reading.years) if reading.years else (None, None, [])
    wants_more = _MORE_OF_RE.search(text)
    add_genres = [g for g in reading.genres if g not in current.genres] if wants_more else []
    refinement = Refinement(
        text=text,
        count=count,
        duration_min=minutes,
        year_min=year_min,
        year_max=year_max,
        exclude_years=gaps,
        years_replace=reading.years_named,
        exclude_artists=list(dict.fromkeys(reading.artists + reading.unknown_artists)),
        exclude_genres=reading.excluded_genres,
        min_track_ms=reading.min_track_ms,
        max_track_ms=reading.max_track_ms,
        remove_positions=sorted(set(remove)),
        more_like_positions=sorted(set(more_like)),
        add_genres=add_genres,
        vibe=merge(reading.wants),
        vibe_shifts=reading.shifts,
        arc=reading.arc,
        explicit_allowed=reading.explicit_allowed,
        non_songs_allowed=True if asks_for_non_songs(text) else None,
        max_per_artist=reading.cap,
        seed_artists=reading.seed_artists,
        notes=notes,
    )
    if reading.years is not None and reading.years == ALL_YEARS:
        refinement = refinement.model_copy(update={"years_replace": True})
    continued = _continued_artists(text, vocab) if previous is not None and previous.exclude_artists else []
    if continued:  # "Live & Kygo as well" after an exclusion: more of the same, whatever else the words could be
        refinement = refinement.model_copy(update={"exclude_artists": continued, "vibe": [], "vibe_shifts": []})
    return refinement.model_copy(update={"understood": bool(_changes(refinement))})


_CONTINUATION_WORDS = frozenset({"and", "also", "plus", "too", "as", "well", "same", "goes", "for", "with", "ditto",
                                 "likewise", "oh", "ah", "ok", "okay", "please", "pls", "them", "him", "her", ""})


def _continued_artists(text: str, vocab: CatalogVocabulary) -> list[str]:
    """"and Ozuna too", "same for Queen", "Drake as well": artists named with nothing but words that repeat the
    last change; anything else in the text and it is not a continuation."""
    tokens = tokenize(text)
    start = next((i for i in range(len(tokens)) if vocab.artist_at(tokens, i)), None)
    if start is None:
        return []
    items = items_at(tokens, start, vocab, frozenset({"artist"}))
    inside = set(range(start, items[-1].end)) if items else set()
    rest = [t.folded for i, t in enumerate(tokens) if i not in inside]
    if not items or not any(w in _CONTINUATION_WORDS - {""} for w in rest) or not set(rest) <= _CONTINUATION_WORDS:
        return []
    return [str(item.value) for item in items]


def _changes(refinement: Refinement) -> dict:
    return refinement.model_dump(exclude={"text", "understood", "notes", "years_replace"}, exclude_defaults=True)


def only_asked(text: str) -> bool:
    """'only rock' / 'just 2010s' replace rather than add."""
    return _ONLY_RE.search(text) is not None


