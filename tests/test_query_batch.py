"""Concurrent query encodes share model runs and each caller still gets its own query's vector."""

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.query_batch import BatchedQueryEncoder

QUERIES = [
    f"{mood} {genre} for {moment}"
    for mood in ("chill", "upbeat", "dark")
    for genre in ("r&b", "rock", "trap")
    for moment in ("a drive", "the gym", "a rainy night, two hours of it")
]


class CountingEncoder:
    """The real model, with a count of its runs and a gate that holds the first run until all callers wait."""

    def __init__(self, embedder, callers: int):
        self.embedder, self.model_id, self.dim = embedder, embedder.model_id, embedder.dim
        self.batches: list[int] = []
        self.all_waiting = threading.Barrier(callers + 1)

    def encode(self, texts):
        if not self.batches:
            self.all_waiting.wait(timeout=30)
        self.batches.append(len(texts))
        return self.embedder.encode(texts)


def test_concurrent_queries_are_batched_and_keep_their_own_vectors(embedder):
    counting = CountingEncoder(embedder, callers=1)
    batched = BatchedQueryEncoder(counting)
    first = threading.Thread(target=batched.encode_query, args=(QUERIES[0],))
    first.start()  # holds the model until the others are queued behind it
    with ThreadPoolExecutor(len(QUERIES) - 1) as pool:
        futures = [pool.submit(batched.encode_query, q) for q in QUERIES[1:]]
        while len(batched._waiting) < len(QUERIES) - 1:
            threading.Event().wait(0.01)
        counting.all_waiting.wait(timeout=30)
        vectors = [f.result(timeout=60) for f in futures]
    first.join(timeout=60)
    assert counting.batches == [1, len(QUERIES) - 1]
    alone = embedder.encode(QUERIES[1:])
    assert np.abs(np.stack(vectors) - alone).max() < 1e-5


def test_a_lone_query_is_encoded_at_once(embedder):
    batched = BatchedQueryEncoder(embedder)
    assert np.abs(batched.encode_query(QUERIES[0]) - embedder.encode_query(QUERIES[0])).max() < 1e-5
    assert (batched.model_id, batched.dim) == (embedder.model_id, embedder.dim)


def test_a_failed_batch_fails_each_of_its_callers_and_the_next_one_works(embedder):
    class Flaky:
        model_id, dim = embedder.model_id, embedder.dim
        runs = 0

        def encode(self, texts):
            Flaky.runs += 1
            if Flaky.runs == 1:
                raise RuntimeError("model run failed")
            return embedder.encode(texts)

    batched = BatchedQueryEncoder(Flaky())
    with pytest.raises(RuntimeError, match="model run failed"):
        batched.encode_query("first")
    assert batched.encode_query("second").shape == (embedder.dim,)
