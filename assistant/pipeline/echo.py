"""Title echo: a track whose title repeats a word of the prompt ("Insomnia" for "can't sleep", "Sunday Bloody
Sunday" for "rainy sunday"). On a prompt about a sound, a playlist of such titles is a pun, not an answer, so at
most MAX_ECHO_SHARE of it may echo; the listener's own names ("songs called Rain", an artist) are not echoes, and a
prompt with no vibe in it that names a topic ("christmas soul") may match titles freely."""

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from assistant.models import PlaylistRequest
from assistant.parsing import GENERIC_WORDS as GENERIC
from assistant.pipeline.blend import Candidate
from assistant.pipeline.retrieve import tells_a_story
from index.text import fold

MAX_ECHO_SHARE = 0.2
ECHO_PENALTY = 1.0  # in blend score units: half of what a perfect vibe fit is worth
LOOKAHEAD = 4  # candidates per slot looked at (artist caps and lengths skip some)
MIN_STEM = 4


def _words(text: str) -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(
        w for w in re.findall(r"[a-z0-9']+", fold(text)) if len(w) >= 3 and w not in STOPWORDS_EN and w not in GENERIC
    )


def echo_words(request: PlaylistRequest) -> frozenset[str]:
    """The prompt's words a title may not repeat much; none when the prompt asks for no sound and names a topic."""
    if request.constraints.non_songs_allowed:
        return frozenset()  # a recording ("rain sounds") is named in its title
    if not tells_a_story(request):
        return frozenset()  # a topic ("christmas soul") is named in titles
    named = _words(" ".join(request.names))
    return _words(request.prompt) - named


class EchoCheck:
    """Does a title repeat one of these words, allowing endings both ways ('sleep' / "Sleeping", 'rainy' / "Rain")?
    Set lookups on each title word and its prefixes: a request checks hundreds of titles."""

    def __init__(self, words: Collection[str]):
        self.exact = {w for w in words if len(w) < MIN_STEM}
        self.stems = {w for w in words if len(w) >= MIN_STEM}
        self.prefixes = {w[:n] for w in self.stems for n in range(MIN_STEM, len(w) + 1)}

    def __call__(self, title: str) -> bool:
        for word in _title_words(title):
            if (
                word in self.exact
                or word in self.prefixes
                or any(word[:n] in self.stems for n in range(MIN_STEM, len(word)))
            ):
                return True
        return False


@lru_cache(maxsize=1 << 16)  # titles repeat across requests
def _title_words(title: str) -> frozenset[str]:
    return _words(title)


def limit_echoes(candidates: Sequence[Candidate], request: PlaylistRequest, slots: int) -> list[Candidate]:
    """The candidates with every echoing title past the allowed few marked down by ECHO_PENALTY: behind tracks
    that sound about as right, never behind ones that sound wrong (an "- Acoustic" version that is acoustic still
    beats an electronic track for "acoustic"), and still there if the catalog has nothing else."""
    words = echo_words(request)
    if not words:
        return list(candidates)
    allowed, echoes = int(MAX_ECHO_SHARE * slots), EchoCheck(words)
    head = list(candidates[: LOOKAHEAD * slots * 2])  # the selection never reaches further than this
    scores, marked = [], False
    for candidate in head:
        penalty = 0.0
        if echoes(candidate.track.title):
            penalty = ECHO_PENALTY if allowed <= 0 else 0.0
            marked |= penalty > 0
            allowed -= 1
        scores.append(candidate.score - penalty)
    if not marked:
        return list(candidates)
    order = sorted(range(len(head)), key=lambda i: -scores[i])
    return [head[i] for i in order] + list(candidates[len(head) :])
