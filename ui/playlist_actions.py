"""The Playlist tab's handlers: a chat turn, undo, per-track actions, export, send, save and reopen. Each is a method
of PlaylistActions (which holds the App), so ui/playlist_tab.py only lays the tab out and wires events to them."""

import tempfile
from pathlib import Path

import gradio as gr
from pydantic import SecretStr

from assistant.models import TurnOverrides
from assistant.outputs import SubsonicCredentials, export, push_to_server, send_credentials
from assistant.pipeline import BlendSettings
from assistant.session import Session
from index.errors import PlaylistError
from ui import view
from ui.context import App, listener_for, panel, required_listener, user_of

PANEL_SIZE = 3  # summary, table, shape: what panel() gives


class PlaylistActions:
    def __init__(self, app: App):
        self.app = app

    def new_session(self, listener_id: str | None, pers: float, fam: float, learn_off: bool) -> Session:
        """A logged-in listener is known from the first visit; a typed id (no accounts) must have a history."""
        app = self.app
        if listener_id and app.accounts.enabled:
            app.profiles.ensure_listener(listener_id)
        elif listener_id and not app.profiles.exists(listener_id):
            raise PlaylistError(f"unknown listener {listener_id!r}: import your history in the Profile tab")
        return Session(
            app.engine,
            app.profiles,
            listener_id,
            BlendSettings(personalization=pers, familiar_share=fam),
            learn=not learn_off,
            **app.models(),
        )

    def _waiting(self, history: list):
        """First run: the prompt waits, visibly, and is answered when the index is ready."""
        history.append({"role": "assistant", "content": ""})
        while not self.app.wait(1.0):
            history[-1] = {
                "role": "assistant",
                "content": f"⏳ Your prompt is answered as soon as the catalog index is ready: {self.app.status}",
            }
            yield history, None, "", *panel(self.app, None)
        history.pop()

    def _turn(self, session, message, listener_id, count, pers, fam, only_clean, learn_off):
        """(session, events): a new session for a first prompt or another listener, else a follow-up."""
        overrides = TurnOverrides(count=int(count) if count and count > 0 else None, clean=bool(only_clean))
        if session is None or session.playlist is None or session.listener_id != listener_id:
            session = self.new_session(listener_id, pers, fam, learn_off)
            return session, session.ask_stream(message, overrides=overrides)
        session.settings = BlendSettings(personalization=pers, familiar_share=fam)
        session.learn = not learn_off
        return session, session.refine_stream(message, overrides=overrides)

    def on_send(self, message, history, session, typed, count, pers, fam, only_clean, learn_off, request: gr.Request):
        app = self.app
        history = list(history or [])
        message = (message or "").strip()
        history.append({"role": "user", "content": message or "(empty)"})
        if not app.ready:
            for shown in self._waiting(history):
                yield shown[0], session, *shown[2:]
        try:
            listener_id = listener_for(app, request, typed)
            session, events = self._turn(session, message, listener_id, count, pers, fam, only_clean, learn_off)
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

    def on_undo(self, history, session):
        if session is not None and session.turns:
            session.undo()
            history = list(history or []) + [{"role": "assistant", "content": "Undid the last turn."}]
        return history, session, *panel(self.app, session)

    def on_new(self):
        return [], None, *panel(self.app, None)

    def item_action(self, kind: str):
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
                    message = f"Noted: {kind} track {pos}" + (
                        "" if session.learn and session.listener_id else " (not stored: no profile or not learning)"
                    )
            except PlaylistError as exc:
                message = f"⚠️ {exc}"
            return session, message, *panel(self.app, session)

        return act

    def on_cell(self, session, evt: gr.SelectData):
        """👍 / 👎 / ✕ / lock on a row act on that row's track; other cells do nothing."""
        row, column = evt.index
        kind = view.row_action(column)
        if kind is None:
            return session, gr.update(), *(gr.update() for _ in range(PANEL_SIZE))
        return self.item_action(kind)(session, row + 1)

    def on_export(self, session, chosen):
        if session is None or session.playlist is None:
            return None, "⚠️ ask for a playlist first"
        path = export.write(
            session.playlist, chosen, Path(tempfile.mkdtemp(dir=self.app.export_dir)), session.follow_ups
        )
        session.note("export")
        return str(path), f"Exported {path.name}"

    def on_push(self, session, url, user, password, queue, request: gr.Request):
        """As the listener's own Subsonic user, typed for this send; the app's account only for a curator."""
        if session is None or session.playlist is None:
            return "⚠️ ask for a playlist first"
        try:
            typed = SubsonicCredentials(url=url or "", user=user or "", password=SecretStr(password or ""))
            accounts = self.app.accounts
            credentials = send_credentials(accounts.role(user_of(request)), accounts.enabled, typed)
            sent = push_to_server(session.playlist, credentials, queue)
            session.note("send")
            return "✅ " + sent
        except PlaylistError as exc:
            return f"⚠️ {exc}"

    def on_save(self, session, typed, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            if session is None or session.playlist is None:
                raise PlaylistError("ask for a playlist first")
            self.app.profiles.save_playlist(listener_id, session.playlist, session.follow_ups)
            session.note("save")
            return self.saved_choices(listener_id), "Saved."
        except PlaylistError as exc:
            return gr.update(), f"⚠️ {exc}"

    def saved_choices(self, listener_id: str):
        rows = self.app.profiles.saved_playlists(listener_id)
        return gr.update(choices=[(f"{title} ({when})", pid) for pid, title, when in rows])

    def on_open(self, session, typed, playlist_id, pers, fam, learn_off, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            if not playlist_id:
                raise PlaylistError("choose a saved playlist")
            playlist, _ = self.app.profiles.open_playlist(listener_id, int(playlist_id))
            session = self.new_session(listener_id, pers, fam, learn_off)
            session.open(playlist)
            return session, f"Opened {playlist.title}", *panel(self.app, session)
        except PlaylistError as exc:
            return session, f"⚠️ {exc}", *panel(self.app, session)

    def on_identity(self, typed, request: gr.Request):
        """The saved playlists of whoever this is: on page load with accounts, as the id is typed without."""
        try:
            listener_id = listener_for(self.app, request, typed)
        except PlaylistError:
            listener_id = None
        return (
            self.saved_choices(listener_id)
            if listener_id and self.app.profiles.exists(listener_id)
            else gr.update(choices=[])
        )


def _draft_view(session: Session, playlist) -> Session:
    """The session as it will look with the draft playlist, for showing before the model finishes."""
    shown = Session(session.engine)
    shown.open(playlist, "draft")
    return shown
