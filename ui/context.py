"""What every tab shares: the app's dependencies, accounts and roles, and the playlist panel's values."""

import threading
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from assistant.config import Settings
from assistant.outputs import Refresher, Scheduler, StandingStore
from assistant.pipeline import Engine
from assistant.profiles import Accounts, ProfileStore, check_listener_id
from assistant.session import Session
from assistant.templates import TemplateStore
from index.errors import PlaylistError
from ui import view

LOCAL_USER = "local"


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
    scheduler: Scheduler | None = None  # refreshes standing playlists while the app runs (app.py starts it)
    _engine: Engine | None = None
    _refresher: Refresher | None = None
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

    @property
    def refresher(self) -> Refresher:
        """The standing playlists' refresher: one per app, on the app's store, models and (once ready) engine."""
        if self._refresher is None:
            self._refresher = Refresher(
                StandingStore(self.profiles.db),
                self.profiles,
                lambda: self.engine,
                self.settings.stores.index_dir,
                self.models(),
            )
        return self._refresher

    def models(self) -> dict:
        """The Session arguments for the configured models: a present local model understands by default, under
        the understanding deadline; curation only where PLAYLIST_LLM names a model."""
        return self.settings.session_models()


def user_of(request: gr.Request | None) -> str:
    return (request.username if request is not None and request.username else None) or LOCAL_USER


def listener_for(app: App, request: gr.Request | None, typed: str = "") -> str | None:
    """Whose data an action reads or changes. With accounts on it is the logged-in user and nothing a request
    carries can name another; without accounts (one person on this machine) it is the id typed, if any."""
    if app.accounts.enabled:
        name = request.username if request is not None else None
        if not name or name not in app.accounts.users:
            raise PlaylistError("log in first")
        return name
    typed = (typed or "").strip()
    return check_listener_id(typed) if typed else None


def panel(app: App, session: Session | None):
    """Summary, table rows and arc points of the session's playlist: the outputs of every playlist action."""
    playlist = session.playlist if session else None
    locked = session.locked_ids if session else set()
    if playlist is None:
        return view.summary_markdown(None), [], view.arc_svg(None, None)
    return (
        view.summary_markdown(playlist),
        view.table_rows(playlist, app.engine.index, locked),
        view.arc_svg(playlist, app.engine.index),
    )


def identity_input(app: App, label: str) -> gr.Textbox | gr.State:
    """The listener id box without accounts; with accounts an empty State, which no request can fill."""
    if app.accounts.enabled:
        return gr.State("")
    return gr.Textbox(label=label)


def required_listener(app: App, request: gr.Request | None, typed: str = "") -> str:
    listener_id = listener_for(app, request, typed)
    if listener_id is None:
        raise PlaylistError("type your listener id first")
    return listener_id
