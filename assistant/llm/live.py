"""Curation as the listener watches it: within the curation's deadline, the model's prose as it is written, the
draft again with each checked reason as it comes, then the curated playlist with a line on what the model changed.
The session turns each step into one of its events."""

from collections.abc import Callable, Iterator
from typing import Literal

from assistant.llm.client import LLM
from assistant.llm.deadline import streamed, within
from assistant.llm.diff import model_changes, with_reasons
from assistant.llm.steps import curate
from assistant.models import Playlist
from assistant.pipeline import Draft, Engine
from assistant.profiles import ListenerProfile

CURATE_GRACE_S = 5.0  # past the curation deadline, the time left to assemble what the model gave by then
Progress = tuple[Literal["text"], str] | tuple[Literal["draft", "final"], Playlist]


def curate_live(
    llm: LLM, engine: Engine, draft: Draft, profile: ListenerProfile | None, timeout_s: float | None
) -> Iterator[Progress]:
    """("text", prose) as it is written, ("draft", the draft with the reasons so far), then ("final", playlist)."""

    def call(emit: Callable[..., None]) -> Playlist:
        return within(
            timeout_s,
            lambda: curate(
                llm,
                engine,
                draft,
                profile,
                lambda text: emit("text", text),
                lambda track_id, reason: emit("reason", track_id, reason),
            ),
            f"the model {llm.model}",
            grace_s=CURATE_GRACE_S,
        )

    reasons: dict[str, str] = {}
    for kind, *payload in streamed(call):
        if kind == "text":
            yield "text", payload[0]
        elif kind == "reason":
            reasons[payload[0]] = payload[1]
            yield "draft", with_reasons(draft.playlist, reasons)
        else:
            final = payload[0]
            yield "final", final.model_copy(update={"model_changes": model_changes(draft.playlist, final)})
