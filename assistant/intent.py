"""Prompt -> PlaylistRequest and follow-up -> Refinement by rules, with no LLM: what the listener typed as
numbers, years and names is read here exactly; the LLM layer may add to it but never overrides it."""

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.models import MAX_MINUTES, MAX_TRACKS, PlaylistRequest, Constraints, Refinement
from assistant.phrases import Span, find_count, find_duration_minutes, find_years, remove_spans
from assistant.vocabulary import CatalogVocabulary
from index.errors import PlaylistError
from index.text import fold

MAX_PROMPT_CHARS = 2000

_ENERGY_WORDS = {
    "high": ("upbeat", "energetic", "high energy", "high-energy", "banger", "bangers", "pump", "pumped", "workout",
             "gym", "running", "run", "party", "hype", "intense", "festival", "rave", "uptempo", "up-tempo", "loud",
             "dance floor", "dancefloor", "more energy", "more energetic", "more upbeat", "livelier"),
    "low": ("chill", "chilled", "mellow", "relaxing", "relax", "calm", "calmer", "soft", "quiet", "sleep",
            "studying", "study", "focus", "lazy", "gentle", "ambient", "laid-back", "laid back", "slow down",
            "more chill", "chiller", "softer", "quieter", "rainy", "cozy", "cosy", "unwind"),
}
_TEMPO_WORDS = {"slow": ("slow", "slower", "slow-paced"), "fast": ("fast", "faster", "quick", "fast-paced")}
_MOOD_WORDS = {
    "not_sad": ("nothing too sad", "not too sad", "not sad", "nothing sad", "no sad songs", "less sad"),
    "sad": ("sad", "sadder", "melancholic", "melancholy", "heartbreak", "heartbroken", "gloomy", "moody", "crying"),
    "happy": ("happy", "happier", "feel good", "feel-good", "sunny", "summer", "cheerful", "joyful", "uplifting",
              "good vibes", "positive"),
}
_ARC_WORDS = {
    "build": ("build up", "build it up", "ramp it up", "builds up", "building up", "build-up", "ramp up", "warm-up", "warm up", "start slow"),
    "wind_down": ("wind down", "wind it down", "winding down", "wind-down", "cool down", "cool-down", "cooldown", "end slow",
                  "fade out", "for sleep", "to sleep"),
    "peak": ("peak in the middle", "rise and fall"),
}
_POPULAR_WORDS = ("classics", "classic", "hits", "anthems", "popular", "greatest", "best of", "top", "essentials")
_CLEAN_RE = re.compile(
    r"\b(?:no explicit(?: lyrics| songs| content| tracks)?|non-?explicit|clean(?: versions?| lyrics| only)?|"
    r"family[- ]friendly|kid[- ]friendly|kids|radio edits?|without explicit(?: lyrics)?|nothing explicit|"
    r"no swearing|no profanity)\b",
    re.I,
)
_EXPLICIT_OK_RE = re.compile(r"\b(?:explicit (?:is )?(?:ok|okay|fine|allowed)|allow explicit)\b", re.I)
_EXCLUDE_RE = re.compile(
    r"\b(?:no more|nothing (?:by|from)|no songs? by|no tracks? by|no|without|except(?: for)?|excluding|exclude|"
    r"not|skip|drop|remove|minus|but not|avoid|ban|lose|get rid of|leave out)\s+"
    r"(?P<names>.+?)(?=\s*(?:[,;!?(]|\.(?!\s*[A-Z0-9])|\bplease\b|\bthanks?\b|\band (?:make|only|add|more|less|fewer|keep)\b|"
    r"\bfor\b|\bjust\b|\bonly\b|$))",
    re.I,
)
_SEED_RE = re.compile(
    r"\b(?:more like|songs like|tracks like|music like|stuff like|similar to|sounds? like|in the style of|"
    r"inspired by|reminiscent of|vibes? like|like)\s+(?P<seed>.+?)(?=\s*(?:[,;!?(]|\.(?!\s*[A-Z0-9])|\bbut\b|\bwith(?:out)?\b|"
    r"\bfor\b|\bno\b|\band (?:no|make|only)\b|$))",
    re.I,
)
_PER_ARTIST_RE = re.compile(
    r"\b(?:(?:max(?:imum)?|at most|up to|no more than)\s+(?P<n>\d+|one|two|three)\s+(?:songs?|tracks?)?\s*"
    r"(?:per|from each|by each|for each|by any one|each)\s+artist|(?P<one>one (?:song|track) per artist))\b",
    re.I,
)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3}
_NOT_NAMES = {"explicit", "explicit lyrics", "ballads", "ballad", "repeats", "duplicates", "sad songs", "slow songs",
              "skips", "fillers", "filler", "ads", "talking", "more", "less", "one", "longer", "shorter"}


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


