"""Test models shared by the test files, all through the real client (assistant.llm.client.LLM), never a fake of
it: litellm's own `mock_response` for fixed answers (`mock_llm`), and `ScriptedModel`, a litellm custom provider
whose `answer` decides each reply, streamed in small pieces the way a provider streams. Next to tests/servers.py
(the real Supysonic, MPD, PostgreSQL and Milvus servers the tests start)."""

import json
from collections.abc import Iterator

from litellm import CustomLLM

from assistant.llm.client import LLM, register_provider

# The understanding call's answer when a model has nothing to add to the rules' reading.
NOTHING_MORE = json.dumps({"query": "", "genres": []})


def mock_llm(answers: str | list[str], model: str = "openai/mock", **kwargs) -> LLM:
    """The real client answering from litellm's mock_response: one answer (a string) for every call, or a list
    of them in order."""
    return LLM(model, mock_response=answers, **kwargs)


def stream_chunks(pieces: list[str], finish: str = "stop") -> Iterator[dict]:
    """litellm's GenericStreamingChunk dicts for these pieces, the last one finished with `finish`."""
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        yield {
            "text": piece,
            "is_finished": last,
            "finish_reason": finish if last else "",
            "usage": None,
            "index": 0,
            "tool_use": None,
        }


class ScriptedModel(CustomLLM):
    """A custom provider: `answer(messages, optional_params)` gives (text, finish_reason) for each call, also
    when streamed (`pieces` cuts the text); `seen` keeps every call's messages. Register it with `install`."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list] = []

    def answer(self, messages: list, optional_params: dict) -> tuple[str, str]:
        raise NotImplementedError

    def pieces(self, text: str) -> list[str]:
        return [text[i : i + 7] for i in range(0, len(text), 7)]

    def install(self, provider: str) -> "ScriptedModel":
        """Registers this model as `provider` (called as LLM(f"{provider}/any"))."""
        register_provider(provider, self)
        return self

    def completion(self, model, messages, *args, **kwargs):
        self.seen.append(messages)
        response = kwargs["model_response"] if "model_response" in kwargs else args[3]
        text, finish = self.answer(messages, kwargs.get("optional_params") or {})
        response.choices[0].message.content, response.choices[0].finish_reason = text, finish
        return response

    def streaming(self, model, messages, *args, **kwargs):
        self.seen.append(messages)
        text, finish = self.answer(messages, kwargs.get("optional_params") or {})
        yield from stream_chunks(self.pieces(text), finish)


class QueueModel(ScriptedModel):
    """Answers queued in `answers`, in order; streamed word by word."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []

    def answer(self, messages, optional_params):
        return self.answers.pop(0), "stop"

    def pieces(self, text: str) -> list[str]:
        words = text.split(" ")
        return [word + ("" if n == len(words) - 1 else " ") for n, word in enumerate(words)]
