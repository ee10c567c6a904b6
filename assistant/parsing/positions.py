"""Track positions in a follow-up: which tracks it drops ("drop 3 and 7", "the last one has to go", "remove the song
at number 2") or wants more like ("more like track 5"), and every position a text could mean (what a model's
position must have been typed as); a bare "drop 4" is that many fewer tracks, not a position."""

import re

from assistant.parsing.number_names import hide_names, number_spans
from assistant.parsing.numbers import NUMBER, ORDINALS, TEEN_WORDS, TEN_WORDS, UNIT_WORDS, counted_before, number_value
from assistant.parsing.tokens import Span, Token, index_at, tokenize
from assistant.parsing.vocabulary import CatalogVocabulary
from index.errors import PlaylistError

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
REMOVE_VERBS = (
    r"(?:remove|drop|delete|skip|cut|lose|ditch|get\s+rid\s+of|take\s+out|replace|swap\s+out|kill|nix|scrap|bin)"
)
_POSITIONS_RE = re.compile(
    rf"\b(?:{REMOVE_VERBS}|swap|switch|change)\s+(?:the\s+)?(?:{_NOUN}\s+)?(?:(?:number|no\.?|#)\s*)?"
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
        rf"(?:\s+(?:track|song|one))?\s+(?:(?:please|pls)\s+)?(?:{REMOVE_VERBS}|(?:can|has\s+to|must|needs?\s+to"
        rf"|should|gotta)\s+go|goes)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:{REMOVE_VERBS}|swap|switch|change)\b[^,.;!?]{{0,60}}?\b(?:at|in)\s+(?:number|no\.?|#|position|spot|slot)"
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


def read_positions(
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