def _has_phrase(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(fold(phrase))}(?![\w])", folded) is not None


def _first_kind(folded: str, table: dict[str, tuple[str, ...]]) -> str | None:
    for kind, words in table.items():
        if any(_has_phrase(folded, w) for w in words):
            return kind
    return None


@dataclass
class _Names:
    artists: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


def _split_names(raw: str) -> list[str]:
    return [p.strip() for p in re.split(r",|\bor\b|\bnor\b|\band\b|&|/|\+", raw) if p.strip()]


def _strip_name(raw: str) -> str:
    raw = re.sub(r"^(?:any(?:thing)?|more|songs? by|tracks? by|music by|stuff by|by|from)\s+", "", raw.strip(), flags=re.I)
    return re.sub(r"(?:'s|’s)?\s+(?:songs?|tracks?|music|stuff|please)$", "", raw, flags=re.I).strip(" '\"“”")


def find_excluded_artists(text: str, vocab: CatalogVocabulary) -> _Names:
    """'no Queen', 'nothing by J Balvin or Daddy Yankee', 'drop Coldplay': artists the catalog knows, plus
    capitalised names it does not know (reported back, so the listener sees nothing was there to exclude)."""
    names = _Names()
    for match in _EXCLUDE_RE.finditer(text):
        raw = _strip_name(match.group("names"))
        if not raw or fold(raw) in _NOT_NAMES or re.fullmatch(r"[\d\s#,and]+", raw):
            continue
        whole = vocab.find_artist(raw)
        pieces = [whole] if whole else [vocab.find_artist(_strip_name(p)) for p in _split_names(raw)]
        if whole or any(pieces):
            names.artists.extend(p for p in pieces if p)
            names.spans.append(match.span())
        elif raw[:1].isupper() and not raw.lower().startswith(("too ", "so ")):
            names.unknown.append(raw)
            names.spans.append(match.span())
    return names


def _find_seeds(text: str, vocab: CatalogVocabulary) -> tuple[list[str], list[str], list[Span]]:
    """'like Holocene by Bon Iver', 'similar to Drake' -> (seed artists, seed track ids, spans)."""
    artists: list[str] = []
    track_ids: list[str] = []
    spans: list[Span] = []
    for match in _SEED_RE.finditer(text):
        seed = _strip_name(match.group("seed"))
        title, _, by = seed.partition(" by ")
        song = vocab.find_song(title, by or None) if by else None
        artist = vocab.find_artist(by or seed)
        if song:
            track_ids.append(song.track_id)
        elif artist:
            artists.append(artist)
        else:
            song = vocab.find_song(seed) if seed[:1].isupper() else None
            if not song:
                continue
            track_ids.append(song.track_id)
        spans.append(match.span())
    return artists, track_ids, spans


def find_genres(text: str, vocab: CatalogVocabulary) -> list[str]:
    """Catalog genre labels named in the text, longest phrase first ('latin hip hop' before 'hip hop')."""
    folded = f" {fold(text)} "
    labels: list[str] = []
    for phrase, targets in vocab.genre_phrases.items():
        pattern = rf"(?<![\w]){re.escape(phrase)}(?![\w])"
        if re.search(pattern, folded):
            labels.extend(t for t in targets if t not in labels)
            folded = re.sub(pattern, " ", folded)
    return labels


