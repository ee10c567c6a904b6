"""Follow-up -> Refinement by rules: a change to the current request (positions to drop, "more like 3", a new length
or a change of it as the resize module reads them, new exclusions and years); everything not mentioned stays as
it is."""

import re

from assistant.models import PlaylistRequest, Refinement
from assistant.parsing.continuation import continued_items
from assistant.parsing.corrections import Corrected, corrected
from assistant.parsing.intent import bounded_count, bounded_minutes, clean_text, unknown_notes
from assistant.parsing.mentions import mentions
from assistant.parsing.number_names import hide_names, number_spans
from assistant.parsing.numbers import NUMBER, ORDINALS, TEEN_WORDS, TEN_WORDS, UNIT_WORDS, counted_before, number_value
from assistant.parsing.reading import Reading, read
from assistant.parsing.resize import Resize, bare_count, exact_change, not_more_tracks, rejected_spans, vague_change
from assistant.parsing.tokens import Span, Token, index_at, mask, remove_spans, tokenize
from assistant.parsing.vibe import merge
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import ALL_YEARS, as_limits
from index.errors import PlaylistError
from index.nonsong import asks_for_non_songs
from index.text import artist_key

_SPELLED = rf"(?:(?:{TEN_WORDS})(?:[\s-]+(?:{UNIT_WORDS}))?|{TEEN_WORDS}|{UNIT_WORDS})\b"  # "track five"
_POSITION = (
    rf"(?:(?:track|song|number)\s+{_SPELLED}|#\s*\d{{1,3}}|no\.?\s*\d{{1,3}}|\d{{1,3}}(?:st|nd|rd|th)?"
    rf"|(?:{'|'.join(ORDINALS)})|last|penultimate|second[\s-]+(?:to|from)[\s-]+last)"
)
_ENDS_RE = re.compile(rf"\b(?P<end>first|last|final|opening|closing)\s+(?P<n>{NUMBER})\b", re.I)
_POSITION_LIST = (
    rf"(?:(?:first|last|final|opening|closing)\s+{NUMBER}\b"
    rf"|{_POSITION}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+)(?:(?:the|track|song|number)\s+)?{_POSITION})*)"
)
_NOUN = r"(?:tracks?|songs?|numbers?|ones?|positions?)"
_REMOVE_VERBS = (
    r"(?:remove|drop|delete|skip|cut|lose|ditch|get\s+rid\s+of|take\s+out|replace|swap\s+out|kill|nix|scrap|bin)"
)
_POSITIONS_RE = re.compile(
    rf"\b(?:{_REMOVE_VERBS}|swap|switch|change)\s+(?:the\s+)?(?:{_NOUN}\s+)?(?:(?:number|no\.?|#)\s*)?"
    rf"(?P<list>{_POSITION_LIST})(?:\s+(?:track|song|number|one|position)\b)?(?![\w'’])"
    rf"(?!\s*(?:more\s+)?(?:songs|tracks|tunes|ones|minutes?|hours?|mins?)\b)",  # "drop 2 songs" is a count
    re.I,
)
# The same said otherwise: the verb after the positions ("track 7 please remove", "the last one has to go"), or the
# position after what is there ("remove the song at number 2").
_REMOVALS = (
    _POSITIONS_RE,
    re.compile(
        rf"\b(?:(?:the\s+)?{_NOUN}\s+(?:(?:number|no\.?|#)\s*)?|the\s+|(?:number|no\.?|#)\s*|(?=(?:track|song|number)\s))"
        rf"(?P<list>{_POSITION_LIST})"
        rf"(?:\s+(?:track|song|one))?\s+(?:(?:please|pls)\s+)?(?:{_REMOVE_VERBS}|(?:can|has\s+to|must|needs?\s+to"
        rf"|should|gotta)\s+go|goes)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:{_REMOVE_VERBS}|swap|switch|change)\b[^,.;!?]{{0,60}}?\b(?:at|in)\s+(?:number|no\.?|#|position|spot|slot)"
        rf"\s*(?P<list>{_POSITION_LIST})(?![\w'’])",
        re.I,
    ),
)
_MORE_LIKE_RE = re.compile(
    rf"\b(?:more|songs?|tracks?|stuff|something|others?)\s+(?:like|similar\s+to)\s+(?:the\s+)?(?:{_NOUN}\s+)?"
    rf"(?:(?:number|no\.?|#)\s*)?(?P<list>{_POSITION_LIST})(?:\s+(?:{_NOUN}|one))?(?![\w'’])"
    rf"(?!\s*(?:more\s+)?(?:minutes?|mins?|hours?|hrs?)\b)",  # "more like 75 minutes" corrects the length
    re.I,
)
_ONLY_RE = re.compile(r"\b(?:only|just|instead)\b", re.I)
_MORE_OF_RE = re.compile(r"\b(?:more|add|some|only|just|extra|plus|throw\s+in|instead)\b", re.I)


