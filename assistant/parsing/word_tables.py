"""The curated word tables beside the parser (emoji names, artist nicknames): a curator edits them by hand, so a
broken file is said in one clear sentence that names it, never as a raw YAML trace halfway through a reply."""

from pathlib import Path

import yaml
from pydantic import BaseModel, RootModel, ValidationError

from index.errors import PlaylistError


class _PhraseTable(RootModel[dict[str, str]]):
    """name -> one phrase"""


class _NamesTable(RootModel[dict[str, list[str]]]):
    """name -> the other names it goes by"""


def load_table(path: Path, model: type[BaseModel]):
    """The file as the model reads it (a RootModel's root), or a PlaylistError naming the file."""
    try:
        loaded = model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        return loaded.root if isinstance(loaded, RootModel) else loaded
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        first_line = str(exc).strip().splitlines()[0]
        raise PlaylistError(f"word table {path.name} is broken: {first_line}") from exc


def phrase_table(path: Path) -> dict[str, str]:
    """A table of one phrase per name (emoji_words.yaml)."""
    return load_table(path, _PhraseTable)


def names_table(path: Path) -> dict[str, list[str]]:
    """A table of several names per name (artist_nicknames.yaml)."""
    return load_table(path, _NamesTable)
