"""The Playlist tab: chat, the playlist panel, per-track actions, export, save and reopen."""

import tempfile
from pathlib import Path

import gradio as gr

from assistant.outputs import export
from assistant.models import TurnOverrides
from ui import view
from assistant.pipeline import BlendSettings
from assistant.session import Session
from assistant.outputs import SubsonicCredentials, push_to_server, send_credentials
from index.errors import PlaylistError
from ui.context import App, identity_input, listener_for, panel, required_listener, user_of
from ui.standing_panel import build_standing_panel
from ui.playlist_card import build_playlist_card


def build_playlist_tab(app: App, session_state: gr.State, demo: gr.Blocks) -> None:
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
                    listener = identity_input(app, "Listener id (for your profile)")
                    length = gr.Number(label="Tracks (0 = as asked, default 20)", value=0, precision=0)
                    personalization = gr.Slider(0, 1, value=0.5, step=0.1, label="Personalization")
                    familiar = gr.Slider(0, 1, value=0.3, step=0.1, label="Familiar ↔ discovery (share familiar)")
                    clean = gr.Checkbox(label="Clean only (no explicit tracks)")
                    no_learn = gr.Checkbox(label="Don't learn from this session")
            with gr.Column(scale=3):
                summary = gr.Markdown(view.summary_markdown(None), elem_id="summary")
                table = gr.Dataframe(headers=view.TABLE_HEADERS, datatype=view.TABLE_TYPES, interactive=False, wrap=True,
                                     column_widths=view.TABLE_WIDTHS, max_height=1200,
                                     elem_id="playlist-table")
                shape = gr.HTML(view.arc_svg(None, None), elem_id="arc")
                with gr.Accordion("Act on a track by its number", open=False):
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
                with gr.Accordion("Send to my Subsonic server", open=False):
                    with gr.Row():
                        server_url = gr.Textbox(label="Server address", placeholder="https://music.example.org")
                        server_user = gr.Textbox(label="Your Subsonic user")
                        server_password = gr.Textbox(label="Your Subsonic password (used for this send only)",
                                                     type="password")
                    with gr.Row():
                        push = gr.Button("Send", elem_id="push-subsonic")
                        push_queue = gr.Checkbox(label="also replace its play queue")
                build_standing_panel(app, session_state, listener, demo)
                with gr.Row():
                    save = gr.Button("Save to my playlists")
                    saved = gr.Dropdown([], label="My saved playlists", allow_custom_value=False)
                    reopen = gr.Button("Open")
                build_playlist_card(app, session_state)
                status = gr.Markdown("")
    outputs = [summary, table, shape]

    def new_session(listener_id: str | None, pers: float, fam: float, learn_off: bool) -> Session:
        """A logged-in listener is known from the first visit; a typed id (no accounts) must have a history."""
        if listener_id and app.accounts.enabled:
            app.profiles.ensure_listener(listener_id)
        elif listener_id and not app.profiles.exists(listener_id):
            raise PlaylistError(f"unknown listener {listener_id!r}: import your history in the Profile tab")
        return Session(app.engine, app.profiles, listener_id, BlendSettings(personalization=pers, familiar_share=fam),
                       learn=not learn_off, **app.models())

    def on_send(message, history, session, typed, count, pers, fam, only_clean, learn_off, request: gr.Request):
        history = list(history or [])
        message = (message or "").strip()
        history.append({"role": "user", "content": message or "(empty)"})
        if not app.ready:  # first run: the prompt waits, visibly, and is answered when the index is ready
            history.append({"role": "assistant", "content": ""})
            while not app.wait(1.0):
                history[-1] = {"role": "assistant", "content": f"⏳ Your prompt is answered as soon as the catalog "
                                                                f"index is ready: {app.status}"}
                yield history, session, "", *panel(app, None)
            history.pop()
        try:
            listener_id = listener_for(app, request, typed)
            overrides = TurnOverrides(count=int(count) if count and count > 0 else None, clean=bool(only_clean))
            if session is None or session.playlist is None or session.listener_id != listener_id:
                session = new_session(listener_id, pers, fam, learn_off)
                events = session.ask_stream(message, overrides=overrides)
            else:
                session.settings = BlendSettings(personalization=pers, familiar_share=fam)
                session.learn = not learn_off
                events = session.refine_stream(message, overrides=overrides)
            history.append({"role": "assistant", "content": "…"})
            written = ""
            for event in events:
                if event.kind == "text":
                    written += event.text
                    history[-1] = {"role": "assistant", "content": f"✍️ The model is writing…\n\n{written}"}
                    yield history, session, "", *panel(app, session)
                else:
                    history[-1] = {"role": "assistant", "content": view.chat_reply(event.playlist)}
                    shown = session if event.kind == "final" else _draft_view(session, event.playlist)
                    yield history, session, "", *panel(app, shown)
        except PlaylistError as exc:
            history.append({"role": "assistant", "content": f"⚠️ {exc}"})
            yield history, session, message, *panel(app, session)

    send_inputs = [prompt, chat, session_state, listener, length, personalization, familiar, clean, no_learn]
    send_outputs = [chat, session_state, prompt, *outputs]
    send.click(on_send, send_inputs, send_outputs, api_name="send")
    prompt.submit(on_send, send_inputs, send_outputs, api_visibility="private")

    def on_undo(history, session):
        if session is not None and session.turns:
            session.undo()
            history = list(history or []) + [{"role": "assistant", "content": "Undid the last turn."}]
        return history, session, *panel(app, session)

    undo.click(on_undo, [chat, session_state], [chat, session_state, *outputs], api_name="undo")
    new.click(lambda: ([], None, *panel(app, None)), None, [chat, session_state, *outputs], api_name="new")

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
            return session, message, *panel(app, session)
        return act

    for button, kind in ((like, "like"), (dislike, "dislike"), (remove, "remove"), (lock, "lock")):
        button.click(item_action(kind), [session_state, position], [session_state, status, *outputs], api_name=kind)

    def on_cell(session, evt: gr.SelectData):
        """👍 / 👎 / ✕ / lock on a row act on that row's track; other cells do nothing."""
        row, column = evt.index
        kind = view.row_action(column)
        if kind is None:
            return session, gr.update(), *(gr.update() for _ in outputs)
        return item_action(kind)(session, row + 1)

    table.select(on_cell, [session_state], [session_state, status, *outputs], api_visibility="private")

    def on_export(session, chosen):
        if session is None or session.playlist is None:
            return None, "⚠️ ask for a playlist first"
        path = export.write(session.playlist, chosen, Path(tempfile.mkdtemp(dir=app.export_dir)),
                            session.follow_ups)
        session.note("export")
        return str(path), f"Exported {path.name}"

    export_button.click(on_export, [session_state, fmt], [export_file, status], api_name="export")

    def on_push(session, url, user, password, queue, request: gr.Request):
        """As the listener's own Subsonic user, typed for this send; the app's account only for a curator."""
        if session is None or session.playlist is None:
            return "⚠️ ask for a playlist first"
        try:
            typed = SubsonicCredentials(url=url or "", user=user or "", password=password or "")
            credentials = send_credentials(app.accounts.role(user_of(request)), app.accounts.enabled, typed)
            sent = push_to_server(session.playlist, credentials, queue)
            session.note("send")
            return "✅ " + sent
        except PlaylistError as exc:
            return f"⚠️ {exc}"

    push.click(on_push, [session_state, server_url, server_user, server_password, push_queue], [status],
               api_name="push")

    def on_save(session, typed, request: gr.Request):
        try:
            listener_id = required_listener(app, request, typed)
            if session is None or session.playlist is None:
                raise PlaylistError("ask for a playlist first")
            app.profiles.save_playlist(listener_id, session.playlist, session.follow_ups)
            session.note("save")
            return _saved_choices(listener_id), "Saved."
        except PlaylistError as exc:
            return gr.update(), f"⚠️ {exc}"

    def _saved_choices(listener_id: str):
        rows = app.profiles.saved_playlists(listener_id)
        return gr.update(choices=[(f"{title} ({when})", pid) for pid, title, when in rows])

    save.click(on_save, [session_state, listener], [saved, status], api_name="save")

    def on_open(session, typed, playlist_id, pers, fam, learn_off, request: gr.Request):
        try:
            listener_id = required_listener(app, request, typed)
            if not playlist_id:
                raise PlaylistError("choose a saved playlist")
            playlist, _ = app.profiles.open_playlist(listener_id, int(playlist_id))
            session = new_session(listener_id, pers, fam, learn_off)
            session.open(playlist)
            return session, f"Opened {playlist.title}", *panel(app, session)
        except PlaylistError as exc:
            return session, f"⚠️ {exc}", *panel(app, session)

    reopen.click(on_open, [session_state, listener, saved, personalization, familiar, no_learn],
                 [session_state, status, *outputs], api_name="open")

    def on_identity(typed, request: gr.Request):
        """The saved playlists of whoever this is: on page load with accounts, as the id is typed without."""
        try:
            listener_id = listener_for(app, request, typed)
        except PlaylistError:
            listener_id = None
        return _saved_choices(listener_id) if listener_id and app.profiles.exists(listener_id) \
            else gr.update(choices=[])

    if app.accounts.enabled:
        demo.load(on_identity, [listener], [saved], api_visibility="private")
    else:
        listener.change(on_identity, [listener], [saved], api_visibility="private")



def _draft_view(session: Session, playlist) -> Session:
    """The session as it will look with the draft playlist, for showing before the model finishes."""
    shown = Session(session.engine)
    shown.open(playlist, "draft")
    return shown