_FEWER_VERBS = re.compile(r"(?:drop|cut|lose|ditch|trim|scrap|nix|bin|kill)\b", re.I)


def _fewer_by(match: re.Match[str] | None, length: int) -> int | None:
    """ "drop 4", "cut 10, that's too many": one bare number after a verb that shrinks, with no track word, number
    sign or ordinal, reads as that many fewer tracks (people who were asked read it so); "remove 4", "drop track 4",
    "drop the 4th", "drop 3 and 7" stay positions."""
    if match is None or not _FEWER_VERBS.match(match.group(0)):
        return None
    raw = match.group(0)[match.start("list") - match.start() :].strip()
    if not re.fullmatch(r"\d{1,3}", raw) or re.search(r"\b(?:the|track|song|number|no)\b|#", match.group(0), re.I):
        return None
    value = int(raw)
    return value if 2 <= value < length else None


def _position_value(raw: str, length: int) -> int:
    word = " ".join(raw.lower().replace("-", " ").split()).lstrip("#").removeprefix("no.").removeprefix("no").strip()
    word = re.sub(r"^(?:track|song|number)\s+", "", word)
    if word == "last":
        return length
    if word == "penultimate" or word.startswith("second") and "last" in word:
        return length - 1
    if word in ORDINALS:
        return ORDINALS[word]
    return int(number_value(word) or re.sub(r"\D", "", word))


def _position_list(
    pattern: re.Pattern[str], masked: str, tokens: list[Token], vocab: CatalogVocabulary
) -> re.Match[str] | None:
    """A list of track positions in the text with its number names hidden, unless its number starts a name
    however typed: "drop 21 savage" names an artist."""
    match = pattern.search(masked)
    if match is None:
        return None
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


def typed_positions(text: str, length: int, vocab: CatalogVocabulary) -> set[int]:
    """Every track position the text could mean, typed outside any number name: digits, ordinals, "track five",
    "last", "the first three" (never "the Maroon 5 one"): what a model's position must have been typed as."""
    typed = hide_names(text, number_spans(tokenize(text), vocab))
    found = {p for m in re.finditer(_POSITION_LIST, typed, re.I) for p in _positions(m.group(0), length)}
    return {p for p in found if 1 <= p <= length}


def _resized(change: Resize | None, taken: list[Span], notes: list[str]) -> tuple[int | None, float | None]:
    """(count, minutes) of a change of length, its span taken and its note kept."""
    if change is None:
        return None, None
    taken.append(change.span)
    notes += [change.note] if change.note else []
    return change.count, change.minutes


def _read_positions(
    typed: str, tokens: list[Token], vocab: CatalogVocabulary, length: int
) -> tuple[list[int], list[int], int | None, list[Span]]:
    """(positions to drop, positions to find more like, a bare "drop 4" read as that many fewer, the spans read);
    a position past the end is refused in one sentence."""
    removal = next((m for p in _REMOVALS if (m := _position_list(p, typed, tokens, vocab))), None)
    fewer = _fewer_by(removal, length)
    taken = [removal.span()] if removal and fewer is not None else []
    removal = None if fewer is not None else removal
    like = _position_list(_MORE_LIKE_RE, typed, tokens, vocab)
    remove = _positions(removal.group("list"), length) if removal else []
    more_like = _positions(like.group("list"), length) if like else []
    out_of_range = [p for p in remove + more_like if not 1 <= p <= length]
    if out_of_range:
        raise PlaylistError(f"the playlist has {length} tracks; there is no track {', '.join(map(str, out_of_range))}")
    spans = [m.span() for m in (removal, like) if m]
    if like and re.match(r"more\b", like.group(0), re.I) and counted_before(typed, like.start()):
        spans[-1] = (like.start() + len("more"), like.end())  # "one more like track 3": its "one more" adds one
    return remove, more_like, fewer, taken + spans


def parse_follow_up(
    text: str,
    vocab: CatalogVocabulary,
    current: PlaylistRequest,
    playlist_length: int,
    previous: Refinement | None = None,
) -> Refinement:
    """Reads a follow-up as a change to the current request; everything not mentioned stays as it is. `previous` is
    the last follow-up: "and Ozuna too" after "lose Shakira" excludes Ozuna."""
    text = clean_text(text)
    tokens = tokenize(text)
    typed = hide_names(text, number_spans(tokens, vocab))  # "the Maroon 5 one" holds no position, count or length
    correction = corrected(typed)  # "drop track 3, no wait, 4": the number readers see "drop track 4"
    typed = correction.view
    remove, more_like, fewer, taken = _read_positions(mask(typed, correction.taken), tokens, vocab, playlist_length)
    taken += correction.taken + not_more_tracks(mask(typed, taken + correction.taken), tokens, vocab)
    notes: list[str] = []
    reading, count, minutes = _read_size(text, typed, vocab, current, playlist_length, fewer, correction, taken, notes)
    refinement = _refinement(text, reading, current, count, minutes, remove, more_like, notes)
    refinement = _in_context(refinement, text, tokens, vocab, current, previous)
    return refinement.model_copy(update={"understood": bool(_changes(refinement))})


