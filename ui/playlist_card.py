"""The playlist panel's card button: a PNG of the current playlist (title, length, energy arc, eras, genres and,
when the chat has a listener, how much of it they know), made on this machine, to show a friend."""

import tempfile
from pathlib import Path

import gradio as gr

from assistant.outputs import draw_playlist_card as playlist_card
from assistant.outputs import playlist_figures
from assistant.session import Session
from index.atomic import write_atomic
from index.errors import PlaylistError
from ui.context import App

CARD_FILE = "playlist-card.png"


def make_card(app: App, session: Session | None) -> tuple[str, str]:
    """(PNG path, note); the familiar share only from the session's own listener's profile."""
    if session is None or session.playlist is None:
        raise PlaylistError("ask for a playlist first")
    profile = None
    if session.listener_id and session.profiles is not None:
        profile = session.profiles.profile(session.listener_id, session.engine.index)
    card = playlist_card(playlist_figures(session.playlist, session.engine.index, profile))
    path = Path(tempfile.mkdtemp(dir=app.export_dir)) / CARD_FILE
    write_atomic(path, card.png)
    return str(path), f"Card made here: {card.width}×{card.height} px."


def build_playlist_card(app: App, session_state: gr.State) -> None:
    with gr.Accordion("Playlist card (an image to share)", open=False):
        button = gr.Button("🖼️ Make a card of this playlist", elem_id="playlist-card")
        note = gr.Markdown("")
        image = gr.Image(label="Playlist card", type="filepath", format="png", interactive=False, height=560)

    def on_card(session):
        try:
            path, text = make_card(app, session)
            return path, text
        except PlaylistError as exc:
            return None, f"⚠️ {exc}"

    button.click(on_card, [session_state], [image, note], api_name="playlist_card")
