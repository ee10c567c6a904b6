"""The ways a model call fails, so callers can fall back (LLMError), keep what came before the deadline
(LLMTimeout) or ask again for the rest of an answer that max_tokens cut off (AnswerCutOff); and the one-line,
key-free wording of a provider's error that these messages quote."""

import os
import re

from index.errors import PlaylistError

_LITELLM_PREFIX = re.compile(r"^litellm\.\w+: (?:\w+Exception - )?")


class LLMError(PlaylistError):
    """The model could not give a usable answer; callers fall back and warn. `partial` holds the text that had
    come when it stopped ("" if none)."""

    def __init__(self, message: str, partial: str = ""):
        super().__init__(message)
        self.partial = partial


class LLMTimeout(LLMError):
    """The call reached its wall-clock deadline (the LLM's timeout_s or the step's, the nearer); the stream was
    closed and `partial` holds what had been written."""


class AnswerCutOff(LLMError):
    """The answer stopped at max_tokens (finish_reason "length") before it was valid: asking again with the same
    budget would cut it again. `partial` holds it; complete_items() salvages its finished array items."""

    def __init__(self, message: str, partial: str, max_tokens: int):
        super().__init__(message, partial)
        self.max_tokens = max_tokens


_KEY_LIKE = re.compile(r"\b(?:sk|pk|key|api|tok)[-_][A-Za-z0-9_\-]{8,}\b")


def redact(text: str) -> str:
    """Removes API keys from text that may reach logs, warnings or exports: the values of *_API_KEY /
    *_TOKEN variables, and anything shaped like a key."""
    for name, value in os.environ.items():
        if value and len(value) >= 6 and name.upper().endswith(("_API_KEY", "_TOKEN", "_SECRET", "_KEY")):
            text = text.replace(value, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)


def first_line(exc: BaseException) -> str:
    """A provider error as one short line for a message: no traceback, no litellm prefix, no keys."""
    text = (redact(str(exc)).strip().splitlines() or [""])[0]
    return _LITELLM_PREFIX.sub("", text)[:160]
