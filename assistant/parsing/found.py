"""What a finder read from the text: the value, and the character spans it took out of the search text."""

from dataclasses import dataclass
from typing import Generic, TypeVar

from assistant.parsing.tokens import Span

V = TypeVar("V")


@dataclass
class Found(Generic[V]):
    value: V
    spans: list[Span]
