"""Name normalisation shared by catalog dedup, artist filters and history matching."""

import re
import unicodedata
from functools import cache, lru_cache

_VERSION_SUFFIX = re.compile(
    r"\s+-\s+.*$"  # "Song - Remastered 2011", "Song - Live at Wembley", "Song - Radio Edit"
)
_BRACKETED = re.compile(r"[\(\[].*?[\)\]]")  # "(feat. X)", "[Remix]", "(2011 Remaster)"
_FEAT = re.compile(r"\b(feat|ft|featuring)\b.*$")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: 'Beyoncé!' -> 'beyonce'."""
    if text.isascii():  # most names: no accents to strip, and 28k of them are folded at every start
        no_marks = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_punct = _NON_WORD.sub(" ", no_marks.casefold().replace("&", " and ").replace("'", ""))
    return _SPACES.sub(" ", no_punct).strip()


@lru_cache(maxsize=1 << 16)  # called per candidate and per transition: the catalog's names repeat
def artist_key(artist: str) -> str:
    """Key under which two spellings of one artist compare equal ('Guns N’ Roses' == "guns n' roses")."""
    return fold(artist.replace("’", "'"))


def base_title(title: str) -> str:
    """The song behind a version: drops remaster/live/edit suffixes, bracketed notes and featured artists."""
    stripped = _BRACKETED.sub(" ", _VERSION_SUFFIX.sub("", title.replace("’", "'")))
    folded = fold(stripped)
    without_feat = _FEAT.sub("", folded).strip()
    return without_feat or folded or fold(title)


@lru_cache(maxsize=1 << 16)
def song_key(artist: str, title: str) -> str:
    """Two tracks with the same song key are versions of one song and never both go in a playlist."""
    return f"{artist_key(artist)}::{base_title(title)}"


@cache
def _english_words() -> frozenset[str]:
    """Webster's Second (the english-words package, MIT): a surname alias must not be an ordinary word."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True))


@cache
def _proper_names() -> frozenset[str]:
    """The words Webster's Second has only capitalised ("Ariana", "Janet"), folded."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False)
    return frozenset(w.lower() for w in words if w[:1].isupper() and w.lower() not in words)


def is_proper_name(word: str) -> bool:
    """A folded word the dictionary has only as a name: "ariana" and "janet" are names; "fifth" and "status" words."""
    return word in _proper_names()


def is_english_word(word: str) -> bool:
    """The word, or its stem without the plain inflection it ends in (-s, -es, -ed, -ing, -ers), is in the
    dictionary: "grateful", "pumpkins" and "tainted" are words; "whitney" and "bieber" are not."""
    stems = {word}
    for suffix, replacements in (
        ("s", ("",)),
        ("es", ("", "e")),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
        ("ers", ("", "e", "er")),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems |= {word[: -len(suffix)] + r for r in replacements}
    return any(stem in _english_words() for stem in stems)


_LANGUAGES = ("en", "es", "fr", "de", "pt", "it")  # the languages the vibe lexicon reads
COMMON_ZIPF = 3.3  # wordfreq's scale: about 2 in a million words
NAME_SPREAD = 1.2  # a name (drake, shakira, eminem) is about as frequent in every language; a word is not


@lru_cache(maxsize=1 << 14)
def is_language_word(word: str) -> bool:
    """A folded word of everyday English, Spanish, French, German, Portuguese or Italian by wordfreq's
    frequencies (Apache-2.0): frequent in one language and much rarer in another. "salir", "esperanza", "pasta" and
    "gestresst" are words, so lower-case they never stand for Salif Keita, Esperanza Spalding or Basta."""
    from wordfreq import zipf_frequency

    frequencies = [zipf_frequency(word, language) for language in _LANGUAGES]
    return max(frequencies) >= COMMON_ZIPF and max(frequencies) - min(frequencies) >= NAME_SPREAD
