"""Settings from arguments and environment variables: an explicit argument wins, then the variable, then the default.
This is the one module that reads PLAYLIST_* variables (the offline switches for libraries aside, index.offline);
typed sections group the stores, the model, the Subsonic server, MPD, the app's server address and its accounts
file, and an unknown PLAYLIST_* variable (a typo) gets one "did you mean" warning at start (`warn_unknown`)."""

import difflib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Self, TextIO

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from index.errors import PlaylistError

if TYPE_CHECKING:
    from assistant.llm import LLM

VARIABLES = {
    "home": "PLAYLIST_HOME",
    "index_dir": "PLAYLIST_INDEX_DIR",
    "db": "PLAYLIST_DB",
    "catalog": "PLAYLIST_CATALOG",
    "llm": "PLAYLIST_LLM",
    "llm_timeout_s": "PLAYLIST_LLM_TIMEOUT",
    "llm_router": "PLAYLIST_LLM_ROUTER",
    "vectors": "PLAYLIST_VECTORS",
    "local_model": "PLAYLIST_LOCAL_MODEL",
    "understand_timeout_s": "PLAYLIST_UNDERSTAND_TIMEOUT",
    "model_url": "PLAYLIST_MODEL_URL",
    "build_grace_s": "PLAYLIST_BUILD_GRACE_S",
    "curate_timeout_s": "PLAYLIST_CURATE_TIMEOUT",
    "scheduler_s": "PLAYLIST_SCHEDULER_S",
}
_STORES = ("home", "index_dir", "db", "catalog", "vectors", "build_grace_s")
_RENAMED = {"llm": "name", "llm_timeout_s": "timeout_s", "llm_router": "router", "model_url": "url"}
FIELDS = {  # from_env keyword -> (section, field): the stores and model sections; scheduler_s is the app's own
    k: ("stores", k) if k in _STORES else ("model", _RENAMED.get(k, k)) for k in VARIABLES if k != "scheduler_s"
}
SECTION_VARIABLES = {  # (section, field) -> variable
    ("subsonic", "url"): "PLAYLIST_SUBSONIC_URL",
    ("subsonic", "user"): "PLAYLIST_SUBSONIC_USER",
    ("subsonic", "password"): "PLAYLIST_SUBSONIC_PASSWORD",
    ("subsonic", "password_auth"): "PLAYLIST_SUBSONIC_PASSWORD_AUTH",
    ("mpd", "password"): "PLAYLIST_MPD_PASSWORD",
    ("server", "host"): "PLAYLIST_HOST",
    ("server", "port"): "PLAYLIST_PORT",
    ("accounts", "path"): "PLAYLIST_ACCOUNTS",
}
TEST_VARIABLES = ("PLAYLIST_SLOW_MODEL", "PLAYLIST_SCREENSHOT")  # switches of the test suite, not of the app
KNOWN_VARIABLES = frozenset([*VARIABLES.values(), *SECTION_VARIABLES.values(), *TEST_VARIABLES])
_SECONDS = "a number of seconds greater than 0"
_FOLDER = "a folder (made if missing), not a file"
EXPECTED = {  # what each setting takes, for the one-line error a bad value gets
    "home": _FOLDER,
    "index_dir": _FOLDER,
    "db": "a SQLite file path or a postgresql:// URL",
    "llm_timeout_s": _SECONDS,
    "understand_timeout_s": _SECONDS,
    "curate_timeout_s": _SECONDS,
    "vectors": "milvus://host:port or a Milvus Lite file ending in .db",
    "model_url": "an http:// or https:// URL",
    "build_grace_s": "a number of seconds, 0 or more",
    "scheduler_s": "a number of seconds, 0 or more (0: no scheduler in the app)",
    "port": "a port number from 1 to 65535",
}
SHOWN_CHARS = 80
CURATE_TIMEOUT_S = 180.0  # a 30-track curation by a 1.5B model on two cores; the rules' playlist shows meanwhile


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _values(section: str, env: Mapping[str, str], overrides: Mapping[str, object]) -> dict[str, object]:
    """A section's given fields: an explicit argument, else its PLAYLIST_* variable; unset ones are left out."""
    keys = [(k, f) for k, (s, f) in FIELDS.items() if s == section]
    given = {f: env.get(VARIABLES[k]) or None if overrides.get(k) is None else overrides[k] for k, f in keys}
    return {f: v for f, v in given.items() if v is not None}


def _secret(value: str | None) -> SecretStr | None:
    return SecretStr(value) if value else None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def _build(cls, section: str, values: dict[str, object]) -> Self:
        try:
            return cls.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            raise _setting_error(exc, section) from exc


