"""The Profile tab: import a listening history with progress, see it, hear its story (ui.story_section), delete
it. With accounts on, every action is on the logged-in listener's own data and the tab has no id box; without, the
one person types an id."""

from pathlib import Path

import gradio as gr

from assistant.profiles import parse_history
from index.errors import PlaylistError
from ui.context import App, identity_input, required_listener
from ui.story_section import build_story_section


def build_profile_tab(app: App) -> None:
    with gr.Tab("Profile"):
        profile_id = identity_input(app, "Listener id")
        upload = gr.File(label="Spotify export (.json or .zip) or Last.fm CSV", file_types=[".json", ".zip", ".csv"])
        import_button = gr.Button("Import history")
        profile_out = gr.Markdown("")
        with gr.Row():
            show_button = gr.Button("Show my profile")
            delete_button = gr.Button("Delete all my data", variant="stop")
        build_story_section(app, profile_id)

        def on_import(typed, file, request: gr.Request, progress=gr.Progress()):  # noqa: B008 - Gradio injects it
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
                return report.summary() + "\n\n" + _profile_text(listener_id)
            except PlaylistError as exc:
                return f"⚠️ {exc} — your profile is unchanged."

        def _profile_text(listener_id: str) -> str:
            s = app.profiles.summary(listener_id, app.engine.index)
            return (
                f"**{s.listener_id}**: {s.plays} plays, {s.matched_plays} matched\n\n"
                f"Top artists: {', '.join(f'{a} ({n})' for a, n in s.top_artists) or '—'}\n\n"
                f"Top genres: {', '.join(f'{g} ({n})' for g, n in s.top_genres) or '—'}\n\n"
                f"Eras: {', '.join(f'{d} ({n})' for d, n in s.decades) or '—'}"
            )

        def on_show(typed, request: gr.Request):
            try:
                listener_id = required_listener(app, request, typed)
                app.profiles.require(listener_id)
                return _profile_text(listener_id)
            except PlaylistError as exc:
                return f"⚠️ {exc}"

        def on_delete(typed, request: gr.Request):
            try:
                listener_id = required_listener(app, request, typed)
                app.profiles.require(listener_id)
                return f"Deleted {app.profiles.delete(listener_id)} rows; nothing of yours is left."
            except PlaylistError as exc:
                return f"⚠️ {exc}"

        import_button.click(on_import, [profile_id, upload], [profile_out], api_name="import_history")
        show_button.click(on_show, [profile_id], [profile_out], api_name="show_profile")
        delete_button.click(on_delete, [profile_id], [profile_out], api_name="delete_my_data")
