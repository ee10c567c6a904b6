"""The three uses of the LLM, each validated and merged so that the model can only add to what the rules and
the catalog say: understand a prompt, understand a follow-up, choose/order/explain among the candidates."""

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.pipeline.blend import Candidate
from assistant.parsing.intent import negated_nearby
from assistant.parsing.vibe import Want, clip, merge
from assistant.llm.client import LLM, TextCallback
from assistant.models import FEATURES, Arc, FeatureRange, Playlist, PlaylistRequest, Refinement
from assistant.pipeline.planner import Draft, Engine, assemble
from assistant.profile import ListenerProfile
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


class ModelRange(BaseModel):
    """A target range the model proposes; clipped to the feature's scale and merged under the rules' own."""

    model_config = ConfigDict(extra="ignore")

    feature: str
    min: float | None = None
    max: float | None = None


class _ModelChanges(BaseModel):
    """What both the prompt and the follow-up answers may say; checked before use, never trusted."""

    model_config = ConfigDict(extra="ignore")

    vibe: list["ModelRange"] = Field(default_factory=list, max_length=MAX_MODEL_RANGES)
    arc: Arc | None = None
    count: int | None = None
    duration_min: float | None = None
    year_min: int | None = None
    year_max: int | None = None
    exclude_artists: list[str] = Field(default_factory=list, max_length=10)


class LLMIntent(_ModelChanges):
    query: str = Field(default="", max_length=300)
    genres: list[str] = Field(default_factory=list, max_length=8)
    seed_artists: list[str] = Field(default_factory=list, max_length=5)


class LLMRefinement(_ModelChanges):
    remove_positions: list[int] = Field(default_factory=list, max_length=200)
    more_like_positions: list[int] = Field(default_factory=list, max_length=10)
    add_genres: list[str] = Field(default_factory=list, max_length=8)


class CuratedTrack(BaseModel):
    id: str
    reason: str = Field(default="", max_length=400)


class Curation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=600)
    tracks: list[CuratedTrack] = Field(default_factory=list, max_length=400)


def _data_message(**data: Any) -> dict:
    """Listener text goes to the model as quoted JSON data, never as instructions."""
    return {"role": "user", "content": json.dumps(data, ensure_ascii=False)}


def _nullable(kind: str, **extra: Any) -> dict:
    return {"anyOf": [{"type": kind, **extra}, {"type": "null"}]}


def _enum_or_null(values: Sequence[str]) -> dict:
    return {"anyOf": [{"enum": list(values)}, {"type": "null"}]}


def _typed_at(number: float | None, text: str) -> int | None:
    """Where the listener typed a number the model returns (as digits, or a year as its decade): a number counts
    only if it was typed."""
    if number is None:
        return None
    value = int(number) if float(number).is_integer() else number
    found = re.search(rf"(?<!\d){re.escape(str(value))}(?!\d)", text)
    if found is None and isinstance(value, int) and 1000 <= value <= 2100:
        found = re.search(rf"(?<!\d)(?:{str(value)[:2]})?{str(value)[2:3]}0['’]?s\b", text)
    return found.start() if found else None


def _typed(number: float | None, text: str) -> bool:
    return _typed_at(number, text) is not None


def _wanted_year(year: int | None, text: str) -> bool:
    """A year bound from the model counts if typed outside any negation: the rules read 'nothing before 2017'
    themselves, and where they could not, the model's bound may be the listener's words inverted."""
    at = _typed_at(year, text)
    return at is not None and not negated_nearby(text, at)


def _mentioned_artists(names: Sequence[str], text: str, engine: Engine, negated: bool | None = None) -> list[str]:
    """Catalog artists the listener typed; with `negated`, only those typed after (True) or outside (False) a
    negation cue in their clause."""
    folded = fold(text)
    found = []
    for name in names:
        artist = engine.vocab.find_artist(name)
        if not artist or artist_key(artist) not in folded:
            continue
        if negated is not None:
            where = re.search(re.escape(artist), text, re.I)
            if where is None or negated_nearby(text, where.start()) != negated:
                continue
        found.append(artist)
    return found