class SubsonicSettings(_Section):
    """The operator's Subsonic server (curators' sends, local use, imports); the password never shows in a repr."""

    url: str | None = None  # PLAYLIST_SUBSONIC_URL
    user: str | None = None  # PLAYLIST_SUBSONIC_USER
    password: SecretStr | None = None  # PLAYLIST_SUBSONIC_PASSWORD
    password_auth: bool = False  # PLAYLIST_SUBSONIC_PASSWORD_AUTH=1: the readable password form over plain http

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "SubsonicSettings":
        env = _env(env)
        return cls._build(
            "subsonic",
            {
                "url": env.get("PLAYLIST_SUBSONIC_URL") or None,
                "user": env.get("PLAYLIST_SUBSONIC_USER") or None,
                "password": _secret(env.get("PLAYLIST_SUBSONIC_PASSWORD")),
                "password_auth": env.get("PLAYLIST_SUBSONIC_PASSWORD_AUTH", "").strip().lower() in ("1", "true", "yes"),
            },
        )


class StoresSettings(_Section):
    """Where data lives: the home folder, the index, the database, the catalogue and the vector engine."""

    home: Path  # PLAYLIST_HOME
    index_dir: Path  # PLAYLIST_INDEX_DIR
    db: str  # PLAYLIST_DB: a SQLite file path, or a postgresql:// URL shared by several app processes
    catalog: str | None = None  # PLAYLIST_CATALOG
    vectors: str | None = None  # milvus://host:port or a Milvus Lite file; unset: FAISS in the index folder
    build_grace_s: float = Field(default=3600.0, ge=0, allow_inf_nan=False)  # how long a replaced build folder is kept

    @field_validator("home", "index_dir")
    @classmethod
    def _a_folder(cls, path: Path) -> Path:
        path = path.expanduser()
        if path.exists() and not path.is_dir():
            raise ValueError("not a folder")
        return path

    @field_validator("db")
    @classmethod
    def _a_database(cls, db: str) -> str:
        if "://" in db and not db.startswith(("postgresql://", "postgres://")):
            raise ValueError("not a database")
        return db

    @field_validator("vectors")
    @classmethod
    def _an_engine(cls, uri: str | None) -> str | None:  # pymilvus takes a file only if .db, else a server
        served = uri is not None and uri.startswith("milvus://") and uri.removeprefix("milvus://").strip("/")
        if uri is not None and not served and ("://" in uri or not uri.endswith(".db")):
            raise ValueError("not a vector engine")
        return uri

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> "StoresSettings":
        home = Path(_env(env).get("PLAYLIST_HOME") or Path.home() / ".cache" / "playlist-assistant").expanduser()
        defaults = {"home": home, "index_dir": home / "index", "db": str(home / "playlist.sqlite")}
        return cls._build("stores", defaults | _values("stores", _env(env), overrides))


