"""The app through gradio_client against a launched server on 127.0.0.1 (fixture catalog, temp database)."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.config import Settings

USERS = {"ana": "listener", "ben": "listener", "cara": "curator"}


def write_accounts(path: Path, users: dict[str, str] = USERS) -> Path:
    """An accounts file as `playlist accounts add` writes it: each user's password is NAME-pw."""
    from assistant.profiles.accounts import AccountsFile

    for name, role in users.items():
        AccountsFile(path).add(name, role, f"{name}-pw")
    return path


@pytest.fixture(scope="module")
def app_url(index_dir, tmp_path_factory):
    import app as app_module

    home = tmp_path_factory.mktemp("app-home")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PLAYLIST_ACCOUNTS", str(write_accounts(home / "accounts.json")))
    settings = Settings.from_env(home=home, index_dir=index_dir, db=str(home / "db.sqlite"), llm="none")
    demo, _ = app_module.create_app(settings, show_progress=False)
    demo.queue(default_concurrency_limit=8).launch(
        server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, auth=app_module.Accounts.from_env().check
    )
    yield demo.local_url
    demo.close()
    monkey.undo()


def _client(url, user):
    from gradio_client import Client

    return Client(url, auth=(user, f"{user}-pw"), verbose=False)


def _send(client, text, chat=()):
    return client.predict(text, list(chat), 0, 0.5, 0.3, False, False, api_name="/send")


def _text(message) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def test_chat_follow_up_and_export(app_url):
    client = _client(app_url, "ana")
    chat, _, summary, table, _ = _send(client, "rock, 4 songs")
    assert "4 tracks" in _text(chat[-1]) and len(table["data"]) == 4
    chat, _, summary, table, _ = _send(client, "no Queen please", chat)
    assert all(row[2] != "Queen" for row in table["data"]) and "kept" in _text(chat[-1])
    path, message = client.predict("jspf", api_name="/export")
    exported = json.loads(Path(path).read_text())
    assert [t["title"] for t in exported["playlist"]["track"]] == [row[1] for row in table["data"]]
    assert "follow-up: no Queen please" in exported["playlist"]["annotation"]
    status, _, locked_table, _ = client.predict(2, api_name="/lock")
    assert status == "Track 2 locked." and locked_table["data"][1][-1] == "🔒"
    chat, _, _, after, _ = _send(client, "more upbeat", chat)
    assert after["data"][1][1] == locked_table["data"][1][1]


def test_bad_input_is_a_chat_message_not_a_crash(app_url):
    client = _client(app_url, "ana")
    chat, prompt, *_ = _send(client, "")
    assert "empty" in _text(chat[-1])
    chat, *_ = _send(client, "x" * 50_000)
    assert "characters long" in _text(chat[-1])


def test_sessions_never_see_each_other(app_url):
    prompts = {"ana": "70s classic rock, 3 songs", "ben": "reggaeton, 2 songs"}

    def run(user):
        client = _client(app_url, user)
        table = _send(client, prompts[user])[3]
        return user, [row[2] for row in table["data"]]

    with ThreadPoolExecutor(4) as pool:
        results = dict(pool.map(run, ["ana", "ben", "ana", "ben"]))
    assert len(results["ana"]) == 3 and len(results["ben"]) == 2


def test_listeners_cannot_reach_curator_actions(app_url):
    listener = _client(app_url, "ana")
    message, _ = listener.predict("title", "{{ query }} mix", "mallory", api_name="/template_publish")
    assert "curator" in message and "❌" in message
    curator = _client(app_url, "cara")
    message, history = curator.predict("title", "{{ query }} mix", "cara", api_name="/template_publish")
    assert "published v1" in message
    assert "line 1" in curator.predict("title", "{% if %}", api_name="/template_validate")
    live, draft, error = curator.predict("reason", "{{ era }} (draft!)", "rock, 2 songs", api_name="/template_preview")
    assert error == "" and "(draft!)" in draft and "(draft!)" not in live
    assert curator.predict("title", api_name="/template_rollback")[0] == "↩️ file is live"


