"""The app's "Send to my Subsonic server" against a real Supysonic with two users: the operator's account (alice,
in PLAYLIST_SUBSONIC_*) and a listener's own (bob). A listener sends as themselves with the login they type, or
not at all; curators and local use without accounts send as the operator."""

import subprocess
import sys
from pathlib import Path

import pytest
from music_library import make_library
from servers import SUBSONIC_PASSWORD, SUBSONIC_USER, supysonic

from assistant.outputs.players.subsonic import SubsonicCredentials, push_to_server, send_credentials
from assistant.pipeline.planner import Engine
from assistant.session import Session
from index.build import build_index
from index.errors import PlaylistError
from index.sources.subsonic import import_subsonic
from index.sources.subsonic_api import PASSWORD_AUTH_ENV, SubsonicClient, SubsonicError
from index.store import VectorIndex

LISTENER, LISTENER_PASSWORD = "bob", "bobs own pw"


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    """Supysonic with alice and bob, and the engine over its library (song ids are the server's)."""
    root = tmp_path_factory.mktemp("send")
    make_library(root / "music")
    with supysonic(root / "music", root / "supysonic") as (url, _):
        subprocess.run(
            [str(Path(sys.executable).parent / "supysonic-cli"), "user", "add", LISTENER, "-p", LISTENER_PASSWORD],
            cwd=root / "supysonic",
            check=True,
            capture_output=True,
        )
        operator = SubsonicClient(url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=True)
        import_subsonic(operator, root / "catalog.jsonl")
        build_index(root / "catalog.jsonl", root / "index", embedder)
        yield url, Engine(VectorIndex.load(root / "index", embedder.model_id, embedder.dim), embedder)


@pytest.fixture(autouse=True)
def operator_env(server, monkeypatch):
    url, _ = server
    monkeypatch.setenv("PLAYLIST_SUBSONIC_URL", url)
    monkeypatch.setenv("PLAYLIST_SUBSONIC_USER", SUBSONIC_USER)
    monkeypatch.setenv("PLAYLIST_SUBSONIC_PASSWORD", SUBSONIC_PASSWORD)
    monkeypatch.setenv(PASSWORD_AUTH_ENV, "1")  # Supysonic takes only the password form, here over http


def _owners(url: str, title: str) -> list[str]:
    """Who owns the playlists of that title on the server, from what each of its two users can see."""
    seen = {}
    for user, password in ((SUBSONIC_USER, SUBSONIC_PASSWORD), (LISTENER, LISTENER_PASSWORD)):
        for playlist in (
            SubsonicClient(url, user, password, allow_password=True)
            .call("getPlaylists")["playlists"]
            .get("playlist", [])
        ):
            if playlist["name"].endswith(title):
                seen[playlist["id"]] = playlist["owner"]
    return sorted(seen.values())


def test_a_listener_sends_as_themselves_with_the_login_they_typed(server):
    url, engine = server
    playlist = Session(engine).ask("3 songs of techno and rock").model_copy(update={"title": "Bob's mix"})
    typed = SubsonicCredentials(url=url, user=LISTENER, password=LISTENER_PASSWORD)
    assert LISTENER_PASSWORD not in repr(typed) + str(typed) + typed.model_dump_json()
    credentials = send_credentials("listener", True, typed)
    assert push_to_server(playlist, credentials).startswith('created playlist "Bob\'s mix" on the server: 3 tracks')
    assert _owners(url, "Bob's mix") == [LISTENER]


def test_a_listener_without_a_login_of_their_own_is_refused(server):
    url, _ = server
    for typed in (None, SubsonicCredentials(url=" ", user="", password="")):
        with pytest.raises(PlaylistError, match="type its address, your user name and your password"):
            send_credentials("listener", True, typed)
    with pytest.raises(PlaylistError, match="user name and password along with"):
        send_credentials("listener", True, SubsonicCredentials(url=url, user=LISTENER, password=""))
    with pytest.raises(PlaylistError, match="for curators"):
        send_credentials("none", True, None)  # a name the accounts do not know


def test_a_wrong_typed_password_says_so_without_showing_it(server):
    url, engine = server
    playlist = Session(engine).ask("3 songs of rock")
    typed = SubsonicCredentials(url=url, user=LISTENER, password="not bobs pw")
    with pytest.raises(SubsonicError, match="wrong user or password") as refused:
        push_to_server(playlist, send_credentials("listener", True, typed))
    assert "not bobs pw" not in str(refused.value)


@pytest.mark.parametrize(("role", "accounts_on", "title"), [("curator", True, "Curated"), ("curator", False, "Local")])
def test_a_curator_or_local_use_sends_as_the_operator(server, monkeypatch, role, accounts_on, title):
    url, engine = server
    playlist = Session(engine).ask("3 songs of techno").model_copy(update={"title": title})
    push_to_server(playlist, send_credentials(role, accounts_on, None), replace_queue=True)
    assert _owners(url, title) == [SUBSONIC_USER]
    monkeypatch.delenv("PLAYLIST_SUBSONIC_URL")
    with pytest.raises(PlaylistError, match="PLAYLIST_SUBSONIC_URL"):
        send_credentials(role, accounts_on, None)
