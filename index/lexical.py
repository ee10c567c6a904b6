"""BM25 over the same track descriptions the vectors are made from. Exact words (a title word, an artist, "remix",
"2019", a subgenre) are what a small embedding model blurs; fused with dense search they find tracks neither finds
alone (README, retrieval table). Built with bm25s alongside the FAISS index and saved in the same build folder;
served from its sparse columns with numpy alone, since importing bm25s (and scipy) cost 0.3 s of every cold start."""

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.text import fold

_VOCABULARY = "vocabulary.json"
_WORD_RE = re.compile(r"\w\w+")  # bm25s's own default: words of two or more characters


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


class LexicalIndex:
    """Per-word columns of BM25 weights (CSC): a query's scores are the sum of its known words' columns."""

    def __init__(
        self, vocabulary: dict[str, int], data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, count: int
    ):
        self._vocabulary = vocabulary
        self._data, self._indices, self._indptr = data, indices, indptr
        self.count = count

    @classmethod
    def build(cls, descriptions: Sequence[str]) -> "LexicalIndex":
        """BM25 weights of the descriptions (English stop words left out), computed by bm25s."""
        import bm25s
        from bm25s.stopwords import STOPWORDS_EN

        stop = set(STOPWORDS_EN)
        retriever = bm25s.BM25()
        retriever.index([[w for w in _words(text) if w not in stop] for text in descriptions], show_progress=False)
        columns = retriever.scores
        words = len(columns["indptr"]) - 1  # bm25s adds an empty token with no column
        vocabulary = {word: i for word, i in retriever.vocab_dict.items() if i < words}
        return cls(vocabulary, columns["data"], columns["indices"], columns["indptr"], len(descriptions))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / _VOCABULARY).write_text(json.dumps(self._vocabulary), encoding="utf-8")
        for name, array in (("data", self._data), ("indices", self._indices), ("indptr", self._indptr)):
            np.save(directory / f"{name}.npy", array)

    @classmethod
    def load(cls, directory: Path, count: int) -> "LexicalIndex":
        vocabulary = json.loads((directory / _VOCABULARY).read_text(encoding="utf-8"))
        data, indices, indptr = (np.load(directory / f"{name}.npy") for name in ("data", "indices", "indptr"))
        if len(indptr) != max(vocabulary.values(), default=-1) + 2 or (len(indices) and indices.max() >= count):
            raise ValueError("the BM25 columns do not match their vocabulary or the tracks")
        return cls(vocabulary, data, indices, indptr, count)

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every track for the text, in index row order; all zeros when no word is known."""
        out = np.zeros(self.count, dtype=np.float32)
        for word in _words(text):
            column = self._vocabulary.get(word)
            if column is not None:
                start, end = self._indptr[column], self._indptr[column + 1]
                out[self._indices[start:end]] += self._data[start:end]
        return out
