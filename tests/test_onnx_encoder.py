"""The exported ONNX query encoder gives the full model's vectors (float noise only) and the same results."""

import numpy as np
import pytest

from index.onnx_encoder import ENCODER_FILE, open_query_encoder

QUERIES = [
    "chill r&b for a rainy evening",
    "upbeat 90s hip hop for a long drive, no explicit lyrics, 2 hours",
    "Reggaeton 2020 😍 🔥",
    "Beyoncé & Jay-Z, ça va",
    "x" * 3000,
    "",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, embedder):
    directory = tmp_path_factory.mktemp("encoder")
    embedder.export_query_encoder(directory)
    return directory


def test_vectors_match_the_full_model(exported, embedder):
    encoder = open_query_encoder(exported)
    assert (encoder.model_id, encoder.dim) == (embedder.model_id, embedder.dim)
    full = embedder.encode(QUERIES)
    fast = encoder.encode(QUERIES)  # one padded batch: padding must not move any vector
    assert np.abs(full - fast).max() < 1e-5
    assert np.abs(encoder.encode_query(QUERIES[1]) - full[1]).max() < 1e-5


def test_search_results_do_not_change(exported, engine, embedder):
    encoder = open_query_encoder(exported)
    for query in QUERIES[:4]:
        full = [h.track.track_id for h in engine.index.search(embedder.encode_query(query), 20)]
        fast = [h.track.track_id for h in engine.index.search(encoder.encode_query(query), 20)]
        assert fast == full


def test_a_missing_or_damaged_export_falls_back_to_the_full_model(tmp_path, exported):
    assert open_query_encoder(tmp_path) is None
    for name in ("query_encoder.json", "query_tokenizer.json", ENCODER_FILE):
        (tmp_path / name).write_bytes((exported / name).read_bytes())
    assert open_query_encoder(tmp_path) is not None
    (tmp_path / ENCODER_FILE).write_bytes(b"not a model")
    assert open_query_encoder(tmp_path) is None


def test_the_cli_serves_queries_without_torch(exported, index_dir, tmp_path):
    import shutil
    import subprocess
    import sys

    directory = tmp_path / "index"
    shutil.copytree(index_dir, directory)
    for name in ("query_encoder.json", "query_tokenizer.json", ENCODER_FILE):
        shutil.copy(exported / name, directory / name)
    probe = (
        "import sys\nfrom assistant.cli import main\n"
        f"sys.argv = ['playlist', '--index-dir', {str(directory)!r}, "
        "'ask', 'rap, 3 songs', '--llm', 'none', '--json']\n"
        "main()\nprint('torch' in sys.modules, 'sentence_transformers' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"items"' in done.stdout and done.stderr.strip().endswith("False False")