def _bounded_count(value: object, notes: list[str]) -> int | None:
    if not isinstance(value, int | float):
        return None
    if value != int(value) or value < 1:
        notes.append(f"a playlist needs at least one whole track; ignored the length {value:g}")
        return None
    if value > MAX_TRACKS:
        notes.append(f"{int(value)} tracks is more than the {MAX_TRACKS} a playlist can hold; made it {MAX_TRACKS}")
        return MAX_TRACKS
    return int(value)


def _bounded_minutes(value: object, notes: list[str]) -> float | None:
    if not isinstance(value, int | float) or value <= 0:
        return None
    if value > MAX_MINUTES:
        notes.append(f"{value:g} minutes is longer than the {MAX_MINUTES} a playlist can last; made it {MAX_MINUTES}")
        return float(MAX_MINUTES)
    return float(value)


def _max_per_artist(text: str) -> tuple[int | None, list[Span]]:
    match = _PER_ARTIST_RE.search(text)
    if not match:
        return None, []
    if match.group("one"):
        return 1, [match.span()]
    raw = match.group("n").lower()
    return int(_SMALL_NUMBERS.get(raw, raw)), [match.span()]


def parse_prompt(prompt: str, vocab: CatalogVocabulary) -> PlaylistRequest:
    """Reads every hard constraint the listener typed and the soft preferences the rules recognise."""
    text = clean_text(prompt)
    folded = fold(text)
    notes: list[str] = []
    spans: list[Span] = []

    per_artist, per_artist_spans = _max_per_artist(text)
    count = find_count(remove_spans(text, per_artist_spans))
    duration = find_duration_minutes(text)
    years = find_years(text)
    excluded = find_excluded_artists(text, vocab)
    seed_artists, seed_ids, seed_spans = _find_seeds(text, vocab)
    explicit_allowed = not (_CLEAN_RE.search(text) and not _EXPLICIT_OK_RE.search(text))
    for found in (count, duration):
        if found:
            spans.extend(found.spans)
    spans += excluded.spans + per_artist_spans
    clean_match = _CLEAN_RE.search(text)
    if clean_match:
        spans.append(clean_match.span())
    notes += [f"no artist called “{name}” is in the catalog, so there was nothing to exclude"
              for name in excluded.unknown]

    year_min, year_max = years.value if years else (None, None)
    if year_min and year_max and year_min > year_max:
        year_min, year_max = year_max, year_min
    constraints = Constraints(
        count=_bounded_count(count.value, notes) if count else None,
        duration_min=_bounded_minutes(duration.value, notes) if duration else None,
        year_min=year_min,
        year_max=year_max,
        exclude_artists=list(dict.fromkeys(excluded.artists + excluded.unknown)),
        explicit_allowed=explicit_allowed,
        max_per_artist=per_artist or 2,
    )
    query = remove_spans(text, spans + seed_spans) or text
    return PlaylistRequest(
        prompt=text,
        query=query,
        constraints=constraints,
        genres=find_genres(remove_spans(text, excluded.spans + seed_spans), vocab),
        seed_artists=seed_artists,
        seed_track_ids=seed_ids,
        energy=_first_kind(folded, _ENERGY_WORDS),  # type: ignore[arg-type]
        tempo=_first_kind(folded, _TEMPO_WORDS),  # type: ignore[arg-type]
        mood=_first_kind(folded, _MOOD_WORDS),  # type: ignore[arg-type]
        arc=_first_kind(folded, _ARC_WORDS) or "steady",  # type: ignore[arg-type]
        popular=any(_has_phrase(folded, w) for w in _POPULAR_WORDS),
        notes=notes,
    )


