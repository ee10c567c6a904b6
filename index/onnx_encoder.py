"""The query side of the embedding model, run with onnxruntime. Importing sentence-transformers and torch took
most of a cold `playlist ask` (5-15 s on 2 cores); onnxruntime and tokenizers load in about 0.5 s and encode a
query in ~4 ms instead of ~20. The ONNX file is exported from the very model the index was built with, at build
time, so the vectors are the same (largest difference seen 2e-7; tests/test_onnx_encoder.py)."""

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ValidationError

from index.atomic import atomic_path, write_atomic

ENCODER_FILE = "query_encoder.onnx"
TOKENIZER_FILE = "query_tokenizer.json"
META_FILE = "query_encoder.json"


class EncoderMeta(BaseModel):
    model_id: str
    dim: int
    max_length: int


def export_query_encoder(transformer, tokenizer_json: Path, meta: EncoderMeta, directory: Path) -> None:
    """Writes the ONNX graph of a Hugging Face encoder (token embeddings out; pooling is done here), its tokenizer
    and what it was made from. Each file is written aside and swapped in, the metadata last."""
    import torch

    class _Hidden(torch.nn.Module):
        def __init__(self, model: torch.nn.Module):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    directory.mkdir(parents=True, exist_ok=True)
    sample = torch.ones((1, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with atomic_path(directory / ENCODER_FILE) as partial:
        torch.onnx.export(
            _Hidden(transformer.eval()),
            (sample, sample, torch.zeros_like(sample)),
            str(partial),
            input_names=names,
            output_names=["hidden"],
            opset_version=17,
            dynamo=False,
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in names + ["hidden"]},
        )
    with atomic_path(directory / TOKENIZER_FILE) as partial:
        shutil.copyfile(tokenizer_json, partial)
    write_atomic(directory / META_FILE, meta.model_dump_json().encode("utf-8"))


class OnnxQueryEncoder:
    """Mean-pooled, normalised token embeddings: what sentence-transformers computes for this model."""

    def __init__(self, directory: Path, meta: EncoderMeta):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(directory / ENCODER_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self._tokenizer.enable_truncation(meta.max_length)
        self._tokenizer.enable_padding()
        self.model_id = meta.model_id
        self.dim = meta.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encoded = self._tokenizer.encode_batch(list(texts))
        feeds = {
            name: np.array([getattr(e, attr) for e in encoded], dtype=np.int64)
            for name, attr in (
                ("input_ids", "ids"),
                ("attention_mask", "attention_mask"),
                ("token_type_ids", "type_ids"),
            )
        }
        hidden = self._session.run(None, feeds)[0]
        mask = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return np.ascontiguousarray(pooled, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


def open_query_encoder(directory: Path) -> OnnxQueryEncoder | None:
    """The exported encoder next to an index, or None when there is none (or onnxruntime is missing): the caller
    then loads the full model. The index load still checks model id and dimension against its manifest."""
    try:
        meta = EncoderMeta.model_validate_json((directory / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, ValidationError):
        return None
    try:
        return OnnxQueryEncoder(directory, meta)
    except Exception:  # noqa: BLE001 - onnxruntime's errors (InvalidProtobuf, Fail, ...) share no base class
        return None