class LLMSettings(_Section):
    """Which model answers (PLAYLIST_LLM, a router, a local GGUF) and how long each step waits for it."""

    name: str | None = None  # None: PLAYLIST_LLM is not set, and a local model that is present only understands
    timeout_s: float = Field(default=30.0, gt=0, allow_inf_nan=False)  # PLAYLIST_LLM_TIMEOUT, per request
    router: Path | None = None  # litellm Router YAML: several deployments, retries, fallbacks
    local_model: Path | None = None  # the GGUF `local` runs; unset: the pinned model if fetched, else SmolLM2
    understand_timeout_s: float = Field(default=10.0, gt=0, allow_inf_nan=False)  # the rules' reading waits no longer
    curate_timeout_s: float = Field(default=CURATE_TIMEOUT_S, gt=0, allow_inf_nan=False)  # the model's curation, whole
    url: str | None = None  # PLAYLIST_MODEL_URL: a mirror for `playlist model fetch`; pinned size and sha256 apply

    @field_validator("url")
    @classmethod
    def _a_url(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return url

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> "LLMSettings":
        return cls._build("model", _values("model", _env(env), overrides))


class MpdSettings(_Section):
    password: SecretStr | None = None  # PLAYLIST_MPD_PASSWORD, for standing playlists' MPD queues

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "MpdSettings":
        return cls._build("mpd", {"password": _secret(_env(env).get("PLAYLIST_MPD_PASSWORD"))})


class ServerSettings(_Section):
    """Where `python app.py` listens; --host / --port win."""

    host: str = "127.0.0.1"  # PLAYLIST_HOST
    port: int = Field(default=7860, ge=1, le=65535)  # PLAYLIST_PORT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ServerSettings":
        env = _env(env)
        return cls._build(
            "server", {"host": env.get("PLAYLIST_HOST") or None, "port": env.get("PLAYLIST_PORT") or None}
        )


class AccountsSettings(_Section):
    path: str | None = None  # PLAYLIST_ACCOUNTS: the accounts file; unset, login is off

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "AccountsSettings":
        return cls._build("accounts", {"path": _env(env).get("PLAYLIST_ACCOUNTS", "").strip() or None})


def warn_unknown(env: Mapping[str, str] | None = None, out: TextIO | None = None) -> list[str]:
    """One line on stderr for each PLAYLIST_* variable no setting reads (a typo is otherwise silently ignored),
    with the nearest known name; returns the lines. Called once at start by `playlist` and `python app.py`."""
    lines = []
    for name in sorted(n for n in _env(env) if n.startswith("PLAYLIST_") and n not in KNOWN_VARIABLES):
        known = {n.removeprefix("PLAYLIST_"): n for n in KNOWN_VARIABLES}  # the shared prefix says nothing
        near = difflib.get_close_matches(name.removeprefix("PLAYLIST_"), sorted(known), n=1, cutoff=0.7)
        hint = f"; did you mean {known[near[0]]}?" if near else ""
        lines.append(f"playlist: warning: {name} is not a setting and is ignored{hint}")
    for line in lines:
        print(line, file=out or sys.stderr)
    return lines


class Settings(BaseModel):
    """Where data lives and which model answers; the variables are in VARIABLES."""

    scheduler_s: float = Field(60.0, ge=0, allow_inf_nan=False)  # the app's standing-playlist check; 0: cron does it
    stores: StoresSettings
    model: LLMSettings = LLMSettings()
    subsonic: SubsonicSettings = SubsonicSettings()
    mpd: MpdSettings = MpdSettings()
    server: ServerSettings = ServerSettings()
    accounts: AccountsSettings = AccountsSettings()

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        values: dict[str, object] = {
            "scheduler_s": os.environ.get("PLAYLIST_SCHEDULER_S") or 60.0,
            "stores": StoresSettings.from_env(None, **overrides),
            "model": LLMSettings.from_env(None, **overrides),
            "subsonic": SubsonicSettings.from_env(),
            "mpd": MpdSettings.from_env(),
            "server": ServerSettings.from_env(),
            "accounts": AccountsSettings.from_env(),
        }
        values.update({k: v for k, v in overrides.items() if v is not None and k not in FIELDS})
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            raise _setting_error(exc) from exc

    def make_llm(self) -> "LLM | None":
        """The configured model, or None for the deterministic path (PLAYLIST_LLM unset or none)."""
        from assistant.llm import configured_llm

        return configured_llm(self)

    def make_llms(self) -> "tuple[LLM | None, LLM | None]":
        """(understanding, curation): how PLAYLIST_LLM, a router and a local model combine is in llm.configured."""
        from assistant.llm import configured_llms

        return configured_llms(self)

    def session_models(self) -> dict:
        """The Session arguments for the configured models and their deadlines, for the app and the CLI alike."""
        understand, curate = self.make_llms()
        deadlines = self.model.model_dump(include={"understand_timeout_s", "curate_timeout_s"})
        return {"llm": curate, "understand_llm": understand, **deadlines}

    def local_model_file(self) -> Path | None:
        """The GGUF file `local` runs: PLAYLIST_LOCAL_MODEL (checked now, one clear error), else the pinned model
        fetched into models_dir; None: SmolLM2 from its package."""
        from assistant.llm import check_gguf, fetched

        return check_gguf(self.model.local_model) if self.model.local_model is not None else fetched(self.models_dir)

    @property
    def models_dir(self) -> Path:
        return self.stores.home / "models"

    @property
    def download_dir(self) -> Path:
        return self.stores.home / "downloads"


def _setting_error(exc: ValidationError, section: str = "") -> PlaylistError:
    """One line: the variable, its value (cut short), and what it takes; never pydantic's multi-line report."""
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    shown = str(error.get("input"))
    shown = shown if len(shown) <= SHOWN_CHARS else shown[:SHOWN_CHARS] + "…"
    keyword = next((k for k, place in FIELDS.items() if place == (section, field)), field)
    expected = EXPECTED.get(keyword) or error["msg"]
    variable = SECTION_VARIABLES.get((section, field)) or VARIABLES.get(keyword, field)
    return PlaylistError(f"{variable or field}={shown!r} is not valid: expected {expected}")
