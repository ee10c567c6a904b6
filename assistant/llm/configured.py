"""The models the settings name: one for both steps, a router's model group, or a local GGUF file that only
understands. Kept with the client it makes, so config stays the reading of the variables."""

from assistant.config import Settings
from assistant.llm.client import LLM, LOCAL_PROVIDER, load_router, resolve_model
from assistant.llm.local_model import local_model_string
from index.errors import PlaylistError


def configured_llm(settings: Settings) -> LLM | None:
    """The configured model, or None for the deterministic path (PLAYLIST_LLM unset or none)."""
    given = settings.model
    model = resolve_model(given.name)
    if given.router is not None:
        router = load_router(given.router)
        groups = list(dict.fromkeys(d["model_name"] for d in router.model_list))
        if model is not None and model not in groups:
            raise PlaylistError(
                f"PLAYLIST_LLM={given.name!r} is not a model group of {given.router} ({', '.join(groups)})"
            )
        return LLM(model or groups[0], timeout_s=given.timeout_s, router=router)
    if model is None:
        return None
    if (settings.model.name or "").strip().lower() == "local" and (path := settings.local_model_file()) is not None:
        model = local_model_string(path)
    return LLM(model, timeout_s=_call_timeout_s(settings, model))


def configured_llms(settings: Settings) -> tuple[LLM | None, LLM | None]:
    """(understanding, curation). PLAYLIST_LLM (or a router) names one model for both; unset, a local model
    that is present understands prompts and follow-ups and nothing curates; none: no model at all."""
    if settings.model.name is not None or settings.model.router is not None:
        llm = configured_llm(settings)
        return llm, llm
    path = settings.local_model_file()
    if path is None:
        return None, None
    return LLM(local_model_string(path), timeout_s=settings.model.timeout_s), None


def _call_timeout_s(settings: Settings, model: str) -> float:
    """One request's limit: PLAYLIST_LLM_TIMEOUT, but an in-process model writing a chunk of reasons on two
    cores takes longer than a remote one, so it gets the curation's deadline (every step bounds it anyway)."""
    local = model.startswith(f"{LOCAL_PROVIDER}/")
    return max(settings.model.timeout_s, settings.model.curate_timeout_s) if local else settings.model.timeout_s
