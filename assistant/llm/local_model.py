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
from collections.abc import Iterator
from pathlib import Path

from assistant.llm.client import LOCAL_MODEL, LOCAL_PROVIDER, LLMError, register_provider, registered, smollm2_path
from assistant.llm.gguf import GGUFRunner
from index.errors import PlaylistError
from index.offline import go_offline

GGUF_MAGIC = b"GGUF"


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


@functools.cache
def _handler_class():
    go_offline()  # before litellm is imported: it would fetch its model price list
    from litellm import CustomLLM
    from litellm.types.utils import GenericStreamingChunk, Usage

    class LocalGGUF(GGUFRunner, CustomLLM):
        """The GGUF runner as a litellm custom provider: a whole answer, or its stream."""

        def completion(self, model, messages, model_response, optional_params, timeout=None, **kwargs):
            parts = list(self._answer(model, messages, optional_params, timeout))
            model_response.choices[0].message.content = "".join(text for text, _, _ in parts)
            model_response.choices[0].finish_reason = parts[-1][1]
            model_response.usage = Usage(**parts[-1][2])
            model_response.model = model
            return model_response

        # litellm calls a handler by keyword, so this takes the arguments it uses and the rest in kwargs
        def streaming(  # type: ignore[override]
            self, model, messages, optional_params, timeout=None, **kwargs
        ) -> Iterator:
            for text, finish, usage in self._answer(model, messages, optional_params, timeout):
                yield GenericStreamingChunk(
                    text=text, is_finished=bool(finish), finish_reason=finish or "", usage=usage, index=0, tool_use=None
                )

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
