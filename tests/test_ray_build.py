"""The index build with Ray Data on a local Ray: the same vectors as the single-process build, the embedding
cache honoured (only changed descriptions embedded), and a stopped or unstartable build leaving the old index."""

import csv

import numpy as np
import pytest
from conftest import CATALOG

from index.build import build_index
from index.errors import PlaylistError
from index.ray_embed import RayRunner
from index.store import VectorIndex

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def runner():
    yield RayRunner(workers=2)
    ray.shutdown()


def test_ray_build_gives_the_single_process_vectors_and_reuses_the_cache(runner, index_dir, embedder, tmp_path):
    report = build_index(CATALOG, tmp_path / "index", embedder, runner=runner)
    on_ray, local = VectorIndex.load(tmp_path / "index"), VectorIndex.load(index_dir)
    assert report.embedded == len(local.tracks) and [t.track_id for t in on_ray.tracks] == [
        t.track_id for t in local.tracks
    ]
    assert np.abs(on_ray.vectors_of(range(len(on_ray))) - local.vectors_of(range(len(local)))).max() < 1e-5

    changed = tmp_path / "catalog.csv"
    text = CATALOG.read_text(encoding="utf-8")
    changed.write_text(text.replace("Bohemian Rhapsody", "Bohemian Rhapsody (Live)", 1), encoding="utf-8")
    again = build_index(changed, tmp_path / "index", embedder, runner=runner)
    assert again.embedded == 1 and again.reused == report.embedded - 1


def test_a_ray_build_stopped_half_way_keeps_the_old_index_and_resumes(runner, embedder, tmp_path):
    build_index(CATALOG, tmp_path / "index", embedder)
    served = VectorIndex.read_manifest(tmp_path / "index").build
    with CATALOG.open(encoding="utf-8") as source, (tmp_path / "catalog.csv").open("w", encoding="utf-8") as out:
        rows = list(csv.DictReader(source))
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "track_name": row["track_name"] + " (2024 mix)"} for row in rows)
    cached, small_batches = [], RayRunner(workers=2, batch_size=2)  # 8 descriptions a batch: an early stop

    def stops_after_one_batch(items):
        for batch in small_batches(items):
            cached.extend(batch[0])
            yield batch
            raise KeyboardInterrupt  # the operator's Ctrl-C, after one batch was cached

    with pytest.raises(KeyboardInterrupt):
        build_index(tmp_path / "catalog.csv", tmp_path / "index", embedder, runner=stops_after_one_batch)
    assert VectorIndex.read_manifest(tmp_path / "index").build == served  # the old index is still the one served
    resumed = build_index(tmp_path / "catalog.csv", tmp_path / "index", embedder, runner=runner)
    assert 0 < len(cached) < resumed.tracks and resumed.embedded == resumed.tracks - len(cached)


def test_a_ray_cluster_that_cannot_be_reached_is_one_clear_line(embedder, tmp_path):
    ray.shutdown()
    with pytest.raises(PlaylistError, match="cannot start the build on 127.0.0.1:1"):
        build_index(CATALOG, tmp_path / "index", embedder, runner=RayRunner("127.0.0.1:1"))
    assert not (tmp_path / "index" / "manifest.json").exists()
