"""A Subsonic library in and playlists out, against a real Supysonic server over generated audio files, and a
playlist into a real MPD's queue. Supysonic cannot check tokens (it stores hashed passwords), so the client's
fallback to the hex-encoded password is what runs here, allowed over http by `allow_password` (test_subsonic_auth
holds the refusal); the token itself is checked against the API's example. The app's button: test_subsonic_send."""

from pathlib import Path

import pytest
from music_library import SONGS, make_library
from servers import SUBSONIC_PASSWORD, SUBSONIC_USER, free_port, mpd, supysonic

from assistant.outputs.players.mpd import push_to_mpd
from assistant.outputs.players.subsonic import push_playlist
from assistant.pipeline.planner import Engine
from assistant.session import Session
from index.build import build_index
from index.catalog import load_catalog
from index.errors import PlaylistError
from index.sources.folder import import_folder
from index.sources.subsonic import import_subsonic
from index.sources.subsonic_api import SubsonicClient, SubsonicError, token
from index.store import VectorIndex


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("library")
    paths = make_library(root / "music")
    with supysonic(root / "music", root / "supysonic") as (url, rescan):
        yield url, paths, rescan


def client(url: str, password: str = SUBSONIC_PASSWORD) -> SubsonicClient:
    return SubsonicClient(url, SUBSONIC_USER, password, allow_password=True)


def test_the_token_is_the_apis_own_example():
    assert token("sesame", "c19b2d") == "26719a1196d2a940705a59634eb18eab"


def test_import_keeps_the_servers_song_ids_by_search_and_album_by_album(server, tmp_path):
    url, _, _ = server
    api = client(url)
    report = import_subsonic(api, tmp_path / "by_search.jsonl")
    tracks = load_catalog(tmp_path / "by_search.jsonl").tracks
    assert report.tracks == len(tracks) == len(SONGS)
    assert not api.token_auth  # Supysonic asked for the password instead
    song = api.call("getSong", id=tracks[0].track_id)["song"]
    assert (song["title"], song["artist"]) == (tracks[0].title, tracks[0].artist)
    by_title = {t.title: t for t in tracks}
    assert by_title["Run Faster"].year == 2011 and "rock" in by_title["Run Faster"].genres
    import_subsonic(client(url), tmp_path / "by_album.jsonl", walk_albums=True)
    assert {t.track_id for t in load_catalog(tmp_path / "by_album.jsonl").tracks} == {t.track_id for t in tracks}


def test_wrong_password_or_no_server_says_so_and_writes_nothing(server, tmp_path):
    url, _, _ = server
    with pytest.raises(SubsonicError, match="wrong user or password"):
        import_subsonic(client(url, "not it"), tmp_path / "catalog.jsonl")
    with pytest.raises(SubsonicError, match="cannot reach"):
        import_subsonic(client(f"http://127.0.0.1:{free_port()}"), tmp_path / "catalog.jsonl")
    with pytest.raises(PlaylistError, match="not a server address"):
        SubsonicClient("127.0.0.1:4040", SUBSONIC_USER, SUBSONIC_PASSWORD)
    assert not list(tmp_path.iterdir())


def test_push_creates_then_updates_and_leaves_out_songs_deleted_since(server, tmp_path, embedder):
    url, paths, rescan = server
    api = client(url)
    import_subsonic(api, tmp_path / "catalog.jsonl")
    build_index(tmp_path / "catalog.jsonl", tmp_path / "index", embedder)
    engine = Engine(VectorIndex.load(tmp_path / "index", embedder.model_id, embedder.dim), embedder)
    session = Session(engine)
    playlist = session.ask("4 songs, latin pop and techno")

    created = push_playlist(api, playlist, "Test mix")
    on_server = api.call("getPlaylist", id=created.playlist_id)["playlist"]
    assert not created.updated and [s["id"] for s in on_server["entry"]] == [i.track_id for i in playlist.items]

    shorter = session.refine("make it 2 songs")
    updated = push_playlist(api, shorter, "Test mix")
    assert updated.updated and updated.playlist_id == created.playlist_id
    names = [p["name"] for p in api.call("getPlaylists")["playlists"]["playlist"]]
    assert names.count("Test mix") == 1
    entries = api.call("getPlaylist", id=created.playlist_id)["playlist"]["entry"]
    assert [s["id"] for s in entries] == [i.track_id for i in shorter.items]

    gone = shorter.items[0]
    paths[gone.title].unlink()
    rescan()
    report = push_playlist(api, shorter, "Test mix")
    assert report.missing == [f"{gone.artist} - {gone.title}"] and report.sent == len(shorter.items) - 1
    assert "no longer on the server" in report.summary()


def test_a_playlist_from_a_music_folder_fills_the_mpd_queue(tmp_path, embedder):
    paths = make_library(tmp_path / "music")
    import_folder(tmp_path / "music", tmp_path / "catalog.jsonl")
    build_index(tmp_path / "catalog.jsonl", tmp_path / "index", embedder)
    engine = Engine(VectorIndex.load(tmp_path / "index", embedder.model_id, embedder.dim), embedder)
    playlist = Session(engine).ask("5 songs")
    with mpd(tmp_path / "music", tmp_path / "mpd") as address:
        report = push_to_mpd(address, playlist, tmp_path / "music")
        from mpd import MPDClient

        player = MPDClient()
        host, port = address.split(":")
        player.connect(host, int(port))
        queued = [song["file"] for song in player.playlistinfo()]
        player.disconnect()
    assert report.queued == 5 and not report.missing
    expected = [paths[i.title].relative_to(tmp_path / "music").as_posix() for i in playlist.items]
    assert queued == expected
    with pytest.raises(PlaylistError, match="cannot reach MPD"):
        push_to_mpd(f"127.0.0.1:{free_port()}", playlist, tmp_path / "music")


def test_the_cli_imports_a_folder_writes_m3u8_and_fills_mpd_from_the_imported_folder(tmp_path, monkeypatch, capsys):
    from assistant.cli import main

    make_library(tmp_path / "music")
    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLAYLIST_INDEX_DIR", raising=False)
    monkeypatch.delenv("PLAYLIST_DB", raising=False)
    assert main(["catalog", "import", "--music-dir", str(tmp_path / "music"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"imported {len(SONGS)} tracks" in out and "skipped 1 (not readable as audio)" in out
    assert main(["ask", "4 songs", "--llm", "none", "--m3u8", str(tmp_path / "mix.m3u8")]) == 0
    files = [line for line in (tmp_path / "mix.m3u8").read_text().splitlines() if not line.startswith("#")]
    assert len(files) == 4 and all((tmp_path / "music").resolve() in Path(f).parents for f in files)
    with mpd(tmp_path / "music", tmp_path / "mpd") as address:
        assert main(["push", "3 songs", "--llm", "none", "--mpd", address]) == 0
        assert "queued 3 tracks on MPD" in capsys.readouterr().out
    assert main(["push", "3 songs", "--llm", "none", "--mpd", f"127.0.0.1:{free_port()}"]) == 2
    assert "cannot reach MPD" in capsys.readouterr().err
    assert main(["catalog", "import", "--music-dir", str(tmp_path / "nowhere"), "--quiet"]) == 2
    assert "music folder not found" in capsys.readouterr().err
