"""Catalog names that hold a number ("Maroon 5", "blink-182", "Twenty One Pilots", "The 1975", "1999 by Prince"):
found before any number reader runs and hidden from it, so that a number inside a name is never read as a count, a
position, a year or a duration. A hidden name still reads as words, as a name does ("10 Maroon 5 songs" is 10).

An artist counts where it is typed as a name: with a word that ordinary text lacks ("maroon 5", "sum 41"), or
capitalised past the first word of a sentence; a name that is only a number counts with its article ("the 1975";
"1975" alone is a year). A title counts where the words around it say it is one: its artist after "by" or before
it with "'s" or a dash ("Prince - 1999"), "called" before it, quotes around it, or capitals that the words beside it
lack ("more like One Kiss")."""

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.parsing.numbers import is_number_word
from assistant.parsing.tokens import Span, Token, index_at
from assistant.parsing.vocabulary import CatalogVocabulary
from index.text import artist_key

_QUOTES = frozenset("\"“”'‘’«»")
_CALLED = frozenset({"called", "titled", "named"})
_POSSESSIVE = ("'s", "’s")
_DASHES = frozenset("-–—:")
_HIDDEN = "q"
_MAX_POSSESSOR_TOKENS = 12  # "Frankie Valli & The Four Seasons's"


@dataclass(frozen=True)
class NumberName:
    span: Span
    with_artist: bool  # an artist, or a title with its artist ("1999 by Prince"): read by the name readers


def _name(tokens: Sequence[Token], start: int, end: int, with_artist: bool) -> NumberName:
    return NumberName((tokens[start].start, tokens[end - 1].end), with_artist)


def _holds_number(tokens: Sequence[Token]) -> bool:
    return any(t.folded and is_number_word(t.folded) for t in tokens)


def _starts_sentence(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].raw in ".!?;:"


def _quoted(tokens: Sequence[Token], i: int, end: int) -> bool:
    return 0 < i and end < len(tokens) and tokens[i - 1].raw in _QUOTES and tokens[end].raw in _QUOTES


def _artist_named(tokens: Sequence[Token], i: int, end: int, vocab: CatalogVocabulary) -> bool:
    """Typed as the name, not as ordinary words that happen to spell it ("take 6 off" is not the band Take 6)."""
    words = [j for j in range(i, end) if tokens[j].folded and not is_number_word(tokens[j].folded)]
    if all(tokens[j].folded == "the" for j in words):
        return bool(words) or _quoted(tokens, i, end)
    return any(
        not vocab.is_ordinary(tokens[j].folded) or tokens[j].raw[:1].isupper() and not _starts_sentence(tokens, j)
        for j in words
    )


def _owner(tokens: Sequence[Token], i: int, credited: set[str]) -> int | None:
    """ "Prince's 1999", "The Notorious B.I.G.'s ...", "Prince - 1999": where the title's artist starts, right before
    it with "'s" or a dash."""
    if i and tokens[i - 1].raw.endswith(_POSSESSIVE):
        raws, last = [t.raw for t in tokens[:i]], i
        raws[-1] = raws[-1][:-2]
    elif i > 1 and tokens[i - 1].raw == "s" and tokens[i - 2].raw in _QUOTES:
        raws, last = [t.raw for t in tokens[: i - 2]], i - 2
    elif i and tokens[i - 1].raw in _DASHES:
        raws, last = [t.raw for t in tokens[: i - 1]], i - 1
    else:
        return None
    for j in range(last - 1, max(-1, last - 1 - _MAX_POSSESSOR_TOKENS), -1):
        if artist_key(" ".join(raws[j:])) in credited:
            return j
    return None


def _set_apart(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Typed in quotes or after "called", or in capitals that the words beside it lack; a title of numbers alone
    needs one of the first two."""
    if _quoted(tokens, i, end) or i and tokens[i - 1].folded in _CALLED:
        return True
    words = [t for t in tokens[i:end] if t.folded]
    if all(is_number_word(t.folded) for t in words) or not all(t.capitalised for t in words):
        return False
    beside = [tokens[j] for j in (i - 1, end) if 0 <= j < len(tokens) and tokens[j].folded]
    return bool(beside) and not any(t.raw[:1].isupper() for t in beside)


def _title_at(tokens: Sequence[Token], i: int, vocab: CatalogVocabulary) -> NumberName | None:
    """A title holding a number from token i, named as a title (with the artist after "by")."""
    song = vocab.song_at(tokens, i)
    if song is None or not _holds_number(tokens[i : song[1]]):
        return None
    title, end = song
    credited = {key for track in vocab.songs[title] for key in track.credit_keys}
    by = vocab.artist_at(tokens, end + 1) if end < len(tokens) and tokens[end].folded == "by" else None
    if by and artist_key(by[0]) in credited:
        return _name(tokens, i, by[1], True)
    if (owner := _owner(tokens, i, credited)) is not None:
        return _name(tokens, owner, end, True)
    return _name(tokens, i, end, False) if _set_apart(tokens, i, end) else None


def _runs_on(tokens: Sequence[Token], i: int, end: int, vocab: CatalogVocabulary) -> bool:
    """Another artist's name starts inside this one and runs past it ("NO one direction": One Direction, not the
    artist NO-ONE): the one reaching further is what was typed."""
    return any((other := vocab.artist_at(tokens, j)) and other[1] > end for j in range(i + 1, end))


def number_names(tokens: Sequence[Token], vocab: CatalogVocabulary) -> list[NumberName]:
    """Every catalog artist or title typed as a name that holds a number, left to right."""
    names: list[NumberName] = []
    i = 0
    while i < len(tokens):
        found = []
        artist = vocab.artist_at(tokens, i)
        if (
            artist
            and _holds_number(tokens[i : artist[1]])
            and _artist_named(tokens, i, artist[1], vocab)
            and not _runs_on(tokens, i, artist[1], vocab)
        ):
            found.append(_name(tokens, i, artist[1], True))
        title = _title_at(tokens, i, vocab)
        found += [title] if title else []
        if not found:
            i += 1
            continue
        names.append(max(found, key=lambda name: name.span[1]))
        i = index_at(tokens, names[-1].span[1])
    return names


def number_spans(tokens: Sequence[Token], vocab: CatalogVocabulary) -> list[Span]:
    return [name.span for name in number_names(tokens, vocab)]


def hide_names(text: str, spans: Sequence[Span]) -> str:
    """The text with every character of these names but spaces turned to a letter no reader looks for: words stay
    words (a pattern neither skips a name as a gap nor reads its numbers, cues or other words), offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [ch if ch.isspace() else _HIDDEN for ch in text[start:end]]
    return "".join(chars)
