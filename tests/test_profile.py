import json
import zipfile
from contextlib import contextmanager

import pytest

from assistant.profiles.history import parse_history
from assistant.profiles.profile import ProfileStore
from assistant.profiles.stores import open_database
from index.errors import PlaylistError

SPOTIFY = [
    {"endTime": "2024-03-01 20:15", "artistName": "Bon Iver", "trackName": "Holocene", "msPlayed": 336000},
    {"endTime": "2024-03-01 20:20", "artistName": "Frank Ocean", "trackName": "Thinkin Bout You", "msPlayed": 5000},
    {"endTime": "2024-03-01 20:25", "artistName": "Unknown Band", "trackName": "Not In Catalog", "msPlayed": 90000},
]
EXTENDED = [
    {
        "ts": "2024-04-01T10:00:00Z",
        "master_metadata_track_name": "Levels - Radio Edit",
        "master_metadata_album_artist_name": "Avicii",
        "ms_played": 190000,
        "skipped": False,
        "spotify_track_uri": "spotify:track:t38",
    },
    {
        "ts": "2024-04-01T10:05:00Z",
        "master_metadata_track_name": None,
        "master_metadata_album_artist_name": None,
        "ms_played": 1000,
        "episode_name": "A podcast",
    },
    {
        "ts": "2024-04-01T10:10:00Z",
        "master_metadata_track_name": "Royals",
        "master_metadata_album_artist_name": "Lorde",
        "ms_played": 3000,
        "skipped": True,
        "spotify_track_uri": "spotify:track:t46",
    },
]


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_spotify_formats_zip_and_lastfm(tmp_path):
    plays = parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    assert [p.title for p in plays] == ["Holocene", "Thinkin Bout You", "Not In Catalog"]
    extended = parse_history(_write(tmp_path, "Streaming_History_Audio_2024.json", EXTENDED))
    assert [(p.track_id, p.skipped) for p in extended] == [("t38", False), ("t46", True)]  # podcast left out
    archive = tmp_path / "my_spotify_data.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Spotify Account Data/StreamingHistory_music_0.json", json.dumps(SPOTIFY))
        zf.writestr("Spotify Account Data/Userdata.json", "{}")
    assert len(parse_history(archive)) == 3
    headed = _write(
        tmp_path,
        "scrobbles.csv",
        'uts,utc_time,artist,album,track\n1700000000,"14 Nov 2023, 22:13",Queen,Jazz,Don\'t Stop Me Now\n',
    )
    assert parse_history(headed)[0].artist == "Queen"
    bare = _write(tmp_path, "lastfm.csv", "Lorde,Pure Heroine,Royals,01 Jan 2024 10:00\n")
    assert parse_history(bare)[0].title == "Royals"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("StreamingHistory_music_0.json", '[{"endTime": "2024-03-01 20:15", "artistNa', "not valid JSON"),
        ("StreamingHistory_music_0.json", {"not": "a list"}, "expected a JSON list"),
        ("StreamingHistory_music_0.json", [{"foo": 1}], "not a Spotify streaming history"),
        (
            "StreamingHistory_music_0.json",
            [{"endTime": "yesterday", "artistName": "A", "trackName": "B"}],
            "unreadable time",
        ),
        ("history.csv", "a;b\n1;2\n", "not a Last.fm scrobble CSV"),
        ("history.xml", "<xml/>", "unsupported history file"),
        ("StreamingHistory_music_0.json", [], "no music plays"),
    ],
)
def test_malformed_files_are_rejected_with_a_sentence(tmp_path, name, content, message):
    with pytest.raises(PlaylistError, match=message):
        parse_history(_write(tmp_path, name, content))


def test_oversized_files_and_zip_members_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.profiles.history.MAX_HISTORY_BYTES", 2000)
    with pytest.raises(PlaylistError, match="larger than"):
        parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY * 10))
    archive = tmp_path / "my_spotify_data.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("StreamingHistory_music_0.json", json.dumps(SPOTIFY * 50))
    assert archive.stat().st_size < 2000  # the archive is small; the member inside is not (a zip bomb)
    with pytest.raises(PlaylistError, match="larger than"):
        parse_history(archive)


def test_import_matches_by_name_and_uri_and_builds_profile(tmp_path, engine, profiles):
    plays = parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    report = profiles.import_plays("ana", plays, engine.vocab, set(engine.index.row_of), "spotify")
    assert (report.plays, report.matched) == (3, 2)
    extended = parse_history(_write(tmp_path, "Streaming_History_Audio_2024.json", EXTENDED))
    assert profiles.import_plays("ana", extended, engine.vocab, set(engine.index.row_of), "ext").matched == 2
    profile = profiles.profile("ana", engine.index)
    assert profile.track_weight["t47"] > profile.track_weight["t28"] > 0  # a 5 s play counts less
    assert profile.track_weight["t46"] < 0  # skipped
    assert profile.vector is not None
    summary = profiles.summary("ana", engine.index)
    assert summary.plays == 5 and summary.matched_plays == 4
    assert ("Bon Iver", 1) in summary.top_artists


