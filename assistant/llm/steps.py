"""Curation with a model: it picks, orders and explains among the retrieved candidates, in chunks it can write
whole. Each chunk's token budget comes from its size; candidates are numbered (one token a pick, and no id to
invent); a cut-off answer keeps the picks that came and the rules' tracks fill the rest, without a blind retry.
Everything the model says is re-checked: tracks against the constraints, reasons and the title against the
catalog (claims.py)."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from assistant.llm.claims import false_claim, reason_is_true
from assistant.llm.client import LLM, AnswerCutOff, LLMError, complete_items
from assistant.llm.limits import DESCRIPTION_CHARS, REASON_CHARS, TITLE_CHARS, Bounded, Clipped, clip
from assistant.llm.messages import data_message, echoes
from assistant.llm.prose import ProseStream
from assistant.models import MAX_TRACKS, Playlist
from assistant.pipeline import Candidate, Draft, Engine, Selection, assemble, order, select
from assistant.profiles import ListenerProfile
from index.catalog import Track
from index.describe import mood_words
from index.text import fold

CHUNK_TRACKS = 10  # what a 1.5B model on two cores writes in ~30 s; a remote model gets the same chunks
MAX_ALTERNATES = 15
TOKENS_PER_PICK = 45  # {"id": 12, "reason": "…"}: a reason of ~15 words, measured at 30–40 tokens
TOKENS_HEAD = 90  # the title and the one-sentence description
TOKENS_SLACK = 40
ReasonCallback = Callable[[str, str], None]  # (track_id, a model reason that passed the checks)


class CuratedTrack(BaseModel):
    id: Annotated[str, BeforeValidator(lambda value: str(value))]
    reason: Annotated[str, Clipped(REASON_CHARS)] = ""


class Curation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Annotated[str, Clipped(TITLE_CHARS)] = ""
    description: Annotated[str, Clipped(DESCRIPTION_CHARS)] = ""
    tracks: Annotated[list[CuratedTrack], Bounded(MAX_TRACKS)] = Field(default_factory=list)


@dataclass
class Chunk:
    """Consecutive positions of the draft and a share of the alternates; the model picks `picks` of `pool`."""

    tracks: list[Track]
    alternates: list[Track]

    @property
    def pool(self) -> list[Track]:
        return self.tracks + self.alternates

    @property
    def picks(self) -> int:
        return len(self.tracks)


def plan_chunks(chosen: Sequence[Track], alternates: Sequence[Track], size: int = CHUNK_TRACKS) -> list[Chunk]:
    """Chunks of at most `size` draft tracks, as even as possible, the alternates dealt out in turn."""
    count = -(-len(chosen) // size) or 1
    bounds = [round(i * len(chosen) / count) for i in range(count + 1)]
    chunks = [Chunk(list(chosen[a:b]), []) for a, b in zip(bounds, bounds[1:])]
    for i, track in enumerate(alternates):
        chunks[i % count].alternates.append(track)
    return chunks


def curate_schema(pool_size: int, picks: int, head: bool) -> dict:
    tracks = {
        "type": "array",
        "minItems": picks,
        "maxItems": picks,
        "items": {
            "type": "object",
            "required": ["id", "reason"],
            "properties": {
                "id": {"enum": list(range(1, pool_size + 1))},
                "reason": {"type": "string", "maxLength": REASON_CHARS},
            },
        },
    }
    if not head:
        return {"type": "object", "properties": {"tracks": tracks}, "required": ["tracks"]}
    return {
        "type": "object",
        "required": ["title", "tracks"],
        "properties": {
            "title": {"type": "string", "maxLength": TITLE_CHARS},
            "description": {"type": "string", "maxLength": DESCRIPTION_CHARS},
            "tracks": tracks,
        },
    }


def _candidate_view(number: int, track: Track) -> dict:
    return {
        "id": number,
        "title": track.title,
        "artist": track.artist,
        "year": track.year,
        "genres": list(track.all_genres)[:3],
        "mood": ", ".join(mood_words(track)[:3]),
    }


def _budget(picks: int, head: bool) -> int:
    return TOKENS_SLACK + TOKENS_PER_PICK * picks + (TOKENS_HEAD if head else 0)


@dataclass
class Curated:
    """What the chunks gave: picks in order with their reasons, the model's title and description, notes."""

    picks: list[tuple[Track, str]]
    title: str = ""
    description: str = ""
    warnings: list[str] = field(default_factory=list)


def _ask_chunk(llm: LLM, engine: Engine, prompt: str, chunk: Chunk, head: bool, prose: ProseStream) -> Curation:
    numbered = dict(enumerate(chunk.pool, start=1))
    system = engine.templates.render(
        "curate",
        prompt=prompt,
        count=chunk.picks,
        head=head,
        candidates=[_candidate_view(n, t) for n, t in numbered.items()],
        max_reason_chars=REASON_CHARS,
    )
    prose.begin(numbered)
    messages = [{"role": "system", "content": system}, data_message(listener_prompt=prompt, choose=chunk.picks)]
    try:
        return llm.structured(
            messages,
            Curation,
            curate_schema(len(numbered), chunk.picks, head),
            prose.feed,
            max_tokens=_budget(chunk.picks, head),
        )
    except AnswerCutOff as cut:
        return Curation(
            tracks=[
                CuratedTrack.model_validate(item)
                for item in complete_items(cut.partial, "tracks")
                if isinstance(item, dict) and "id" in item
            ]
        )


