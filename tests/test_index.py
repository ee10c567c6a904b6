import json
import shutil

import numpy as np
import pytest

from index.build import build_index
from index.describe import DescriptionTemplate
from index.errors import IndexMismatchError, IndexMissingError
from index.manifest import new_manifest
from index.store import SearchFilter, VectorIndex, make_faiss_index
from index.stores.faiss_store import search_parameters
from tests.conftest import CATALOG


def _brute_force(index: VectorIndex, query: np.ndarray, keep: np.ndarray, k: int) -> list[str]:
    scores = np.where(keep, index.vectors_of(range(len(index))) @ query, -np.inf)
    order = np.argsort(-scores, kind="stable")[:k]
    return [index.tracks[i].track_id for i in order if np.isfinite(scores[i])]


def test_search_matches_brute_force_with_and_without_filters(engine, embedder):
    index = engine.index
    query = embedder.encode_query("energetic dance music")
    everything = np.ones(len(index), dtype=bool)
    assert [h.track.track_id for h in index.search(query, 10)] == _brute_force(index, query, everything, 10)
    flt = SearchFilter(year_min=1980, year_max=1999, exclude_artists=("guns n roses",), genres=("rock", "rap"))
    hits = index.search(query, 50, flt)
    expected_mask = np.array(
        [
            t.year is not None
            and 1980 <= t.year <= 1999
            and t.artist != "Guns N' Roses"
            and bool({"rock", "rap"} & set(t.all_genres))
            for t in index.tracks
        ]
    )
    assert [h.track.track_id for h in hits] == _brute_force(index, query, expected_mask, 50)
    assert hits and all(1980 <= h.track.year <= 1999 for h in hits)


def test_filters_on_duration_ids_and_explicit(engine, embedder):
    query = embedder.encode_query("rap")
    hits = engine.index.search(
        query, 100, SearchFilter(exclude_explicit=True, max_duration_ms=250000, exclude_track_ids=("t19",))
    )
    assert hits
    assert all(h.track.explicit is not True and h.track.duration_ms <= 250000 for h in hits)
    assert "t19" not in {h.track.track_id for h in hits}
    assert engine.index.search(query, 5, SearchFilter(year_min=2090)) == []


@pytest.mark.parametrize("index_type", ["hnsw", "ivf"])
def test_approximate_indexes_agree_with_exact_on_a_small_catalog(engine, embedder, index_type):
    exact = engine.index
    manifest = exact.manifest.model_copy(update={"index_type": index_type})
    vectors = exact.vectors_of(range(len(exact)))
    approx = VectorIndex(exact.tracks, vectors, make_faiss_index(vectors, index_type), manifest)
    query = embedder.encode_query("chill soul")

    def top(idx, flt=None):
        return [h.track.track_id for h in idx.search(query, 10, flt)]

    assert top(approx) == top(exact)
    assert top(approx, SearchFilter(genres=("r&b",))) == top(exact, SearchFilter(genres=("r&b",)))


def test_incremental_rebuild_embeds_only_changed_tracks(tmp_path, embedder):
    catalog = tmp_path / "catalog.csv"
    shutil.copy(CATALOG, catalog)
    first = build_index(catalog, tmp_path / "idx", embedder)
    assert first.embedded == first.tracks and not first.up_to_date
    again = build_index(catalog, tmp_path / "idx", embedder)
    assert again.up_to_date and again.embedded == 0
    text = catalog.read_text().replace("Hotel California,Eagles", "Hotel California (Live),Eagles")
    catalog.write_text(text)
    changed = build_index(catalog, tmp_path / "idx", embedder)
    assert changed.embedded == 1 and changed.reused == changed.tracks - 1
    loaded = VectorIndex.load(tmp_path / "idx", embedder.model_id, embedder.dim)
    assert loaded.track("t05").title == "Hotel California (Live)"
    assert len(list((tmp_path / "idx").glob("build-*"))) == 2  # this build and the one it replaced (index.builds)


def test_template_change_is_recorded_in_manifest(tmp_path, embedder):
    template = DescriptionTemplate("{{ title }} — {{ artist }}")
    build_index(CATALOG, tmp_path, embedder, template=template)
    assert VectorIndex.read_manifest(tmp_path).template_hash == template.sha256


def test_missing_mismatched_and_damaged_indexes_are_refused(tmp_path, index_dir, embedder):
    with pytest.raises(IndexMissingError, match="build-index"):
        VectorIndex.load(tmp_path / "none")
    with pytest.raises(IndexMismatchError, match="other-model"):
        VectorIndex.load(index_dir, "other-model", 768)
    copy = tmp_path / "copy"
    shutil.copytree(index_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / manifest["build"] / "vectors.npy").write_bytes(b"garbage")
    with pytest.raises(IndexMismatchError, match="damaged"):
        VectorIndex.load(copy, embedder.model_id, embedder.dim)
    (copy / "manifest.json").write_text("{not json")
    with pytest.raises(IndexMismatchError, match="unreadable"):
        VectorIndex.load(copy)