def intent_schema(labels: Sequence[str]) -> dict:
    artist_list = {"type": "array", "items": {"type": "string", "maxLength": 60}, "maxItems": 5}
    return {
        "type": "object",
        "properties": {
            "query": {"type": "string", "maxLength": 200},
            "genres": {"type": "array", "items": {"enum": sorted(labels)}, "maxItems": 4},
            "vibe": vibe_schema(), "arc": _enum_or_null(["steady", "build", "wind_down", "peak"]),
            "count": _nullable("integer", minimum=1, maximum=200), "duration_min": _nullable("number", minimum=1, maximum=600),
            "year_min": _nullable("integer", minimum=1900, maximum=2100),
            "year_max": _nullable("integer", minimum=1900, maximum=2100),
            "exclude_artists": artist_list, "seed_artists": artist_list,
        },
        "required": ["query", "genres"],
    }


def _echoes(text: str, prompt: str) -> bool:
    """The model gave the listener's words back (a small model's favourite title) instead of writing its own."""
    folded, asked = fold(text), fold(prompt)
    return len(folded.split()) >= 3 and (folded in asked or asked in folded)


def vibe_schema() -> dict:
    bound = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    return {"type": "array", "maxItems": MAX_MODEL_RANGES, "items": {
        "type": "object", "required": ["feature"],
        "properties": {"feature": {"enum": list(FEATURES)}, "min": bound, "max": bound}}}


def model_vibe(proposed: Sequence[ModelRange], rules: Sequence[FeatureRange], weight: float) -> list[FeatureRange]:
    """The model's ranges, clipped to each feature's scale, on the features the rules did not read from a word the
    lexicon knows (a neighbour's guess may be replaced): the typed word's reading stands where the two disagree."""
    ruled = {t.feature for t in rules if t.source != "neighbour"}
    wants = []
    for target in proposed:
        if target.feature not in FEATURES or target.feature in ruled:
            continue
        bounds = clip(target.feature, target.min, target.max)
        if bounds is None:
            continue  # says nothing, or nothing possible
        wants.append(Want(target.feature, *bounds, weight, 0, [], "model"))
    return merge(wants)


def understand_prompt(llm: LLM, engine: Engine, rules: PlaylistRequest) -> PlaylistRequest:
    """Rules win on everything they read; the model adds only what the listener visibly typed."""
    system = engine.templates.render("intent", genres=sorted(engine.vocab.labels), year=date.today().year,
                                     rules=rules.constraints.model_dump_json(exclude_defaults=True))
    answer = llm.structured([{"role": "system", "content": system}, _data_message(listener_prompt=rules.prompt)],
                            LLMIntent, intent_schema(engine.vocab.labels))
    text = rules.prompt
    c = rules.constraints
    constraints: dict[str, Any] = {}
    if c.count is None and c.duration_min is None:
        if _typed(answer.count, text) and 1 <= (answer.count or 0) <= 200:
            constraints["count"] = answer.count
        elif _typed(answer.duration_min, text) and 0 < (answer.duration_min or 0) <= 600:
            constraints["duration_min"] = answer.duration_min
    if c.year_min is None and c.year_max is None and not c.exclude_years:
        for name in ("year_min", "year_max"):
            if _wanted_year(getattr(answer, name), text):
                constraints[name] = getattr(answer, name)
        if constraints.get("year_min") and constraints.get("year_max") and \
                constraints["year_min"] > constraints["year_max"]:
            constraints.pop("year_min"), constraints.pop("year_max")
    extra_excluded = [a for a in _mentioned_artists(answer.exclude_artists, text, engine, negated=True)
                      if a not in c.exclude_artists and a not in rules.seed_artists]
    if extra_excluded:
        constraints["exclude_artists"] = c.exclude_artists + extra_excluded
    changes: dict[str, Any] = {"constraints": c.model_copy(update=constraints)}
    if not rules.genres:
        changes["genres"] = [g for g in dict.fromkeys(answer.genres)
                             if g in engine.vocab.labels and g not in c.exclude_genres][:4]
    proposed = model_vibe(answer.vibe, rules.vibe, MODEL_VIBE_WEIGHT)
    if proposed:
        replaced = {t.feature for t in proposed}
        changes["vibe"] = [t for t in rules.vibe if t.feature not in replaced] + proposed
    if rules.arc == "steady" and answer.arc:
        changes["arc"] = answer.arc
    excluded = constraints.get("exclude_artists", c.exclude_artists)
    seeds = [a for a in _mentioned_artists(answer.seed_artists, text, engine, negated=False)
             if a not in rules.seed_artists and a not in excluded]
    if seeds:
        changes["seed_artists"] = rules.seed_artists + seeds
    extra_query = " ".join(answer.query.split())[:200]
    unwanted = [artist_key(a) for a in excluded] + [fold(g) for g in c.exclude_genres]
    if extra_query and fold(extra_query) not in fold(rules.query) and not _echoes(extra_query, rules.prompt) and \
            not any(f" {name} " in f" {fold(extra_query)} " for name in unwanted):  # excluded names stay unsearched
        changes["query"] = f"{rules.query}; {extra_query}"
    return rules.model_copy(update=changes)


