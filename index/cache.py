"""Embeddings already computed, keyed by model and description hash: rebuilds re-embed only what changed,
and a build killed half-way resumes where it stopped (each batch is committed)."""

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, model_id: str, dim: int):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embedding ("
            " model_id TEXT NOT NULL, content_hash TEXT NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model_id, content_hash))"
        )
        self.model_id = model_id
        self.dim = dim

    def get_many(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        wanted = list(dict.fromkeys(hashes))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT content_hash, vector FROM embedding WHERE model_id = ? AND content_hash IN ({marks})",
                [self.model_id, *chunk],
            )
            for content_hash, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self.dim,):
                    found[content_hash] = vector
        return found

    def put_many(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embedding (model_id, content_hash, vector) VALUES (?, ?, ?)",
                [(self.model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in zip(hashes, vectors)],
            )

    def close(self) -> None:
        self._db.close()
