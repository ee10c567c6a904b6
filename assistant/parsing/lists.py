"""Coordinated lists after a cue ("David Guetta, Martin Garrix or Avicii", "Earth, Wind & Fire and Queen",
"rap or country"), split against the catalog's own names so that names containing "&", "and" or "," stay whole."""

from dataclasses import dataclass
from typing import Literal

from assistant.parsing.tokens import SEPARATOR_PUNCT, Token
from assistant.parsing.typos import in_name_place
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vibe_terms import VibeTerm, term_at
from assistant.parsing.vocabulary import CatalogVocabulary

ItemKind = Literal["artist", "unknown", "genre", "soft", "song"]
SEPARATOR_WORDS = frozenset({"and", "or", "nor", "either", "neither", "plus", "also", "even", "ni", "y", "o"})
FILLER_WORDS = frozenset(
    {
        "a",  # "not a sprint", "not a drake fan"
        "an",
        "any",
        "anything",
        "anyone",
        "anybody",
        "all",
        "some",
        "more",
        "of",
        "songs",
        "song",
        "canciones",
        "chansons",
        "lieder",
        "musique",
        "musica",
        "tracks",
        "track",
        "music",
        "stuff",
        "tunes",
        "by",
        "from",
        "released",
        "made",
        "artists",
        "artist",
        "bands",
        "band",
        "too",
        "so",
        "very",
        "overly",
        "that",
        "really",
        "other",
        "else",
        "those",
        "these",
        "thats",
        "kind",
        "the",
        "either",
        "neither",
        "everything",
        "everyone",
        "anymore",
        "whatsoever",
        "every",
        "single",
        "with",
        "featuring",
        "credited",
        "to",
        "on",
        "guest",
        "verses",
        "features",
        "feature",
        "your",
        "has",
        "have",
        "group",
        "groups",
        "singer",
        "rapper",
        "duo",
        "dj",
        "de",
        "del",
    }
)
QUALIFIERS = frozenset({"in", "by", "about", "with", "sung", "featuring"})
CONTRAST_WORDS = frozenset({"just", "only", "but", "rather", "instead", "mostly", "maybe", "actually", "yet", "still"})
# Pronouns and time words typed in lower case are those words even where an artist has the name (HIM, Today).
FUNCTION_WORDS = frozenset(
    {"him", "her", "them", "me", "you", "us", "it", "today", "tonight", "tomorrow", "yesterday", "now", "again", "here"}
)
# After a bare comma, a subject starts a new clause ("pas de chansons tristes, on fait la fête").
_SUBJECTS = frozenset({"i", "we", "you", "they", "on", "nous", "je", "yo", "nosotros", "ich", "wir", "eu", "nos"})
# Nouns for a kind of track after a genre: "no reggaeton bangers" excludes reggaeton, it does not ask for bangers.
KIND_NOUNS = frozenset(
    {"bangers", "banger", "bops", "jams", "anthems", "ballads", "hits", "classics", "beats", "cuts", "drops", "verses"}
)
SUFFIX_WORDS = frozenset({"songs", "song", "tracks", "track", "music", "stuff", "tunes", "s"})
# Capitalised words that start a clause rather than a name ("no Drake, I hate him", "no rock, and NOT a single …").
NOT_NAMES = frozenset(
    {
        "not",
        "no",
        "nothing",
        "none",
        "never",
        "without",
        "zero",
        "nor",
        "i",
        "im",
        "id",
        "ill",
        "ive",
        "me",
        "my",
        "we",
        "you",
        "please",
        "thanks",
        "thank",
        "and",
        "or",
        "but",
        "just",
        "only",
        "make",
        "give",
        "also",
        "then",
        "maybe",
        "oh",
        "ok",
        "okay",
        "so",
    }
)


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    value: str | tuple[str, ...] | VibeTerm
    start: int  # token indexes, end exclusive
    end: int


def _skip_fillers(tokens: list[Token], i: int, stop: int) -> int:
    while i < stop and tokens[i].folded in FILLER_WORDS:
        i += 1
    return i


def _clause_ends_at(tokens: list[Token], i: int) -> bool:
    """Nothing more of this phrase follows: the end, a boundary, a separator, 'please' or a suffix word."""
    return (
        i >= len(tokens)
        or tokens[i].boundary
        or tokens[i].raw in SEPARATOR_PUNCT
        or tokens[i].folded in SEPARATOR_WORDS | SUFFIX_WORDS | {"please", "thanks", "for", "in", "on", "at", "but"}
    )


def _unknown_name(tokens: list[Token], i: int, stop: int) -> int | None:
    """A run of capitalised words the catalog does not know (a name it lacks): the index after it."""
    j = i
    while j < stop:
        token = tokens[j]
        word = token.raw[:1]
        if token.folded and word.isalpha() and word.isupper() and token.folded not in NOT_NAMES:
            j += 1
        elif (
            j > i
            and token.folded in {"of", "the", "de", "la", "del", "y", "n", "da", "van", "von"}
            and j + 1 < stop
            and tokens[j + 1].raw[:1].isupper()
        ):
            j += 1
        else:
            break
    return j if j > i else None


