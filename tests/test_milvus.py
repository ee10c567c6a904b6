"""Milvus as the vector store, on both real engines: Milvus Lite (the engine in a file) and a Milvus standalone
server (milvus://). The same results as FAISS flat on the fixture catalog, every filter evaluated inside the engine,
vectors read back from the engine, and clear failures that leave the old index served."""

import numpy as np
import pytest
import servers
from conftest import CATALOG

from assistant.pipeline.blend import BlendSettings
from assistant.pipeline.planner import Engine
from assistant.profiles.history import Play
from assistant.profiles.profile import ProfileStore
from assistant.session import Session
from index.build import build_index
from index.errors import IndexMismatchError
from index.hybrid import hybrid_search
from index.store import SearchFilter, VectorIndex
from index.stores.milvus_store import VectorEngineError, collection_name, filter_expression

pytest.importorskip("milvus_lite")

FILTERS = [
    None,
    SearchFilter(year_min=1990, year_max=1999),
    SearchFilter(exclude_years=((1970, 1989),), exclude_explicit=True),
    SearchFilter(genres=("rock",), exclude_artists=("Queen", "AC/DC")),
    SearchFilter(exclude_genres=("pop",), min_duration_ms=200_000, max_duration_ms=300_000),
    SearchFilter(artists=("Queen",), exclude_track_ids=("t01",)),
    SearchFilter(exclude_non_songs=True, year_max=2005),
    SearchFilter(exclude_artists=("Sia", "Wyclef Jean")),  # guests only: "Titanium (feat. Sia)" is Sia's too
]
QUERIES = ["energetic dance music", "chill soul for a rainy night", "classic rock anthems", "sad piano ballad"]


@pytest.fixture(scope="module", params=["lite", "server"])
def milvus_uri(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"milvus-{request.param}")
    if request.param == "lite":
        yield str(directory / "vectors.db")
        return
    with servers.milvus(directory) as uri:
        yield uri


@pytest.fixture(scope="module")
def milvus_index(milvus_uri, tmp_path_factory, embedder):
    directory = tmp_path_factory.mktemp("milvus-index")
    build_index(CATALOG, directory / "index", embedder, vectors_uri=milvus_uri)
    return VectorIndex.load(directory / "index", embedder.model_id, embedder.dim), directory, milvus_uri


def test_milvus_gives_faiss_flat_results_for_every_filter(engine, milvus_index, embedder):
    milvus, _, _ = milvus_index
    assert milvus.store.name == "milvus" and engine.index.store.name == "faiss"
    for text in QUERIES:
        query = embedder.encode_query(text)
        for flt in FILTERS:
            expected = [(h.track.track_id, round(h.score, 4)) for h in engine.index.search(query, 20, flt)]
            got = [(h.track.track_id, round(h.score, 4)) for h in milvus.search(query, 20, flt)]
            assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=1e-4), (text, flt)
            assert _by_score(got) == _by_score(expected), (text, flt)  # same ids, same order up to ties


def test_an_excluded_guest_is_left_out_inside_the_engine_too(milvus_index, embedder):
    milvus, _, _ = milvus_index
    hits = milvus.search(embedder.encode_query("uplifting edm anthem"), 50, SearchFilter(exclude_artists=("Sia",)))
    assert hits and not any("sia" in h.track.credit_keys for h in hits)


def _by_score(pairs: list[tuple[str, float]]) -> dict[float, list[str]]:
    return {score: sorted(t for t, s in pairs if s == score) for _, score in pairs}


def test_hybrid_search_and_whole_playlists_are_the_same_on_milvus(engine, milvus_index, embedder):
    milvus, _, _ = milvus_index
    query = embedder.encode_query("70s rock")
    flt = SearchFilter(year_min=1970, year_max=1979)
    assert [h.row for h in hybrid_search(milvus, query, "70s rock", 10, flt)] == [
        h.row for h in hybrid_search(engine.index, query, "70s rock", 10, flt)
    ]
    on_milvus = Session(Engine(milvus, embedder)).ask("upbeat rock without Queen, 5 songs")
    on_faiss = Session(engine).ask("upbeat rock without Queen, 5 songs")
    assert [i.track_id for i in on_milvus.items] == [i.track_id for i in on_faiss.items]


def test_filters_become_engine_expressions():
    expression = filter_expression(
        SearchFilter(
            year_min=1990, genres=("hip hop",), exclude_artists=('Guns N" Roses',), exclude_track_ids=("a", "b")
        )
    )
    assert expression == (
        'year >= 1990 and ARRAY_CONTAINS_ANY(genres, ["hip hop"]) and artist_key not in '
        '["guns n roses"] and track_id not in ["a", "b"]'
    )


def test_the_served_index_keeps_no_vectors_in_process(engine, milvus_index):
    milvus, directory, _ = milvus_index
    build = directory / "index" / milvus.manifest.build
    assert not (build / "vectors.npy").exists() and not hasattr(milvus.store, "index")
    rows = [5, 0, 5, len(milvus) - 1]  # any order, repeats kept
    assert np.allclose(milvus.vectors_of(rows), engine.index.vectors_of(rows), atol=1e-6)
    assert milvus.vectors_of([]).shape == (0, milvus.manifest.dim)


