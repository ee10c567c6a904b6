"""Query encodes of concurrent requests run as one batch. One query alone is encoded at once; while a batch runs,
the queries that arrive wait for it and go together in the next one, so a burst of listeners costs a few batched
model runs (2.4 ms a query in a batch of 50 against 6 ms alone, benchmarks/load_test.py) and nobody waits on a
timer. Padding to the batch's longest query leaves each vector as it is alone, within float noise (tested)."""

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

MAX_BATCH = 64


class Encoder(Protocol):
    model_id: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class _Query:
    text: str
    done: threading.Event = field(default_factory=threading.Event)
    vector: np.ndarray | None = None
    error: BaseException | None = None


class BatchedQueryEncoder:
    """An encoder whose `encode_query` batches with whatever other threads are asking at the same moment."""

    def __init__(self, encoder: Encoder, max_batch: int = MAX_BATCH):
        self.encoder = encoder
        self.model_id = encoder.model_id
        self.dim = encoder.dim
        self._max_batch = max_batch
        self._waiting: list[_Query] = []
        self._waiting_lock = threading.Lock()
        self._model_lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode(texts)

    def encode_query(self, text: str) -> np.ndarray:
        query = _Query(text)
        with self._waiting_lock:
            self._waiting.append(query)
        while not query.done.is_set():
            with self._model_lock:  # whoever holds the model encodes everyone waiting, itself included or not
                if not query.done.is_set():
                    self._run_batch()
        if query.error is not None:
            raise query.error
        assert query.vector is not None  # set before done, whenever there is no error
        return query.vector

    def _run_batch(self) -> None:
        with self._waiting_lock:
            batch, self._waiting = self._waiting[: self._max_batch], self._waiting[self._max_batch :]
        if not batch:
            return
        try:
            vectors = self.encoder.encode([q.text for q in batch])
        except Exception as exc:  # noqa: BLE001 - handed to every caller in the batch, each raises it
            for query in batch:
                query.error = exc
        else:
            for query, vector in zip(batch, vectors):
                query.vector = vector
        for query in batch:
            query.done.set()
