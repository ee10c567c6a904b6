"""Gradio Blocks UI over assistant.session. It only adapts the core: no business logic lives here.

    python app.py [--host 127.0.0.1] [--port 7860]

Accounts: with no PLAYLIST_ACCOUNTS the app has no login and the person at the keyboard is a curator (local
use). PLAYLIST_ACCOUNTS="ana:secret:listener,cara:pw2:curator" (or a path to a JSON file
{"ana": {"password": "secret", "role": "listener"}}) turns on login; only curators see the Curator tab."""

import argparse
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from index.offline import go_offline

go_offline()

import gradio as gr  # noqa: E402  (after the offline environment is set)
import pandas as pd  # noqa: E402

from assistant import export, view  # noqa: E402
from assistant.blend import BlendSettings  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.history import parse_history  # noqa: E402
from assistant.planner import Engine  # noqa: E402
from assistant.profile import ProfileStore, check_listener_id  # noqa: E402
from assistant.session import Session  # noqa: E402
from assistant.templates import TemplateStore, spec_for, validate  # noqa: E402
from index.errors import PlaylistError  # noqa: E402

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
    engine: Engine
    profiles: ProfileStore
    settings: Settings
    accounts: Accounts
    export_dir: Path

    def llm(self):
        return self.settings.make_llm()


def _user(request: gr.Request | None) -> str:
    return (request.username if request is not None and request.username else None) or LOCAL_USER


def _panel(app: App, session: Session | None):
    playlist = session.playlist if session else None
    locked = session.locked_ids if session else set()
    points = view.shape_points(playlist, app.engine.index)
    frame = pd.DataFrame(points or [{"position": 0, "value": 0.0, "feature": "energy"}])
    return view.summary_markdown(playlist), view.table_rows(playlist, locked), frame


