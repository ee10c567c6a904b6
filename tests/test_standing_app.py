"""'Keep this fresh' in a launched app (gradio_client, accounts on): the playlist on screen is delivered at once
with its prompt, follow-up and lock kept; a day later the refresh keeps them and brings new tracks; a listener's
players are refused, a curator's MPD target without a music folder is refused at once (test_standing_players
has one that is down); the app's scheduler refreshes in the background."""

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from servers import free_port
from test_app import _client, _send, write_accounts

from assistant.config import Settings
from assistant.outputs.standing.scheduler import Scheduler

FILE = "a file to download"


@pytest.fixture(scope="module")
def served(index_dir, tmp_path_factory):
    import app as app_module

    home = tmp_path_factory.mktemp("standing-home")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PLAYLIST_ACCOUNTS", str(write_accounts(home / "accounts.json")))
    settings = Settings.from_env(home=home, index_dir=index_dir, db=str(home / "db.sqlite"), llm="none")
    demo, app = app_module.create_app(settings, show_progress=False)
    demo.queue().launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, auth=app.accounts.check)
    yield demo.local_url, app
    demo.close()
    monkey.undo()


def identifiers(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [t["identifier"][0] for t in json.load(handle)["playlist"]["track"]]


def test_keep_this_fresh_delivers_now_and_refreshes_with_the_follow_up_and_lock(served):
    url, app = served
    ana = _client(url, "ana")
    assert (
        "ask for a playlist first" in ana.predict("daily", "07:00", "UTC", FILE, "jspf", "", api_name="/keep_fresh")[0]
    )
    chat, *_ = _send(ana, "rock, 4 songs")
    _send(ana, "no Queen please", chat)
    ana.predict(2, api_name="/lock")
    said, listing = ana.predict("daily", "07:00", "UTC", FILE, "jspf", "", api_name="/keep_fresh")
    assert "✅ Standing playlist #1: 4 tracks, 4 new; wrote" in said
    assert "rock, 4 songs (+1 follow-ups)" in listing and "daily at 07:00 (UTC)" in listing
    downloaded, _ = ana.predict(1, api_name="/standing_file")  # gradio hands out a copy
    first = identifiers(downloaded)
    standing = app.refresher.store.get(1, "ana")
    assert identifiers(standing.target.path) == first
    assert standing.follow_ups == ["no Queen please"] and standing.locked_ids == [first[1]]

    outcomes = app.refresher.run_due(datetime.now(UTC) + timedelta(days=1))
    assert [o.ok for o in outcomes] == [True], outcomes
    assert "4 tracks, 2 new" in outcomes[0].message, outcomes
    second = identifiers(standing.target.path)
    artists = {app.engine.index.track(t).artist for t in second}
    assert len(second) == 4 and first[1] in second and "Queen" not in artists
    assert len(set(second) - set(first)) >= 2

    said, listing = ana.predict(1, api_name="/standing_stop")
    assert "Stopped refreshing #1" in said and "No standing playlists yet" in listing


def test_players_are_for_curators_and_an_mpd_without_a_music_folder_is_refused_at_once(served):
    url, app = served
    ben = _client(url, "ben")
    _send(ben, "rap, 3 songs")
    said, _ = ben.predict(
        "weekly", "18:00", "Europe/Berlin", "an MPD queue", "m3u8", "127.0.0.1:6600", api_name="/keep_fresh"
    )
    assert "for curators" in said
    bad, _ = ben.predict("daily", "25:00", "UTC", FILE, "m3u8", "", api_name="/keep_fresh")
    assert "not a time of day" in bad
    cara = _client(url, "cara")
    _send(cara, "rap, 3 songs")
    said, listing = cara.predict(
        "daily", "07:00", "UTC", "an MPD queue", "m3u8", f"127.0.0.1:{free_port()}", api_name="/keep_fresh"
    )
    assert "MPD plays files: import a music folder first" in said  # refused before anything is stored
    assert app.refresher.store.listed("cara") == []


def test_the_apps_scheduler_refreshes_what_is_due_in_the_background(served):
    url, app = served
    ana = _client(url, "ana")
    _send(ana, "pop, 3 songs")
    ana.predict("daily", "07:00", "UTC", FILE, "jspf", "", api_name="/keep_fresh")
    [standing] = [s for s in app.refresher.store.listed("ana")]
    with app.refresher.store.db.transaction() as conn:  # as if its last refresh were a day old
        conn.execute(
            "UPDATE standing_playlist SET last_slot = ? WHERE id = ?", ("2000-01-01T00:00:00+00:00", standing.id)
        )
    scheduler = Scheduler(app.refresher, period_s=3600).start()
    try:
        deadline = time.monotonic() + 60
        while not scheduler.last and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        scheduler.stop()
    assert [(o.standing_id, o.ok) for o in scheduler.last] == [(standing.id, True)]
    assert not app.refresher.store.get(standing.id).due(datetime.now(UTC))