def _read_size(
    text: str,
    typed: str,
    vocab: CatalogVocabulary,
    current: PlaylistRequest,
    playlist_length: int,
    fewer: int | None,
    correction: Corrected,
    taken: list[Span],
    notes: list[str],
):
    """(the rules' reading, count, minutes): an exact or relative new length first ("12, not 10", "10 more"),
    else what the reading found, else a vague one ("a bit longer")."""
    if fewer is not None:
        notes.append(f"took it as {fewer} fewer tracks; say “remove track {fewer}” to drop only that one")
    rejected = rejected_spans(mask(typed, taken))  # "12, not 10": the 10 is what the listener takes back
    taken += rejected
    count, minutes = _resized(exact_change(mask(typed, taken), current, playlist_length), taken, notes)
    taken += correction.moved(taken)
    if fewer is not None and count is None and minutes is None:
        count = max(1, playlist_length - fewer)
    bare = bare_count(remove_spans(text, rejected)) if count is None and minutes is None else None
    if bare is not None:
        count = bounded_count(bare, notes)
        taken.append((0, len(text)))
    reading = read(text, vocab, taken, relative=True)
    notes += reading.notes + unknown_notes(reading)
    if count is None:
        count = bounded_count(reading.count, notes)
    if minutes is None:
        minutes = bounded_minutes(reading.playlist_minutes, notes)
    if count is None and minutes is None:
        count, minutes = _resized(
            vague_change(mask(typed, reading.taken), current, playlist_length), reading.taken, notes
        )
    return reading, count, minutes


def _refinement(
    text: str,
    reading: Reading,
    current: PlaylistRequest,
    count: int | None,
    minutes: float | None,
    remove: list[int],
    more_like: list[int],
    notes: list[str],
) -> Refinement:
    year_min, year_max, gaps = as_limits(reading.years) if reading.years else (None, None, [])
    wants_more = _MORE_OF_RE.search(text)
    add_genres = [g for g in reading.genres if g not in current.genres] if wants_more else []
    add_genres += [g for g in reading.short_genres if g not in current.genres + add_genres]  # "not enough rock"
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
        fewer_genres=[g for g in reading.fewer_genres if g not in reading.excluded_genres],
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
    return refinement


def _in_context(
    refinement: Refinement,
    text: str,
    tokens: list[Token],
    vocab: CatalogVocabulary,
    current: PlaylistRequest,
    previous: Refinement | None,
) -> Refinement:
    """What the follow-up means after the earlier turns: "lose him" names an artist of the first prompt; "and
    Ozuna too" after an exclusion excludes Ozuna."""
    excluded_before = (previous.exclude_artists if previous is not None else []) or current.constraints.exclude_artists
    referred = _referred_back(text, current, vocab) if not refinement.exclude_artists else []
    if referred:
        refinement = refinement.model_copy(update={"exclude_artists": referred})
    genres_before = (previous.exclude_genres if previous is not None else []) or current.constraints.exclude_genres
    continued = continued_items(tokens, vocab) if excluded_before or genres_before else []
    if continued:  # "Live & Kygo as well" after an exclusion: more of the same, whatever else the words could be
        artists = [str(i.value) for i in continued if i.kind == "artist"]
        genres = [label for i in continued if i.kind == "genre" and isinstance(i.value, tuple) for label in i.value]
        refinement = refinement.model_copy(
            update={
                "exclude_artists": artists,
                "exclude_genres": list(dict.fromkeys(genres)),
                "vibe": [],
                "vibe_shifts": [],
                "add_genres": [g for g in refinement.add_genres if g not in genres],
            }
        )
    return refinement


_BACK_REFERENCE_RE = re.compile(
    rf"\b(?:{_REMOVE_VERBS}|take|leave|kick|exclude|without|no\s+more(?:\s+of)?)\s+(?:(?P<one>him|her)|"
    r"(?:both\s+of\s+|all\s+of\s+)?(?:them|those|these)(?:\s+(?:two|three|guys|artists|bands|ones))?|both|['’]?em)\b",
    re.I,
)


def _referred_back(text: str, current: PlaylistRequest, vocab: CatalogVocabulary) -> list[str]:
    """ "take both of them out", "lose him" with no name in the follow-up: the artists the first prompt named (the
    last one for him/her), not already excluded."""
    match = _BACK_REFERENCE_RE.search(text)
    if match is None:
        return []
    excluded = {artist_key(a) for a in current.constraints.exclude_artists}
    named = [m.artist for key, m in mentions(current.prompt, vocab).items() if key not in excluded]
    return named[-1:] if match.group("one") else named


def _changes(refinement: Refinement) -> dict:
    return refinement.model_dump(exclude={"text", "understood", "notes", "years_replace"}, exclude_defaults=True)


def only_asked(text: str) -> bool:
    """'only rock' / 'just 2010s' replace rather than add."""
    return _ONLY_RE.search(text) is not None