def build(app: App) -> gr.Blocks:
    with gr.Blocks(title="Playlist assistant") as demo:
        session_state = gr.State(None)
        gr.Markdown("# 🎧 Playlist assistant\nDescribe a playlist; refine it with follow-ups.")
        with gr.Tab("Playlist"):
            with gr.Row():
                with gr.Column(scale=2):
                    chat = gr.Chatbot(label="Chat", height=420)
                    prompt = gr.Textbox(label="Your prompt or follow-up", elem_id="prompt",
                                        placeholder="upbeat 90s hip hop for a long drive, 2 hours")
                    with gr.Row():
                        send = gr.Button("Send", variant="primary", elem_id="send")
                        undo = gr.Button("Undo last turn")
                        new = gr.Button("New playlist")
                    with gr.Accordion("Controls", open=False):
                        listener = gr.Textbox(label="Listener id (for your profile)", value="")
                        length = gr.Number(label="Tracks (0 = as asked, default 20)", value=0, precision=0)
                        personalization = gr.Slider(0, 1, value=0.5, step=0.1, label="Personalization")
                        familiar = gr.Slider(0, 1, value=0.3, step=0.1, label="Familiar ↔ discovery (share familiar)")
                        clean = gr.Checkbox(label="Clean only (no explicit tracks)")
                        no_learn = gr.Checkbox(label="Don't learn from this session")
                with gr.Column(scale=3):
                    summary = gr.Markdown(view.summary_markdown(None), elem_id="summary")
                    table = gr.Dataframe(headers=view.TABLE_HEADERS, interactive=False, wrap=True,
                                         elem_id="playlist-table")
                    shape = gr.LinePlot(x="position", y="value", color="feature", label="Energy and tempo by position",
                                        height=200)
                    with gr.Row():
                        position = gr.Number(label="Track #", value=1, precision=0, minimum=1)
                        like = gr.Button("👍 Like")
                        dislike = gr.Button("👎 Dislike")
                        remove = gr.Button("Remove")
                        lock = gr.Button("🔒 Lock / unlock")
                    with gr.Row():
                        fmt = gr.Dropdown(list(export.FORMATS), value="m3u8", label="Export format")
                        export_button = gr.Button("Export", elem_id="export")
                        export_file = gr.File(label="Exported file", elem_id="export-file")
                    with gr.Row():
                        save = gr.Button("Save to my playlists")
                        saved = gr.Dropdown([], label="My saved playlists", allow_custom_value=False)
                        reopen = gr.Button("Open")
                    status = gr.Markdown("")
        outputs = [summary, table, shape]

        def new_session(listener_id: str, pers: float, fam: float, learn_off: bool) -> Session:
            listener_id = listener_id.strip() or None
            if listener_id:
                check_listener_id(listener_id)
                if not app.profiles.exists(listener_id):
                    raise PlaylistError(f"unknown listener {listener_id!r}: import your history in the Profile tab")
            return Session(app.engine, app.profiles, listener_id, BlendSettings(personalization=pers, familiar_share=fam),
                           learn=not learn_off, llm=app.llm())

        def on_send(message, history, session, listener_id, count, pers, fam, only_clean, learn_off):
            history = list(history or [])
            message = (message or "").strip()
            history.append({"role": "user", "content": message or "(empty)"})
            try:
                if session is None or session.playlist is None or (session.listener_id or "") != listener_id.strip():
                    session = new_session(listener_id, pers, fam, learn_off)
                    text = message + (f", {int(count)} songs" if count and count > 0 else "") + (
                        ", clean" if only_clean else "")
                    events = session.ask_stream(text)
                else:
                    session.settings = BlendSettings(personalization=pers, familiar_share=fam)
                    session.learn = not learn_off
                    events = session.refine_stream(message)
                history.append({"role": "assistant", "content": "…"})
                written = ""
                for event in events:
                    if event.kind == "text":
                        written += event.text
                        history[-1] = {"role": "assistant", "content": f"✍️ writing… {written[-300:]}"}
                        yield history, session, "", *_panel(app, session)
                    else:
                        history[-1] = {"role": "assistant", "content": view.chat_reply(event.playlist)}
                        shown = session if event.kind == "final" else _draft_view(session, event.playlist)
                        yield history, session, "", *_panel(app, shown)
            except PlaylistError as exc:
                history.append({"role": "assistant", "content": f"⚠️ {exc}"})
                yield history, session, message, *_panel(app, session)

        send_inputs = [prompt, chat, session_state, listener, length, personalization, familiar, clean, no_learn]
        send_outputs = [chat, session_state, prompt, *outputs]
        send.click(on_send, send_inputs, send_outputs, api_name="send")
        prompt.submit(on_send, send_inputs, send_outputs, api_visibility="private")

        def on_undo(history, session):
            if session is not None and session.turns:
                session.undo()
                history = list(history or []) + [{"role": "assistant", "content": "Undid the last turn."}]
            return history, session, *_panel(app, session)

        undo.click(on_undo, [chat, session_state], [chat, session_state, *outputs], api_name="undo")
        new.click(lambda: ([], None, *_panel(app, None)), None, [chat, session_state, *outputs], api_name="new")

        def item_action(kind: str):
            def act(session, pos):
                try:
                    if session is None:
                        raise PlaylistError("ask for a playlist first")
                    pos = int(pos or 0)
                    if kind == "lock":
                        message = f"Track {pos} {'locked' if session.toggle_lock(pos) else 'unlocked'}."
                    elif kind == "remove":
                        session.remove(pos)
                        message = f"Removed track {pos}."
                    else:
                        session.feedback(pos, kind)
                        message = f"Noted: {kind} track {pos}" + ("" if session.learn and session.listener_id
                                                                  else " (not stored: no profile or not learning)")
                except PlaylistError as exc:
                    message = f"⚠️ {exc}"
                return session, message, *_panel(app, session)
            return act

        for button, kind in ((like, "like"), (dislike, "dislike"), (remove, "remove"), (lock, "lock")):
            button.click(item_action(kind), [session_state, position], [session_state, status, *outputs], api_name=kind)

        def on_export(session, chosen):
            if session is None or session.playlist is None:
                return None, "⚠️ ask for a playlist first"
            path = export.write(session.playlist, chosen, Path(tempfile.mkdtemp(dir=app.export_dir)),
                                session.follow_ups)
            return str(path), f"Exported {path.name}"

        export_button.click(on_export, [session_state, fmt], [export_file, status], api_name="export")

        def on_save(session):
            if session is None or session.playlist is None or session.listener_id is None:
                return gr.update(), "⚠️ saving needs a listener id and a playlist"
            app.profiles.save_playlist(session.listener_id, session.playlist, session.follow_ups)
            return _saved_choices(session.listener_id), "Saved."

        def _saved_choices(listener_id: str):
            rows = app.profiles.saved_playlists(listener_id)
            return gr.update(choices=[(f"{title} ({when})", pid) for pid, title, when in rows])

        save.click(on_save, [session_state], [saved, status], api_name="save")

        def on_open(session, listener_id, playlist_id, pers, fam, learn_off):
            try:
                if not playlist_id:
                    raise PlaylistError("choose a saved playlist")
                session = new_session(listener_id, pers, fam, learn_off)
                playlist, _ = app.profiles.open_playlist(session.listener_id or "", int(playlist_id))
                session.open(playlist)
                return session, f"Opened {playlist.title}", *_panel(app, session)
            except PlaylistError as exc:
                return session, f"⚠️ {exc}", *_panel(app, session)

        reopen.click(on_open, [session_state, listener, saved, personalization, familiar, no_learn],
                     [session_state, status, *outputs], api_name="open")
        listener.change(lambda lid: _saved_choices(lid.strip()) if lid.strip() and app.profiles.exists(lid.strip())
                        else gr.update(choices=[]), [listener], [saved], api_visibility="private")

        with gr.Tab("Profile"):
            profile_id = gr.Textbox(label="Listener id")
            upload = gr.File(label="Spotify export (.json or .zip) or Last.fm CSV", file_types=[".json", ".zip", ".csv"])
            import_button = gr.Button("Import history")
            profile_out = gr.Markdown("")
            with gr.Row():
                show_button = gr.Button("Show my profile")
                delete_button = gr.Button("Delete all my data", variant="stop")

            def on_import(listener_id, file, progress=gr.Progress()):
                try:
                    if file is None:
                        raise PlaylistError("choose a history file first")
                    progress(0.1, desc="reading the file")
                    plays = parse_history(Path(file))
                    progress(0.5, desc=f"matching {len(plays)} plays to the catalog")
                    report = app.profiles.import_plays(
                        listener_id.strip(), plays, app.engine.vocab, set(app.engine.index.row_of), Path(file).name,
                        on_progress=lambda done, total: progress(0.5 + 0.5 * done / total,
                                                                 desc=f"matched {done} of {total} plays"))
                    progress(1.0)
                    return report.summary() + "\n\n" + _profile_text(listener_id.strip())
                except PlaylistError as exc:
                    return f"⚠️ {exc} — your profile is unchanged."

            def _profile_text(listener_id: str) -> str:
                s = app.profiles.summary(listener_id, app.engine.index)
                return (f"**{s.listener_id}**: {s.plays} plays, {s.matched_plays} matched\n\n"
                        f"Top artists: {', '.join(f'{a} ({n})' for a, n in s.top_artists) or '—'}\n\n"
                        f"Top genres: {', '.join(f'{g} ({n})' for g, n in s.top_genres) or '—'}\n\n"
                        f"Eras: {', '.join(f'{d} ({n})' for d, n in s.decades) or '—'}")

            def on_show(listener_id):
                try:
                    return _profile_text(check_listener_id(listener_id.strip()))
                except PlaylistError as exc:
                    return f"⚠️ {exc}"

            def on_delete(listener_id):
                try:
                    app.profiles.require(check_listener_id(listener_id.strip()))
                    return f"Deleted {app.profiles.delete(listener_id.strip())} rows; nothing of yours is left."
                except PlaylistError as exc:
                    return f"⚠️ {exc}"

            import_button.click(on_import, [profile_id, upload], [profile_out], api_name="import_history")
            show_button.click(on_show, [profile_id], [profile_out], api_name="show_profile")
            delete_button.click(on_delete, [profile_id], [profile_out], api_name="delete_my_data")

        with gr.Tab("Curator", visible=True) as curator_tab:
            store = app.engine.templates
            name = gr.Dropdown(store.names(), value="reason", label="Template")
            about = gr.Markdown("")
            editor = gr.Code(label="Template text", language="jinja2", lines=12)
            author = gr.Textbox(label="Your name (recorded with the version)")
            sample = gr.Textbox(label="Sample prompt for the preview", value="chill r&b for a late night drive, 5 songs")
            with gr.Row():
                check = gr.Button("Validate")
                preview = gr.Button("Preview")
                publish = gr.Button("Publish", variant="primary")
                rollback = gr.Button("Roll back")
            check_out = gr.Markdown("")
            with gr.Row():
                live_preview = gr.Markdown(label="Live")
                draft_preview = gr.Markdown(label="Draft")
            history = gr.Dataframe(headers=["version", "live", "author", "saved"], interactive=False)

            def guard(request: gr.Request | None) -> None:
                if app.accounts.role(_user(request)) != "curator":
                    raise PlaylistError("curator actions need a curator account")

            def on_pick(template_name, request: gr.Request):
                guard(request)
                spec = spec_for(template_name)
                variables = "; ".join(f"`{k}`: {v}" for k, v in spec.variables.items())
                rows = [[v.version, "live" if v.live else "", v.author, v.created_at]
                        for v in store.history(template_name)]
                return f"{spec.description}\n\nVariables: {variables}", store.live(template_name).text, rows

            def on_check(template_name, text, request: gr.Request):
                try:
                    guard(request)
                    validate(template_name, text)
                    return "✅ valid"
                except PlaylistError as exc:
                    return f"❌ {exc}"

            def on_preview(template_name, text, sample_prompt, request: gr.Request):
                try:
                    guard(request)
                    live = Session(app.engine).ask(sample_prompt)
                    draft_engine = Engine(app.engine.index, app.engine.embedder, store.with_draft(template_name, text))
                    draft = Session(draft_engine).ask(sample_prompt)
                    return _preview_text("Live", live), _preview_text("Draft", draft), ""
                except PlaylistError as exc:
                    return "", "", f"❌ {exc}"

            def on_publish(template_name, text, who, request: gr.Request):
                try:
                    guard(request)
                    version = store.save(template_name, text, who.strip() or _user(request))
                    return f"✅ published {version.version}", *on_pick(template_name, request)[2:]
                except PlaylistError as exc:
                    return f"❌ {exc}", gr.update()

            def on_rollback(template_name, request: gr.Request):
                try:
                    guard(request)
                    version = store.rollback(template_name)
                    _, text, rows = on_pick(template_name, request)
                    return f"↩️ {version.version} is live", text, rows
                except PlaylistError as exc:
                    return f"❌ {exc}", gr.update(), gr.update()

            name.change(on_pick, [name], [about, editor, history], api_name="template_pick")
            check.click(on_check, [name, editor], [check_out], api_name="template_validate")
            preview.click(on_preview, [name, editor, sample], [live_preview, draft_preview, check_out],
                          api_name="template_preview")
            publish.click(on_publish, [name, editor, author], [check_out, history], api_name="template_publish")
            rollback.click(on_rollback, [name], [check_out, editor, history], api_name="template_rollback")

        def on_load(request: gr.Request):
            is_curator = app.accounts.role(_user(request)) == "curator"
            picked = on_pick("reason", request) if is_curator else ("", "", [])
            return gr.update(visible=is_curator), *picked

        demo.load(on_load, None, [curator_tab, about, editor, history], api_visibility="private")
    return demo


