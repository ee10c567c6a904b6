"""The life of a build folder next to the manifest: made durable before the manifest points at it, held by its
readers, and removed only once it is neither the current nor the previous build, no reader holds it, and the
grace period has passed since it was replaced.

Readers take a shared flock on the folder's `readers.lock` while their index is open (a read-only fd is enough:
replicas may mount the index read-only); cleanup takes it exclusively, without waiting, before deleting. flock is
per host: replicas on other machines sharing the folder over a network file system are covered by the grace period
alone. Folders made before this file existed have no lock file and are covered by the grace period too."""

import fcntl
import os
import shutil
import time
from pathlib import Path
from typing import BinaryIO

from index.atomic import fsync_directory, write_atomic

READERS_LOCK = "readers.lock"
REPLACED = "replaced.json"  # the manifest of a build that was replaced; its mtime says when
BUILD_GLOB = "build-*"
DEFAULT_GRACE_S = 3600.0


class BuildRemoved(Exception):
    """The build the manifest named was removed before this reader could hold it: read the manifest again."""


def start_build(build_dir: Path) -> None:
    """A new, empty build folder with the lock file its readers will take."""
    build_dir.mkdir()
    (build_dir / READERS_LOCK).touch()


def make_durable(build_dir: Path) -> None:
    """fsyncs every file and folder of the build, then its entry in the index folder: after this a crash cannot
    leave a manifest that points at files still in the page cache."""
    for root, _, files in os.walk(build_dir, topdown=False):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                os.fsync(handle.fileno())
        fsync_directory(Path(root))
    fsync_directory(build_dir.parent)


def hold_build(build_dir: Path) -> BinaryIO | None:
    """A shared lock on the build, kept while the returned file is open (closing it or exiting releases it);
    None for a folder made before builds had a lock file."""
    lock = build_dir / READERS_LOCK
    try:
        handle = lock.open("rb")
    except FileNotFoundError:
        if build_dir.is_dir():
            return None
        raise BuildRemoved(build_dir.name) from None
    fcntl.flock(handle.fileno(), fcntl.LOCK_SH)  # waits only while a cleanup is deleting this very folder
    if not _same_file(handle, lock):
        handle.close()
        raise BuildRemoved(build_dir.name)
    return handle


def mark_replaced(build_dir: Path, manifest_json: str) -> None:
    """Records that the build stopped being current now, and what it was (a Milvus build names its collection)."""
    if build_dir.is_dir():
        write_atomic(build_dir / REPLACED, manifest_json.encode("utf-8"))


def remove_stale_builds(directory: Path, keep: set[str], grace_s: float) -> list[str]:
    """Deletes the build folders not in `keep` that were replaced (or, never served, made) over grace_s ago and
    that no reader holds; returns their names. A Milvus build's collection goes with its folder."""
    removed = []
    for build_dir in sorted(directory.glob(BUILD_GLOB)):
        if build_dir.name in keep or not build_dir.is_dir() or time.time() - _since(build_dir) < grace_s:
            continue
        if _remove_unheld(build_dir):
            removed.append(build_dir.name)
    return removed


def _since(build_dir: Path) -> float:
    """When the build was replaced; for one never served (an interrupted build, or one in progress), when made."""
    marker = build_dir / REPLACED
    return (marker if marker.is_file() else build_dir).stat().st_mtime


def _remove_unheld(build_dir: Path) -> bool:
    lock = build_dir / READERS_LOCK
    handle = lock.open("rb") if lock.is_file() else None
    try:
        if handle is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # a reader has it open
        _drop_collection(build_dir)
        shutil.rmtree(build_dir, ignore_errors=True)
        return True
    finally:
        if handle is not None:
            handle.close()


def _drop_collection(build_dir: Path) -> None:
    marker = build_dir / REPLACED
    if not marker.is_file():
        return
    from index.manifest import Manifest

    try:
        manifest = Manifest.model_validate_json(marker.read_text(encoding="utf-8"))
    except ValueError:
        return  # an unreadable record: the folder still goes; a stale collection is harmless
    from index.stores.engines import vector_engines

    engines = vector_engines()
    if manifest.vector_store in engines.names():
        engines.named(manifest.vector_store).drop(manifest)


def _same_file(handle: BinaryIO, path: Path) -> bool:
    """False when the file was unlinked (its folder deleted) while this reader waited for the lock."""
    try:
        linked = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (held.st_dev, held.st_ino) == (linked.st_dev, linked.st_ino)
