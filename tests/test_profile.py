import json
import zipfile

import pytest

from assistant.profiles.history import parse_history
from index.errors import PlaylistError

SPOTIFY = [
    {"endTime": "2024-03-01 20:15", "artistName": "Bon Iver", "trackName": "Holocene", "msPlayed": 336000},
    {"endTime": "2024-03-01 20:20", "artistName": "Frank Ocean", "trackName": "Thinkin Bout You", "msPlayed": 5000},
    {"endTime": "2024-03-01 20:25", "artistName": "Unknown Band", "trackName": "Not In Catalog", "msPlayed": 90000},
]
EXTENDED = [
    {"ts": "2024-04-01T10:00:00Z", "master_metadata_track_name": "Levels - Radio Edit",
     "master_metadata_album_artist_name": "Avicii", "ms_played": 190000, "skipped": False,
     "spotify_track_uri": "spotify:track:t38"},
    {"ts": "2024-04-01T10:05:00Z", "master_metadata_track_name": None, "master_metadata_album_artist_name": None,
     "ms_played": 1000, "episode_name": "A podcast"},
    {"ts": "2024-04-01T10:10:00Z", "master_metadata_track_name": "Royals", "master_metadata_album_artist_name":
     "Lorde", "ms_played": 3000, "skipped": True, "spotify_track_uri": "spotify:track:t46"},
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
    headed = _write(tmp_path, "scrobbles.csv", "uts,utc_time,artist,album,track\n"
                    "1700000000,\"14 Nov 2023, 22:13\",Queen,Jazz,Don't Stop Me Now\n")
    assert parse_history(headed)[0].artist == "Queen"
    bare = _write(tmp_path, "lastfm.csv", "Lorde,Pure Heroine,Royals,01 Jan 2024 10:00\n")
    assert parse_history(bare)[0].title == "Royals"


@pytest.mark.parametrize("name, content, message", [
    ("StreamingHistory_music_0.json", '[{"endTime": "2024-03-01 20:15", "artistNa', "not valid JSON"),
    ("StreamingHistory_music_0.json", {"not": "a list"}, "expected a JSON list"),
    ("StreamingHistory_music_0.json", [{"foo": 1}], "not a Spotify streaming history"),
    ("StreamingHistory_music_0.json", [{"endTime": "yesterday", "artistName": "A", "trackName": "B"}], "unreadable time"),
    ("history.csv", "a;b\n1;2\n", "not a Last.fm scrobble CSV"),
    ("history.xml", "<xml/>", "unsupported history file"),
    ("StreamingHistory_music_0.json", [], "no music plays"),
])
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
    report = profiles.import_plays("ana", plays, engine.vocab, set(engine.index.row_of), "spotify",
                                   on_progress=lambda done, total: seen.append((done, total)))
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
        parse_history(_write(tmp_path, "StreamingHistory_music_1.json", "[{\"endTime\": 1"))
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
        for table, column in (("play", "listener_id"), ("feedback", "listener_id"),
                              ("saved_playlist", "listener_id"), ("listener", "id")):
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = 'ana'").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM play WHERE listener_id = 'bob'").fetchone()[0] == 3
    assert not profiles.exists("ana")


def test_listener_ids_are_checked(profiles):
    with pytest.raises(PlaylistError, match="listener id"):
        profiles.exists("../../etc/passwd")
