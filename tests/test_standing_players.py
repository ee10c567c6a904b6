"""A daily standing playlist delivered to a real Supysonic server (the same playlist updated in place) and a real
MPD (the queue replaced), on day one and again a day later with at least a third new tracks; a server that is
down is reported and the refresh delivered at the next run."""

import math
from datetime import UTC, datetime

import pytest
from music_library import make_library
from servers import SUBSONIC_PASSWORD, SUBSONIC_USER, mpd, supysonic

from assistant.outputs.standing.refresh import Refresher
from assistant.outputs.standing.schedule import Schedule
from assistant.outputs.standing.store import StandingStore
from assistant.outputs.standing.targets import MpdTarget, SubsonicTarget
from assistant.pipeline.planner import Engine
from assistant.profiles.profile import ProfileStore
from index.build import build_index
from index.sources.folder import import_folder
from index.sources.subsonic import import_subsonic
from index.sources.subsonic_api import SubsonicClient
from index.store import VectorIndex

DAILY = Schedule(every="daily", at="07:00", tz="UTC")
DAY_ONE, DAY_TWO = datetime(2026, 12, 1, 7, 30, tzinfo=UTC), datetime(2026, 12, 2, 7, 30, tzinfo=UTC)


def engine_for(catalog, index_dir, embedder) -> Engine:
    build_index(catalog, index_dir, embedder)
    return Engine(VectorIndex.load(index_dir, embedder.model_id, embedder.dim), embedder)


def refresher(tmp_path, engine, index_dir) -> Refresher:
    profiles = ProfileStore(tmp_path / "state.sqlite")
    profiles.ensure_listener("ann")
    return Refresher(StandingStore(profiles.db), profiles, lambda: engine, index_dir)


def assert_rotated(store: StandingStore) -> tuple[list[str], list[str]]:
    second, first = (r.playlist.track_ids for r in store.refreshes(1))
    assert len(second) == len(first) and len(set(second) - set(first)) >= math.ceil(len(second) / 3)
    return first, second


def test_a_daily_playlist_lands_on_subsonic_and_is_updated_in_place(tmp_path, embedder, monkeypatch):
    make_library(tmp_path / "music")
    with supysonic(tmp_path / "music", tmp_path / "supysonic") as (url, _):
        api = SubsonicClient(url, SUBSONIC_USER, SUBSONIC_PASSWORD, allow_password=True)
        import_subsonic(api, tmp_path / "catalog.jsonl")
        engine = engine_for(tmp_path / "catalog.jsonl", tmp_path / "index", embedder)
        run = refresher(tmp_path, engine, tmp_path / "index")
        run.store.add(
            "ann",
            "3 songs",
            [],
            [],
            DAILY,
            SubsonicTarget(url=url, user=SUBSONIC_USER, name="Morning", password_auth=True),
        )
        monkeypatch.delenv("PLAYLIST_SUBSONIC_PASSWORD", raising=False)
        refused = run.run_due(DAY_ONE)
        assert [o.ok for o in refused] == [False] and "PLAYLIST_SUBSONIC_PASSWORD" in refused[0].message

        monkeypatch.setenv("PLAYLIST_SUBSONIC_PASSWORD", SUBSONIC_PASSWORD)
        assert [o.ok for o in run.run_due(DAY_ONE)] == [True]
        [made] = [p for p in api.call("getPlaylists")["playlists"]["playlist"] if p["name"] == "Morning"]
        assert run.run_due(DAY_TWO)[0].ok
        first, second = assert_rotated(run.store)
        playlists = [p for p in api.call("getPlaylists")["playlists"]["playlist"] if p["name"] == "Morning"]
        assert [p["id"] for p in playlists] == [made["id"]]
        entries = api.call("getPlaylist", id=made["id"])["playlist"]["entry"]
        assert [song["id"] for song in entries] == second


def test_a_daily_playlist_replaces_the_mpd_queue_and_a_player_that_is_down_gets_it_next_run(tmp_path, embedder):
    from mpd import MPDClient

    paths = make_library(tmp_path / "music")
    import_folder(tmp_path / "music", tmp_path / "catalog.jsonl")
    engine = engine_for(tmp_path / "catalog.jsonl", tmp_path / "index", embedder)
    run = refresher(tmp_path, engine, tmp_path / "index")
    by_id = {t.track_id: paths[t.title].relative_to(tmp_path / "music").as_posix() for t in engine.index.tracks}

    def queue(address: str) -> list[str]:
        player = MPDClient()
        host, port = address.split(":")
        player.connect(host, int(port))
        try:
            return [song["file"] for song in player.playlistinfo()]
        finally:
            player.disconnect()

    with mpd(tmp_path / "music", tmp_path / "mpd") as address:
        run.store.add("ann", "3 songs", [], [], DAILY, MpdTarget(address=address))  # music folder: the import's
        assert [o.ok for o in run.run_due(DAY_ONE)] == [True]
        first = run.store.refreshes(1)[0].playlist.track_ids
        assert queue(address) == [by_id[t] for t in first]
    down = run.run_due(DAY_TWO)
    assert [o.ok for o in down] == [False] and "cannot reach MPD" in down[0].message
    with mpd(tmp_path / "music", tmp_path / "mpd-again", port=int(address.split(":")[1])) as address:
        assert [o.ok for o in run.run_due(DAY_TWO)] == [True]
        _, second = assert_rotated(run.store)
        assert queue(address) == [by_id[t] for t in second]


@pytest.fixture(autouse=True)
def _no_operator_account(monkeypatch):
    for name in ("PLAYLIST_SUBSONIC_URL", "PLAYLIST_SUBSONIC_USER", "PLAYLIST_MPD_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