def _resolved(answer: Curation, chunk: Chunk, taken: set[str]) -> tuple[list[tuple[Track, str]], int]:
    """The chunk's picks as tracks (a number, or a candidate's real id), first mention only, at most `picks`;
    then the chunk's own draft tracks the model left out, with no model reason. Returns them and how many
    picks named no candidate."""
    numbered = {str(n): t for n, t in enumerate(chunk.pool, start=1)} | {t.track_id: t for t in chunk.pool}
    picks: list[tuple[Track, str]] = []
    invented = 0
    for pick in answer.tracks:
        track = numbered.get(pick.id)
        if track is None:
            invented += 1
        elif track.track_id not in taken and len(picks) < chunk.picks:
            taken.add(track.track_id)
            picks.append((track, pick.reason))
    for track in chunk.tracks:
        if len(picks) < chunk.picks and track.track_id not in taken:
            taken.add(track.track_id)
            picks.append((track, ""))
    return picks, invented


def curate_chunks(llm: LLM, engine: Engine, prompt: str, chunks: Sequence[Chunk], prose: ProseStream) -> Curated:
    """Each chunk in turn. A failure after the first chunk keeps what came; the rest stay the rules' own."""
    curated, invented = Curated([]), 0
    taken: set[str] = set()
    for n, chunk in enumerate(chunks):
        try:
            answer = _ask_chunk(llm, engine, prompt, chunk, n == 0, prose)
        except LLMError as exc:
            if n == 0:
                raise
            curated.warnings.append(
                f"the model stopped after {len(curated.picks)} tracks ({exc}); the rest are the rules' picks"
            )
            answer = Curation()
        if n == 0:
            curated.title, curated.description = answer.title, answer.description
        picks, wrong = _resolved(answer, chunk, taken)
        curated.picks += picks
        invented += wrong
    if invented:
        curated.warnings.append(f"the model named {invented} track(s) that were not candidates; they were left out")
    return curated


def _checked_text(
    text: str, fallback: str, tracks: Sequence[Track], playlist: Playlist, engine: Engine, stats: Counter
) -> str:
    """The model's title or description, unless it echoes the prompt or claims what the tracks are not."""
    if not text:
        return fallback
    if echoes(text, playlist.request.prompt):
        stats["title_echo"] += 1
        return fallback
    if fold(text) in {fold(t.title) for t in tracks}:  # one song's name is not the playlist's
        stats["title_is_a_track"] += 1
        return fallback
    claim = false_claim(text, tracks, playlist.request, engine.vocab)
    if claim is not None:
        stats[f"claim_{claim}"] += 1
        return fallback
    return text


def curate(
    llm: LLM,
    engine: Engine,
    draft: Draft,
    profile: ListenerProfile | None,
    on_text: Callable[[str], None] | None = None,
    on_reason: ReasonCallback | None = None,
) -> Playlist:
    """The model picks and orders among the draft's tracks plus alternates, chunk by chunk; its prose streams
    through on_text and each reason that passes the checks through on_reason as it comes."""
    request = draft.playlist.request
    chosen = [t for t in (engine.index.track(i) for i in draft.playlist.track_ids) if t]
    chosen_ids = {t.track_id for t in chosen}
    alternates = [c.track for c in draft.candidates if c.track.track_id not in chosen_ids][:MAX_ALTERNATES]
    other_artists = [t.artist for t in chosen + alternates]

    def checked(track: Track, reason: str) -> bool:
        return reason_is_true(reason, track, other_artists, engine.vocab.labels, request.prompt)

    prose = ProseStream(on_text, on_reason, checked)
    curated = curate_chunks(llm, engine, request.prompt, plan_chunks(chosen, alternates), prose)
    scores = {c.track.track_id: c for c in draft.candidates}
    picked = {t.track_id for t, _ in curated.picks}
    backups = [t for t in chosen + alternates if t.track_id not in picked]  # if a pick breaks a cap
    ordered = [
        scores.get(t.track_id) or Candidate(t, 0, 0.5, 0, False, 0) for t in [t for t, _ in curated.picks] + backups
    ]
    selection = Selection(request.constraints)
    select(ordered, selection)
    tracks = selection.tracks if request.arc == "steady" else order(selection.tracks, request.arc)
    playlist = assemble(tracks, request, profile, list(draft.playlist.warnings) + curated.warnings, scores, engine)
    reasons = {t.track_id: clip(r, REASON_CHARS) for t, r in curated.picks if r}
    by_id = {t.track_id: t for t, _ in curated.picks}
    kept = [
        item.track_id in reasons and checked(by_id[item.track_id], reasons[item.track_id]) for item in playlist.items
    ]
    llm.checks["reasons_kept"] += sum(kept)
    llm.checks["reasons_rejected"] += sum(item.track_id in reasons for item in playlist.items) - sum(kept)
    items = [
        item.model_copy(update={"reason": reasons[item.track_id], "reason_source": "model"}) if keep else item
        for item, keep in zip(playlist.items, kept)
    ]
    title = _checked_text(curated.title, playlist.title, tracks, playlist, engine, llm.checks)
    description = _checked_text(curated.description, playlist.description, tracks, playlist, engine, llm.checks)
    return playlist.model_copy(update={"items": items, "title": title, "description": description})
