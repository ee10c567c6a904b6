import gzip
import json

import pytest

from index.catalog import content_checksum, load_catalog
from index.describe import DescriptionTemplate
from index.errors import CatalogError
from index.source import resolve_catalog
from tests.conftest import CATALOG


def test_loader_merges_labels_and_counts_broken_rows():
    load = load_catalog(CATALOG)
    by_id = {t.track_id: t for t in load.tracks}
    assert load.rows_read == 54
    assert load.rows_skipped == {"missing title or artist": 1, "missing or impossible duration_ms": 1}
    assert len(load.tracks) == 51  # 54 rows - 2 broken - 1 repeated id
    assert set(by_id["t33"].subgenres) == {"reggaeton", "latin hip hop"}
    assert by_id["t51"].energy is None and by_id["t51"].year == 1977
    assert by_id["t09"].explicit is True and by_id["t01"].explicit is False


def test_descriptions_use_words_not_playlist_names():
    tracks = load_catalog(CATALOG).tracks
    texts = DescriptionTemplate.from_file().render_all(tracks)
    assert all("SECRET" not in text and "pl-" not in text for text in texts)
    queen = texts[0]
    assert "Bohemian Rhapsody by Queen" in queen and "70s" in queen and "classic rock" in queen
    big_room = texts[[t.track_id for t in tracks].index("t39")]
    assert "High-energy" in big_room


def test_broken_description_template_names_the_line():
    with pytest.raises(Exception, match="line 2"):
        DescriptionTemplate("{{ title }}\n{{ no_such_variable }}").render_all(load_catalog(CATALOG).tracks)


def test_jsonl_catalog_and_gzip_checksum(tmp_path):
    rows = [
        {"id": "a", "title": "Song A", "artist": "X", "duration_ms": 200000, "genres": ["pop", "rock"]},
        {"id": "b", "title": "", "artist": "Y", "duration_ms": 1},
        "not an object",
    ]
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    load = load_catalog(path)
    assert [t.track_id for t in load.tracks] == ["a"]
    assert load.tracks[0].genres == ("pop", "rock")
    assert sum(load.rows_skipped.values()) == 3
    packed = tmp_path / "catalog.csv.gz"
    packed.write_bytes(gzip.compress(CATALOG.read_bytes()))
    assert content_checksum(packed) == content_checksum(CATALOG)


def test_catalog_sources(tmp_path):
    assert resolve_catalog(str(CATALOG), tmp_path) == CATALOG
    assert resolve_catalog(CATALOG.as_uri(), tmp_path) == CATALOG
    with pytest.raises(CatalogError, match="not found"):
        resolve_catalog(str(tmp_path / "nope.csv"), tmp_path)
    with pytest.raises(CatalogError, match="could not download"):
        resolve_catalog("http://127.0.0.1:9/catalog.csv", tmp_path)
    assert not list(tmp_path.rglob(".download-*"))


def test_empty_catalog_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("track_id,track_name\n")
    with pytest.raises(CatalogError, match="no usable rows"):
        load_catalog(path)
