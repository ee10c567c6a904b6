"""Understanding with a model: a prompt or a follow-up read by the LLM, then merged by harm (issue 22): the model's
reading counts where the rules read nothing in that role, only for what the listener visibly typed, and never drops
or inverts what the rules read; every addition is said in the reply."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.parsing.intent import negated_nearby
from assistant.parsing.vibe import Want, clip, merge
from assistant.llm.client import LLM, LOCAL_PROVIDER
from assistant.llm.messages import data_message, echoes
from assistant.parsing.mentions import without_names
from assistant.llm.support import supported_count, supported_exclusions, supported_minutes
from assistant.models import FEATURES, Arc, FeatureRange, Playlist, PlaylistRequest, Refinement
from assistant.pipeline.planner import Engine
from index.text import artist_key, fold

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


def compact_intent_schema() -> dict:
    """What a small local model is asked for: exclusions and lengths, where the rules' blind spots were (years it
    filled in unasked more often than it read them). A few dozen tokens to generate instead of a hundred and more."""
    return {
        "type": "object",
        "properties": {
            "exclude_artists": {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 8},
            "count": {"type": "integer", "minimum": 1, "maximum": 200},
            "duration_min": {"type": "number", "minimum": 1, "maximum": 600},
        },
        "required": ["exclude_artists"],
    }


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
    compact = llm.model.startswith(f"{LOCAL_PROVIDER}/")
    system = engine.templates.render("intent", genres=sorted(engine.vocab.labels), year=date.today().year,
                                     rules=rules.constraints.model_dump_json(exclude_defaults=True), compact=compact)
    answer = llm.structured([{"role": "system", "content": system}, data_message(listener_prompt=rules.prompt)],
                            LLMIntent, compact_intent_schema() if compact else intent_schema(engine.vocab.labels))
    text, vocab = rules.prompt, engine.vocab
    c = rules.constraints
    constraints: dict[str, Any] = {}
    notes: list[str] = []
    if c.count is None and c.duration_min is None:
        if 1 <= (answer.count or 0) <= 200 and (said := supported_count(answer.count, text, vocab)):
            constraints["count"] = answer.count
            notes.append(f"the model read “{said}” as {answer.count} tracks")
        elif 0 < (answer.duration_min or 0) <= 600 and (said := supported_minutes(answer.duration_min, text, vocab)):
            constraints["duration_min"] = answer.duration_min
            notes.append(f"the model read “{said}” as {answer.duration_min:g} minutes")
    if c.year_min is None and c.year_max is None and not c.exclude_years:
        for name in ("year_min", "year_max"):
            if _wanted_year(getattr(answer, name), text):
                constraints[name] = getattr(answer, name)
        if constraints.get("year_min") and constraints.get("year_max") and \
                constraints["year_min"] > constraints["year_max"]:
            constraints.pop("year_min"), constraints.pop("year_max")
        if constraints.get("year_min") or constraints.get("year_max"):
            notes.append(f"the model read the years as {constraints.get('year_min') or 'any'}–"
                         f"{constraints.get('year_max') or 'now'}")
    positive = {artist_key(a) for a in rules.seed_artists}
    extra_excluded = [a for a in supported_exclusions(answer.exclude_artists, text, vocab)
                      if a not in c.exclude_artists and artist_key(a) not in positive]
    query = rules.query
    if extra_excluded:
        constraints["exclude_artists"] = c.exclude_artists + extra_excluded
        notes += [f"the model read that you do not want {a}: left out (say “with {a}” to keep them)"
                  for a in extra_excluded]
        query = without_names(query, extra_excluded, vocab)
    kept = [n for n in rules.notes if not any(n.startswith(f"I took {a} as a wish") for a in extra_excluded)]
    changes: dict[str, Any] = {"constraints": c.model_copy(update=constraints), "query": query, "notes": kept + notes}
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
    if extra_query and fold(extra_query) not in fold(query) and not echoes(extra_query, rules.prompt) and \
            not any(f" {name} " in f" {fold(extra_query)} " for name in unwanted):  # excluded names stay unsearched
        changes["query"] = f"{query}; {extra_query}"
    return rules.model_copy(update=changes)


# "more Drake", "I love the Queen one": a follow-up that asks for an artist; the model may not read it as a removal.
_ASKS_FOR_MORE_RE = re.compile(r"\b(?:more|add|like|love|similar|want|include|keep|another|extra)\b", re.I)


def understand_follow_up(llm: LLM, engine: Engine, rules: Refinement, current: Playlist) -> Refinement:
    """Used when the rules did not understand a follow-up; the answer is checked against the playlist."""
    tracks = [f"{i.position}. {i.artist} – {i.title}" for i in current.items]
    system = engine.templates.render("refine", genres=sorted(engine.vocab.labels),
                                     request=current.request.model_dump_json(include={"query", "constraints"}),
                                     tracks=tracks)
    answer = llm.structured([{"role": "system", "content": system}, data_message(follow_up=rules.text)],
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
