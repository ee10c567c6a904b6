"""Two `python app.py` processes on two ports sharing one PostgreSQL database and one read-only index: what one
replica writes (a template version, a profile import, a like) the other uses."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import free_port, fresh_database, wait_for_port

from assistant.profiles.stores import open_database

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture(scope="module")
def replicas(index_dir, postgres_admin_url, tmp_path_factory):
    url = fresh_database(postgres_admin_url)
    processes, addresses = [], []
    for name in ("a", "b"):
        port = free_port()
        env = {
            **os.environ,
            "PLAYLIST_DB": url,
            "PLAYLIST_INDEX_DIR": str(index_dir),
            "PLAYLIST_LLM": "none",
            "PLAYLIST_HOME": str(tmp_path_factory.mktemp(f"home-{name}")),
        }
        env.pop("PLAYLIST_ACCOUNTS", None)
        processes.append(
            subprocess.Popen(
                [sys.executable, str(APP), "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        addresses.append(f"http://127.0.0.1:{port}/")
    try:
        for process, address in zip(processes, addresses):
            wait_for_port(int(address.rsplit(":", 1)[1].strip("/")), process, seconds=120)
        yield url, addresses
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _client(address: str):
    from gradio_client import Client

    return Client(address, verbose=False)


def _send(client, text: str, listener: str = ""):
    return client.predict(text, [], listener, 0, 0.5, 0.3, False, False, api_name="/send")


def test_a_template_published_on_one_replica_is_live_on_the_other_within_a_second(replicas):
    _, (a, b) = replicas
    curator, other = _client(a), _client(b)
    assert "Shared mix:" not in _send(other, "rock, 2 songs")[2]
    status, _ = curator.predict("title", "Shared mix: {{ query }}", "cara", api_name="/template_publish")
    assert status.startswith("✅ published")
    published = time.monotonic()
    while "Shared mix:" not in _send(other, "rock, 2 songs")[2]:
        assert time.monotonic() - published < 3, "the other replica still shows the old title"
        time.sleep(0.2)
    assert time.monotonic() - published < 1.5


def test_a_profile_imported_on_one_replica_and_a_like_there_are_used_on_the_other(replicas, tmp_path):
    from gradio_client import handle_file

    url, (a, b) = replicas
    history = tmp_path / "StreamingHistory_music_0.json"
    history.write_text(
        json.dumps(
            [
                {
                    "endTime": f"2024-03-01 20:{m:02d}",
                    "artistName": "Bon Iver",
                    "trackName": "Holocene",
                    "msPlayed": 300000,
                }
                for m in range(12)
            ]
        ),
        encoding="utf-8",
    )
    assert "plays" in _client(a).predict("ana", handle_file(str(history)), api_name="/import_history")
    other = _client(b)
    chat, *_ = _send(other, "indie folk, 3 songs", listener="ana")
    assert "unknown listener" not in str(chat[-1]["content"])  # what b would say if it could not see the import
    status, *_ = other.predict(1, api_name="/like")
    assert status.startswith("Noted: like track 1") and "not stored" not in status
    with open_database(url).transaction() as conn:
        assert (
            conn.execute("SELECT COUNT(*) FROM feedback WHERE listener_id = 'ana' AND kind = 'like'").fetchone()[0] == 1
        )