_POSITIONS_RE = re.compile(
    r"\b(?:remove|drop|delete|skip|cut|lose|get rid of|take out|replace)\s+(?:the\s+)?(?:tracks?|songs?|numbers?|#|no\.?)?\s*"
    r"(?P<list>#?\d+(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)#?\d+)*)\b",
    re.I,
)
_MORE_LIKE_POSITION_RE = re.compile(
    r"\b(?:more|songs?|tracks?)\s+like\s+(?:the\s+)?(?:tracks?|songs?|numbers?|#|no\.?)\s*(?P<list>#?\d+(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)#?\d+)*)",
    re.I,
)
_ADD_MORE_RE = re.compile(r"\b(?:add|plus)\s+(?P<n>\d+|one|two|three|five|ten)\s+(?:more\s+)?(?:songs?|tracks?)\b", re.I)
_BALLADS_RE = re.compile(r"\b(?:fewer|less|no|without|drop the|not so many|too many)\s+(?:slow\s+)?ballads?\b", re.I)


def _positions(raw: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", raw)]


def parse_follow_up(text: str, vocab: CatalogVocabulary, current: PlaylistRequest, playlist_length: int) -> Refinement:
    """Reads a follow-up as a change to the current request; everything not mentioned stays as it is."""
    text = clean_text(text)
    folded = fold(text)
    positions_match = _POSITIONS_RE.search(text)
    like_match = _MORE_LIKE_POSITION_RE.search(text)
    add_match = _ADD_MORE_RE.search(text)
    masked = remove_spans(text, [m.span() for m in (positions_match, like_match) if m])
    per_artist, per_artist_spans = _max_per_artist(masked)
    masked = remove_spans(masked, per_artist_spans)
    count = find_count(masked) if not add_match else None
    duration = find_duration_minutes(masked)
    years = find_years(masked)
    excluded = find_excluded_artists(masked, vocab)
    seed_artists, _, _ = _find_seeds(masked, vocab) if not like_match else ([], [], [])
    notes: list[str] = []

    new_count = _bounded_count(count.value, notes) if count else None
    if add_match:
        extra = _SMALL_NUMBERS.get(add_match.group("n").lower()) or {"five": 5, "ten": 10}.get(
            add_match.group("n").lower()) or int(add_match.group("n"))
        new_count = min(MAX_TRACKS, playlist_length + extra)
    remove = [p for p in _positions(positions_match.group("list"))] if positions_match else []
    more_like = _positions(like_match.group("list")) if like_match else []
    out_of_range = [p for p in remove + more_like if not 1 <= p <= playlist_length]
    if out_of_range:
        raise PlaylistError(
            f"the playlist has {playlist_length} tracks; there is no track {', '.join(map(str, out_of_range))}"
        )
    year_min, year_max = years.value if years else (None, None)
    explicit = None
    if _CLEAN_RE.search(text):
        explicit = False
    elif _EXPLICIT_OK_RE.search(text):
        explicit = True
    refinement = Refinement(
        text=text,
        count=new_count,
        duration_min=_bounded_minutes(duration.value, notes) if duration else None,
        year_min=year_min,
        year_max=year_max,
        exclude_artists=excluded.artists + excluded.unknown,
        remove_positions=remove,
        more_like_positions=more_like,
        add_genres=[g for g in find_genres(remove_spans(masked, excluded.spans), vocab)
                    if g not in current.genres] if re.search(r"\b(?:more|add|some|only|just)\b", folded) else [],
        energy=_first_kind(folded, _ENERGY_WORDS),  # type: ignore[arg-type]
        tempo=_first_kind(folded, _TEMPO_WORDS),  # type: ignore[arg-type]
        mood=_first_kind(folded, _MOOD_WORDS),  # type: ignore[arg-type]
        arc=_first_kind(folded, _ARC_WORDS),  # type: ignore[arg-type]
        explicit_allowed=explicit,
        max_per_artist=per_artist,
        fewer_ballads=bool(_BALLADS_RE.search(text)),
        seed_artists=seed_artists,
        notes=notes,
    )
    changed = refinement.model_dump(exclude={"text", "understood", "notes"}, exclude_defaults=True)
    return refinement.model_copy(update={"understood": bool(changed)})
