"""Build folders under app replicas: a rebuild never deletes a build another process holds, removes unread
replaced builds once the grace period has passed, and points the manifest only at files already on disk."""

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import CATALOG

from index.build import build_index
from index.builds import REPLACED
from index.store import MANIFEST, VectorIndex

HOLD = (
    "import sys; from pathlib import Path; from index.store import VectorIndex; "
    "index = VectorIndex.load(Path(sys.argv[1])); print(index.manifest.build, flush=True); sys.stdin.readline()"
)
HOURS_2 = 2 * 3600


def _catalog(tmp_path: Path, n: int) -> Path:
    """The fixture catalog with one title changed: a different checksum, so each build is a new folder."""
    path = tmp_path / f"catalog-{n}.csv"
    path.write_text(
        CATALOG.read_text(encoding="utf-8").replace("Hotel California,", f"Hotel California {n},"), encoding="utf-8"
    )
    return path


def _builds(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.glob("build-*")}


def _current(index_dir: Path) -> str:
    return VectorIndex.read_manifest(index_dir).build


def test_a_build_held_by_another_process_survives_rebuilds(tmp_path, embedder):
    index_dir = tmp_path / "index"
    build_index(_catalog(tmp_path, 0), index_dir, embedder, grace_s=0)
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(index_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        held = reader.stdout.readline().strip()
        assert held == _current(index_dir)
        for n in (1, 2, 3):
            build_index(_catalog(tmp_path, n), index_dir, embedder, grace_s=0)
        # Past the grace period and older than the previous build, but open in another process: kept, whole.
        assert held in _builds(index_dir) and len(_builds(index_dir)) == 3
        files = {p.relative_to(index_dir / held) for p in (index_dir / held).rglob("*")} - {Path(REPLACED)}
        assert files == {
            p.relative_to(index_dir / _current(index_dir)) for p in (index_dir / _current(index_dir)).rglob("*")
        }
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    previous = _current(index_dir)
    build_index(_catalog(tmp_path, 4), index_dir, embedder, grace_s=0)
    assert _builds(index_dir) == {previous, _current(index_dir)}  # the reader is gone: only current + previous


def test_unread_builds_go_once_the_grace_period_has_passed(tmp_path, embedder):
    index_dir = tmp_path / "index"
    made = []
    for n in (0, 1, 2):
        build_index(_catalog(tmp_path, n), index_dir, embedder, grace_s=3600)
        made.append(_current(index_dir))
    assert _builds(index_dir) == set(made)  # replaced within the hour: all kept
    stamp = time.time() - HOURS_2
    os.utime(index_dir / made[0] / REPLACED, (stamp, stamp))
    (index_dir / "build-interrupted").mkdir()  # a build that never reached the manifest, made two hours ago
    os.utime(index_dir / "build-interrupted", (stamp, stamp))
    (index_dir / "build-in-progress").mkdir()  # another build writing right now
    build_index(_catalog(tmp_path, 3), index_dir, embedder, grace_s=3600)
    assert _builds(index_dir) == {made[1], made[2], _current(index_dir), "build-in-progress"}
    assert len(VectorIndex.load(index_dir, embedder.model_id, embedder.dim)) == 51


def test_the_manifest_points_only_at_files_already_on_disk(tmp_path, embedder, monkeypatch):
    """The order of real fsync and rename calls, traced: every file and folder of the new build is fsync'd,
    then the manifest's temp file, then the rename, then the index folder that holds it."""
    index_dir = tmp_path / "index"
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(source, target) -> None:
        events.append(("replace", str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    build_index(CATALOG, index_dir, embedder)
    monkeypatch.undo()
    build = index_dir / _current(index_dir)
    swap = events.index(("replace", str(index_dir / MANIFEST)))
    synced_before = {path for kind, path in events[:swap] if kind == "fsync"}
    on_disk = {str(p) for p in build.rglob("*")} | {str(build), str(index_dir)}
    assert on_disk <= synced_before
    assert events[swap - 1][0] == "fsync" and Path(events[swap - 1][1]).name.startswith(f".{MANIFEST}.")
    assert ("fsync", str(index_dir)) in events[swap + 1 :]
    assert len(VectorIndex.load(index_dir, embedder.model_id, embedder.dim)) == 51
