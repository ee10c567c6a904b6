"""What a finder read from the text: the value, and the character spans it took out of the search text."""

from dataclasses import dataclass

from assistant.parsing.tokens import Span


@dataclass
class Found:
    value: object
    spans: list[Span]
