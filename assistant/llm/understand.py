"""Understanding with a model: a prompt or a follow-up read by the LLM, then merged by harm (issue 22): the model's
reading counts where the rules read nothing in that role, only for what the listener visibly typed (a number outside
any name, a name, a genre, a sound word, words about the order), and never drops or inverts what the rules read;
every addition to a prompt is said in the reply."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from assistant.llm.client import LLM, LOCAL_PROVIDER
from assistant.llm.messages import data_message, echoes
from assistant.llm.schemas import LLMIntent, LLMRefinement, ModelRange, compact_intent_schema, intent_schema
from assistant.llm.support import (
    spoken_features,
    supported_count,
    supported_exclusions,
    supported_genres,
    supported_minutes,
    supported_positions,
    supported_removals,
    typed_text,
)
from assistant.models import FeatureRange, Playlist, PlaylistRequest, Refinement, is_feature
from assistant.parsing import CatalogVocabulary, Want, negated_nearby, speaks_of_order, without_names
from assistant.parsing import clip_feature as clip
from assistant.parsing import merge_wants as merge
from assistant.parsing import name_mentions as mentions
from assistant.pipeline import Engine
from index.text import artist_key, fold

MODEL_VIBE_WEIGHT = 0.5  # the model's reading of the sound counts less than a word the lexicon knows
CORE_MODEL_WEIGHT = 0.8  # a follow-up's change the rules could not read: tracks that do not fit it are replaced


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


def _wanted_year(year: int | None, text: str, typed: str) -> bool:
    """A year bound from the model counts if typed outside any name and any negation (`typed` is the text with its
    number names masked): the rules read 'nothing before 2017' themselves, and where they could not, the model's
    bound may be the listener's words inverted."""
    at = _typed_at(year, typed)
    return at is not None and not negated_nearby(text, at)


def _wanted_artists(names: Sequence[str], text: str, engine: Engine) -> list[str]:
    """Catalog artists the listener typed outside a negation cue in their clause."""
    typed = mentions(text, engine.vocab)
    found = []
    for name in names:
        artist = engine.vocab.find_artist(name)
        mention = typed.get(artist_key(artist)) if artist else None
        if mention is not None and not negated_nearby(text, mention.span[0]) and mention.artist not in found:
            found.append(mention.artist)
    return found


def model_vibe(proposed: Sequence[ModelRange], rules: Sequence[FeatureRange], weight: float) -> list[FeatureRange]:
    """The model's ranges, clipped to each feature's scale, on the features the rules did not read from a word the
    lexicon knows (a neighbour's guess may be replaced): the typed word's reading stands where the two disagree."""
    ruled = {t.feature for t in rules if t.source != "neighbour"}
    wants = []
    for target in proposed:
        if not is_feature(target.feature) or target.feature in ruled:
            continue
        bounds = clip(target.feature, target.min, target.max)
        if bounds is None:
            continue  # says nothing, or nothing possible
        wants.append(Want(target.feature, *bounds, weight, 0, [], "model"))
    return merge(wants)


def understand_prompt(llm: LLM, engine: Engine, rules: PlaylistRequest) -> PlaylistRequest:
    """Rules win on everything they read; the model adds only what the listener visibly typed."""
    answer = _ask_intent(llm, engine, rules)
    text, vocab, c = rules.prompt, engine.vocab, rules.constraints
    constraints: dict[str, Any] = {}
    notes: list[str] = []
    if c.count is None and c.duration_min is None:
        constraints, notes = _model_length(answer, text, vocab)
    if c.year_min is None and c.year_max is None and not c.exclude_years:
        years, said = _model_years(answer, text, vocab)
        constraints, notes = constraints | years, notes + said
    extra_excluded = _extra_exclusions(answer, rules, vocab)
    query = rules.query
    if extra_excluded:
        constraints["exclude_artists"] = c.exclude_artists + extra_excluded
        notes += [
            f"the model read that you do not want {a}: left out (say “with {a}” to keep them)" for a in extra_excluded
        ]
        query = without_names(query, extra_excluded, vocab)
    kept = [n for n in rules.notes if not any(n.startswith(f"I took {a} as a wish") for a in extra_excluded)]
    changes: dict[str, Any] = {"constraints": c.model_copy(update=constraints), "query": query, "notes": kept + notes}
    if not rules.genres:
        changes["genres"] = [
            g for g in dict.fromkeys(answer.genres) if g in engine.vocab.labels and g not in c.exclude_genres
        ][:4]
    proposed = model_vibe(answer.vibe, rules.vibe, MODEL_VIBE_WEIGHT)
    if proposed:
        replaced = {t.feature for t in proposed}
        changes["vibe"] = [t for t in rules.vibe if t.feature not in replaced] + proposed
    if rules.arc == "steady" and answer.arc:
        changes["arc"] = answer.arc
    excluded = constraints.get("exclude_artists", c.exclude_artists)
    seeds = [
        a
        for a in _wanted_artists(answer.seed_artists, text, engine)
        if a not in rules.seed_artists and a not in excluded
    ]
    if seeds:
        changes["seed_artists"] = rules.seed_artists + seeds
    extra_query = _extra_query(answer.query, query, rules, excluded)
    if extra_query:
        changes["query"] = f"{query}; {extra_query}"
    return rules.model_copy(update=changes)


