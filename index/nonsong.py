"""Recordings that are not songs: nature sounds and noise for sleep, skits, short interludes, spoken word. A
listener asking for "calm acoustic songs for a rainy afternoon" does not want "Relaxing Crickets And Waterfall";
one asking for "rain sounds to sleep to" does. Read from titles and artist names, since audio features alone do not
tell a skit from a rap verse (speechiness runs as high on both)."""

import re

from index.catalog import Track

SHORT_INTERLUDE_MS = 150_000  # "LoveStoned / I Think She Knows Interlude" (7 min) is a song; a 1-minute skit is not

_RECORDINGS = (
    r"(?:white|brown|pink|pure)\s+noise|(?:rain|nature|natural|ocean|forest|sleep|thunderstorm|thunder|storm|water|"
    r"bird|wave|fan|ambient)s?\s+sounds?|sounds?\s+of\s+(?:the\s+)?(?:rain|nature|ocean|sea|forest|"
    r"waves?|birds?|jungle)|crickets|asmr|binaural|soundscapes?|field\s+recordings?"
)
_SOUNDS = _RECORDINGS + r"|thunderstorms?|spoken\s+word"
_TITLE_RE = re.compile(rf"\b(?:{_SOUNDS}|for\s+deep\s+sleep)\b", re.I)
_SHORT_RE = re.compile(r"\b(?:interlude|skit)\b", re.I)
_ARTIST_RE = re.compile(
    r"\b(?:nature\s+sounds?|sounds?\s+nature|natural\s+sounds?|sounds?\s+(?:fx|makers?)|"
    r"sleep\s+(?:specialist|sounds?|music)|relax(?:ing)?\s+(?:meditate|music|sounds?)|"
    r"meditation\s+music|white\s+noise|rain\s+sounds?)\b",
    re.I,
)
# Asked for by name. A weather or a texture is not a request for a recording of it: "thunderstorm rolling in",
# "crowd noise", "spoken-word-ish vibe" describe the music.
_ASKED_RE = re.compile(
    rf"\b(?:{_RECORDINGS}|skits?|interludes?|nature\s+recordings?|noise\s+(?:machine|tracks?))\b", re.I
)


def is_non_song(track: Track) -> bool:
    return bool(
        _TITLE_RE.search(track.title)
        or _ARTIST_RE.search(track.artist)
        or (_SHORT_RE.search(track.title) and track.duration_ms < SHORT_INTERLUDE_MS)
    )


def asks_for_non_songs(text: str) -> bool:
    """'rain sounds to sleep to', 'white noise', 'the skits too': the listener wants what is otherwise left out."""
    return _ASKED_RE.search(text) is not None
