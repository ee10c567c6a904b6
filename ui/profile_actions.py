"""The Profile tab's handlers: import a history with progress, show the profile, delete the listener's data. Each
is a method of ProfileActions (which holds the App), so ui/profile_tab.py only lays the tab out and wires events
to them."""

from pathlib import Path

import gradio as gr

from assistant.profiles import parse_history
from index.errors import PlaylistError
from ui.context import App, required_listener


class ProfileActions:
    def __init__(self, app: App):
        self.app = app

    def on_import(self, typed, file, request: gr.Request, progress=gr.Progress()):  # noqa: B008 - Gradio injects it
        app = self.app
        try:
            listener_id = required_listener(app, request, typed)
            if file is None:
                raise PlaylistError("choose a history file first")
            progress(0.1, desc="reading the file")
            plays = parse_history(Path(file))
            progress(0.5, desc=f"matching {len(plays)} plays to the catalog")
            report = app.profiles.import_plays(
                listener_id,
                plays,
                app.engine.vocab,
                set(app.engine.index.row_of),
                Path(file).name,
                on_progress=lambda done, total: progress(
                    0.5 + 0.5 * done / total, desc=f"matched {done} of {total} plays"
                ),
            )
            progress(1.0)
            return report.summary() + "\n\n" + self._profile_text(listener_id)
        except PlaylistError as exc:
            return f"⚠️ {exc} — your profile is unchanged."

    def _profile_text(self, listener_id: str) -> str:
        s = self.app.profiles.summary(listener_id, self.app.engine.index)
        return (
            f"**{s.listener_id}**: {s.plays} plays, {s.matched_plays} matched\n\n"
            f"Top artists: {', '.join(f'{a} ({n})' for a, n in s.top_artists) or '—'}\n\n"
            f"Top genres: {', '.join(f'{g} ({n})' for g, n in s.top_genres) or '—'}\n\n"
            f"Eras: {', '.join(f'{d} ({n})' for d, n in s.decades) or '—'}"
        )

    def on_show(self, typed, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            self.app.profiles.require(listener_id)
            return self._profile_text(listener_id)
        except PlaylistError as exc:
            return f"⚠️ {exc}"

    def on_delete(self, typed, request: gr.Request):
        try:
            listener_id = required_listener(self.app, request, typed)
            self.app.profiles.require(listener_id)
            return f"Deleted {self.app.profiles.delete(listener_id)} rows; nothing of yours is left."
        except PlaylistError as exc:
            return f"⚠️ {exc}"
