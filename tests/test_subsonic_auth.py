"""The readable password form (`p=enc:…`) goes only over https or where it was allowed. Supysonic (real, over
http) cannot check tokens and asks for `p` (code 10); a small local server on 127.0.0.1 answers code 41 to tokens
and records what it was sent, over http and over https with a certificate made here."""

import json
import shutil
import ssl
import subprocess
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from music_library import make_library
from servers import SUBSONIC_PASSWORD, SUBSONIC_USER, supysonic

from assistant.config import Settings
from index.sources.subsonic_api import PASSWORD_AUTH_ENV, SubsonicClient, SubsonicError


@pytest.fixture(scope="module")
def supysonic_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("library")
    make_library(root / "music")
    with supysonic(root / "music", root / "supysonic") as (url, _):
        yield url


@pytest.fixture(autouse=True)
def no_permission_from_the_environment(monkeypatch):
    monkeypatch.delenv(PASSWORD_AUTH_ENV, raising=False)


def test_over_http_the_password_form_is_refused_and_says_how_to_allow_it(supysonic_url):
    api = SubsonicClient(supysonic_url, SUBSONIC_USER, SUBSONIC_PASSWORD)
    with pytest.raises(SubsonicError, match="wants the password form") as refused:
        api.call("ping")
    message = str(refused.value)
    assert "plain http" in message and "readable" in message and f"{PASSWORD_AUTH_ENV}=1" in message
    assert "https://" in message and SUBSONIC_PASSWORD not in message
    assert api.token_auth  # it never switched


def test_over_http_the_password_form_goes_only_when_allowed(supysonic_url, monkeypatch):
    by_argument = SubsonicClient(supysonic_url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=True)
    assert by_argument.call("ping")["status"] == "ok" and not by_argument.token_auth
    monkeypatch.setenv(PASSWORD_AUTH_ENV, "1")
    allowed = Settings.from_env().subsonic.password_auth  # the variable is read in Settings, not by the client
    by_setting = SubsonicClient(supysonic_url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=allowed)
    assert by_setting.call("ping")["status"] == "ok" and not by_setting.token_auth
    overruled = SubsonicClient(supysonic_url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=False)
    with pytest.raises(SubsonicError, match="wants the password form"):
        overruled.call("ping")


class _NoTokens(BaseHTTPRequestHandler):
    """A Subsonic server that cannot check tokens (code 41) and takes the right hex-encoded password."""

    def do_POST(self) -> None:
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("ascii"))
        self.server.received.append(form)
        password = bytes.fromhex(form["p"][0].removeprefix("enc:")).decode() if "p" in form else None
        if password == SUBSONIC_PASSWORD:
            answer = {"status": "ok", "version": "1.16.1"}
        elif "t" in form:
            answer = {"status": "failed", "error": {"code": 41, "message": "Token authentication not supported"}}
        else:
            answer = {"status": "failed", "error": {"code": 40, "message": "Wrong username or password"}}
        body = json.dumps({"subsonic-response": answer}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def no_tokens_server(tls: ssl.SSLContext | None = None):
    """Yields the server (its `received` forms) and its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NoTokens)
    server.received = []
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_code_41_over_http_refuses_and_the_password_never_leaves(monkeypatch):
    with no_tokens_server() as (server, url):
        with pytest.raises(SubsonicError, match="Subsonic error 41"):
            SubsonicClient(url, SUBSONIC_USER, SUBSONIC_PASSWORD).call("ping")
    assert server.received and all("p" not in form for form in server.received)


def _certificate(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_over_https_the_password_form_goes_without_a_setting(tmp_path, monkeypatch):
    cert, key = _certificate(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this certificate, and verifies it
    with no_tokens_server(tls) as (server, url):
        api = SubsonicClient(url, SUBSONIC_USER, SUBSONIC_PASSWORD)
        assert api.call("ping")["status"] == "ok" and not api.token_auth
    assert "t" in server.received[0] and server.received[-1]["p"] == ["enc:" + SUBSONIC_PASSWORD.encode().hex()]
