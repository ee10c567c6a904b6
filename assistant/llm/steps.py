"""Curation with a model: choose, order and explain among the retrieved candidates; everything it says is
re-checked against the catalog."""

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field


from assistant.pipeline.blend import Candidate
from assistant.llm.client import LLM, TextCallback
from assistant.llm.messages import data_message, echoes
from assistant.models import Playlist
from assistant.pipeline.planner import Draft, Engine, assemble
from assistant.profiles.profile import ListenerProfile
from assistant.pipeline.sequence import Selection, order, select
from index.catalog import Track
from index.describe import mood_words
from index.text import artist_key, fold

MAX_REASON_CHARS = 160
MAX_TITLE_CHARS = 80
MAX_ALTERNATES = 15
MAX_MODEL_RANGES = 6
MODEL_VIBE_WEIGHT = 0.5  # the model's reading of the sound counts less than a word the lexicon knows
CORE_MODEL_WEIGHT = 0.8  # a follow-up's change the rules could not read: tracks that do not fit it are replaced


MAX_REASON_CHARS = 160
MAX_TITLE_CHARS = 80
MAX_ALTERNATES = 15


class CuratedTrack(BaseModel):
    id: str
    reason: str = Field(default="", max_length=400)


class Curation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=600)
    tracks: list[CuratedTrack] = Field(default_factory=list, max_length=400)


def _candidate_view(track: Track) -> dict:
    return {"id": track.track_id, "title": track.title, "artist": track.artist, "year": track.year,
            "genres": list(track.all_genres)[:3], "mood": ", ".join(mood_words(track)[:3])}


def curate_schema(ids: Sequence[str], count: int) -> dict:
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string", "maxLength": MAX_TITLE_CHARS},
            "description": {"type": "string", "maxLength": 200},
            "tracks": {"type": "array", "maxItems": count, "items": {
                "type": "object", "required": ["id", "reason"],
                "properties": {"id": {"enum": list(ids)}, "reason": {"type": "string", "maxLength": MAX_REASON_CHARS}},
            }},
        },
        "required": ["title", "tracks"],
    }


_FILLER = {"this", "that", "with", "from", "your", "track", "tracks", "song", "songs", "music", "playlist", "perfect",
           "great", "classic", "vibe", "vibes", "feel", "sound", "sounds", "into", "just", "some", "more", "very"}


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
    if not text or len(text) > MAX_REASON_CHARS or len(re.findall(r"[^\W\d_]{2,}", text)) < 3:
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


def curate(llm: LLM, engine: Engine, draft: Draft, profile: ListenerProfile | None,
           on_text: TextCallback | None = None) -> Playlist:
    """The model picks and orders among the draft's tracks plus alternates; everything is re-checked."""
    request = draft.playlist.request
    chosen = [engine.index.track(t) for t in draft.playlist.track_ids]
    chosen_ids = set(draft.playlist.track_ids)
    alternates = [c.track for c in draft.candidates if c.track.track_id not in chosen_ids][:MAX_ALTERNATES]
    pool = [t for t in chosen if t] + alternates
    count = len(chosen)
    system = engine.templates.render("curate", prompt=request.prompt, count=count,
                                     candidates=[_candidate_view(t) for t in pool], max_reason_chars=MAX_REASON_CHARS)
    answer = llm.structured([{"role": "system", "content": system},
                             data_message(listener_prompt=request.prompt, choose=count)],
                            Curation, curate_schema([t.track_id for t in pool], count), on_text)
    by_id = {t.track_id: t for t in pool}
    picked = list(dict.fromkeys(t.id for t in answer.tracks if t.id in by_id))
    warnings = list(draft.playlist.warnings)
    invented = len({t.id for t in answer.tracks} - set(by_id))
    if invented:
        warnings.append(f"the model named {invented} track(s) that were not candidates; they were left out")
    scores = {c.track.track_id: c for c in draft.candidates}
    ordered = [scores.get(i) or Candidate(by_id[i], 0, 0.5, 0, False, 0) for i in picked]
    ordered += [scores.get(t.track_id) or Candidate(t, 0, 0.5, 0, False, 0) for t in pool if t.track_id not in picked]
    selection = Selection(request.constraints)
    select(ordered, selection)
    tracks = selection.tracks if request.arc == "steady" else order(selection.tracks, request.arc)
    playlist = assemble(tracks, request, profile, warnings, scores, engine)
    reasons: dict[str, str] = {}
    for pick in answer.tracks:
        reasons.setdefault(pick.id, " ".join(pick.reason.split()))
    other_artists = [t.artist for t in pool]
    items = [item.model_copy(update={"reason": reasons[item.track_id], "reason_source": "model"})
             if reason_is_true(reasons.get(item.track_id, ""), by_id[item.track_id], other_artists,
                               engine.vocab.labels, request.prompt) else item
             for item in playlist.items]
    title = " ".join(answer.title.split())[:MAX_TITLE_CHARS]
    title = playlist.title if not title or echoes(title, request.prompt) else title
    description = " ".join(answer.description.split())[:200]
    description = playlist.description if not description or echoes(description, request.prompt) else description
    return playlist.model_copy(update={"items": items, "title": title, "description": description})
