"""What every tab shares: the app's dependencies, accounts and roles, and the playlist panel's values."""

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from ui import view
from assistant.config import Settings
from assistant.pipeline.planner import Engine
from assistant.profiles.profile import ProfileStore
from assistant.session import Session
from assistant.templates import TemplateStore
from index.errors import PlaylistError

LOCAL_USER = "local"


@dataclass
class Accounts:
    """username -> (password, role); empty means no login and a local curator."""

    users: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> "Accounts":
        raw = os.environ.get("PLAYLIST_ACCOUNTS", "").strip()
        if not raw:
            return cls()
        if Path(raw).is_file():
            data = json.loads(Path(raw).read_text(encoding="utf-8"))
            return cls({name: (entry["password"], entry.get("role", "listener")) for name, entry in data.items()})
        users = {}
        for entry in raw.split(","):
            name, password, *role = entry.strip().split(":")
            users[name] = (password, role[0] if role else "listener")
        return cls(users)

    def check(self, username: str, password: str) -> bool:
        return username in self.users and self.users[username][0] == password

    def role(self, username: str | None) -> str:
        if not self.users:
            return "curator"
        return self.users.get(username or "", ("", "none"))[1]


@dataclass
class App:
    """The app's dependencies. On a first run the engine arrives when the index build ends: the page is up at once,
    `status` says how the build goes, and anything that needs the engine waits for it."""

    profiles: ProfileStore
    settings: Settings
    accounts: Accounts
    export_dir: Path
    templates: TemplateStore
    status: str = ""
    _engine: Engine | None = None
    _ready: threading.Event = field(default_factory=threading.Event)

    @property
    def engine(self) -> Engine:
        self._ready.wait()
        if self._engine is None:
            raise PlaylistError(f"the index could not be built: {self.status}")
        return self._engine

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def serve(self, engine: Engine) -> None:
        self._engine, self.status = engine, ""
        self._ready.set()

    def fail(self, message: str) -> None:
        self.status = message
        self._ready.set()

    def wait(self, seconds: float) -> bool:
        return self._ready.wait(seconds)

    def models(self) -> dict:
        """The Session arguments for the configured models: a present local model understands by default, under
        the understanding deadline; curation only where PLAYLIST_LLM names a model."""
        understand, curate = self.settings.make_llms()
        return {"llm": curate, "understand_llm": understand,
                "understand_timeout_s": self.settings.understand_timeout_s}


def user_of(request: gr.Request | None) -> str:
    return (request.username if request is not None and request.username else None) or LOCAL_USER


def panel(app: App, session: Session | None):
    """Summary, table rows and arc points of the session's playlist: the outputs of every playlist action."""
    playlist = session.playlist if session else None
    locked = session.locked_ids if session else set()
    if playlist is None:
        return view.summary_markdown(None), [], view.arc_svg(None, None)
    return (view.summary_markdown(playlist), view.table_rows(playlist, app.engine.index, locked),
            view.arc_svg(playlist, app.engine.index))

