"""Title echo: a track whose title repeats a word of the prompt ("Insomnia" for "can't sleep", "Sunday Bloody
Sunday" for "rainy sunday"). On a prompt about a sound, a playlist of such titles is a pun, not an answer, so at
most MAX_ECHO_SHARE of it may echo; the listener's own names ("songs called Rain", an artist) are not echoes, and a
prompt with no vibe in it ("christmas soul") may match titles freely."""

import re
from collections.abc import Sequence

from assistant.models import PlaylistRequest
from assistant.parsing.vibe_neighbours import GENERIC
from assistant.pipeline.blend import Candidate
from index.text import fold

MAX_ECHO_SHARE = 0.2
MIN_STEM = 4


def _words(text: str) -> set[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return {w for w in re.findall(r"[a-z0-9']+", fold(text)) if len(w) >= 3 and w not in STOPWORDS_EN
            and w not in GENERIC}


def echo_words(request: PlaylistRequest) -> set[str]:
    """The prompt's words a title may not repeat much; none when the prompt asks for no sound."""
    if not any(t.source == "lexicon" for t in request.vibe) or request.constraints.non_songs_allowed:
        return set()  # a topic ("christmas soul") or a recording ("rain sounds") is named in titles
    named = _words(" ".join(request.names))
    return _words(request.prompt) - named


def echoes(title: str, words: set[str]) -> bool:
    for word in _words(title):
        if any(word == w or (min(len(word), len(w)) >= MIN_STEM and (word.startswith(w) or w.startswith(word)))
               for w in words):
            return True
    return False


def limit_echoes(candidates: Sequence[Candidate], request: PlaylistRequest, slots: int) -> list[Candidate]:
    """The candidates with every echoing title past the allowed few moved behind the rest (still there if the
    catalog has nothing else)."""
    words = echo_words(request)
    if not words:
        return list(candidates)
    allowed = int(MAX_ECHO_SHARE * slots)
    kept, later = [], []
    for candidate in candidates:
        if echoes(candidate.track.title, words):
            (kept if allowed > 0 else later).append(candidate)
            allowed -= 1
        else:
            kept.append(candidate)
    return kept + later
