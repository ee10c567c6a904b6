"""Settings from arguments and environment variables: an explicit argument wins, then the variable, then the default."""

import os
from pathlib import Path

from pydantic import BaseModel


def _home() -> Path:
    return Path(os.environ.get("PLAYLIST_HOME") or Path.home() / ".cache" / "playlist-assistant").expanduser()


class Settings(BaseModel):
    """Where data lives and which model answers. Variables: PLAYLIST_HOME, PLAYLIST_INDEX_DIR, PLAYLIST_DB,
    PLAYLIST_CATALOG, PLAYLIST_LLM."""

    home: Path
    index_dir: Path
    db_path: Path
    catalog: str | None = None
    llm: str = "none"

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        home = _home()
        values: dict[str, object] = {
            "home": home,
            "index_dir": Path(os.environ.get("PLAYLIST_INDEX_DIR") or home / "index"),
            "db_path": Path(os.environ.get("PLAYLIST_DB") or home / "playlist.sqlite"),
            "catalog": os.environ.get("PLAYLIST_CATALOG") or None,
            "llm": os.environ.get("PLAYLIST_LLM") or "none",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    @property
    def download_dir(self) -> Path:
        return self.home / "downloads"
