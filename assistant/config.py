"""Settings from arguments and environment variables: an explicit argument wins, then the variable, then the default."""

import os
from pathlib import Path

from pydantic import BaseModel

from index.errors import PlaylistError


def _home() -> Path:
    return Path(os.environ.get("PLAYLIST_HOME") or Path.home() / ".cache" / "playlist-assistant").expanduser()


class Settings(BaseModel):
    """Where data lives and which model answers. Variables: PLAYLIST_HOME, PLAYLIST_INDEX_DIR, PLAYLIST_DB,
    PLAYLIST_CATALOG, PLAYLIST_LLM, PLAYLIST_LLM_TIMEOUT, PLAYLIST_LLM_ROUTER, PLAYLIST_VECTORS."""

    home: Path
    index_dir: Path
    db: str  # a SQLite file path, or a postgresql:// URL shared by several app processes
    catalog: str | None = None
    llm: str = "none"
    llm_timeout_s: float = 30.0
    llm_router: Path | None = None  # litellm Router YAML: several deployments, retries, fallbacks
    vectors: str | None = None  # milvus://host:port or a Milvus Lite file; unset: FAISS in the index folder

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
            "llm_router": os.environ.get("PLAYLIST_LLM_ROUTER") or None,
            "vectors": os.environ.get("PLAYLIST_VECTORS") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def make_llm(self):
        """The configured model, or None for the deterministic path (PLAYLIST_LLM=none, the default)."""
        from assistant.llm.client import LLM, load_router, resolve_model

        model = resolve_model(self.llm)
        if self.llm_router is not None:
            router = load_router(self.llm_router)
            groups = list(dict.fromkeys(d["model_name"] for d in router.model_list))
            if model is not None and model not in groups:
                raise PlaylistError(f"PLAYLIST_LLM={self.llm!r} is not a model group of {self.llm_router} "
                                    f"({', '.join(groups)})")
            return LLM(model or groups[0], timeout_s=self.llm_timeout_s, router=router)
        return LLM(model, timeout_s=self.llm_timeout_s) if model else None

    @property
    def download_dir(self) -> Path:
        return self.home / "downloads"
