"""Standing playlists on the fixture catalog, on SQLite and PostgreSQL: written when due, left alone when not,
refreshed a day later with the same constraints and at least a third new tracks; locks kept, dislikes and
recently rotated-out tracks kept out; a target that is down retried with the same playlist; two schedulers at
once refresh once."""

import json
import math
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from servers import free_port

from assistant.outputs.standing.refresh import Refresher
from assistant.outputs.standing.rotation import COOLDOWN_REFRESHES
from assistant.outputs.standing.schedule import Schedule
from assistant.outputs.standing.store import StandingStore
from assistant.outputs.standing.targets import MpdTarget, file_target

DAILY = Schedule(every="daily", at="07:00", tz="Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def day(n: int, clock: str = "07:30") -> datetime:
    return at(f"2026-12-{n:02d}T{clock}+01:00")


def refresher(profiles, engine, index_dir) -> Refresher:
    return Refresher(StandingStore(profiles.db), profiles, lambda: engine, index_dir)


def file_tracks(path: Path) -> list[str]:
    """The track ids a written JSPF holds (the fixture's tracks have no file or web address for an M3U8)."""
    return [t["identifier"][0] for t in json.loads(path.read_text(encoding="utf-8"))["playlist"]["track"]]


def test_written_when_due_left_alone_when_not_and_refreshed_a_day_later(profiles, engine, index_dir, tmp_path):
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    target = tmp_path / "out" / "mix.jspf"
    standing_id = store.add("ann", "9 songs, no Queen", ["no Led Zeppelin either"], [], DAILY, file_target(target))
    run = refresher(profiles, engine, index_dir)

    first = run.run_due(day(1))
    assert [o.ok for o in first] == [True] and "wrote" in first[0].message
    written = file_tracks(target)
    before = target.read_bytes()
    assert len(written) == 9
    assert run.run_due(day(1, "23:00")) == [] and run.run_due(day(2, "06:59")) == []
    assert target.read_bytes() == before

    again = run.run_due(day(2, "07:01"))
    assert [o.ok for o in again] == [True]
    refreshed = file_tracks(target)
    assert len(refreshed) == 9 and len(set(refreshed) - set(written)) >= 3
    artists = {engine.index.track(t).artist for t in refreshed + written}
    assert not artists & {"Queen", "Led Zeppelin"}
    shown = store.get(standing_id, "ann")
    assert shown.last_ok and shown.next_refresh(day(2, "08:00")) == at("2026-12-03T07:00+01:00")
    with pytest.raises(Exception, match="no standing playlist"):
        store.get(standing_id, "bob")  # another listener never sees it


def test_locks_stay_dislikes_never_return_and_rotated_out_tracks_rest(profiles, engine, index_dir, tmp_path):
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    locked = "t04"  # Stairway to Heaven
    store.add("ann", "rock, 6 songs", [], [locked], DAILY, file_target(tmp_path / "rock.jspf"))
    run = refresher(profiles, engine, index_dir)
    run.run_due(day(1))
    first = store.refreshes(1)[0].playlist
    disliked = next(i for i in first.track_ids if i != locked)
    profiles.add_feedback("ann", disliked, "dislike")
    for n in range(2, 7):
        assert [o.ok for o in run.run_due(day(n))] == [True]
    refreshes = [r for r in reversed(store.refreshes(1))]
    assert len(refreshes) == 6
    for k, refresh in enumerate(refreshes):
        ids = refresh.playlist.track_ids
        assert locked in ids and len(ids) == 6
        if k:
            assert disliked not in ids
            assert len(refresh.new_ids) >= math.ceil(len(ids) / 3)
            assert set(refresh.new_ids).isdisjoint(refreshes[k - 1].playlist.track_ids)
        for later in refreshes[k + 1 : k + 1 + COOLDOWN_REFRESHES]:
            assert set(refresh.dropped_ids).isdisjoint(later.playlist.track_ids)


def test_a_catalog_too_small_to_rotate_keeps_the_length_and_says_so(profiles, tmp_path, embedder):
    from conftest import CATALOG

    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.store import VectorIndex

    lines = CATALOG.read_text(encoding="utf-8").splitlines()
    (tmp_path / "small.csv").write_text("\n".join(lines[:1] + lines[4:9]) + "\n", encoding="utf-8")  # 5 songs
    build_index(tmp_path / "small.csv", tmp_path / "index", embedder)
    engine = Engine(VectorIndex.load(tmp_path / "index", embedder.model_id, embedder.dim), embedder)
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    store.add("ann", "4 songs", [], [], DAILY, file_target(tmp_path / "mix.jspf"))
    run = Refresher(store, profiles, lambda: engine, tmp_path / "index")
    run.run_due(day(1))
    outcome = run.run_due(day(2))[0]
    latest = store.refreshes(1)[0]
    assert outcome.ok and len(latest.playlist.items) == 4 and len(latest.new_ids) == 1
    assert "only 1 of the 4 tracks are new" in outcome.message


def test_a_target_that_is_down_is_reported_and_the_same_playlist_delivered_next_run(
    profiles, engine, index_dir, tmp_path
):
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    blocker = tmp_path / "music"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store.add("ann", "5 songs", [], [], DAILY, file_target(blocker / "mix.jspf"))
    store.add("ann", "5 songs", [], [], DAILY, MpdTarget(address=f"127.0.0.1:{free_port()}", music_dir=str(tmp_path)))
    run = refresher(profiles, engine, index_dir)

    down = run.run_due(day(1))
    assert [o.ok for o in down] == [False, False]
    assert "delivery to" in down[0].message and "cannot reach MPD" in down[1].message
    assert all(s.due(day(1)) and s.last_ok is False for s in store.listed("ann"))
    pending = store.refreshes(1)[0]
    assert not pending.delivered

    blocker.unlink()
    blocker.mkdir()
    later = run.run_due(day(1, "09:00"))
    assert [o.ok for o in later] == [True, False]
    assert file_tracks(blocker / "mix.jspf") == pending.playlist.track_ids
    assert not list(blocker.glob(".*"))  # no temp file left behind
    assert not store.get(1).due(day(1, "10:00")) and store.get(2).due(day(1, "10:00"))


def test_two_schedulers_at_once_refresh_once(profiles, engine, index_dir, tmp_path):
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    store.add("ann", "5 songs", [], [], DAILY, file_target(tmp_path / "mix.jspf"))
    runners = [refresher(profiles, engine, index_dir) for _ in range(4)]
    start = threading.Barrier(len(runners))
    outcomes: list = []

    def go(runner: Refresher) -> None:
        start.wait()
        outcomes.extend(runner.run_due(day(1)))

    threads = [threading.Thread(target=go, args=(r,)) for r in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 1 and outcomes[0].ok and len(store.refreshes(1)) == 1


def test_a_live_lease_is_left_alone_and_a_crashed_runs_lease_runs_out(profiles, engine, index_dir, tmp_path):
    from assistant.outputs.standing.store import stamp

    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    store.add("ann", "5 songs", [], [], DAILY, file_target(tmp_path / "mix.jspf"))
    slot = stamp(DAILY.latest_slot(day(1)))
    assert store.claim(1, slot, "another replica")
    assert refresher(profiles, engine, index_dir).run_due(day(1)) == []
    store.release(1, "another replica", "crashed", False, None)
    assert store.claim(1, slot, "a run that crashes", lease_s=-1)  # its lease is over at once
    assert [o.ok for o in refresher(profiles, engine, index_dir).run_due(day(1))] == [True]


def test_removing_a_listener_removes_their_standing_playlists(profiles, tmp_path):
    profiles.ensure_listener("ann")
    store = StandingStore(profiles.db)
    store.add("ann", "5 songs", [], [], DAILY, file_target(tmp_path / "mix.jspf"))
    with pytest.raises(Exception, match="unknown listener"):
        store.add("nobody", "5 songs", [], [], DAILY, file_target(tmp_path / "mix.jspf"))
    profiles.delete("ann")
    assert store.listed() == []
