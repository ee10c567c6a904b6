"""Write-to-temp-then-rename, durable: a reader sees the old file or the new one, never half of one, and a crash
right after the rename still finds the new file (file and folder are fsync'd). Every such write in the project
goes through `atomic_file` (a file object), `atomic_path` (a temp path, for writers that take a file name) or
`write_atomic` (bytes at once)."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def fsync_directory(directory: Path) -> None:
    """Makes a rename inside `directory` durable (POSIX needs the folder's entry flushed too)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path, mode: int | None = None) -> Iterator[Path]:
    """A temp path in the target's folder; on success the file written there is fsync'd and renamed over `path`,
    on any failure (Ctrl-C included) it is removed and `path` is left as it was. `mode` (e.g. 0o600) is set before
    any byte is written."""
    path = Path(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    temp = Path(name)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        os.close(fd)
        yield temp
        _fsync_file(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


@contextmanager
def atomic_file(path: Path, binary: bool = True, mode: int | None = None) -> Iterator[IO[Any]]:
    """A file object (bytes, or UTF-8 text when binary=False) on a temp file in the target's folder; see
    atomic_path for what happens on success and on failure."""
    with atomic_path(path, mode) as temp:
        with temp.open("wb") if binary else temp.open("w", encoding="utf-8") as handle:
            yield handle


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Writes `data` to `path` through a temp file in the same folder; `mode` as in atomic_path."""
    with atomic_file(path, mode=mode) as handle:
        handle.write(data)
