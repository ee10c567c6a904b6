"""GGUF files run in-process by xllamacpp (no compile; JSON-schema response formats become grammars): one llama.cpp
server per file, requests taking turns (turns.py), each answer streamed in chunks and stopped at its deadline.
local_model.py makes this a litellm custom provider."""

import functools
import hashlib
import json
import os
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.llm.errors import LLMError
from assistant.llm.turns import Turns

if TYPE_CHECKING:  # litellm is imported only once the handler is made (go_offline first)
    from litellm.types.utils import ChatCompletionUsageBlock

NO_TIMEOUT_S = 600.0  # what a request without a timeout may take
REQUEST_KEYS = ("max_tokens", "temperature", "top_p", "response_format", "seed", "stop")
PROMPT_BATCH = 128  # prompt tokens read between two chances to stop; no slower than 512 on these CPUs


def _seconds(timeout: Any) -> float:
    """litellm hands the request's timeout on as a number, an httpx.Timeout or None."""
    if isinstance(timeout, (int, float)):
        return float(timeout)
    return float(getattr(timeout, "read", None) or NO_TIMEOUT_S)


def _closed(schema: Any) -> Any:
    """The schema with every object closed to keys beyond its properties, as llama.cpp's own conversion reads
    a schema that does not say."""
    if isinstance(schema, list):
        return [_closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {k: _closed(v) for k, v in schema.items()}
    if "properties" in closed and "additionalProperties" not in closed:
        closed["additionalProperties"] = False
    return closed


@functools.cache
def _takes_llguidance() -> bool:
    """Whether this xllamacpp build reads llguidance grammars (the prebuilt wheels do)."""
    import xllamacpp

    return xllamacpp.json_schema_to_grammar("{}").startswith("%llguidance")


def _request(messages: list, optional_params: dict) -> dict:
    """llama.cpp's chat request. A JSON-schema answer becomes an llguidance grammar without newlines and
    indentation: llama.cpp's own conversion lets the model pretty-print, a third more tokens to generate."""
    request = {
        "messages": messages,
        "stream": True,
        "stream_options": {"include_usage": True},
        "return_progress": True,  # a chunk after each prompt batch: a chance to stop before the first token
        **{k: optional_params[k] for k in REQUEST_KEYS if optional_params.get(k) is not None},
    }
    schema = ((request.get("response_format") or {}).get("json_schema") or {}).get("schema")
    if schema is not None and _takes_llguidance():
        compact = {
            **_closed(schema),
            "x-guidance": {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "},
        }
        request["grammar"] = "%llguidance {}\nstart: %json " + json.dumps(compact)
        del request["response_format"]
    return request


def _threads() -> int:
    """One core left to everything else. llama.cpp's threads wait for each other at every step, so when one
    shares its core with another busy process all of them stall: on 2 cores with other work running, 2 threads
    took 54 s for an answer that 1 thread gave in 1.4 s (on an idle machine 2 threads are ~1.5x faster)."""
    return max(1, (os.cpu_count() or 2) - 1)


def _usage(reported: dict | None) -> "ChatCompletionUsageBlock":
    """llama.cpp's token counts as litellm's usage (the whole prompt, cached part included)."""
    prompt, generated = ((reported or {}).get(k) or 0 for k in ("prompt_tokens", "completion_tokens"))
    return {"prompt_tokens": prompt, "completion_tokens": generated, "total_tokens": prompt + generated}


class GGUFRunner:
    """The model files by name and their llama.cpp servers; `_answer` streams one request's answer."""

    def __init__(self, context: int = 4096):
        super().__init__()
        self.context = context
        self.paths: dict[str, Path] = {}
        self._servers: dict[str, Any] = {}
        self.turns = Turns()  # one generation at a time: it uses every core
        self.timings: Counter[str] = Counter()  # llama.cpp's own token counts and milliseconds, summed

    def add(self, path: Path, name: str | None = None) -> str:
        """Makes a model file callable as localgguf/<name>; a file added twice keeps its first name."""
        path = path.resolve()
        known = next((n for n, p in self.paths.items() if p == path), None)
        if known:
            return known
        name = name or path.stem.lower()
        if name in self.paths:  # another file of the same name
            name = f"{name}-{hashlib.sha256(str(path).encode()).hexdigest()[:6]}"
        self.paths[name] = path
        return name

    def _server(self, name: str):
        if name not in self._servers:
            try:
                import xllamacpp
            except ImportError as exc:
                raise LLMError("the local runtime is not installed: pip install xllamacpp") from exc
            params = xllamacpp.CommonParams()
            params.model.path = str(self.paths[name])
            params.use_jinja = True  # the GGUF's own chat template, not a built-in guess from its name
            params.n_ctx = self.context
            params.n_batch = params.n_ubatch = PROMPT_BATCH
            params.cpuparams.n_threads = params.cpuparams_batch.n_threads = _threads()
            params.verbosity = -1  # llama.cpp logs every slot to stderr otherwise
            try:
                self._servers[name] = xllamacpp.Server(params)
            except RuntimeError as exc:
                raise LLMError(f"llama.cpp could not load {self.paths[name]} ({exc})") from exc
        return self._servers[name]

    def _chunks(self, model: str, messages: list, optional_params: dict, timeout: Any) -> Iterator[dict]:
        """The answer's streamed chunks, once this request's turn comes. Generation stops (the callback
        returns True) once the reader is gone or its time is up; the model is then free for the next."""
        if model not in self.paths:
            raise LLMError(f"no local model named {model!r}: name its file with PLAYLIST_LOCAL_MODEL")
        seconds = _seconds(timeout)
        deadline = time.monotonic() + seconds
        chunks: queue.Queue = queue.Queue()
        gone = threading.Event()

        def on_chunk(raw: str) -> bool:
            """Each streamed chunk; True stops the generation."""
            chunks.put(raw)
            return gone.is_set() or time.monotonic() >= deadline

        def run() -> None:
            try:
                self._server(model).handle_chat_completions(json.dumps(_request(messages, optional_params)), on_chunk)
            except Exception as exc:  # handed to the reading thread below
                chunks.put(exc if isinstance(exc, LLMError) else LLMError(f"local model error: {exc}"))
            finally:
                self.turns.leave()
                chunks.put(None)

        self.turns.take(deadline)
        threading.Thread(target=run, daemon=True, name="local-model").start()
        try:
            while (raw := self._next(chunks, deadline, seconds)) is not None:
                data = json.loads(raw)
                if "choices" not in data:
                    raise LLMError(f"local model error: {raw[:200]}")
                self._count(data.get("timings"))
                if "prompt_progress" not in data:
                    yield data
        finally:
            gone.set()

    @staticmethod
    def _next(chunks: queue.Queue, deadline: float, seconds: float) -> str | None:
        try:
            raw = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise LLMError(f"the local model gave no complete answer within {seconds:g} s") from None
        if isinstance(raw, LLMError):
            raise raw
        return raw

    def _count(self, timings: dict | None) -> None:
        for key in ("prompt_n", "prompt_ms", "predicted_n", "predicted_ms"):
            self.timings[key] += (timings or {}).get(key, 0)

    def _answer(
        self, model, messages, optional_params, timeout
    ) -> Iterator[tuple[str, str | None, "ChatCompletionUsageBlock | None"]]:
        """(text, finish_reason, usage) for each piece of the answer; the last one says how it ended and how
        many tokens it took. An answer the deadline stopped has no finish reason: an error, not a reply."""
        finish, usage = None, None
        for data in self._chunks(model, messages, optional_params, timeout):
            usage = data.get("usage") or usage
            for choice in data["choices"][:1]:
                finish = choice.get("finish_reason") or finish
                text = (choice.get("delta") or {}).get("content")
                if text:
                    yield text, None, None
        if finish is None:
            raise LLMError(f"the local model gave no complete answer within {_seconds(timeout):g} s")
        yield "", finish, _usage(usage)
