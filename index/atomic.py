"""Write-to-temp-then-rename, durable: a reader sees the old file or the new one, never half of one, and a crash
right after the rename still finds the new file (file and folder are fsync'd)."""

import os
import tempfile
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Makes a rename inside `directory` durable (POSIX needs the folder's entry flushed too)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Writes `data` to `path` through a temp file in the same folder; `mode` (e.g. 0o600) is set before any byte
    is written, so a secret is never readable by others even for a moment."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