def test_first_run_serves_the_page_at_once_and_answers_a_prompt_sent_during_the_build(tmp_path, monkeypatch):
    """The index build runs behind the page: a prompt sent meanwhile shows that it waits, then gets its playlist."""
    import threading

    import app as app_module
    from assistant.pipeline import indexing
    from tests.conftest import CATALOG

    release = threading.Event()
    real_build = indexing.build

    def held_build(*args, **kwargs):
        release.wait(60)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(indexing, "build", held_build)
    monkeypatch.delenv("PLAYLIST_ACCOUNTS", raising=False)
    settings = Settings.from_env(
        home=tmp_path, index_dir=tmp_path / "index", db=str(tmp_path / "db.sqlite"), llm="none", catalog=str(CATALOG)
    )
    demo, app = app_module.create_app(settings, show_progress=False, wait=False)
    demo.queue().launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        from gradio_client import Client

        assert not app.ready and "First run" in app_module._build_text(app)
        job = Client(demo.local_url, verbose=False).submit(
            "rap, 3 songs", [], "", 0, 0.5, 0.3, False, False, api_name="/send"
        )
        while not any("⏳" in str(update[0]) for update in job.outputs()):
            assert not job.done()
            release.wait(0.2)
        release.set()
        chat, _, _, table, _ = job.result(timeout=120)
        assert app.ready and len(table["data"]) == 3 and "3 tracks" in _text(chat[-1])
    finally:
        release.set()
        demo.close()


def test_a_first_run_build_that_fails_says_why_instead_of_waiting_forever(tmp_path, monkeypatch):
    import app as app_module
    from assistant.pipeline import indexing
    from index.errors import PlaylistError

    def broken_build(*args, **kwargs):
        raise ValueError("disk full")

    monkeypatch.setattr(indexing, "build", broken_build)
    settings = Settings.from_env(
        home=tmp_path, index_dir=tmp_path / "index", db=str(tmp_path / "db.sqlite"), llm="none"
    )
    with pytest.raises(PlaylistError, match="disk full"):
        app_module.create_app(settings, show_progress=False)
    _, app = app_module.create_app(settings, show_progress=False, wait=False)
    assert app.wait(30) and "⚠️ ValueError: disk full" == app_module._build_text(app)
    with pytest.raises(PlaylistError, match="could not be built"):
        _ = app.engine


def test_the_push_button_asks_a_listener_for_their_own_server_and_a_curator_how_to_set_one_up(app_url, monkeypatch):
    monkeypatch.delenv("PLAYLIST_SUBSONIC_URL", raising=False)
    client = _client(app_url, "ana")
    assert "ask for a playlist first" in client.predict("", "", "", False, api_name="/push")
    _send(client, "rock, 3 songs")
    assert "type its address" in client.predict("", "", "", False, api_name="/push")  # a listener: own account
    curator = _client(app_url, "cara")
    _send(curator, "rock, 3 songs")
    assert "PLAYLIST_SUBSONIC_URL" in curator.predict("", "", "", False, api_name="/push")


def test_the_tracks_and_clean_controls_act_on_every_turn_not_only_the_first(app_url):
    client = _client(app_url, "ben")
    explicit = {"Still D.R.E.", "California Love", "Juicy", "N.Y. State of Mind", "Gin and Juice", "SICKO MODE"}
    chat, _, _, table, _ = client.predict("rap", [], 4, 0.5, 0.3, False, False, api_name="/send")
    assert len(table["data"]) == 4 and _text(chat[0]) == "rap"  # the prompt is kept as typed
    chat, _, _, table, _ = client.predict("keep going", chat, 6, 0.5, 0.3, False, False, api_name="/send")
    assert len(table["data"]) == 6
    assert explicit & {row[1] for row in table["data"]}
    chat, _, _, table, _ = client.predict("same again", chat, 6, 0.5, 0.3, True, False, api_name="/send")
    assert len(table["data"]) == 6 and not explicit & {row[1] for row in table["data"]}