def _draft_view(session: Session, playlist) -> Session:
    """The session as it will look with the draft playlist, for showing before the model finishes."""
    shown = Session(session.engine)
    shown.open(playlist, "draft")
    return shown


def _preview_text(label: str, playlist) -> str:
    lines = [f"**{label}: {playlist.title}**"] + [f"{i.position}. {i.artist} – {i.title}  \n  _{i.reason}_"
                                                for i in playlist.items]
    return "\n".join(lines)


def create_app(settings: Settings, show_progress: bool = True) -> tuple[gr.Blocks, App]:
    """Opens (building on first run) the index, and returns the UI and its context."""
    from assistant.indexing import build as build_index
    from assistant.indexing import open_index
    from index.embed import Embedder
    from index.onnx_encoder import open_query_encoder
    from index.store import VectorIndex

    try:
        VectorIndex.read_manifest(settings.index_dir)
    except PlaylistError:
        print(build_index(settings, Embedder(), show_progress=show_progress).summary())
    encoder = open_query_encoder(settings.index_dir) or Embedder()
    engine = Engine(open_index(settings, encoder), encoder, TemplateStore(settings.db_path))
    export_dir = settings.home / "exports"
    export_dir.mkdir(parents=True, exist_ok=True)
    app = App(engine, ProfileStore(settings.db_path), settings, Accounts.from_env(), export_dir)
    return build(app), app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Playlist assistant web app")
    parser.add_argument("--host", default=os.environ.get("PLAYLIST_HOST", "127.0.0.1"),
                        help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PLAYLIST_PORT", "7860")))
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    try:
        demo, app = create_app(Settings.from_env())
    except PlaylistError as exc:
        raise SystemExit(f"playlist: {exc}") from exc
    auth = app.accounts.check if app.accounts.users else None
    demo.queue(default_concurrency_limit=8).launch(server_name=args.host, server_port=args.port, auth=auth,
                                                   allowed_paths=[str(app.export_dir)])


if __name__ == "__main__":
    main()