def test_long_import_reports_progress_and_an_interrupted_one_stores_nothing(tmp_path, engine, profiles):
    plays = parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY * 4000))
    seen = []
    report = profiles.import_plays(
        "ana",
        plays,
        engine.vocab,
        set(engine.index.row_of),
        "spotify",
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert report.plays == 12_000
    assert seen[-1] == (12_000, 12_000) and [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 3

    def interrupt(done, total):
        if done > total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        profiles.import_plays("bob", plays, engine.vocab, set(engine.index.row_of), "spotify", on_progress=interrupt)
    assert not profiles.exists("bob")


def test_failed_import_leaves_profile_as_it_was(tmp_path, engine, profiles):
    good = parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    profiles.import_plays("ana", good, engine.vocab, set(engine.index.row_of), "spotify")
    with pytest.raises(PlaylistError):
        parse_history(_write(tmp_path, "StreamingHistory_music_1.json", '[{"endTime": 1'))
    assert profiles.summary("ana", engine.index).plays == 3


def test_delete_removes_every_row(tmp_path, engine, profiles):
    plays = parse_history(_write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    profiles.import_plays("ana", plays, engine.vocab, set(engine.index.row_of), "spotify")
    profiles.import_plays("bob", plays, engine.vocab, set(engine.index.row_of), "spotify")
    profiles.add_feedback("ana", "t47", "like")
    from assistant.session import Session

    profiles.save_playlist("ana", Session(engine).ask("rock, 2 songs"), [])
    assert profiles.delete("ana") == 5
    with profiles.db.transaction() as db:
        for table, column in (
            ("play", "listener_id"),
            ("feedback", "listener_id"),
            ("saved_playlist", "listener_id"),
            ("listener", "id"),
        ):
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = 'ana'").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM play WHERE listener_id = 'bob'").fetchone()[0] == 3
    assert not profiles.exists("ana")


def test_listener_ids_are_checked(profiles):
    with pytest.raises(PlaylistError, match="listener id"):
        profiles.exists("../../etc/passwd")


LASTFM = (
    "uts,utc_time,artist,album,track\n"
    '1709324100,"01 Mar 2024, 20:15",Bon Iver,Bon Iver,Holocene\n'
    '1709324400,"01 Mar 2024, 20:20",Unknown Band,Demo,Not In Catalog\n'
)


def _import(profiles, engine, path, listener="ana"):
    return profiles.import_plays(listener, parse_history(path), engine.vocab, set(engine.index.row_of), path.name)


def _same(first, second):
    assert first.track_weight == pytest.approx(second.track_weight)
    assert first.artist_plays == second.artist_plays and first.disliked == second.disliked
    assert first.vector == pytest.approx(second.vector)


@pytest.mark.parametrize(
    "name, content",
    [
        ("scrobbles.csv", LASTFM),
        ("StreamingHistory_music_0.json", SPOTIFY),
        ("Streaming_History_Audio_2024.json", EXTENDED),
    ],
    ids=["lastfm", "spotify", "spotify-extended"],
)
def test_the_same_history_imported_twice_is_stored_once(tmp_path, engine, profiles, name, content):
    path = _write(tmp_path, name, content)
    first = _import(profiles, engine, path)
    before, summary = profiles.profile("ana", engine.index), profiles.summary("ana", engine.index)
    again = _import(profiles, engine, path)
    assert profiles.summary("ana", engine.index) == summary
    _same(profiles.profile("ana", engine.index), before)
    assert (first.new, first.already) == (first.plays, 0)
    assert (again.new, again.already, again.matched) == (0, first.plays, first.matched)
    assert again.summary().startswith(f"imported 0 new plays for ana from {name}, {first.plays} already in the profile")


def test_overlapping_exports_merge_and_add_only_the_new_plays(tmp_path, engine, profiles):
    _import(profiles, engine, _write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY[:2]))
    overlap = _import(profiles, engine, _write(tmp_path, "StreamingHistory_music_1.json", SPOTIFY[1:]))
    assert profiles.summary("ana", engine.index).plays == 3
    assert (overlap.new, overlap.already) == (1, 1)
    later = tmp_path / "my_spotify_data.zip"  # a later export: the earlier months again, and one new play
    newer = {"endTime": "2024-04-02 08:00", "artistName": "Bon Iver", "trackName": "Holocene", "msPlayed": 200000}
    with zipfile.ZipFile(later, "w") as zf:
        zf.writestr("StreamingHistory_music_0.json", json.dumps(SPOTIFY[:2]))
        zf.writestr("StreamingHistory_music_1.json", json.dumps([*SPOTIFY[2:], newer]))
    report = _import(profiles, engine, later)
    summary = profiles.summary("ana", engine.index)
    assert summary.plays == 4 and ("Bon Iver", 2) in summary.top_artists
    assert (report.plays, report.new, report.already) == (4, 1, 3)


def test_a_play_is_the_same_play_whatever_the_spelling_of_an_unmatched_song(tmp_path, engine, profiles):
    _import(profiles, engine, _write(tmp_path, "scrobbles.csv", LASTFM))
    _import(profiles, engine, _write(tmp_path, "again.csv", LASTFM.replace("Unknown Band", "UNKNOWN BAND")))
    assert profiles.summary("ana", engine.index).plays == 2
    moved = _import(
        profiles,
        engine,
        _write(tmp_path, "moved.csv", LASTFM.replace("20:20", "20:21").replace("1709324400", "1709324460")),
    )
    assert profiles.summary("ana", engine.index).plays == 3  # the same song a minute later is another play
    assert (moved.new, moved.already) == (1, 1)


class Recorded:
    """The real database of db_spec, writing down every statement a store sends it."""

    def __init__(self, db_spec: str):
        self.db, self.statements = open_database(db_spec), []
        self.dialect = self.db.dialect

    @contextmanager
    def transaction(self):
        with self.db.transaction() as conn:
            yield self._Connection(conn, self.statements)

    def migration_lock(self):
        return self.db.migration_lock()

    def describe(self) -> str:
        return self.db.describe()

    def reads(self, table: str) -> int:
        return sum(1 for sql in self.statements if sql.startswith("SELECT") and f" FROM {table} " in f"{sql} ")

    class _Connection:
        def __init__(self, conn, statements):
            self.conn, self.statements = conn, statements

        def execute(self, sql, params=()):
            self.statements.append(sql)
            return self.conn.execute(sql, params)

        def executemany(self, sql, rows):
            self.statements.append(sql)
            return self.conn.executemany(sql, rows)


def test_a_second_turn_does_not_read_the_plays_again(tmp_path, engine, db_spec):
    from assistant.session import Session

    recorded = Recorded(db_spec)
    profiles = ProfileStore(recorded)
    _import(profiles, engine, _write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    session = Session(engine, profiles, "ana")
    session.ask("indie folk, 4 songs")
    session.refine("make it 6 songs")
    session.refine("more upbeat")
    assert recorded.reads("play") == 1 and recorded.reads("feedback") == 1
    assert recorded.reads("listener") >= 3  # one look at the listener's version per turn
    assert profiles.profile("ana", engine.index) is profiles.profile("ana", engine.index)


def test_a_like_an_import_and_a_delete_change_the_next_profile(tmp_path, engine, profiles):
    _import(profiles, engine, _write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY))
    first = profiles.profile("ana", engine.index)
    profiles.add_feedback("ana", "t01", "like")
    liked = profiles.profile("ana", engine.index)
    assert "t01" not in first.track_weight and liked.track_weight["t01"] > 0
    _import(profiles, engine, _write(tmp_path, "Streaming_History_Audio_2024.json", EXTENDED))
    assert profiles.profile("ana", engine.index).track_weight["t46"] < 0
    profiles.delete("ana")
    with pytest.raises(PlaylistError, match="unknown listener"):
        profiles.profile("ana", engine.index)
    profiles.add_feedback("ana", "t47", "dislike")
    assert profiles.profile("ana", engine.index).disliked == {"t47"}


def test_a_change_through_another_replica_reaches_this_one_and_only_for_that_listener(tmp_path, engine, db_spec):
    history = _write(tmp_path, "StreamingHistory_music_0.json", SPOTIFY)
    recorded = Recorded(db_spec)
    here, there = ProfileStore(recorded), ProfileStore(db_spec)
    for listener in ("ana", "bob"):
        _import(here, engine, history, listener)
    ana, bob = here.profile("ana", engine.index), here.profile("bob", engine.index)
    there.add_feedback("ana", "t01", "like")
    assert here.profile("ana", engine.index).track_weight["t01"] > 0
    reads = recorded.reads("play")
    assert here.profile("bob", engine.index) is bob and recorded.reads("play") == reads
    there.delete("ana")  # deleted and imported again elsewhere: the same count of changes, yet a new listener
    _import(there, engine, history, "ana")
    there.add_feedback("ana", "t47", "dislike")
    again = here.profile("ana", engine.index)
    assert again.disliked == {"t47"} and "t01" not in again.track_weight and again is not ana
    _same(again, there.profile("ana", engine.index))
