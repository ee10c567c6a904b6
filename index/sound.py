"""The sound side of retrieval: each track's sound description (genre, subgenre, era, feature words; no title,
artist or album) as one of a few thousand distinct texts, with their vectors and a BM25 index over them. A vibe word
searched here meets "calm low-energy, acoustic", never a pun in a title. Distinct texts grow with the number of
genre x era x feature-word combinations, not with the catalog (10,598 for 28,356 tracks), so this stays in the app
whatever serves the track vectors."""

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.lexical import LexicalIndex

TEXTS = "texts.json"
VECTORS = "vectors.npy"
CODES = "codes.npy"
LEXICAL = "lexical"


class SoundIndex:
    """Distinct sound texts, their vectors, and which text each track row has."""

    def __init__(self, texts: list[str], vectors: np.ndarray, codes: np.ndarray, lexical: LexicalIndex):
        self.texts = texts
        self.vectors = vectors
        self.codes = codes
        self.lexical = lexical

    @classmethod
    def build(
        cls, track_texts: Sequence[str], vector_of: dict[str, np.ndarray], hash_of: dict[str, str]
    ) -> "SoundIndex":
        """From each track's sound text; `vector_of` maps a text's hash (`hash_of`) to its embedding."""
        texts = list(dict.fromkeys(track_texts))
        code_of = {text: code for code, text in enumerate(texts)}
        vectors = np.ascontiguousarray(np.vstack([vector_of[hash_of[t]] for t in texts]), dtype=np.float32)
        codes = np.array([code_of[t] for t in track_texts], dtype=np.int32)
        return cls(texts, vectors, codes, LexicalIndex.build(texts))

    def __len__(self) -> int:
        return len(self.codes)

    def dense_scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every track's sound text with the query, in row order."""
        return (self.vectors @ np.asarray(query, dtype=np.float32).reshape(-1))[self.codes]

    def lexical_scores(self, text: str) -> np.ndarray:
        """BM25 of every track's sound text for the words, in row order (zeros when no word is known)."""
        return self.lexical.scores(text)[self.codes]

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        return self.vectors[self.codes[np.asarray(rows, dtype=np.int64)]]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / TEXTS).write_text(json.dumps(self.texts, ensure_ascii=False), encoding="utf-8")
        np.save(directory / VECTORS, self.vectors)
        np.save(directory / CODES, self.codes)
        self.lexical.save(directory / LEXICAL)

    @classmethod
    def load(cls, directory: Path, count: int, dim: int) -> "SoundIndex":
        texts = json.loads((directory / TEXTS).read_text(encoding="utf-8"))
        vectors, codes = np.load(directory / VECTORS), np.load(directory / CODES)
        if vectors.shape != (len(texts), dim) or len(codes) != count or (len(codes) and codes.max() >= len(texts)):
            raise ValueError("the sound descriptions do not match their vectors or the tracks")
        return cls(texts, vectors, codes, LexicalIndex.load(directory / LEXICAL, len(texts)))


def top_rows(scores: np.ndarray, k: int, mask: np.ndarray | None) -> np.ndarray:
    """Rows of the k highest scores among those the mask keeps (and above zero), best first."""
    keep = scores > 0 if mask is None else mask & (scores > 0)
    rows = np.flatnonzero(keep)
    if len(rows) > k:
        rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
    return rows[np.argsort(-scores[rows], kind="stable")]
