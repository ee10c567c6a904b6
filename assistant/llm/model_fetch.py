"""`playlist model fetch`: one pinned small instruct GGUF from Hugging Face into the models folder. It is written
to a temp file beside the target and renamed only once its size and sha256 match the pin, so a failed, wrong or
interrupted download leaves nothing behind, and a model found there later can be trusted by its size alone."""

import hashlib
import http.client
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.atomic import atomic_path
from index.errors import PlaylistError

ProgressCallback = Callable[[int, int], None]
BLOCK = 1 << 20


@dataclass(frozen=True)
class ModelPin:
    """A model file by address, size and checksum; the URL may point at a mirror, the checks stay."""

    url: str
    filename: str
    size: int
    sha256: str


PINNED = ModelPin(
    url="https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/"
    "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


@dataclass(frozen=True)
class Fetched:
    path: Path
    downloaded: bool  # False: it was already there and matched


def fetched(directory: Path, pin: ModelPin = PINNED) -> Path | None:
    """The pinned file if it is in the folder at its full size (only a checked download is ever renamed there)."""
    path = directory / pin.filename
    return path if path.is_file() and path.stat().st_size == pin.size else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_model(directory: Path, pin: ModelPin = PINNED, on_progress: ProgressCallback | None = None) -> Fetched:
    """Downloads the pinned file unless a matching copy is there already."""
    target = directory / pin.filename
    if fetched(directory, pin) and sha256_of(target) == pin.sha256:
        return Fetched(target, downloaded=False)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(directory).free
    except OSError as exc:
        raise PlaylistError(f"cannot write to {directory}: {exc.strerror}") from exc
    if free < pin.size:
        raise PlaylistError(f"{directory} has {free / 1e9:.1f} GB free; the model needs {pin.size / 1e9:.1f} GB")
    with atomic_path(target) as partial:  # a failure, a mismatch or Ctrl-C: no half file stays
        digest = _download(pin, partial, on_progress)
        if digest != pin.sha256:
            raise PlaylistError(
                f"the file from {pin.url} does not match the pinned sha256 ({digest[:12]}… is not "
                f"{pin.sha256[:12]}…); nothing was kept"
            )
    return Fetched(target, downloaded=True)


def _download(pin: ModelPin, partial: Path, on_progress: ProgressCallback | None) -> str:
    """Writes the response to `partial` and returns its sha256; stops at the pinned size, so a wrong file cannot
    fill the disk."""
    digest, done = hashlib.sha256(), 0
    request = urllib.request.Request(pin.url, headers={"User-Agent": "playlist-assistant"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response, partial.open("wb") as out:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) != pin.size:
                raise PlaylistError(
                    f"{pin.url} serves {int(length)} bytes, not the pinned file's {pin.size}; nothing was kept"
                )
            for block in iter(lambda: response.read(BLOCK), b""):
                done += len(block)
                if done > pin.size:
                    raise PlaylistError(
                        f"the file from {pin.url} is larger than the pinned {pin.size} bytes; nothing was kept"
                    )
                digest.update(block)
                out.write(block)
                if on_progress:
                    on_progress(done, pin.size)
    except urllib.error.HTTPError as exc:
        raise PlaylistError(f"could not download {pin.url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        raise PlaylistError(f"could not download {pin.url} ({reason}); nothing was kept") from exc
    if done < pin.size:
        raise PlaylistError(f"the download from {pin.url} stopped at {done} of {pin.size} bytes; nothing was kept")
    return digest.hexdigest()
