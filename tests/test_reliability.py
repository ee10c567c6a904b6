"""Faults and misuse: slow, rate-limited and key-leaking models, a build killed half-way, default binding."""

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from scripted_models import mock_llm

from assistant.llm.client import LLM, redact
from assistant.outputs import export
from assistant.session import Session
from index.store import VectorIndex
from tests.conftest import CATALOG


class _SlowHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        time.sleep(3)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_slow_model_times_out_and_falls_back(engine):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        llm = LLM("openai/slow", api_base=f"http://127.0.0.1:{server.server_address[1]}/v1", api_key="k", timeout_s=1)
        started = time.perf_counter()
        playlist = Session(engine, llm=llm).ask("rock, 3 songs")
        assert time.perf_counter() - started < 10
        assert len(playlist.items) == 3 and any("did not answer" in w for w in playlist.warnings)
    finally:
        server.shutdown()


def test_rate_limit_falls_back(engine):
    playlist = Session(engine, llm=mock_llm("litellm.RateLimitError")).ask("pop, 2 songs")
    assert len(playlist.items) == 2 and any("RateLimit" in w for w in playlist.warnings)


def test_api_keys_never_reach_warnings_or_exports(engine, monkeypatch, tmp_path):
    secret = "sk-live-0123456789abcdefSECRET"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    assert secret not in redact(f"Incorrect API key provided: {secret}")
    llm = LLM("openai/x", api_base="http://127.0.0.1:9/v1", api_key=secret, timeout_s=2)
    playlist = Session(engine, llm=llm).ask("rock, 2 songs")
    assert secret not in json.dumps(playlist.contract_json())
    for fmt in export.FORMATS:
        assert secret not in export.write(playlist, fmt, tmp_path).read_text(encoding="utf-8")


def test_build_killed_half_way_keeps_the_old_index_and_the_finished_batches(tmp_path, index_dir):
    target = tmp_path / "index"
    shutil.copytree(index_dir, target)
    before = VectorIndex.load(target).manifest.build
    big = tmp_path / "big.csv"
    with CATALOG.open(newline="") as source, big.open("w", newline="") as out:
        reader = csv.DictReader(source)
        rows = list(reader)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for n in range(60):  # new titles, so every description is new and must be embedded
            writer.writerows(
                {**r, "track_id": f"{r['track_id']}-{n}", "track_name": f"{r['track_name']} (take {n})"} for r in rows
            )
    code = (
        "import sys; from pathlib import Path; from index.build import build_index; from index.embed import Embedder;"
        f"build_index(Path({str(big)!r}), Path({str(target)!r}), Embedder(), batch_size=16)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    cache = target / "embeddings.sqlite"
    deadline = time.time() + 120

    def cached() -> int:
        with sqlite3.connect(cache) as db:
            return db.execute("SELECT COUNT(*) FROM embedding").fetchone()[0]

    start_rows = cached()
    while time.time() < deadline and cached() <= start_rows:
        time.sleep(0.2)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    assert cached() > start_rows, "the child never committed a batch"  # kept for the next build to reuse
    assert VectorIndex.load(target).manifest.build == before  # the old index is intact and loads


def test_app_binds_to_localhost_by_default(monkeypatch):
    import app

    monkeypatch.delenv("PLAYLIST_HOST", raising=False)
    assert app.parse_args([]).host == "127.0.0.1"
    assert app.parse_args(["--host", "0.0.0.0"]).host == "0.0.0.0"
