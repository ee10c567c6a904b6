"""The Playlist tab: chat, the playlist panel, per-track actions, export, save and reopen. This module lays the tab
out and wires its events; the handlers are in ui/playlist_actions.py."""

from types import SimpleNamespace

import gradio as gr

from assistant.outputs import export
from ui import view
from ui.context import App, identity_input
from ui.playlist_actions import PlaylistActions
from ui.playlist_card import build_playlist_card
from ui.standing_panel import build_standing_panel


def build_playlist_tab(app: App, session_state: gr.State, demo: gr.Blocks) -> None:
    with gr.Tab("Playlist"):
        with gr.Row():
            with gr.Column(scale=2):
                tab = _chat_column(app)
            with gr.Column(scale=3):
                _panel_column(app, session_state, demo, tab)
    actions = PlaylistActions(app)
    _wire_chat(actions, session_state, tab)
    _wire_panel(app, actions, session_state, demo, tab)


def _chat_column(app: App) -> SimpleNamespace:
    tab = SimpleNamespace()
    tab.chat = gr.Chatbot(label="Chat", height=420)
    tab.prompt = gr.Textbox(
        label="Your prompt or follow-up", elem_id="prompt", placeholder="upbeat 90s hip hop for a long drive, 2 hours"
    )
    with gr.Row():
        tab.send = gr.Button("Send", variant="primary", elem_id="send")
        tab.undo = gr.Button("Undo last turn")
        tab.new = gr.Button("New playlist")
    with gr.Accordion("Controls", open=False):
        tab.listener = identity_input(app, "Listener id (for your profile)")
        tab.length = gr.Number(label="Tracks (0 = as asked, default 20)", value=0, precision=0)
        tab.personalization = gr.Slider(0, 1, value=0.5, step=0.1, label="Personalization")
        tab.familiar = gr.Slider(0, 1, value=0.3, step=0.1, label="Familiar ↔ discovery (share familiar)")
        tab.clean = gr.Checkbox(label="Clean only (no explicit tracks)")
        tab.no_learn = gr.Checkbox(label="Don't learn from this session")
    return tab


def _panel_column(app: App, session_state: gr.State, demo: gr.Blocks, tab: SimpleNamespace) -> None:
    tab.summary = gr.Markdown(view.summary_markdown(None), elem_id="summary")
    tab.table = gr.Dataframe(
        headers=view.TABLE_HEADERS,
        datatype=view.TABLE_TYPES,
        interactive=False,
        wrap=True,
        column_widths=view.TABLE_WIDTHS,
        max_height=1200,
        elem_id="playlist-table",
    )
    tab.shape = gr.HTML(view.arc_svg(None, None), elem_id="arc")
    with gr.Accordion("Act on a track by its number", open=False):
        with gr.Row():
            tab.position = gr.Number(label="Track #", value=1, precision=0, minimum=1)
            tab.like = gr.Button("👍 Like")
            tab.dislike = gr.Button("👎 Dislike")
            tab.remove = gr.Button("Remove")
            tab.lock = gr.Button("🔒 Lock / unlock")
    with gr.Row():
        tab.fmt = gr.Dropdown(list(export.FORMATS), value="m3u8", label="Export format")
        tab.export_button = gr.Button("Export", elem_id="export")
        tab.export_file = gr.File(label="Exported file", elem_id="export-file")
    with gr.Accordion("Send to my Subsonic server", open=False):
        with gr.Row():
            tab.server_url = gr.Textbox(label="Server address", placeholder="https://music.example.org")
            tab.server_user = gr.Textbox(label="Your Subsonic user")
            tab.server_password = gr.Textbox(label="Your Subsonic password (used for this send only)", type="password")
        with gr.Row():
            tab.push = gr.Button("Send", elem_id="push-subsonic")
            tab.push_queue = gr.Checkbox(label="also replace its play queue")
    build_standing_panel(app, session_state, tab.listener, demo)
    with gr.Row():
        tab.save = gr.Button("Save to my playlists")
        tab.saved = gr.Dropdown([], label="My saved playlists", allow_custom_value=False)
        tab.reopen = gr.Button("Open")
    build_playlist_card(app, session_state)
    tab.status = gr.Markdown("")


def _wire_chat(actions: PlaylistActions, session_state: gr.State, tab: SimpleNamespace) -> None:
    outputs = [tab.summary, tab.table, tab.shape]
    send_inputs = [
        tab.prompt,
        tab.chat,
        session_state,
        tab.listener,
        tab.length,
        tab.personalization,
        tab.familiar,
        tab.clean,
        tab.no_learn,
    ]
    send_outputs = [tab.chat, session_state, tab.prompt, *outputs]
    tab.send.click(actions.on_send, send_inputs, send_outputs, api_name="send")
    tab.prompt.submit(actions.on_send, send_inputs, send_outputs, api_visibility="private")
    tab.undo.click(actions.on_undo, [tab.chat, session_state], [tab.chat, session_state, *outputs], api_name="undo")
    tab.new.click(actions.on_new, None, [tab.chat, session_state, *outputs], api_name="new")


def _wire_panel(
    app: App, actions: PlaylistActions, session_state: gr.State, demo: gr.Blocks, tab: SimpleNamespace
) -> None:
    outputs = [tab.summary, tab.table, tab.shape]
    acted = [session_state, tab.status, *outputs]
    for button, kind in ((tab.like, "like"), (tab.dislike, "dislike"), (tab.remove, "remove"), (tab.lock, "lock")):
        button.click(actions.item_action(kind), [session_state, tab.position], acted, api_name=kind)
    tab.table.select(actions.on_cell, [session_state], acted, api_visibility="private")
    tab.export_button.click(
        actions.on_export, [session_state, tab.fmt], [tab.export_file, tab.status], api_name="export"
    )
    tab.push.click(
        actions.on_push,
        [session_state, tab.server_url, tab.server_user, tab.server_password, tab.push_queue],
        [tab.status],
        api_name="push",
    )
    tab.save.click(actions.on_save, [session_state, tab.listener], [tab.saved, tab.status], api_name="save")
    tab.reopen.click(
        actions.on_open,
        [session_state, tab.listener, tab.saved, tab.personalization, tab.familiar, tab.no_learn],
        acted,
        api_name="open",
    )
    if app.accounts.enabled:
        demo.load(actions.on_identity, [tab.listener], [tab.saved], api_visibility="private")
    else:
        tab.listener.change(actions.on_identity, [tab.listener], [tab.saved], api_visibility="private")
