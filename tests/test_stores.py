"""The PostgreSQL backend's own promises: migrations that two replicas can run at once, committed writes that
survive a killed process, and clear messages when the database is missing or the URL is wrong."""

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import fresh_database

from assistant.cli import main
from assistant.profiles.stores import Database, DatabaseError, open_database
from assistant.profiles.stores.migrations import MIGRATIONS

MIGRATE = textwrap.dedent("""
    import sys
    from assistant.profiles.stores import open_database
    open_database(sys.argv[1])
    print("migrated")
""")


def _versions(url: str) -> list[int]:
    with open_database(url).transaction() as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]


def test_replicas_migrating_at_once_each_succeed_and_apply_each_version_once(postgres_admin_url):
    url = fresh_database(postgres_admin_url)
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    results = [process.communicate(timeout=60) for process in starts]
    assert all(process.returncode == 0 for process in starts), results
    assert _versions(url) == [version for version, _, _ in MIGRATIONS]


WRITE_THEN_DIE = textwrap.dedent("""
    import os, sys
    from assistant.profiles.stores import open_database
    db = open_database(sys.argv[1])
    with db.transaction() as conn:
        conn.execute("INSERT INTO listener (id, created_at) VALUES ('kept', 'now')")
    conn_cm = db.transaction()
    conn = conn_cm.__enter__()
    conn.execute("INSERT INTO listener (id, created_at) VALUES ('half', 'now')")
    print("written", flush=True)
    os._exit(9)  # killed mid-transaction: no commit, no rollback, no goodbye
""")


def test_a_replica_killed_mid_write_loses_nothing_it_committed(postgres_admin_url):
    url = fresh_database(postgres_admin_url)
    run = subprocess.run([sys.executable, "-c", WRITE_THEN_DIE, url], capture_output=True, text=True, timeout=60)
    assert run.returncode == 9 and "written" in run.stdout
    with open_database(url).transaction() as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM listener ORDER BY id").fetchall()]
    assert ids == ["kept"]


def test_a_database_that_is_not_there_is_one_clear_line(postgres_admin_url, capsys, monkeypatch, tmp_path):
    from servers import free_port

    with pytest.raises(DatabaseError, match=r"cannot reach the database at postgresql://127\.0\.0\.1:\d+/x") as err:
        open_database(f"postgresql://someone:hunter2@127.0.0.1:{free_port()}/x")
    assert "hunter2" not in str(err.value)
    monkeypatch.setenv("PLAYLIST_DB", "mysql://db/x")
    assert main(["profile", "show", "--user", "ana"]) == 2
    err = capsys.readouterr().err  # refused by the settings check, or by open_database: either way, one line
    assert err.startswith("playlist: PLAYLIST_DB") and "postgresql://" in err and err.count("\n") == 1


def test_the_database_going_down_mid_session_is_a_message_and_the_playlist_stays(engine, tmp_path):
    from servers import postgres

    from assistant.profiles.profile import ProfileStore
    from assistant.session import Session

    with postgres() as admin_url:
        profiles = ProfileStore(fresh_database(admin_url))
        profiles.add_feedback("ana", "t01", "like")
        session = Session(engine, profiles, "ana")
        playlist = session.ask("rock, 3 songs")
    # the server is stopped now
    with pytest.raises(DatabaseError, match="unreachable"):
        session.feedback(1, "like")
    with pytest.raises(DatabaseError, match="unreachable"):
        session.refine("make it 5 songs")
    assert session.playlist == playlist


HISTORY = [
    {"endTime": "2024-03-01 20:15", "artistName": "Bon Iver", "trackName": "Holocene", "msPlayed": 336000},
    {"endTime": "2024-03-01 20:20", "artistName": "Frank Ocean", "trackName": "Thinkin Bout You", "msPlayed": 5000},
    {"endTime": "2024-03-01 20:25", "artistName": "Unknown Band", "trackName": "Not In Catalog", "msPlayed": 90000},
]
OLD_ROWS = [  # HISTORY as the code before schema version 2 stored it
    ("t47", "Bon Iver", "Holocene", "2024-03-01T20:15:00+00:00", 336000),
    ("t28", "Frank Ocean", "Thinkin Bout You", "2024-03-01T20:20:00+00:00", 5000),
    (None, "Unknown Band", "Not In Catalog", "2024-03-01T20:25:00+00:00", 90000),
]


@contextmanager
def _at_version_1(spec: str, monkeypatch) -> Iterator[Database]:
    """A database with the schema of version 1, as made before plays had a key."""
    from assistant.profiles.stores import migrations
    from assistant.profiles.stores.postgres import PostgresDatabase
    from assistant.profiles.stores.sqlite import SqliteDatabase

    database = PostgresDatabase(spec) if spec.startswith("postgresql://") else SqliteDatabase(Path(spec))
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:1])
        assert migrations.migrate(database) == [1]
    yield database
    if isinstance(database, PostgresDatabase):
        database.close()


def test_the_migration_keeps_one_of_each_play_stored_twice_and_a_new_import_adds_none(
    db_spec, monkeypatch, engine, tmp_path
):
    from assistant.profiles.history import parse_history
    from assistant.profiles.profile import ProfileStore

    shouted = (None, "UNKNOWN BAND", "not in catalog", *OLD_ROWS[2][3:])  # the same song, spelt otherwise
    with _at_version_1(db_spec, monkeypatch) as old, old.transaction() as conn:
        for listener in ("ana", "bob"):
            conn.execute("INSERT INTO listener (id, created_at) VALUES (?, 'then')", (listener,))
        conn.executemany(
            "INSERT INTO play (listener_id, track_id, artist, title, played_at, ms_played, skipped,"
            " source) VALUES (?, ?, ?, ?, ?, ?, 0, 'spotify')",
            [("ana", *row) for row in (*OLD_ROWS, *OLD_ROWS[:2], shouted)] + [("bob", *OLD_ROWS[0])],
        )
    profiles = ProfileStore(db_spec)
    assert _versions(db_spec) == [version for version, _, _ in MIGRATIONS]
    with profiles.db.transaction() as conn:
        counts = dict(conn.execute("SELECT listener_id, COUNT(*) FROM play GROUP BY listener_id").fetchall())
    assert counts == {"ana": 3, "bob": 1}
    history = tmp_path / "StreamingHistory_music_0.json"
    history.write_text(json.dumps(HISTORY), encoding="utf-8")
    report = profiles.import_plays("ana", parse_history(history), engine.vocab, set(engine.index.row_of), "again")
    assert (report.new, report.already) == (0, 3)
    assert profiles.summary("ana", engine.index).plays == 3
