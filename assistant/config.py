"""Settings from arguments and environment variables: an explicit argument wins, then the variable, then the default."""

import os
from pathlib import Path

from pydantic import BaseModel


def _home() -> Path:
    return Path(os.environ.get("PLAYLIST_HOME") or Path.home() / ".cache" / "playlist-assistant").expanduser()


class Settings(BaseModel):
    """Where data lives and which model answers. Variables: PLAYLIST_HOME, PLAYLIST_INDEX_DIR, PLAYLIST_DB,
    PLAYLIST_CATALOG, PLAYLIST_LLM, PLAYLIST_LLM_TIMEOUT."""

    home: Path
    index_dir: Path
    db: str  # a SQLite file path, or a postgresql:// URL shared by several app processes
    catalog: str | None = None
    llm: str = "none"
    llm_timeout_s: float = 30.0

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        home = _home()
        values: dict[str, object] = {
            "home": home,
            "index_dir": Path(os.environ.get("PLAYLIST_INDEX_DIR") or home / "index"),
            "db": os.environ.get("PLAYLIST_DB") or str(home / "playlist.sqlite"),
            "catalog": os.environ.get("PLAYLIST_CATALOG") or None,
            "llm": os.environ.get("PLAYLIST_LLM") or "none",
            "llm_timeout_s": os.environ.get("PLAYLIST_LLM_TIMEOUT") or 30.0,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def make_llm(self):
        """The configured model, or None for the deterministic path (PLAYLIST_LLM=none, the default)."""
        from assistant.llm import LLM, resolve_model

        model = resolve_model(self.llm)
        return LLM(model, timeout_s=self.llm_timeout_s) if model else None

    @property
    def download_dir(self) -> Path:
        return self.home / "downloads"
