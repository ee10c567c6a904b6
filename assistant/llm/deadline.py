"""A wall-clock limit on a model step, so the rules' reading never waits on a slow model. The step runs in a
worker thread and the caller stops waiting at the deadline; the step's own requests see the time that is left
(time_left), so a retry does not start late and the in-process model stops generating instead of holding both
cores for an answer nobody will read. Deadlines nest and the nearer wins: a step's, then an LLM call's own
timeout_s (limit)."""

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from index.errors import PlaylistError

T = TypeVar("T")

_deadline: ContextVar[float | None] = ContextVar("model_deadline", default=None)


class ModelTooSlow(PlaylistError):
    """The model had no answer by the deadline; the caller goes on without it."""


def time_left(limit: float) -> float:
    """Seconds a model request may take now: its own limit, or less when the step's deadline is nearer."""
    deadline = _deadline.get()
    return limit if deadline is None else min(limit, deadline - time.monotonic())


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Everything inside (a structured answer and its retry) shares one deadline, `seconds` from now, or the
    enclosing one when that is nearer."""
    ends = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(ends if outer is None else min(outer, ends))
    try:
        yield
    finally:
        _deadline.reset(token)


def within(seconds: float | None, step: Callable[[], T], what: str, grace_s: float = 0.0) -> T:
    """step()'s result, or ModelTooSlow once `seconds` have passed (None: no limit); its errors are re-raised.
    The step's requests end at `seconds`; `grace_s` more lets a step that keeps partial answers finish with them."""
    if seconds is None:
        return step()
    outcome: dict = {}
    done = threading.Event()

    def run() -> None:
        try:
            with limit(seconds):  # this thread's own context: other calls keep their limits
                outcome["value"] = step()
        except BaseException as exc:  # handed to the waiting thread below
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, daemon=True, name="model-step").start()
    if not done.wait(seconds + grace_s):
        raise ModelTooSlow(f"{what} was too slow (no answer within {seconds:g} s)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def streamed(call: Callable[[Callable[..., None]], object]) -> Iterator[tuple]:
    """Runs call(emit) (a model step that emits as it goes) in a thread and yields what it emits as it arrives,
    then ("final", its result), or raises its error."""
    emitted: queue.Queue = queue.Queue()
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["playlist"] = call(lambda *item: emitted.put(item))
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc
        finally:
            emitted.put(None)

    threading.Thread(target=run, daemon=True).start()
    while (item := emitted.get()) is not None:
        yield item
    if "error" in outcome:
        raise outcome["error"]
    yield "final", outcome["playlist"]
