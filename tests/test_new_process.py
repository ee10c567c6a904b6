"""The command line as it is used: `playlist build-index` in one process, `playlist ask` in a new one, on each
vector engine (FAISS in the index folder, a Milvus Lite file, a Milvus standalone server)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import servers
from conftest import CATALOG


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


def cli_env(home: Path, vectors: str | None) -> dict[str, str]:
    """Everything in temp folders: no index, database or model setting of the caller's leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLAYLIST_")}
    env |= {"PLAYLIST_HOME": str(home), "PLAYLIST_LLM": "none"}
    if vectors is not None:
        env["PLAYLIST_VECTORS"] = vectors
    return env


@pytest.fixture(scope="module")
def milvus_server(tmp_path_factory):
    with servers.milvus(tmp_path_factory.mktemp("milvus-server")) as uri:
        yield uri


@pytest.fixture(params=["faiss", "milvus-lite", "milvus-server"])
def vectors(request, tmp_path) -> str | None:
    if request.param == "faiss":
        return None
    pytest.importorskip("milvus_lite")
    return str(tmp_path / "vectors.db") if request.param == "milvus-lite" else request.getfixturevalue("milvus_server")


def test_an_index_built_in_one_process_answers_in_a_new_one(vectors, tmp_path):
    env = cli_env(tmp_path / "home", vectors)
    built = run_cli(env, "build-index", "--catalog", str(CATALOG))
    assert built.returncode == 0, built.stderr
    if vectors and vectors.startswith("milvus://"):
        # A server keeps what the build loaded until it restarts or releases it: the reader must load it itself.
        from index.store import VectorIndex
        from index.stores.milvus_store import collection_name, connect

        manifest = VectorIndex.read_manifest(tmp_path / "home" / "index")
        connect(vectors).release_collection(collection_name(manifest.build))
    asked = run_cli(env, "ask", "70s classic rock, 3 songs", "--json", "--llm", "none")
    assert asked.returncode == 0, asked.stderr
    assert len(json.loads(asked.stdout)["items"]) == 3