def _ask_intent(llm: LLM, engine: Engine, rules: PlaylistRequest) -> LLMIntent:
    """The model's reading of the prompt, told what the rules read; a small local model is asked for less."""
    compact = llm.model.startswith(f"{LOCAL_PROVIDER}/")
    system = engine.templates.render(
        "intent",
        genres=sorted(engine.vocab.labels),
        year=date.today().year,
        rules=rules.constraints.model_dump_json(exclude_defaults=True),
        compact=compact,
    )
    return llm.structured(
        [{"role": "system", "content": system}, data_message(listener_prompt=rules.prompt)],
        LLMIntent,
        compact_intent_schema() if compact else intent_schema(engine.vocab.labels),
    )


def _model_length(answer: LLMIntent, text: str, vocab: CatalogVocabulary) -> tuple[dict[str, Any], list[str]]:
    """A count, or else a length in minutes, the listener typed, with the note that says how it was read."""
    if 1 <= (answer.count or 0) <= 200 and (said := supported_count(answer.count, text, vocab)):
        return {"count": answer.count}, [f"the model read “{said}” as {answer.count} tracks"]
    if 0 < (answer.duration_min or 0) <= 600 and (said := supported_minutes(answer.duration_min, text, vocab)):
        return {"duration_min": answer.duration_min}, [f"the model read “{said}” as {answer.duration_min:g} minutes"]
    return {}, []


def _model_years(answer: LLMIntent, text: str, vocab: CatalogVocabulary) -> tuple[dict[str, Any], list[str]]:
    """The year bounds the listener typed, none where they cross, with the note that says how they were read."""
    typed = typed_text(text, vocab)
    years = {name: getattr(answer, name) for name in ("year_min", "year_max")}
    years = {name: year for name, year in years.items() if _wanted_year(year, text, typed)}
    if years.get("year_min") and years.get("year_max") and years["year_min"] > years["year_max"]:
        return {}, []
    if years.get("year_min") or years.get("year_max"):
        return years, [f"the model read the years as {years.get('year_min') or 'any'}–{years.get('year_max') or 'now'}"]
    return years, []


def _extra_exclusions(answer: LLMIntent, rules: PlaylistRequest, vocab: CatalogVocabulary) -> list[str]:
    """Artists the listener typed as unwanted that the rules did not exclude and did not read as a wish."""
    positive = {artist_key(a) for a in rules.seed_artists}
    return [
        a
        for a in supported_exclusions(answer.exclude_artists, rules.prompt, vocab)
        if a not in rules.constraints.exclude_artists and artist_key(a) not in positive
    ]


def _extra_query(proposed: str, query: str, rules: PlaylistRequest, excluded: Sequence[str]) -> str:
    """The model's words to search for, where they add to the query, do not echo the prompt and name nothing
    excluded (excluded names stay unsearched); empty otherwise."""
    extra = " ".join(proposed.split())[:200]
    unwanted = [artist_key(a) for a in excluded] + [fold(g) for g in rules.constraints.exclude_genres]
    if (
        extra
        and fold(extra) not in fold(query)
        and not echoes(extra, rules.prompt)
        and not any(f" {name} " in f" {fold(extra)} " for name in unwanted)
    ):
        return extra
    return ""


def understand_follow_up(llm: LLM, engine: Engine, rules: Refinement, current: Playlist) -> Refinement:
    """Used when the rules did not understand a follow-up: each change the model reads is kept only where the text
    says it, and only in a role the rules left empty."""
    tracks = [f"{i.position}. {i.artist} – {i.title}" for i in current.items]
    system = engine.templates.render(
        "refine",
        genres=sorted(engine.vocab.labels),
        request=current.request.model_dump_json(include={"query", "constraints"}),
        tracks=tracks,
    )
    answer = llm.structured([{"role": "system", "content": system}, data_message(follow_up=rules.text)], LLMRefinement)
    supported = _supported_changes(answer, rules, current, engine)
    refinement = rules.model_copy(update={k: v for k, v in supported.items() if v and not getattr(rules, k)})
    changed = refinement.model_dump(exclude={"text", "understood", "notes"}, exclude_defaults=True)
    return refinement.model_copy(update={"understood": bool(changed)})


def _supported_changes(answer: LLMRefinement, rules: Refinement, current: Playlist, engine: Engine) -> dict[str, Any]:
    """The model's changes checked against the follow-up as typed: numbers outside names, positions typed or tracks
    named, genres typed, sounds a typed word speaks of, an arc only where the text speaks of the order."""
    text, vocab = rules.text, engine.vocab
    typed = typed_text(text, vocab)
    tracks = [engine.index.track(item.track_id) for item in current.items]
    ruled = [*rules.vibe, *(FeatureRange(feature=s.feature, min=s.toward) for s in rules.vibe_shifts)]
    spoken = spoken_features(text, vocab)
    return {
        "count": answer.count
        if 1 <= (answer.count or 0) <= 200 and supported_count(answer.count, text, vocab)
        else None,
        "duration_min": answer.duration_min
        if 0 < (answer.duration_min or 0) <= 600 and supported_minutes(answer.duration_min, text, vocab)
        else None,
        "year_min": answer.year_min if _wanted_year(answer.year_min, text, typed) else None,
        "year_max": answer.year_max if _wanted_year(answer.year_max, text, typed) else None,
        "exclude_artists": supported_removals(answer.exclude_artists, text, vocab),
        "remove_positions": supported_positions(answer.remove_positions, text, tracks, vocab, removal=True),
        "more_like_positions": supported_positions(answer.more_like_positions, text, tracks, vocab, removal=False),
        "add_genres": supported_genres(answer.add_genres, text, vocab),
        "vibe": [t for t in model_vibe(answer.vibe, ruled, CORE_MODEL_WEIGHT) if t.feature in spoken],
        "arc": answer.arc if speaks_of_order(text) else None,
    }
