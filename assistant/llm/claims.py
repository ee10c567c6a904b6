"""What a model says, checked against the catalog. A reason must name something true of its track and state no
year, decade, genre or artist the track lacks. A title or description is read with the same parser as a prompt
(genres, years, artists, the vibe's feature ranges), so "90s Acoustic Heartbreak" is held to the playlist's years,
acousticness and valence, not to a list of words."""

import re
from collections.abc import Sequence
from statistics import median
from typing import Literal

from assistant.llm.limits import REASON_CHARS
from assistant.models import FeatureRange, PlaylistRequest
from assistant.parsing import CatalogVocabulary, parse_prompt
from index.catalog import Track
from index.describe import mood_words
from index.text import artist_key, fold, is_english_word

Claim = Literal["genre", "year", "artist", "mood"]
YEAR_SHARE = 0.5  # "90s" holds when at least half the dated tracks are from then
TOLERANCE = {"tempo": 10.0}  # how far the median may sit outside a range; 0.1 on 0..1 scales
MOOD_FEATURES = {"energy", "valence", "tempo"}  # what a mood word says; texture words ("guitar") read less surely


def _outside(target: FeatureRange, tracks: Sequence[Track]) -> bool:
    values = [getattr(t, target.feature) for t in tracks if getattr(t, target.feature, None) is not None]
    if not values:
        return False
    middle, slack = median(values), TOLERANCE.get(target.feature, 0.1)
    return (target.min is not None and middle < target.min - slack) or (
        target.max is not None and middle > target.max + slack
    )


def _years_hold(low: int | None, high: int | None, tracks: Sequence[Track]) -> bool:
    years = [t.year for t in tracks if t.year is not None]
    if (low is None and high is None) or not years:
        return True
    inside = sum((low is None or y >= low) and (high is None or y <= high) for y in years)
    return inside >= YEAR_SHARE * len(years)


_WORD = re.compile(r"[^\W_][\w'’.&$!-]*")
_CONNECTORS = {"of", "the", "and", "&", "n", "de", "la", "y"}
MAX_NAME_WORDS = 4
TITLE_CASE_SHARE = 0.75  # past this share of capitalised words a capital says nothing about a name
_NEGATIONS = {"no", "not", "without", "minus", "zero", "except"}
_NAME_CUES = {"by", "from", "featuring", "feat", "feat.", "ft.", "with"}  # the word before a name says it is one


def _written_as_a_name(words: Sequence[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words) and words[
        0
    ].lower() not in _CONNECTORS - {"the"}


def named_artists(text: str, vocab: CatalogVocabulary) -> list[str]:
    """Catalog artists a model's sentence names, exactly and written as names: no typo matching here (a model
    writing "happy" does not mean Dappy), and a one-word name that is also an ordinary word ("Drive", "Like")
    does not count."""
    words = _WORD.findall(text)
    title_case = sum(w[0].isupper() for w in words) > TITLE_CASE_SHARE * len(words)
    found, i = [], 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            span = words[i : i + n]
            key = artist_key(" ".join(span).rstrip(".,!"))
            ordinary = n == 1 and (vocab.is_ordinary(key) or is_english_word(key))
            after = words[i - 1].lower() if i > 0 else ""
            capital_says_so = after in _NAME_CUES or (not title_case and i > 0 and not after.endswith((".", "!", "?")))
            negated = after in _NEGATIONS  # "no Eminem here" is true of the playlist
            if key in vocab.artists and _written_as_a_name(span) and (not ordinary or capital_says_so):
                found += [] if negated else [key]
                i += n
                break
        else:
            i += 1
    return found


def false_claim(text: str, tracks: Sequence[Track], request: PlaylistRequest, vocab: CatalogVocabulary) -> Claim | None:
    """The first kind of claim in `text` that the tracks do not bear out, or None when all hold. A genre the
    listener asked for stands even if few tracks carry the label (the request is what the title answers)."""
    if not text.strip():
        return None
    said = parse_prompt(text, vocab)
    genres = {g for t in tracks for g in t.all_genres} | set(request.genres)
    if any(g not in genres for g in said.genres):
        return "genre"
    limits = said.constraints
    if not _years_hold(limits.year_min, limits.year_max, tracks):
        return "year"
    credited = {key for t in tracks for key in t.credit_keys}
    titles = {artist_key(t.title) for t in tracks}
    if any(key not in credited and key not in titles for key in named_artists(text, vocab)):
        return "artist"
    if any(
        _outside(target, tracks)
        for target in said.vibe
        if target.source == "lexicon" and target.feature in MOOD_FEATURES
    ):
        return "mood"
    return None


_FILLER = {
    "this",
    "that",
    "with",
    "from",
    "your",
    "track",
    "tracks",
    "song",
    "songs",
    "music",
    "playlist",
    "perfect",
    "great",
    "classic",
    "vibe",
    "vibes",
    "feel",
    "sound",
    "sounds",
    "into",
    "just",
    "some",
    "more",
    "very",
}


def _stems(text: str) -> set[str]:
    """Crude stems of the content words: enough to see "energetic" in "high-energy", not a grammar."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", fold(text)) if w not in _FILLER}


def _grounded(text: str, track: Track, prompt: str) -> bool:
    """The reason names something true of the track or something the listener asked for, not just words."""
    facts = " ".join([track.title, track.artist, track.album, *track.all_genres, *mood_words(track), prompt])
    return bool(_stems(text) & _stems(facts)) or (track.year is not None and str(track.year) in text)


def reason_is_true(reason: str, track: Track, other_artists: Sequence[str], labels: set[str], prompt: str) -> bool:
    """Rejects a model reason that states a year, decade, genre or artist the catalog does not give this track,
    or that names nothing about the track or the prompt (a small model writes other songs' titles)."""
    text = " ".join(reason.split())
    if not text or len(text) > REASON_CHARS or len(re.findall(r"[^\W\d_]{2,}", text)) < 3:
        return False  # empty, too long, or not words ("1.1.1.1…" from a small model)
    if not _grounded(text, track, prompt):
        return False
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}
    if years and years != {track.year}:
        return False
    decades = re.findall(r"(?<!\d)(?:19|20)?(\d)0'?s\b", text)
    if decades and (track.year is None or any(d != str(track.year)[2] for d in decades)):
        return False
    folded = f" {fold(text)} "
    if any(len(a) >= 3 and a not in track.credit_keys and f" {a} " in folded for a in map(artist_key, other_artists)):
        return False
    named = {label for label in labels if len(label) >= 3 and f" {fold(label)} " in folded}
    return named <= set(track.all_genres)