def test_profiles_and_follow_ups_read_vectors_from_the_engine(engine, milvus_index, embedder, tmp_path):
    milvus, _, _ = milvus_index
    profiles = ProfileStore(str(tmp_path / "profiles.sqlite"))
    plays = [
        Play(artist="Bon Iver", title="Holocene", played_at=f"2024-01-01T00:{i:02d}:00Z", ms_played=200000)
        for i in range(20)
    ]
    profiles.import_plays("ana", plays, engine.vocab, set(engine.index.row_of), "test")
    blend = BlendSettings(personalization=1.0, familiar_share=0.5)
    turns = ["pop, 6 songs", "more like track 2", "shorter: 4 songs"]
    on_faiss, on_milvus = (Session(e, profiles, "ana", blend, learn=False) for e in (engine, Engine(milvus, embedder)))
    for text in turns:
        ask = on_faiss.ask if text == turns[0] else on_faiss.refine
        expected = ask(text).track_ids
        assert (on_milvus.ask if text == turns[0] else on_milvus.refine)(text).track_ids == expected, text
    assert profiles.profile("ana", milvus).vector == pytest.approx(
        profiles.profile("ana", engine.index).vector, abs=1e-5
    )


@pytest.mark.parametrize("index_type", ["hnsw", "ivf"])
def test_approximate_milvus_indexes_find_the_exact_neighbours_of_a_small_catalog(
    engine, embedder, tmp_path, milvus_uri, index_type
):
    build_index(CATALOG, tmp_path / "index", embedder, index_type=index_type, vectors_uri=milvus_uri)
    milvus = VectorIndex.load(tmp_path / "index", embedder.model_id, embedder.dim)
    described = milvus.store.client.describe_index(milvus.store.collection, "vector")
    assert described["index_type"] == {"hnsw": "HNSW", "ivf": "IVF_FLAT"}[index_type]
    for text in QUERIES:
        query = embedder.encode_query(text)
        for flt in (None, SearchFilter(genres=("rock",))):
            assert {h.row for h in milvus.search(query, 10, flt)} == {
                h.row for h in engine.index.search(query, 10, flt)
            }


def test_a_rebuild_drops_only_the_collections_of_builds_it_removes(milvus_uri, embedder, tmp_path):
    first, other = tmp_path / "first", tmp_path / "other"
    loaded: list[tuple[int, int]] = []
    build_index(CATALOG, first, embedder, vectors_uri=milvus_uri, on_index_progress=lambda *done: loaded.append(done))
    assert loaded and loaded[-1] == (len(VectorIndex.load(first)),) * 2
    build_index(CATALOG, other, embedder, vectors_uri=milvus_uri)  # another index in the same engine
    replaced = VectorIndex.read_manifest(first)
    client = VectorIndex.load(other).store.client
    for n in (1, 2):
        changed = tmp_path / f"catalog-{n}.csv"
        text = CATALOG.read_text(encoding="utf-8")
        changed.write_text(text.replace("Bohemian Rhapsody", f"Bohemian Rhapsody {n}"), encoding="utf-8")
        build_index(changed, first, embedder, vectors_uri=milvus_uri, grace_s=0)
        # The build just replaced keeps its collection (readers may hold it); the one before goes with its folder.
        assert client.has_collection(collection_name(replaced.build)) == (n == 1)
    assert client.has_collection(collection_name(VectorIndex.read_manifest(first).build))
    assert len(VectorIndex.load(other).search(embedder.encode_query("rock"), 5)) == 5  # still served


def test_scores_are_cosines(milvus_index, embedder):
    milvus, _, _ = milvus_index
    query = embedder.encode_query("soul")
    for hit in milvus.search(query, 5):
        vector = milvus.vectors_of([hit.row])[0]
        assert hit.score == pytest.approx(float(vector @ query), abs=1e-5)
        assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-4)


def test_a_collection_of_another_dimension_or_no_engine_is_refused_and_the_old_index_kept(milvus_index, embedder):
    milvus, directory, uri = milvus_index
    client = milvus.store.client
    name = milvus.store.collection
    client.drop_collection(name)
    from pymilvus import DataType

    schema = client.create_schema(auto_id=False)
    schema.add_field("row", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=8)
    client.create_collection(name, schema=schema)
    with pytest.raises(IndexMismatchError, match="8-d vectors, this index 384-d"):
        VectorIndex.load(directory / "index", embedder.model_id, embedder.dim)
    with pytest.raises(VectorEngineError, match="cannot reach the vector engine at milvus://127.0.0.1:1"):
        build_index(CATALOG, directory / "index", embedder, vectors_uri="milvus://127.0.0.1:1")
    manifest = VectorIndex.read_manifest(directory / "index")
    assert manifest.vector_uri == uri  # the failed build did not replace the index
