"""Follow-up -> Refinement by rules: a change to the current request (positions to drop and "more like 3" as the
positions module reads them, a new length or a change of it as the resize module reads them, new exclusions and
years, what "lose him" refers back to); everything not mentioned stays as it is."""

import re

from assistant.models import Constraints, PlaylistRequest, Refinement
from assistant.parsing.caps import find_bare_cap, find_cap
from assistant.parsing.continuation import continued_items
from assistant.parsing.corrections import Corrected, corrected
from assistant.parsing.found import Found
from assistant.parsing.intent import bounded_count, bounded_minutes, clean_text, in_english, unknown_notes
from assistant.parsing.lengths import Durations, find_bare_track_bound
from assistant.parsing.mentions import mentions
from assistant.parsing.number_names import hide_names, number_spans
from assistant.parsing.positions import REMOVE_VERBS, read_positions
from assistant.parsing.reading import Reading, read
from assistant.parsing.resize import Resize, bare_count, exact_change, not_more_tracks, rejected_spans, vague_change
from assistant.parsing.tokens import Span, Token, mask, remove_spans, tokenize
from assistant.parsing.vibe import merge
from assistant.parsing.vocabulary import CatalogVocabulary
from assistant.parsing.year_sets import ALL_YEARS, YearSet, as_limits, from_limits, union
from index.nonsong import asks_for_non_songs
from index.text import artist_key

_ONLY_RE = re.compile(r"\b(?:only|just|instead)\b", re.I)
# Words that widen what is allowed rather than name it anew: "also allow 2010 through 2012", "include the 90s too".
_ADDS_RE = re.compile(
    r"\b(?:also|too|as\s+well|include|including|add|plus|allow|expand|widen|extend|open\s+(?:it\s+)?up"
    r"|tambi[eé]n|aussi|auch|tamb[eé]m|adem[aá]s)\b",
    re.I,
)
# "make it 2005 onwards instead": a bound said as a replacement names the years anew, it does not narrow them
_VIBE_ANEW_RE = re.compile(
    r"\b(?:(?:change|switch|shake|mix) (?:it|things|this|that) up|(?:a |something )?(?:totally |completely |whole"
    r"(?:ly)? )?(?:different|new) (?:vibe|mood|feel|direction)|change (?:the|of) (?:vibe|mood|pace)|new vibe"
    r"|different vibe|start (?:over|fresh)|scrap (?:the|that) vibe)\b",
    re.I,
)
_ANEW_RE = re.compile(
    r"\b(?:instead|rather|change (?:it|that|them) to|switch (?:it )?to"
    r"|make (?:it|that) (?:(?:from|only|just|songs from|stuff from) )?"
    r"(?=(?:19|20)\d\d|'\d\d|\d0s|the |early |mid|late ))",
    re.I,
)  # "nvm make it 2015 onwards": the years are what "make it" sets
# Words that widen with a bound ("let's widen that to anything before 1995"): the wider bound replaces the narrower.
_WIDEN_RE = re.compile(r"\b(?:widen|expand|extend|broaden|loosen|relax|open (?:it |that |things )?up)\b", re.I)
_MORE_OF_RE = re.compile(r"\b(?:more|add|some|only|just|extra|plus|throw\s+in|instead)\b", re.I)


def _resized(change: Resize | None, taken: list[Span], notes: list[str]) -> tuple[int | None, float | None]:
    """(count, minutes) of a change of length, its span taken and its note kept."""
    if change is None:
        return None, None
    taken.append(change.span)
    notes += [change.note] if change.note else []
    return change.count, change.minutes


def parse_follow_up(
    text: str,
    vocab: CatalogVocabulary,
    current: PlaylistRequest,
    playlist_length: int,
    previous: Refinement | None = None,
) -> Refinement:
    """Reads a follow-up as a change to the current request; everything not mentioned stays as it is. `previous` is
    the last follow-up: "and Ozuna too" after "lose Shakira" excludes Ozuna."""
    text = in_english(clean_text(text), vocab)
    tokens = tokenize(text)
    typed = hide_names(text, number_spans(tokens, vocab))  # "the Maroon 5 one" holds no position, count or length
    correction = corrected(typed)  # "drop track 3, no wait, 4": the number readers see "drop track 4"
    typed = correction.view
    remove, more_like, fewer, taken = read_positions(mask(typed, correction.taken), tokens, vocab, playlist_length)
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
    bare_bound = _bare_track_bound(mask(typed, taken), current)
    taken += bare_bound.spans
    bare_cap = _bare_cap(mask(typed, taken), current, playlist_length)
    taken += bare_cap.spans if bare_cap else []
    count, minutes = _resized(exact_change(mask(typed, taken), current, playlist_length), taken, notes)
    taken += correction.moved(taken)
    if fewer is not None and count is None and minutes is None:
        count = max(1, playlist_length - fewer)
    bare = bare_count(remove_spans(text, rejected)) if count is None and minutes is None else None
    if bare is not None:
        count = bounded_count(bare, notes)
        taken.append((0, len(text)))
    reading = read(text, vocab, taken, relative=True)
    reading.min_track_ms = reading.min_track_ms or bare_bound.track_min_ms
    reading.max_track_ms = reading.max_track_ms or bare_bound.track_max_ms
    reading.cap = reading.cap or (bare_cap.value if bare_cap else None)
    notes += reading.notes + unknown_notes(reading)
    if count is None:
        count = bounded_count(reading.count, notes)
    if minutes is None:
        minutes = bounded_minutes(reading.playlist_minutes, notes)
    if count is None and minutes is None:
        count, minutes = _resized(
            vague_change(mask(typed, reading.taken), current, playlist_length), reading.taken, notes
        )
    if count is not None and _minutes_meant(typed, count, minutes, current):
        minutes = float(count)
        count = None
    return reading, count, minutes


