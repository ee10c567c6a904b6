"""The LLM half: the litellm client and the in-process GGUF provider (client), and the model's three steps with
the merges that keep it from overriding the rules (steps)."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.llm.client import LLM, LOCAL_PROVIDER, LLMError, load_router, resolve_model
    from assistant.llm.configured import configured_llm, configured_llms
    from assistant.llm.deadline import ModelTooSlow, streamed, within
    from assistant.llm.diff import model_changes, with_reasons
    from assistant.llm.live import CURATE_GRACE_S, curate_live
    from assistant.llm.local_model import check_gguf, local_model_string
    from assistant.llm.model_commands import add_parser as add_model_parser
    from assistant.llm.model_commands import run as run_model
    from assistant.llm.model_fetch import fetched
    from assistant.llm.steps import curate
    from assistant.llm.understand import understand_follow_up, understand_prompt

__all__ = [
    "CURATE_GRACE_S",
    "LLM",
    "LLMError",
    "LOCAL_PROVIDER",
    "ModelTooSlow",
    "add_model_parser",
    "check_gguf",
    "configured_llm",
    "configured_llms",
    "curate",
    "curate_live",
    "fetched",
    "load_router",
    "local_model_string",
    "model_changes",
    "resolve_model",
    "run_model",
    "streamed",
    "understand_follow_up",
    "understand_prompt",
    "with_reasons",
    "within",
]

_HOMES = {
    "CURATE_GRACE_S": "live.CURATE_GRACE_S",
    "LLM": "client.LLM",
    "LLMError": "client.LLMError",
    "LOCAL_PROVIDER": "client.LOCAL_PROVIDER",
    "ModelTooSlow": "deadline.ModelTooSlow",
    "add_model_parser": "model_commands.add_parser",
    "check_gguf": "local_model.check_gguf",
    "configured_llm": "configured.configured_llm",
    "configured_llms": "configured.configured_llms",
    "curate": "steps.curate",
    "curate_live": "live.curate_live",
    "fetched": "model_fetch.fetched",
    "load_router": "client.load_router",
    "local_model_string": "local_model.local_model_string",
    "model_changes": "diff.model_changes",
    "resolve_model": "client.resolve_model",
    "run_model": "model_commands.run",
    "streamed": "deadline.streamed",
    "understand_follow_up": "understand.understand_follow_up",
    "understand_prompt": "understand.understand_prompt",
    "with_reasons": "diff.with_reasons",
    "within": "deadline.within",
}

__getattr__ = public_names(__name__, _HOMES)
