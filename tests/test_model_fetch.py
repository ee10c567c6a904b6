"""`playlist model fetch` against a real HTTP server on 127.0.0.1 serving a small file with a known checksum."""

import hashlib
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.cli import main
from assistant.llm import model_commands
from assistant.llm.model_fetch import PINNED, ModelPin, fetch_model
from index.errors import PlaylistError

BODY = b"GGUF" + bytes(range(256)) * 40


class _Files(BaseHTTPRequestHandler):
    """/model.gguf is the file; /short.gguf promises it and stops halfway; anything else is 404."""

    requests: list[str] = []

    def do_GET(self):
        self.requests.append(self.path)
        if self.path not in ("/model.gguf", "/short.gguf"):
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY if self.path == "/model.gguf" else BODY[: len(BODY) // 2])

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Files.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _pin(url: str, body: bytes = BODY) -> ModelPin:
    return ModelPin(url=url, filename="small.gguf", size=len(body), sha256=hashlib.sha256(body).hexdigest())


def test_a_matching_download_is_put_in_place_and_a_second_fetch_downloads_nothing(server, tmp_path):
    seen = []
    result = fetch_model(tmp_path, _pin(f"{server}/model.gguf"), lambda done, total: seen.append((done, total)))
    assert result.downloaded and result.path == tmp_path / "small.gguf"
    assert result.path.read_bytes() == BODY and [p.name for p in tmp_path.iterdir()] == ["small.gguf"]
    assert seen[-1] == (len(BODY), len(BODY))
    again = fetch_model(tmp_path, _pin(f"{server}/model.gguf"))
    assert not again.downloaded and _Files.requests == ["/model.gguf"]


def test_a_checksum_mismatch_leaves_nothing(server, tmp_path):
    wrong = replace(_pin(f"{server}/model.gguf"), sha256="0" * 64)
    with pytest.raises(PlaylistError, match="does not match the pinned sha256"):
        fetch_model(tmp_path, wrong)
    assert list(tmp_path.iterdir()) == []


def test_http_errors_and_interrupted_downloads_leave_nothing(server, tmp_path):
    with pytest.raises(PlaylistError, match="HTTP 404"):
        fetch_model(tmp_path, _pin(f"{server}/missing.gguf"))
    with pytest.raises(PlaylistError, match=f"stopped at {len(BODY) // 2} of {len(BODY)} bytes"):
        fetch_model(tmp_path, _pin(f"{server}/short.gguf"))
    with pytest.raises(PlaylistError, match="serves .* bytes, not the pinned"):
        fetch_model(tmp_path, replace(_pin(f"{server}/model.gguf"), size=len(BODY) + 1))
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_copy_in_place_is_replaced(server, tmp_path):
    (tmp_path / "small.gguf").write_bytes(b"x" * len(BODY))
    assert fetch_model(tmp_path, _pin(f"{server}/model.gguf")).downloaded
    assert (tmp_path / "small.gguf").read_bytes() == BODY


def test_the_command_shows_progress_and_fails_in_one_line(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(model_commands, "PINNED", _pin(f"{server}/never-used"))
    assert main(["model", "fetch", "--url", f"{server}/model.gguf"]) == 0
    out, err = capsys.readouterr()
    assert "small.gguf" in out and "fetched, sha256 checked" in out
    assert "100%" in err and "10.2k" in err  # percent and bytes, on stderr
    assert main(["model", "fetch"]) == 0  # in the models folder already: not downloaded again
    assert "already there" in capsys.readouterr().out and _Files.requests == ["/model.gguf"]

    monkeypatch.setattr(model_commands, "PINNED", PINNED)
    monkeypatch.setenv("PLAYLIST_MODEL_URL", f"{server}/model.gguf")  # the real pin, the wrong file
    assert main(["model", "fetch", "--dir", str(tmp_path / "other")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not the pinned file's 1117320768" in err and "Traceback" not in err
    assert list((tmp_path / "other").iterdir()) == []
