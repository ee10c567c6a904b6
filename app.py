"""Gradio Blocks UI over assistant.session. It only adapts the core: no business logic lives here.

    python app.py [--host 127.0.0.1] [--port 7860]

Accounts: with no PLAYLIST_ACCOUNTS the app has no login and the person at the keyboard is a curator (local
use, so a non-loopback --host needs accounts or --public-without-login). PLAYLIST_ACCOUNTS=accounts.json, written
by `playlist accounts add NAME --role listener|curator`, turns on login: each listener reaches only their own
data, and only curators see and use the Curator tab."""

import argparse
import ipaddress
import os
import threading

from index.offline import go_offline

go_offline()
# Gradio summarises its whole event history (up to 10,000 events, with pandas) after every event unless told
# otherwise: ~1 ms a request at first, growing with the history. Every 100th event is plenty for its ETAs.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")

import gradio as gr  # noqa: E402  (after the offline environment is set)

from assistant.config import ServerSettings, Settings, warn_unknown  # noqa: E402
from assistant.outputs import Scheduler  # noqa: E402
from assistant.pipeline import Engine  # noqa: E402
from assistant.profiles import (
    Accounts,  # noqa: E402
    ProfileStore,  # noqa: E402
)
from assistant.templates import TemplateStore  # noqa: E402
from index.errors import PlaylistError  # noqa: E402
from ui.context import App  # noqa: E402
from ui.curator_tab import build_curator_tab  # noqa: E402
from ui.playlist_tab import build_playlist_tab  # noqa: E402
from ui.profile_tab import build_profile_tab  # noqa: E402

__all__ = ["Accounts", "App", "build", "create_app", "main", "parse_args"]


def build(app: App) -> gr.Blocks:
    with gr.Blocks(title="Playlist assistant") as demo:
        session_state = gr.State(None)
        gr.Markdown("# 🎧 Playlist assistant\nDescribe a playlist; refine it with follow-ups.")
        building = gr.Markdown(_build_text(app), elem_id="build-status")
        ticker = gr.Timer(1.0, active=not app.ready)
        ticker.tick(
            lambda: (_build_text(app), gr.Timer(active=not app.ready)),
            None,
            [building, ticker],
            api_visibility="private",
        )
        build_playlist_tab(app, session_state, demo)
        build_profile_tab(app)
        build_curator_tab(app, demo)
    return demo


def _build_text(app: App) -> str:
    if app.ready:
        return f"⚠️ {app.status}" if app.status else ""
    return f"⏳ First run: building the catalog index — {app.status}"


def _open_engine(app: App, show_progress: bool) -> None:
    """Builds the index if there is none (reporting progress to the page), then hands the engine to the app."""
    from assistant.pipeline import build_index, open_index
    from index.embed import Embedder
    from index.onnx_encoder import open_query_encoder
    from index.query_batch import BatchedQueryEncoder
    from index.store import VectorIndex

    settings = app.settings
    try:
        try:
            VectorIndex.read_manifest(settings.stores.index_dir)
        except PlaylistError:
            app.status = "loading the embedding model"

            def progress(stage: str, done: int, total: int | None) -> None:
                app.status = f"{stage}: {done:,} of {total:,}" if total else f"{stage}: {done:,}"

            print(build_index(settings, Embedder(), show_progress=show_progress, on_stage=progress).summary())
        encoder = BatchedQueryEncoder(open_query_encoder(settings.stores.index_dir) or Embedder())
        app.serve(Engine(open_index(settings, encoder), encoder, app.templates))
    except PlaylistError as exc:
        app.fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a thread that died silently would leave every prompt waiting
        app.fail(f"{type(exc).__name__}: {exc}")


def create_app(settings: Settings, show_progress: bool = True, wait: bool = True) -> tuple[gr.Blocks, App]:
    """The UI and its context. With `wait=False` (what `python app.py` does) the page is up at once and a first
    run builds the index in the background, its progress on the page."""
    export_dir = settings.stores.home / "exports"
    export_dir.mkdir(parents=True, exist_ok=True)
    app = App(
        ProfileStore(settings.stores.db), settings, Accounts.from_env(), export_dir, TemplateStore(settings.stores.db)
    )
    opener = threading.Thread(target=_open_engine, args=(app, show_progress), daemon=True, name="index-build")
    opener.start()
    if wait:
        opener.join()
        if app.status:
            raise PlaylistError(app.status)
    return build(app), app


def parse_args(argv: list[str] | None = None, server: ServerSettings | None = None) -> argparse.Namespace:
    """--host / --port win over PLAYLIST_HOST / PLAYLIST_PORT (Settings.server)."""
    server = server or ServerSettings.from_env()
    parser = argparse.ArgumentParser(description="Playlist assistant web app")
    parser.add_argument("--host", default=server.host, help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=server.port)
    parser.add_argument(
        "--public-without-login",
        action="store_true",
        help="serve a non-loopback --host with no accounts: everyone who reaches it is a curator",
    )
    return parser.parse_args(argv)


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from elsewhere


def check_exposure(host: str, accounts: Accounts, public_without_login: bool) -> None:
    """A shared app without login would make everyone who reaches it a curator with everyone's data."""
    if not accounts.enabled and not is_loopback(host) and not public_without_login:
        raise PlaylistError(
            f"--host {host} serves other machines, and without PLAYLIST_ACCOUNTS everyone who "
            f"reaches it is a curator: set up logins (playlist accounts add NAME --role curator) "
            f"or pass --public-without-login"
        )


def main(argv: list[str] | None = None) -> None:
    warn_unknown()
    try:
        server = ServerSettings.from_env()
    except PlaylistError as exc:
        raise SystemExit(f"playlist: {exc}") from exc
    args = parse_args(argv, server)
    try:
        check_exposure(args.host, Accounts.from_env(), args.public_without_login)
        demo, app = create_app(Settings.from_env(), wait=False)
    except PlaylistError as exc:
        raise SystemExit(f"playlist: {exc}") from exc
    if app.settings.scheduler_s > 0:
        app.scheduler = Scheduler(app.refresher, app.settings.scheduler_s).start()
    auth = app.accounts.check if app.accounts.enabled else None
    demo.queue(default_concurrency_limit=4).launch(
        server_name=args.host, server_port=args.port, auth=auth, allowed_paths=[str(app.export_dir)]
    )


if __name__ == "__main__":
    main()
