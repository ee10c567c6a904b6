"""A trie of folded word phrases, for the catalog's names: the longest phrase at a token."""

from collections.abc import Sequence

from assistant.parsing.tokens import Token


class PhraseTrie:
    """Phrases of folded words; longest match at a token, skipping punctuation inside a phrase
    ("Earth, Wind & Fire", "AC/DC", "Dr. Dre")."""

    _END = ""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, phrase: str, value: object) -> None:
        node = self._root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node.setdefault(self._END, value)

    def longest_at(self, tokens: Sequence[Token], start: int) -> tuple[object, int] | None:
        node: dict | None = self._root
        best, i = None, start
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
