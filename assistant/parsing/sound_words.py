"""What the text left after the constraints says about the music: genre labels, vibe terms (and, for words the
lexicon lacks, their embedding neighbours), and the names the listener typed. Names and vibes are kept apart: a
title or artist is matched by name only when it is named ("queen songs", a quoted title, "songs called Rain"); a
vibe word is never searched among titles."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.models import FeatureRange, VibeShift
from assistant.parsing.emoji_vibe import emoji_wants
from assistant.parsing.tokens import Span, Token
from assistant.parsing.vibe import Want, merge, neighbour_wants, wants_of
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vibe_neighbours import GENERIC, neighbours
from assistant.parsing.vibe_scan import read_terms
from assistant.parsing.vibe_terms import VibeTerm
from assistant.parsing.vocabulary import CatalogVocabulary
from index.text import artist_key, fold, is_language_word

_QUOTED_RE = re.compile(r"[\"“”]([^\"“”]{2,80})[\"“”]")
_CALLED_RE = re.compile(
    r"\b(?:songs?|tracks?|anything|something|stuff)\s+(?:called|titled|named)\s+"
    r"(?P<name>[^,.;!?]{2,60})",
    re.I,
)
KNOWN_ARTIST_TRACKS = 5  # a one-word artist typed in lower case is meant when the catalog knows them well
TITLE_CASE_SHARE = 0.6  # more of the words capitalised than this, and capitals are the text's style, not names
_BY_NAME = frozenset(
    {"songs", "song", "tracks", "albums", "album", "deep", "classics", "discography", "catalogue", "catalog", "records"}
)
_NAME_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "me",
        "my",
        "i",
        "is",
        "it",
        "im",
        "some",
        "any",
        "no",
        "not",
        "but",
        "so",
        "just",
        "like",
        "pls",
        "only",
        "all",
        "please",
        "more",
        "less",
        "very",
        "too",
        "also",
        "even",
        "without",
        "songs",
        "music",
    }
)
# Genre labels whose exclusion also says something about the sound: "no rap" is no rapped vocals.
_SOUND_OF_GENRE = {
    "rap": "rap heavy",
    "hip hop": "rap heavy",
    "trap": "rap heavy",
    "gangster rap": "rap heavy",
    "southern hip hop": "rap heavy",
}


@dataclass
class SoundReading:
    genres: list[str] = field(default_factory=list)
    wants: list[Want] = field(default_factory=list)
    shifts: list[VibeShift] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    vibe_words: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # read as genre, vibe or name: not leftovers

    @property
    def vibe(self) -> list[FeatureRange]:
        return merge(self.wants)


def _free(tokens: Sequence[Token], taken: Sequence[Span]) -> list[bool]:
    return [not any(lo < t.end and t.start < hi for lo, hi in taken) for t in tokens]


def _genre_matches(
    tokens: Sequence[Token], vocab: CatalogVocabulary, free: list[bool]
) -> list[tuple[int, int, tuple[str, ...]]]:
    matches, i = [], 0
    while i < len(tokens):
        found = vocab.genre_at(tokens, i) if free[i] else None
        if found and all(free[i : found[1]]):
            matches.append((i, found[1], found[0]))
            i = found[1]
        else:
            i += 1
    return matches


def _take(text: str, tokens: Sequence[Token], start: int, end: int, free: list[bool]) -> tuple[Span, str]:
    """Tokens start..end as a name: their span and text, no longer free for anything else."""
    for j in range(start, end):
        free[j] = False
    span = (tokens[start].start, tokens[end - 1].end)
    return span, text[span[0] : span[1]]


def _titles(text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, free: list[bool]) -> list[tuple[Span, str]]:
    """Quoted titles, "songs called X" and "<title> by <its artist>": names whatever words they hold ("songs
    called Rain" is not rainy, "Summer by Calvin Harris" is not summery)."""
    found: list[tuple[Span, str]] = []
    for i in range(len(tokens)):
        song = vocab.song_at(tokens, i) if free[i] else None
        by = song[1] if song and song[1] < len(tokens) and tokens[song[1]].folded == "by" else None
        artist = vocab.artist_at(tokens, by + 1) if by is not None else None
        if song and artist and vocab.find_song(song[0], artist[0]) and all(free[i : artist[1]]):
            found.append(_take(text, tokens, i, artist[1], free))
    for match in [*_QUOTED_RE.finditer(text), *_CALLED_RE.finditer(text)]:
        span = match.span(1) if match.re is _QUOTED_RE else match.span("name")
        covered = [i for i, t in enumerate(tokens) if span[0] <= t.start and t.end <= span[1]]
        if covered and all(free[i] for i in covered):
            found.append((span, text[span[0] : span[1]].strip()))
            for i in covered:
                free[i] = False
    return found


def _long_names(
    text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, free: list[bool]
) -> list[tuple[Span, str]]:
    """Catalog artists of two words or more ("Frank Ocean", "Earth, Wind & Fire"): read before any vibe word, so
    "Ocean" in a name is no beach."""
    found, i = [], 0
    while i < len(tokens):
        artist = vocab.artist_at(tokens, i) if free[i] and tokens[i].folded not in _NAME_STOP else None
        if (
            artist
            and len([t for t in tokens[i : artist[1]] if t.folded]) > 1
            and all(free[i : artist[1]])
            and (tokens[i].capitalised or len(vocab.tracks_by(artist[0])) >= KNOWN_ARTIST_TRACKS)
        ):
            found.append(_take(text, tokens, i, artist[1], free))
            i = artist[1]
        else:
            i += 1
    return found


def _names(text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, free: list[bool]) -> list[tuple[Span, str]]:
    """Catalog artists or titles typed as names."""
    found: list[tuple[Span, str]] = []
    words = [t for t in tokens if t.folded and t.raw[:1].isalpha()]
    cased = sum(t.raw[:1].isupper() for t in words) < TITLE_CASE_SHARE * len(words)  # else case says nothing
    i = 0
    while i < len(tokens):
        end = _name_end(tokens, i, vocab, free, cased)
        if end:
            found.append(_take(text, tokens, i, end, free))
            i = end
        else:
            i += 1
    return found


def _name_end(tokens: Sequence[Token], i: int, vocab: CatalogVocabulary, free: list[bool], cased: bool) -> int | None:
    """Where a typed catalog name starting at token i ends: an artist (a one-word name that is also a common title
    word only when capitalised in a text that is not all capitals, or followed by "songs") or a song title typed
    capitalised, of two words or more."""
    if not free[i] or tokens[i].folded in _NAME_STOP or not tokens[i].folded:
        return None
    artist = vocab.artist_at(tokens, i)
    if artist and all(free[i : artist[1]]):
        words = [t for t in tokens[i : artist[1]] if t.folded]
        modifier = artist[1] < len(tokens) and tokens[artist[1]].folded in _BY_NAME  # "queen songs"
        known = len(vocab.tracks_by(artist[0])) >= KNOWN_ARTIST_TRACKS or not words[0].folded.isalpha()
        plain_word = vocab.is_wordlike(artist[0]) or not known  # "drop", "future": words before names
        by_part = len(words) == 1 and artist_key(artist[0]) != words[0].folded  # one word of a longer name
        plain_word |= by_part and is_language_word(words[0].folded)  # "esperanza" is a word, not Esperanza Spalding
        if len(words) > 1 or not plain_word or (tokens[i].capitalised and cased) or modifier:
            return artist[1]
    song = vocab.song_at(tokens, i)
    if song and all(free[i : song[1]]):
        words = [t for t in tokens[i : song[1]] if t.folded]
        first_cap = not _opens_sentence(tokens, i) and tokens[i].capitalised
        mid_caps = first_cap or any(t.capitalised for t in tokens[i + 1 : song[1]] if t.folded not in _NAME_STOP)
        if len(words) > 1 and cased and mid_caps and all(t.capitalised or t.folded in _NAME_STOP for t in words):
            return song[1]  # "Give me 20 songs": a capital that only opens the sentence names nothing
    return None


def _opens_sentence(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].raw in (".", "!", "?", ":", ";", "-", "—", "–", "\n")


def _neighbour_wants(tokens: Sequence[Token], free: list[bool], styles: set[str]) -> tuple[list[Want], list[Span]]:
    """Words the lexicon lacks, through their neighbours; never a word of a genre label ("electro", "urban")."""
    from bm25s.stopwords import STOPWORDS_EN

    table, lex, skip = neighbours(), lexicon(), GENERIC | set(STOPWORDS_EN) | styles
    wants, spans = [], []
    for i, token in enumerate(tokens):
        if not free[i] or not token.folded.isalpha() or token.folded in skip:
            continue
        found = table.lookup(token.folded, lex)
        if found:
            wants += neighbour_wants(token.raw, *found)
            spans.append((token.start, token.end))
    return wants, spans


def negated_genre_wants(labels: Sequence[str]) -> list[Want]:
    """An excluded genre whose sound has a word of its own ("no rap": few spoken words)."""
    lex = lexicon()
    wants: list[Want] = []
    for label in dict.fromkeys(_SOUND_OF_GENRE[g] for g in labels if g in _SOUND_OF_GENRE):
        hit = lex.phrases[label]
        wants += wants_of(VibeTerm(hit, 0, 0, 0, 0, f"no {label.split()[0]}"), negated=True)
    return wants


def read_sound(
    text: str, tokens: Sequence[Token], vocab: CatalogVocabulary, taken: Sequence[Span], relative: bool = False
) -> SoundReading:
    """Genres, vibe and names in the tokens outside `taken`. A vibe phrase longer than a genre at the same place
    wins ("house party" is a party, not house music); otherwise the genre does ("dance pop")."""
    free = _free(tokens, taken)
    titles = _titles(text, tokens, vocab, free) + _long_names(text, tokens, vocab, free)
    genres = _genre_matches(tokens, vocab, free)
    terms = read_terms(tokens, lexicon(), free, relative)
    term_spans = terms.spans
    kept_genres = []
    for start, end, labels in genres:
        span = (tokens[start].start, tokens[end - 1].end)
        if not any(lo <= span[0] and span[1] <= hi and (hi - lo) > (span[1] - span[0]) for lo, hi in term_spans):
            kept_genres.append((span, labels))
    genre_spans = [span for span, _ in kept_genres]
    free_of_genres = [
        f and not any(lo < t.end and t.start < hi for lo, hi in genre_spans) for f, t in zip(free, tokens)
    ]
    terms = read_terms(tokens, lexicon(), free_of_genres, relative)
    reading = SoundReading(
        genres=list(dict.fromkeys(label for _, labels in kept_genres for label in labels)),
        wants=terms.wants,
        shifts=terms.shifts,
        spans=[span for span, _ in titles] + genre_spans + terms.spans,
    )
    rest = _free(tokens, list(taken) + reading.spans)
    names = _names(text, tokens, vocab, rest)
    reading.names = [name for _, name in titles + names]
    reading.spans += [span for span, _ in names]
    styles = {word for label in vocab.labels for word in fold(label).split()}
    wants, spans = _neighbour_wants(tokens, _free(tokens, list(taken) + reading.spans), styles)
    reading.wants += wants
    reading.spans += spans
    emoji, read = emoji_wants(text)
    reading.wants += emoji
    reading.vibe_words = [text[lo:hi] for lo, hi in terms.spans + spans] + read
    return reading