def item_at(
    tokens: list[Token], i: int, vocab: CatalogVocabulary, kinds: frozenset[str], stop: int | None = None
) -> Item | None:
    """The item at token i: the longest of a vibe term, a genre, a catalog artist or song; else an unknown
    capitalised name. A lower-case one-word artist that is also an ordinary word counts only standing alone."""
    stop = len(tokens) if stop is None else stop
    start, skipped = i, _skip_fillers(tokens, i, stop)
    attempts = (i, skipped)
    if skipped > i and (whole := vocab.artist_at(tokens, i)) and whole[1] <= skipped:
        attempts = (skipped, i)  # "the band Imagine Dragons": The Band only where nothing is named after it
    for attempt in attempts:
        if attempt >= stop:
            continue
        if "artist" in kinds and in_name_place(tokens, attempt) and not vocab.artist_at(tokens, attempt):
            if typo := vocab.close_artist_at(tokens, attempt, stop):  # "by the weekend": a name, not a mood
                return Item("artist", typo[0], start, typo[1])
        options: list[Item] = []
        if "soft" in kinds and (term := term_at(tokens, attempt, lexicon(), stop)) and not _qualified(tokens, term.end):
            end = term.end
            while end < stop and (head := term_at(tokens, end, lexicon(), stop)) and not _qualified(tokens, head.end):
                end = head.end  # "not sleepy ambient": ruled out as one thing, the word before saying how
            options.append(Item("soft", term, start, end))
        if "genre" in kinds and (genre := vocab.genre_at(tokens, attempt)):
            options.append(Item("genre", genre[0], start, genre[1]))
        if "song" in kinds and (song := vocab.song_at(tokens, attempt)):
            title, end = song
            by = vocab.artist_at(tokens, end + 1) if end < stop and tokens[end].folded == "by" else None
            if by:
                options.append(Item("song", (title, by[0]), start, by[1]))
            elif tokens[attempt].capitalised:
                options.append(Item("song", (title, ""), start, end))
        if "artist" in kinds and (artist := vocab.artist_at(tokens, attempt)):
            name, end = artist
            plain = not tokens[attempt].capitalised and vocab.is_wordlike(name)
            function = (
                not tokens[attempt].capitalised and end == attempt + 1 and tokens[attempt].folded in FUNCTION_WORDS
            )
            if not function and (not plain or _clause_ends_at(tokens, end)):
                options.append(Item("artist", name, start, end))
        if options:
            capitalised = tokens[attempt].capitalised or attempt > 0 and tokens[attempt - 1].folded in ("by", "from")
            rank = {"artist": 0 if capitalised else 4, "song": 1 if capitalised else 3, "soft": 2, "genre": 2.5}
            best = max(options, key=lambda item: (item.end, -rank[item.kind]))
            end = best.end
            while end < stop and tokens[end].folded in SUFFIX_WORDS | (KIND_NOUNS if best.kind == "genre" else set()):
                end += 1
            return Item(best.kind, best.value, start, end)
        if "symbol" in kinds and (symbol := vocab.symbol_name_at(tokens, attempt)):
            return Item("artist", symbol[0], start, symbol[1])  # "no pink": P!nk, only where a negation scopes
        if "artist" in kinds and (typo := vocab.close_artist_at(tokens, attempt, stop)):
            return Item("artist", typo[0], start, typo[1])  # "eminen", "metalica": a name typed as people type
        if "unknown" in kinds and (name_end := _unknown_name(tokens, attempt, stop)):
            name = " ".join(t.raw for t in tokens[attempt:name_end])
            found = vocab.find_artist(name)
            return Item("artist" if found else "unknown", found or name, start, name_end)
    return None


def _qualified(tokens: list[Token], i: int) -> bool:
    """ "nothing sung in french": the word is narrowed by what follows, so it is not the thing ruled out."""
    return i + 1 < len(tokens) and tokens[i].folded in QUALIFIERS and bool(tokens[i + 1].folded)


def _separator_end(tokens: list[Token], i: int, stop: int) -> int | None:
    j = i
    while j < stop and (tokens[j].raw in SEPARATOR_PUNCT or tokens[j].folded in SEPARATOR_WORDS):
        j += 1
    return j if j > i else None


def items_at(
    tokens: list[Token], i: int, vocab: CatalogVocabulary, kinds: frozenset[str], stop: int | None = None
) -> list[Item]:
    """Items joined by commas, and, or, nor, '/', '&', '+' from token i; the list ends before the first
    piece that is not an item (", 25 songs", "and make it chill"). A list names things of one kind: in "no Drake,
    live or SZA" the word that is also a band is the band."""
    stop = len(tokens) if stop is None else stop
    items: list[Item] = []
    comma_only = False
    while True:
        if items and i < stop and tokens[i].folded in CONTRAST_WORDS:
            break  # "not overly sad, just a bit reflective": the list ended, a new clause began
        item = item_at(tokens, i, vocab, kinds, stop)
        if item is not None and items and items[-1].kind in ("artist", "unknown"):
            item = _as_artist(item, tokens, vocab, kinds)
        if item is not None and items and item.kind in ("artist", "unknown"):
            items[-1] = _as_artist(items[-1], tokens, vocab, kinds)
        if item is None or (
            comma_only and item.kind != items[-1].kind and {item.kind, items[-1].kind} != {"artist", "unknown"}
        ):
            break  # "no slow songs, pop from the 80s": after a bare comma only the same kind of thing continues
        items.append(item)
        following = _separator_end(tokens, item.end, stop)
        if following is None:
            break
        comma_only = all(t.raw == "," for t in tokens[item.end : following])
        if comma_only and following < stop and tokens[following].folded in _SUBJECTS:
            break
        i = following
    return items


def _as_artist(item: Item, tokens: list[Token], vocab: CatalogVocabulary, kinds: frozenset[str]) -> Item:
    """The artist reading of a vibe word that is also a catalog artist ("live", "heart"), where artists are wanted."""
    if item.kind != "soft" or "artist" not in kinds:
        return item
    artist = vocab.artist_at(tokens, item.start)
    core = item.end
    while core > item.start and tokens[core - 1].folded in SUFFIX_WORDS:
        core -= 1
    return Item("artist", artist[0], item.start, item.end) if artist and artist[1] == core else item