def test_save_keeps_the_old_index_until_the_manifest_swaps(tmp_path, engine):
    old = engine.index
    old.save(tmp_path)
    manifest = new_manifest(
        model_id="m",
        dim=old.manifest.dim,
        catalog_checksum="c",
        catalog_source="",
        template_hash="t",
        count=len(old),
        index_type="flat",
    )
    # A build folder written but never published (a crash before the manifest swap) changes nothing.
    (tmp_path / manifest.build).mkdir()
    assert VectorIndex.load(tmp_path).manifest.build == old.manifest.build


def test_lexical_index_is_built_saved_and_required_with_the_vectors(tmp_path, index_dir, engine):
    """The BM25 side lives in the build folder; a build without it (or from before it) is refused, not half-used."""
    manifest = VectorIndex.read_manifest(index_dir)
    assert (index_dir / manifest.build / "lexical").is_dir()
    scores = engine.index.lexical.scores("Hotline Bling")
    assert engine.index.tracks[int(np.argmax(scores))].title == "Hotline Bling"
    assert not engine.index.lexical.scores("zzzz qqqq").any()
    copy = tmp_path / "copy"
    shutil.copytree(index_dir, copy)
    shutil.rmtree(copy / manifest.build / "lexical")
    with pytest.raises(IndexMismatchError, match="damaged"):
        VectorIndex.load(copy)
    old = json.loads((index_dir / "manifest.json").read_text()) | {"format": 1}
    (copy / "manifest.json").write_text(json.dumps(old))
    with pytest.raises(IndexMismatchError, match="rebuild"):
        VectorIndex.load(copy)


def test_hybrid_search_fuses_both_rankings_under_the_same_filter(engine, embedder):
    from index.hybrid import hybrid_search, lexical_ranking

    index = engine.index
    query = embedder.encode_query("Paradise")
    dense = [h.row for h in index.search(query, 5)]
    lexical = lexical_ranking(index, "Paradise", 5, None).tolist()
    hits = hybrid_search(index, query, "Paradise", 5)
    # Both titles with the word come first: in both rankings, so fused above anything found by one side only.
    assert {h.track.title for h in hits[:2]} == {"Paradise City", "Gangsta's Paradise"}
    assert {h.row for h in hits} <= set(dense) | set(lexical)
    assert all(a.relevance >= b.relevance for a, b in zip(hits, hits[1:]))
    assert all(h.score == pytest.approx(float(index.vectors_of([h.row])[0] @ query), abs=1e-5) for h in hits)
    flt = SearchFilter(exclude_artists=("Guns N' Roses",), year_min=1990)
    filtered = hybrid_search(index, query, "Paradise", 5, flt)
    assert "Paradise City" not in {h.track.title for h in filtered}
    assert all(h.track.year >= 1990 for h in filtered)
    assert hybrid_search(index, query, "", 5) and [h.row for h in hybrid_search(index, query, "", 5)] == dense


def test_approximate_search_widens_when_a_filter_keeps_few_rows():
    """HNSW walks skip the rows a filter drops, so recall falls with the share kept unless the search widens
    (at 1M tracks, 13% kept: recall@100 0.53 at a fixed ef 200, 0.94 at the widened ef)."""
    vectors = np.random.default_rng(0).normal(size=(2_000, 8)).astype(np.float32)
    hnsw, ivf = make_faiss_index(vectors, "hnsw"), make_faiss_index(vectors, "ivf")
    widths = [search_parameters(hnsw, None, 100, kept).efSearch for kept in (1.0, 0.5, 0.1, 0.01, 0.0)]
    assert widths == sorted(widths) and widths[0] >= 100 and widths[2] > 2 * widths[0]
    assert search_parameters(hnsw, None, 8_000).efSearch >= 8_000  # never fewer candidates than asked for
    probes = [search_parameters(ivf, None, 100, kept).nprobe for kept in (1.0, 0.1, 0.0)]
    assert probes == sorted(probes) and probes[-1] <= ivf.nlist


@pytest.mark.parametrize("index_type", ["flat", "hnsw"])
def test_putting_vectors_into_the_index_reports_progress(embedder, tmp_path, monkeypatch, index_type):
    monkeypatch.setattr("index.store.ADD_BLOCK", 20)  # the fixture's 51 tracks in three blocks
    seen: list[tuple[int, int]] = []
    build_index(
        CATALOG,
        tmp_path / "idx",
        embedder,
        index_type=index_type,
        on_index_progress=lambda done, total: seen.append((done, total)),
    )
    total = len(VectorIndex.load(tmp_path / "idx"))
    assert seen == [(20, total), (40, total), (total, total)]
