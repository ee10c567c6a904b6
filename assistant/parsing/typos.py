"""Names typed with errors: the catalog artist a typed name stands for when it is not spelled as the catalog spells
it. One edit (two from LONG_NAME_CHARS on) counts, a swap of two letters as one ("kayne" is Kanye), and only from
MIN_FUZZY_CHARS letters: "eminen" finds Eminem, "metalica" Metallica; "slow" never finds Low. A typed word of
ordinary text ("those", "latin", "give") is no typo of a name, except in a name's place ("by the weekend").
A name typed by its sound ("leonard skinnerd", "billy eyelash") finds the artist whose sound key (jellyfish's
Metaphone per word, vowels after the first letter dropped) is the same, from MIN_SOUND_LETTERS letters."""

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import islice

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA, Hamming, Levenshtein

from assistant.parsing.tokens import Token
from index.text import is_english_word

MIN_FUZZY_CHARS = 5
LONG_NAME_CHARS = 9
MIN_SOUND_LETTERS = 9  # "no slow songs" has the sound of no name: short words sound like too many

# Little words a typo never turns into another ("too heavy" is not The Heavy): bm25s's English stopwords and more.
_FUNCTION_WORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their then
there these they this to was will with too so very me my we you your our his her its up down out off over all any
some more less just only also much from than what when who how i im""".split()
)


def _function_word_changed(typed: str, name: str) -> bool:
    """A typed little word that the name does not hold: the typo reading is wrong ("too heavy", "so far")."""
    words = set(name.split())
    return any(word in _FUNCTION_WORDS and word not in words for word in typed.split())


def close_key(
    key: str, keys: Sequence[str], capitalised: bool = False, weight: Callable[[str], int] | None = None
) -> str | None:
    """The catalog key `key` is a typo of, if one is close enough (see the module docstring); of several as
    close, the one `weight` (the number of tracks) puts first. A typo never changes a number ("after 2010" is
    not After 10)."""
    if len(key) >= MIN_FUZZY_CHARS:
        edits = 1 if len(key) < LONG_NAME_CHARS else 2
        found = process.extract(key, keys, scorer=OSA.distance, score_cutoff=edits, limit=20)
        close = [
            (name, distance)
            for name, distance, _ in found
            if not _function_word_changed(key, name) and _digits(name) == _digits(key)
        ]
        if close:
            return min(close, key=lambda c: (c[1], -(weight(c[0]) if weight else 0)))[0]
    elif len(key) == MIN_FUZZY_CHARS - 1 and capitalised:  # "Kigo": one letter swapped, typed as a name
        one = process.extractOne(key, keys, scorer=Hamming.distance, score_cutoff=1, processor=None)
        if one and len(one[0]) == len(key):
            return one[0]
    return None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def in_name_place(tokens: Sequence[Token], start: int) -> bool:
    """ "by the weekend", "by metalica", "no the weekend": the words after "by" (and "the"), or after "the" where
    no article can stand ("no the …"), are typed where a name goes."""
    before = [t.folded for t in tokens[max(0, start - 2) : start]]
    return before[-1:] == ["by"] or before == ["by", "the"] or before in (["no", "the"], ["but", "the"])


def plain_word(word: str) -> bool:
    """A dictionary word or a little one ("the", "me")."""
    return word in _FUNCTION_WORDS or is_english_word(word)


def yielding(singles: dict[str, str], tracks: dict[str, int], known: int, share: int = 4) -> set[str]:
    """The one-word names (word -> artist key) that are another artist's with two letters swapped, where that one
    has at least `known` tracks and `share` times as many: typed, they are more likely that artist's typo ("kayne"
    is Kanye West typed fast, not Seven Kayne)."""
    words = list(singles)
    if not words:
        return set()
    distances = process.cdist(words, words, scorer=OSA.distance, score_cutoff=1, workers=-1)
    drop = set()
    for i, j in zip(*(distances <= 1).nonzero(), strict=True):
        mine, other = tracks[singles[words[i]]], tracks[singles[words[j]]]
        swapped = Levenshtein.distance(words[i], words[j]) == 2  # one edit as a swap, two as anything else
        if swapped and other >= known and other >= share * mine:
            drop.add(words[i])
    return drop


_SOUND_SKIP = frozenset({"the", "and", "n", "a"})


def sound_key(key: str) -> str | None:
    """What a folded name sounds like ("lynyrd skynyrd" and "leonard skinnerd": "LNRT SKNRT"); None for a name too
    short to tell apart by sound, or one with digits."""
    if key.split()[-1:] and key.split()[-1] in _SOUND_SKIP:
        return None  # "billy eilish and": a name never ends with "and"
    words = [w for w in key.split() if w not in _SOUND_SKIP]
    if sum(map(len, words)) < MIN_SOUND_LETTERS or not all(w.isalpha() for w in words):
        return None
    codes = [jellyfish.metaphone(w) for w in words]
    return " ".join(c[:1] + "".join(ch for ch in c[1:] if ch not in "AEIOUYHW") for c in codes if c)


def sound_table(keys: Sequence[str], tracks: Callable[[str], int]) -> dict[str, str]:
    """sound key -> the key of the best-known artist with it, among artists of two tracks or more."""
    found: dict[str, str] = {}
    for key in keys:
        sound = sound_key(key) if tracks(key) >= 2 else None
        if sound and (sound not in found or tracks(key) > tracks(found[sound])):
            found[sound] = key
    return found


def keys_starting(prefix: str, sorted_keys: Sequence[str]) -> list[str]:
    """The keys that start with `prefix`: they sit together in sorted order, so a bisection finds them."""
    found = []
    for key in islice(sorted_keys, bisect_left(sorted_keys, prefix), None):
        if not key.startswith(prefix):
            break
        found.append(key)
    return found


def shortened_owners(typed: str, sorted_keys: Sequence[str]) -> list[str]:
    """The keys of as many words as `typed` that start with it ("def lep": Def Leppard)."""
    words = len(typed.split())
    return [key for key in keys_starting(typed, sorted_keys) if len(key.split()) == words]


class CloseNames:
    """The catalog key a mistyped name stands for (close_key, else its sound), remembered: one prompt asks for the
    same runs of words several times, and a process sees the same typos again."""

    MAX_REMEMBERED = 50_000

    def __init__(self, keys: Sequence[str], artist_keys: Sequence[str], tracks: Callable[[str], int]):
        self.keys, self.tracks = keys, tracks
        self.by_sound = sound_table(artist_keys, tracks)
        self._found: dict[tuple[str, bool], str | None] = {}

    def find(self, key: str, capitalised: bool) -> str | None:
        asked = (key, capitalised)
        if asked not in self._found:
            if len(self._found) >= self.MAX_REMEMBERED:
                self._found.clear()
            self._found[asked] = close_key(key, self.keys, capitalised, self.tracks) or self.sounding(key)
        return self._found[asked]

    def sounding(self, key: str) -> str | None:
        """The best-known artist key that sounds like `key` ("billy eyelash": billie eilish)."""
        return self.by_sound.get(sound_key(key) or "")
