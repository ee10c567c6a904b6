"""The in-process model: any instruct GGUF file run by xllamacpp, with the chat template the file itself carries
(llama.cpp's Jinja renderer), behind the litellm custom provider "localgguf". Every answer is generated as a
stream that stops when the request's time is up, so a caller that gave up does not keep the cores busy."""

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
from typing import Any

from assistant.llm.client import LOCAL_MODEL, LOCAL_PROVIDER, LLMError, register_provider, registered, smollm2_path
from index.errors import PlaylistError
from index.offline import go_offline

GGUF_MAGIC = b"GGUF"
NO_TIMEOUT_S = 600.0  # what a request without a timeout may take
REQUEST_KEYS = ("max_tokens", "temperature", "top_p", "response_format", "seed", "stop")


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
    request = {"messages": messages, "stream": True,
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


@functools.cache
def _handler_class():
    go_offline()  # before litellm is imported: it would fetch its model price list
    from litellm import CustomLLM
    from litellm.types.utils import GenericStreamingChunk

    class LocalGGUF(CustomLLM):
        """GGUF files run in-process by xllamacpp (no compile; JSON-schema response formats become grammars)."""

        def __init__(self, context: int = 4096):
            super().__init__()
            self.context = context
            self.paths: dict[str, Path] = {}
            self._servers: dict[str, Any] = {}
            self._lock = threading.Lock()  # one generation at a time: it uses every core
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
                params.cpuparams.n_threads = params.cpuparams_batch.n_threads = _threads()
                params.verbosity = -1  # llama.cpp logs every slot to stderr otherwise
                try:
                    self._servers[name] = xllamacpp.Server(params)
                except RuntimeError as exc:
                    raise LLMError(f"llama.cpp could not load {self.paths[name]} ({exc})") from exc
            return self._servers[name]

        def _chunks(self, model: str, messages: list, optional_params: dict, timeout: Any) -> Iterator[dict]:
            """The answer's streamed chunks. Generation stops (the callback returns True) once the reader is
            gone or its time is up."""
            if model not in self.paths:
                raise LLMError(f"no local model named {model!r}: name its file with PLAYLIST_LOCAL_MODEL")
            seconds = _seconds(timeout)
            deadline = time.monotonic() + seconds
            chunks: queue.Queue = queue.Queue()
            stop = threading.Event()

            def run() -> None:
                try:
                    if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                        raise LLMError(f"the local model was busy for {seconds:g} s")
                    try:
                        self._server(model).handle_chat_completions(
                            json.dumps(_request(messages, optional_params)),
                            lambda raw: chunks.put(raw) or stop.is_set())
                    finally:
                        self._lock.release()
                except Exception as exc:  # handed to the reading thread below
                    chunks.put(exc if isinstance(exc, LLMError) else LLMError(f"local model error: {exc}"))
                finally:
                    chunks.put(None)

            threading.Thread(target=run, daemon=True, name="local-model").start()
            try:
                while (raw := self._next(chunks, deadline, seconds)) is not None:
                    data = json.loads(raw)
                    if "choices" not in data:
                        raise LLMError(f"local model error: {raw[:200]}")
                    self._count(data.get("timings"))
                    yield data
            finally:
                stop.set()

        @staticmethod
        def _next(chunks: queue.Queue, deadline: float, seconds: float) -> str | None:
            try:
                raw = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMError(f"the local model gave no answer within {seconds:g} s") from None
            if isinstance(raw, LLMError):
                raise raw
            return raw

        def _count(self, timings: dict | None) -> None:
            for key in ("prompt_n", "prompt_ms", "predicted_n", "predicted_ms"):
                self.timings[key] += (timings or {}).get(key, 0)

        def completion(self, model, messages, model_response, optional_params, timeout=None, **kwargs):
            parts = [(data["choices"][0].get("delta") or {}).get("content") or ""
                     for data in self._chunks(model, messages, optional_params, timeout) if data["choices"]]
            model_response.choices[0].message.content = "".join(parts)
            model_response.model = model
            return model_response

        def streaming(self, model, messages, optional_params, timeout=None, **kwargs) -> Iterator:
            for data in self._chunks(model, messages, optional_params, timeout):
                if not data["choices"]:
                    continue
                choice = data["choices"][0]
                finish = choice.get("finish_reason")
                yield GenericStreamingChunk(text=(choice.get("delta") or {}).get("content") or "",
                                            is_finished=bool(finish), finish_reason=finish or "", usage=None,
                                            index=0, tool_use=None)

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
