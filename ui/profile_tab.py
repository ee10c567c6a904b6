"""The Profile tab: import a listening history with progress, see it, hear its story (ui.story_section), delete
it. With accounts on, every action is on the logged-in listener's own data and the tab has no id box; without, the
one person types an id. This module lays the tab out and wires its events; the handlers are in
ui/profile_actions.py."""

import gradio as gr

from ui.context import App, identity_input
from ui.profile_actions import ProfileActions
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
        actions = ProfileActions(app)
        import_button.click(actions.on_import, [profile_id, upload], [profile_out], api_name="import_history")
        show_button.click(actions.on_show, [profile_id], [profile_out], api_name="show_profile")
        delete_button.click(actions.on_delete, [profile_id], [profile_out], api_name="delete_my_data")
