"""One registry per kind of pluggable part: built-ins registered through it, a scheme claimed twice refused, each
registry made fresh (nothing a test adds leaks into another), and a new source or player is one small class plus
one `register` line."""

import time

import pytest

from assistant.models import Playlist, PlaylistItem, PlaylistRequest
from assistant.outputs.players import Delivery, player_registry
from assistant.outputs.standing.targets import MpdTarget, deliver
from assistant.profiles.stores import DatabaseError, databases, open_database
from index.catalog import load_catalog
from index.registry import Registry, RegistryError, scheme_of
from index.source import resolve_catalog
from index.sources import SourceJob, SourceResult, catalog_sources
from index.sources.records import CatalogImportReport, write_rows
from index.stores.engines import FaissEngine, vector_engines


class JellyfinSource:
    """What a Jellyfin importer would be: a location in, a catalog file of rows out (here two made-up songs)."""

    unit, default_name = "song", "jellyfin"

    def read(self, location: str, job: SourceJob) -> SourceResult:
        started = time.perf_counter()
        report = CatalogImportReport(source=location, catalog=job.out)
        report.tracks = write_rows(
            job.out,
            [
                {
                    "track_id": f"jf-{n}",
                    "title": title,
                    "artist": "The Testers",
                    "album": "Fixtures",
                    "year": 2020,
                    "genres": ["rock"],
                    "duration_ms": 200_000,
                }
                for n, title in enumerate(["One", "Two"])
            ],
        )
        report.seconds = time.perf_counter() - started
        return SourceResult(job.out, report)


class RecordingPlayer:
    def __init__(self) -> None:
        self.sent: list[Delivery] = []

    def send(self, delivery: Delivery) -> str:
        self.sent.append(delivery)
        return f"sent {len(delivery.playlist.items)} tracks to {delivery.address}"


def _playlist() -> Playlist:
    item = PlaylistItem(
        position=1,
        track_id="t01",
        title="Bohemian Rhapsody",
        artist="Queen",
        album="",
        year=1975,
        genre="rock",
        genres=["rock"],
        duration_ms=354_320,
        reason="a test",
        reason_source="catalog",
        location="/music/queen.mp3",
    )
    return Playlist(
        title="Test",
        description="",
        request=PlaylistRequest(prompt="test", query="test"),
        items=[item],
        total_duration_ms=354_320,
    )


def test_a_scheme_claimed_twice_is_an_error_and_changes_nothing():
    registry: Registry[str] = Registry("player")
    registry.register("first", "kodi")
    with pytest.raises(RegistryError, match="player scheme 'kodi' is already registered"):
        registry.register("second", "jellyfin", "kodi")
    assert registry.get("kodi") == "first" and "jellyfin" not in registry
    with pytest.raises(RegistryError, match="no player for 'plex'"):
        registry.get("plex")
    for built_in, scheme in (
        (catalog_sources(), "subsonic"),
        (player_registry(), "mpd"),
        (databases(), "postgresql"),
        (vector_engines(), "milvus"),
    ):
        with pytest.raises(RegistryError, match="already registered"):
            built_in.register(object(), scheme)  # type: ignore[arg-type]


def test_the_built_ins_are_registered_through_each_registry():
    assert set(catalog_sources()) == {"", "file", "http", "https", "folder", "subsonic"}
    assert set(player_registry()) == {"subsonic", "mpd"}
    assert set(databases()) == {"", "postgresql", "postgres"}
    engines = vector_engines()
    assert set(engines) == {"", "milvus", "file"} and engines.names() == ["faiss", "milvus"]
    assert isinstance(engines.for_uri(None), FaissEngine)
    assert engines.for_uri("milvus://127.0.0.1:19530").name == engines.for_uri("/data/vectors.db").name == "milvus"
    assert [scheme_of(s) for s in ("postgresql://u@h/db", "/tmp/x.sqlite", "", "HTTP://x")] == [
        "postgresql",
        "",
        "",
        "http",
    ]


def test_each_registry_is_fresh_so_an_extension_does_not_leak():
    mine = catalog_sources()
    mine.register(JellyfinSource(), "jellyfin")
    assert "jellyfin" in mine and "jellyfin" not in catalog_sources()


def test_a_jellyfin_source_is_one_class_and_one_line(tmp_path):
    sources = catalog_sources()
    sources.register(JellyfinSource(), "jellyfin")  # the one line
    result = sources.get("jellyfin").read("http://jellyfin.local:8096", SourceJob(out=tmp_path / "jf.jsonl"))
    assert result.report.tracks == 2 and "imported 2 tracks" in result.report.summary()
    assert [t.title for t in load_catalog(result.catalog).tracks] == ["One", "Two"]
    assert resolve_catalog(str(result.catalog), tmp_path, sources=sources) == result.catalog  # files still paths


def test_a_new_player_is_one_class_and_one_line_and_standing_delivery_uses_the_registry_given(tmp_path):
    registry = player_registry()
    recorder = registry.register(RecordingPlayer(), "jellyfin")  # the one line
    assert registry.get("jellyfin").send(Delivery("http://jf.local", _playlist())) == "sent 1 tracks to http://jf.local"
    mpd = RecordingPlayer()
    only_mine: Registry = Registry("player")
    only_mine.register(mpd, "mpd")
    said = deliver(
        MpdTarget(address="127.0.0.1:6600", music_dir=str(tmp_path)), _playlist(), [], tmp_path, players=only_mine
    )
    assert said == "sent 1 tracks to 127.0.0.1:6600" and mpd.sent[0].music_dir == tmp_path
    assert len(recorder.sent) == 1


def test_databases_by_scheme(tmp_path):
    database = open_database(tmp_path / "p.sqlite")
    assert database.dialect == "sqlite"
    with pytest.raises(DatabaseError, match="PLAYLIST_DB must be a file path or a postgresql:// URL, not mysql://"):
        open_database("mysql://u@h/db")
    with pytest.raises(DatabaseError, match="not mysql://"):
        open_database("mysql://u@h/db", databases())