_MINUTES_PER_TRACK = 3.5
_SHRINK_RE = re.compile(r"\b(?:trim|cut|shorten|reduce|pare|chop|knock|bring|take)\b", re.I)
_STRETCH_RE = re.compile(r"\b(?:stretch|extend|lengthen|push|take)\b", re.I)
_UNIT_WORDS = re.compile(r"\b(?:songs?|tracks?|tunes?|items?|minutes?|mins?|hours?|hrs?)\b", re.I)


def _minutes_meant(typed: str, count: int, minutes: float | None, current: PlaylistRequest) -> bool:
    """ "trim it to 60" in a playlist of 90 minutes, "stretch it to 120": a bare number after a word that shortens
    or lengthens resizes what the playlist is measured in, minutes, where that many tracks would make it far longer
    than it is; "make it 38" stays a count."""
    length = current.constraints.duration_min
    if minutes is not None or length is None or current.constraints.count is not None:
        return False
    typed_bare = re.search(rf"(?<![\w.]){count}(?![\w.])", typed) and not _UNIT_WORDS.search(typed)
    shrunk = _SHRINK_RE.search(typed) and count < length
    stretched = _STRETCH_RE.search(typed) and count > length
    return bool(typed_bare and (shrunk or stretched)) and count * _MINUTES_PER_TRACK > 1.5 * length


def _bare_track_bound(text: str, current: PlaylistRequest) -> Durations:
    """ "and nothing longer than 5" where the playlist already limits each track's length: minutes a track."""
    limits = current.constraints.min_track_ms, current.constraints.max_track_ms
    return find_bare_track_bound(text) if any(limit is not None for limit in limits) else Durations()


def _bare_cap(text: str, current: PlaylistRequest, playlist_length: int) -> Found[int] | None:
    """ "make it max 2" where the listener typed a cap before: the cap again."""
    cap = current.constraints.max_per_artist
    typed = cap != Constraints().max_per_artist or find_cap(clean_text(current.prompt)) is not None
    return find_bare_cap(text, cap, playlist_length) if typed else None


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
    said = reading.years_named or bool(_WIDEN_RE.search(text))
    years, widened = _widened_years(text, reading.years if said else None, current)
    if years is None and not _RULES_OUT_RE.search(text):
        years, widened = _moved_bound(reading.years, current)
    years = reading.years if years is None else years
    year_min, year_max, gaps = as_limits(years) if years else (None, None, [])
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
        years_replace=reading.years_named or widened or (reading.years is not None and bool(_ANEW_RE.search(text))),
        exclude_artists=list(dict.fromkeys(reading.artists + reading.unknown_artists)),
        exclude_genres=reading.excluded_genres,
        fewer_genres=[g for g in reading.fewer_genres if g not in reading.excluded_genres],
        min_track_ms=reading.min_track_ms,
        max_track_ms=reading.max_track_ms,
        remove_positions=sorted(set(remove)),
        more_like_positions=sorted(set(more_like)),
        add_genres=add_genres,
        vibe=merge(reading.wants),
        vibe_anew=bool(reading.wants) and _VIBE_ANEW_RE.search(text) is not None,
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


def _widened_years(text: str, years: YearSet | None, current: PlaylistRequest) -> tuple[YearSet | None, bool]:
    """(the years, whether they replace the current ones): years said with a word that adds ("include the 90s
    too") join the current ones; "only" or "instead" name them anew."""
    c = current.constraints
    if years is None or (c.year_min is None and c.year_max is None) or _ONLY_RE.search(text):
        return years, False
    if not _ADDS_RE.search(text):
        return years, False
    return union(from_limits(c.year_min, c.year_max, c.exclude_years), years), True


# A follow-up that rules years out ("nothing after 2000", "remove anything older than 2010") only narrows them.
_RULES_OUT_RE = re.compile(
    r"\b(?:no|not|nothing|none|never|without|remove|drop|skip|cut|lose|ditch|exclude|anything|stuff|songs?|tracks?)\b",
    re.I,
)


def _moved_bound(years: YearSet | None, current: PlaylistRequest) -> tuple[YearSet | None, bool]:
    """A bound past the current one on the same side moves it: "before 1985", then "run it through 1989"."""
    c = current.constraints
    if years is None:
        return None, False
    low, high, _ = as_limits(years)
    if low is None and high is not None and c.year_max is not None and high > c.year_max:
        return from_limits(c.year_min, high, c.exclude_years), True
    if high is None and low is not None and c.year_min is not None and low < c.year_min:
        return from_limits(low, c.year_max, c.exclude_years), True  # "since 2015", then "go back to 2010"
    return years, False


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
    rf"\b(?:{REMOVE_VERBS}|take|leave|kick|exclude|without|no\s+more(?:\s+of)?)\s+(?:(?P<one>him|her)|"
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
