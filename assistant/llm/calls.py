"""One model call under a hard wall-clock deadline, streamed or not, and what it reports (finish reason, tokens,
seconds). litellm's timeout bounds each read, not the call, so a server that trickles tokens could hold a call
for minutes: the request runs in a worker thread, the caller stops waiting at the deadline, and the worker stops
reading and closes the stream at its next chunk (a read that never ends is still bounded by the request timeout,
which is the time that was left). A whole answer still arriving at the deadline is read to its end in the
background, unused. The worker gets a copy of the caller's context, so the step deadline holds."""

import contextvars
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.llm.errors import LLMTimeout, first_line

REPORT_GRACE_S = 0.2  # how long past the deadline a provider's own error is awaited (_at_deadline)
_END = object()


@dataclass(frozen=True)
class Reply:
    """One answered call. finish_reason is the provider's ("stop"; "length": cut off by max_tokens); tokens as the
    provider reported them (None when it did not); first_text_s: seconds to the first streamed text (mostly
    reading the prompt), None when not streamed."""

    model: str
    text: str
    finish_reason: str | None
    prompt_tokens: int | None
    generated_tokens: int | None
    seconds: float
    first_text_s: float | None = None

    @property
    def generated_per_s(self) -> float | None:
        """Generation speed: tokens over the time after the first text when streamed, else over the whole call."""
        writing = self.seconds - (self.first_text_s or 0.0)
        return self.generated_tokens / writing if self.generated_tokens and writing > 0 else None


def _work(completion: Callable[..., Any], kwargs: dict, stream: bool, out: queue.Queue, stop: threading.Event) -> None:
    """The request, in the worker thread: each chunk (or the one response) goes to `out`, then _END."""
    try:
        response = completion(stream=stream, **kwargs)
        if not stream:
            out.put(response)
            return
        try:
            for chunk in response:
                out.put(chunk)
                if stop.is_set():
                    break
        finally:
            close = getattr(response, "close", None)
            if callable(close):
                close()  # litellm closes the provider's stream: its connection, or the local model's generation
    except Exception as exc:  # handed to the caller's thread
        out.put(exc)
    finally:
        out.put(_END)


class _Reading:
    """What has come so far: text, the finish reason, the usage."""

    def __init__(self, on_text: Callable[[str], None] | None):
        self.on_text = on_text
        self.parts: list[str] = []
        self.finish: str | None = None
        self.usage: Any = None
        self.first_text_s: float | None = None

    def add(self, item: Any, started: float) -> None:
        self.usage = getattr(item, "usage", None) or self.usage
        choice = item.choices[0] if getattr(item, "choices", None) else None
        if choice is None:
            return
        self.finish = getattr(choice, "finish_reason", None) or self.finish
        message = getattr(choice, "message", None) if self.on_text is None else getattr(choice, "delta", None)
        text = getattr(message, "content", None)
        if text:
            self.parts.append(text)
            if self.on_text is not None:
                self.first_text_s = self.first_text_s or time.monotonic() - started
                self.on_text(text)

    def reply(self, model: str, started: float) -> Reply:
        prompt, generated = (getattr(self.usage, k, None) for k in ("prompt_tokens", "completion_tokens"))
        return Reply(
            model, "".join(self.parts), self.finish, prompt, generated, time.monotonic() - started, self.first_text_s
        )


def bounded_call(
    completion: Callable[..., Any],
    kwargs: dict,
    seconds: float,
    model: str,
    on_text: Callable[[str], None] | None = None,
) -> Reply:
    """completion(**kwargs)'s reply, streamed through on_text when given; LLMTimeout (with the text so far) once
    `seconds` have passed. The provider's own errors are re-raised as they are."""
    started = time.monotonic()
    deadline = started + seconds
    out: queue.Queue = queue.Queue()
    stop = threading.Event()
    context = contextvars.copy_context()
    threading.Thread(
        target=context.run,
        args=(_work, completion, kwargs, on_text is not None, out, stop),
        daemon=True,
        name="model-call",
    ).start()
    reading = _Reading(on_text)
    try:
        while (left := deadline - time.monotonic()) > 0:
            try:
                item = out.get(timeout=left)
            except queue.Empty:
                break
            if item is _END:
                return reading.reply(model, started)
            if isinstance(item, Exception):
                raise item
            reading.add(item, started)
        said = "".join(reading.parts)
        why = _at_deadline(out) if not said else None
        why = why or f"no complete answer within {seconds:.3g} s"
        raise LLMTimeout(f"the model {model} did not answer: it ran out of time ({why})", said)
    finally:
        stop.set()


def _at_deadline(out: queue.Queue) -> str | None:
    """The provider's own error when it comes within REPORT_GRACE_S of the deadline: it may say more ("the local
    model was busy: 2 requests ahead")."""
    ends = time.monotonic() + REPORT_GRACE_S
    while (left := ends - time.monotonic()) > 0:
        try:
            item = out.get(timeout=left)
        except queue.Empty:
            return None
        if item is _END:
            return None
        if isinstance(item, Exception):
            return first_line(item)
    return None
