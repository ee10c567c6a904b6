"""A trie of folded word phrases, for the catalog's names: the longest phrase at a token."""

from collections.abc import Sequence
from typing import Generic, TypeVar

from assistant.parsing.tokens import Token

V = TypeVar("V")


class PhraseTrie(Generic[V]):
    """Phrases of folded words, each with a value; longest match at a token, skipping punctuation inside a phrase
    ("Earth, Wind & Fire", "AC/DC", "Dr. Dre")."""

    _END = ""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, phrase: str, value: V) -> None:
        node = self._root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node.setdefault(self._END, value)

    def longest_at(self, tokens: Sequence[Token], start: int) -> tuple[V, int] | None:
        node: dict | None = self._root
        best: tuple[V, int] | None = None
        i = start
        while i < len(tokens):
            token = tokens[i]
            if token.boundary and not (token.raw == "." and node is not self._root):
                break
            if not token.folded:
                if node is self._root:
                    break
                i += 1
                continue
            for word in token.folded.split():
                node = node.get(word) if node is not None else None
            if node is None:
                break
            if self._END in node:
                best = (node[self._END], i + 1)
            i += 1
        return best
