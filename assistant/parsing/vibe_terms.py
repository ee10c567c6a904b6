"""Vibe terms: a lexicon phrase with what modifies it where it is typed: degree before or after it ("super chill",
"a bit upbeat", "a hint of energy", "chill-ish", "sad af", "the saddest", stretched letters and a misspelt degree
word forgiven), and comparison ("more acoustic", "calmer", "fewer ballads"). What a term asks for is vibe.py's."""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.parsing.tokens import Token
from assistant.parsing.vibe_degrees import (
    ADVERB_RE,
    AFTER_DEGREE,
    AS_POSSIBLE,
    DEGREE,
    DIRECTION,
    EMPHASIS,
    LEANING,
    MAX_DEGREE,
    NOT_DEGREE,
)
from assistant.parsing.vibe_lexicon import STRUCTURE_WORDS, Hit, Lexicon
from index.text import is_english_word

_FUZZY_CUTOFF = 0.85  # "extremly" is "extremely"; shorter words are not guessed at
_MAX_DEGREE_WORDS = 3
_OF_THE = frozenset({"of", "the", "that", "this"})

MUSIC_NOUNS = frozenset(  # words for the music itself, after a vibe word ("chill songs") or a genre
    {
        "songs",
        "song",
        "tracks",
        "track",
        "music",
        "stuff",
        "tunes",
        "ones",
        "vibes",
        "vibe",
        "sounds",
        "sound",
        "mood",
        "playlist",
        "mix",
        "bops",
        "canciones",
        "cancion",
        "chansons",
        "chanson",
        "lieder",
        "musica",
        "musique",
        "musik",
        "musicas",
        "temas",
    }
)


@dataclass(frozen=True)
class VibeTerm:
    """One lexicon phrase as typed, with its degree (-1 a bit, 0, 1 very) and direction (1 "more"/"calmer",
    -1 "less", 0 plain); start/end are token indexes, end exclusive."""

    hit: Hit
    degree: int  # -2 a hint of, -1 a bit, 0, 1 very
    direction: int
    start: int
    end: int
    text: str
    core_end: int = 0  # before trailing words like "songs", which may belong to a count ("3 calm songs")


def spellings(word: str) -> list[str]:
    """The word and its un-stretched forms: "soooo" -> "soo", "so"; "suuuper" -> "suuper", "super"."""
    twice = re.sub(r"(\w)\1{2,}", r"\1\1", word)
    once = re.sub(r"(\w)\1{2,}", r"\1", word)
    return list(dict.fromkeys([word, twice, once]))


def _phrase_at(
    table: dict[str, int], tokens: Sequence[Token], i: int, stop: int, fuzzy: bool = False
) -> tuple[int, int] | None:
    """The longest phrase of the table at token i, stretched letters forgiven, and with `fuzzy` a misspelt word
    too: (its value, index after it)."""
    words: list[str] = []
    best = None
    for j in range(i, min(stop, i + _MAX_DEGREE_WORDS)):
        if not tokens[j].folded:
            break
        words.append(tokens[j].folded)
        for spelling in spellings(" ".join(words)):
            if spelling in table:
                best = (table[spelling], j + 1)
                break
    typed = tokens[i].folded if i < stop else ""
    if best is None and fuzzy and len(typed) >= 6 and typed.isalpha():
        close = [
            w
            for w in difflib.get_close_matches(typed, [w for w in table if " " not in w], 1, _FUZZY_CUTOFF)
            if w[:2] == typed[:2] and not is_english_word(typed)
        ]  # a typo keeps the start ("unreasonably" is not "reasonably") and is no word ("leaving" is not "leaning")
        guessed = ADVERB_RE.match(typed) and typed not in NOT_DEGREE
        best = (table[close[0]], i + 1) if close else (1, i + 1) if guessed else None
    return best


def _inflected(word: str, lex: Lexicon) -> tuple[Hit, int] | None:
    """A superlative, comparative or plural of a one-word phrase: 'saddest' -> (sad, 2: as far as it goes),
    'chiller' -> (chill, 0), 'hurts' -> (hurt, 0)."""
    for suffix, degree in (("est", 2), ("er", 0), ("s", 0)):
        if len(word) <= len(suffix) + 2 or not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        for base in (
            stem,
            stem[:-1],
            stem[:-1] + "y" if stem.endswith("i") else "",
            stem + "e" if suffix != "s" else "",
        ):
            hit = lex.phrases.get(base) if base else None
            if hit and not hit.comparative:
                return hit, degree
    return None


def term_at(tokens: Sequence[Token], i: int, lex: Lexicon, stop: int | None = None) -> VibeTerm | None:
    """The vibe term starting at token i, prefixes and suffixes included, or None."""
    stop = len(tokens) if stop is None else stop
    degree, direction, j = 0, 0, i
    while j < stop:
        if tokens[j].folded in STRUCTURE_WORDS:  # "number 2", "the last one": where, not how it sounds
            return None
        if (found := lex.at(tokens, j, stop)) is not None:
            modifier = tokens[j].folded in DEGREE or tokens[j].folded in DIRECTION
            if not (found[1] == j + 1 and modifier and lex.at(tokens, j + 1, stop)):
                break  # "dead quiet", "pitch black", "minimal vocals": a vibe word before another is a degree
            found = None
        if degree and tokens[j].raw == "," and j + 1 < stop:  # "ridiculously, stupidly, unreasonably happy"
            j += 1
            continue
        if direction == 0 and (more := _phrase_at(DIRECTION, tokens, j, stop)) is not None:
            direction, j = more
            while j < stop and tokens[j].folded in _OF_THE:  # "less of the doom and gloom"
                j += 1
        elif (
            seen := _phrase_at(
                DEGREE,
                tokens,
                j,
                stop,
                fuzzy=lex.at(tokens, j + 1, stop) is not None or j + 1 < stop and tokens[j + 1].raw == ",",
            )
        ) is not None:
            degree = min(MAX_DEGREE, degree + seen[0]) if degree > 0 and seen[0] > 0 else seen[0]  # "really really"
            j = seen[1]
        else:
            inflected = _inflected(tokens[j].folded, lex)
            if inflected is None:
                return None
            found = (inflected[0], j + 1)
            degree = max(degree, inflected[1])
            direction = direction or (1 if tokens[j].folded.endswith("er") else 0)
            break
    else:
        return None
    hit, end = found
    if hit.comparative:
        direction = direction or 1
    dash = end < stop and tokens[end].raw == "-"
    if end + dash < stop and tokens[end + dash].folded in LEANING:  # "chill-ish", "acoustic-leaning"
        degree, end = -1, end + dash + 1
    elif dash and end + 1 < stop and tokens[end + 1].folded in EMPHASIS:  # "piano-heavy": much piano, not heavy
        degree, end = max(degree, 1), end + 2
    elif (possible := AS_POSSIBLE.match(" ".join(t.folded for t in tokens[end:stop] if t.folded))) is not None:
        degree, end = MAX_DEGREE, end + len(possible.group(0).split())  # "as quiet as it gets"
    elif degree == 0 and (after := _phrase_at(AFTER_DEGREE, tokens, end, stop)) is not None:
        degree, end = after  # "wind it down a bit", "sad af"
    core = end
    while end < stop and tokens[end].folded in MUSIC_NOUNS:
        end += 1
    return VibeTerm(hit, degree, direction, i, end, " ".join(t.raw for t in tokens[i:end] if t.folded), core)