# "more Drake", "I love the Queen one": a follow-up that asks for an artist; the model may not read it as a removal.
_ASKS_FOR_MORE_RE = re.compile(r"\b(?:more|add|like|love|similar|want|include|keep|another|extra)\b", re.I)


def understand_follow_up(llm: LLM, engine: Engine, rules: Refinement, current: Playlist) -> Refinement:
    """Used when the rules did not understand a follow-up; the answer is checked against the playlist."""
    tracks = [f"{i.position}. {i.artist} – {i.title}" for i in current.items]
    system = engine.templates.render("refine", genres=sorted(engine.vocab.labels),
                                     request=current.request.model_dump_json(include={"query", "constraints"}),
                                     tracks=tracks)
    answer = llm.structured([{"role": "system", "content": system}, _data_message(follow_up=rules.text)],
                            LLMRefinement)
    text, size = rules.text, len(current.items)
    update: dict[str, Any] = {
        "count": answer.count if _typed(answer.count, text) and 1 <= (answer.count or 0) <= 200 else None,
        "duration_min": answer.duration_min if _typed(answer.duration_min, text) else None,
        "year_min": answer.year_min if _wanted_year(answer.year_min, text) else None,
        "year_max": answer.year_max if _wanted_year(answer.year_max, text) else None,
        "exclude_artists": _mentioned_artists(answer.exclude_artists, text, engine,
                                              negated=True if _ASKS_FOR_MORE_RE.search(text) else None),
        "remove_positions": sorted({p for p in answer.remove_positions if 1 <= p <= size and _typed(p, text)}),
        "more_like_positions": sorted({p for p in answer.more_like_positions if 1 <= p <= size and _typed(p, text)}),
        "add_genres": [g for g in answer.add_genres if g in engine.vocab.labels],
        "vibe": model_vibe(answer.vibe, [*rules.vibe, *(FeatureRange(feature=s.feature, min=s.toward)
                                                        for s in rules.vibe_shifts)], CORE_MODEL_WEIGHT),
        "arc": answer.arc,
    }
    refinement = rules.model_copy(update=update)
    changed = refinement.model_dump(exclude={"text", "understood", "notes"}, exclude_defaults=True)
    return refinement.model_copy(update={"understood": bool(changed)})


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
    own = artist_key(track.artist)
    if any(len(a) >= 3 and a != own and f" {a} " in folded for a in map(artist_key, other_artists)):
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
                             _data_message(listener_prompt=request.prompt, choose=count)],
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
    title = playlist.title if not title or _echoes(title, request.prompt) else title
    description = " ".join(answer.description.split())[:200]
    description = playlist.description if not description or _echoes(description, request.prompt) else description
    return playlist.model_copy(update={"items": items, "title": title, "description": description})
