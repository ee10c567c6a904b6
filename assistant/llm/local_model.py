"""The in-process model: any instruct GGUF file run by xllamacpp, with the chat template the file itself carries
(llama.cpp's Jinja renderer), behind the litellm custom provider "localgguf".

One generation at a time uses every core, so requests take turns, and none is starved:
- FIFO: requests are served in arrival order (turns.py), so a new request never overtakes one that waits;
- each waits at most until its own deadline (the request's timeout, which the client sets to the time left), then
  leaves the queue with "the local model was busy: N requests ahead", without holding up those behind it;
- stop at the deadline: the model stops reading the prompt (between batches of PROMPT_BATCH tokens) and
  generating (at the next token) when the request's time is up or its reader has gone, so no request holds the
  model past its own time and the wait of the one behind is bounded by the deadlines ahead of it."""

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

from assistant.llm.client import LOCAL_MODEL, LOCAL_PROVIDER, LLMError, register_provider, registered, smollm2_path
from assistant.llm.turns import Turns
from index.errors import PlaylistError
from index.offline import go_offline

if TYPE_CHECKING:  # litellm is imported only once the handler is made (go_offline first)
    from litellm.types.utils import ChatCompletionUsageBlock

GGUF_MAGIC = b"GGUF"
NO_TIMEOUT_S = 600.0  # what a request without a timeout may take
REQUEST_KEYS = ("max_tokens", "temperature", "top_p", "response_format", "seed", "stop")
PROMPT_BATCH = 128  # prompt tokens read between two chances to stop; no slower than 512 on these CPUs


def check_gguf(path: Path, setting: str = "PLAYLIST_LOCAL_MODEL") -> Path:
    """The file, or one error saying what is wrong with it, before llama.cpp fails less clearly."""
    path = path.expanduser()
    if path.is_dir():
        raise PlaylistError(f"{setting}={path} is a folder: name the instruct model's .gguf file in it")
    if not path.is_file():
        raise PlaylistError(f"{setting}={path}: no such file (name an instruct model's .gguf file)")
    try:
        with path.open("rb") as file:
            magic = file.read(len(GGUF_MAGIC))
    except OSError as exc:
        raise PlaylistError(f"{setting}={path}: cannot read it ({exc.strerror})") from exc
    if magic != GGUF_MAGIC:
        raise PlaylistError(f"{setting}={path} is not a GGUF model file")
    return path


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
    request = {"messages": messages, "stream": True, "stream_options": {"include_usage": True},
               "return_progress": True,  # a chunk after each prompt batch: a chance to stop before the first token
               **{k: optional_params[k] for k in REQUEST_KEYS if optional_params.get(k) is not None}}
    schema = ((request.get("response_format") or {}).get("json_schema") or {}).get("schema")
    if schema is not None and _takes_llguidance():
        compact = {**_closed(schema), "x-guidance": {"whitespace_flexible": False, "item_separator": ", ",
                                                     "key_separator": ": "}}
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


@functools.cache
def _handler_class():
    go_offline()  # before litellm is imported: it would fetch its model price list
    from litellm import CustomLLM
    from litellm.types.utils import GenericStreamingChunk, Usage

    class LocalGGUF(CustomLLM):
        """GGUF files run in-process by xllamacpp (no compile; JSON-schema response formats become grammars)."""

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
                    self._server(model).handle_chat_completions(
                        json.dumps(_request(messages, optional_params)),
                        on_chunk)
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

        def _answer(self, model, messages, optional_params,
                    timeout) -> Iterator[tuple[str, str | None, "ChatCompletionUsageBlock | None"]]:
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

        def completion(self, model, messages, model_response, optional_params, timeout=None, **kwargs):
            parts = list(self._answer(model, messages, optional_params, timeout))
            model_response.choices[0].message.content = "".join(text for text, _, _ in parts)
            model_response.choices[0].finish_reason = parts[-1][1]
            model_response.usage = Usage(**parts[-1][2])
            model_response.model = model
            return model_response

        # litellm calls a handler by keyword, so this takes the arguments it uses and the rest in kwargs
        def streaming(  # type: ignore[override]
                self, model, messages, optional_params, timeout=None, **kwargs) -> Iterator:
            for text, finish, usage in self._answer(model, messages, optional_params, timeout):
                yield GenericStreamingChunk(text=text, is_finished=bool(finish), finish_reason=finish or "",
                                            usage=usage, index=0, tool_use=None)

    return LocalGGUF


def _provider():
    handler = registered(LOCAL_PROVIDER)
    if handler is None:
        handler = _handler_class()()
        register_provider(LOCAL_PROVIDER, handler)
    return handler


def local_model_string(path: Path, name: str | None = None) -> str:
    """The litellm model string that runs this GGUF file in-process (loaded on its first call)."""
    return f"{LOCAL_PROVIDER}/{_provider().add(path, name)}"


def ensure_local_model(model: str) -> None:
    """A localgguf/ model string names a registered file; localgguf/smollm2 is found in its package."""
    name = model.split("/", 1)[1]
    if name not in _provider().paths:
        if model != LOCAL_MODEL:
            raise LLMError(f"no local model named {name!r}: name its file with PLAYLIST_LOCAL_MODEL")
        local_model_string(Path(smollm2_path()), name)
