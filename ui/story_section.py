"""The story page of the Profile tab: the listener's own story for a period, with plots, and a share card of the
parts they tick. This module lays the page out and wires its events; the handlers are in ui/story_actions.py.
Whose story it is comes from the login (or the typed id without accounts), never from the page."""

import zoneinfo

import gradio as gr

from assistant.outputs import CARD_DEFAULT, CARD_LABELS, CARD_PARTS
from ui.context import App
from ui.story_actions import StoryActions


def _zones() -> list[str]:
    return ["UTC", *sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/"))]


def build_story_section(app: App, profile_id: gr.components.Component) -> None:
    with gr.Accordion("Your listening story", open=True):
        gr.Markdown(
            "Told from your own imported plays, on this machine. Leave the dates empty for your whole "
            "history; times are in the zone you pick (exports are stamped in UTC)."
        )
        with gr.Row():
            start = gr.Textbox(label="From (YYYY-MM-DD)", placeholder="your first play")
            end = gr.Textbox(label="To (YYYY-MM-DD)", placeholder="your last play")
            zone = gr.Dropdown(_zones(), value="UTC", label="Time zone", allow_custom_value=True)
        tell = gr.Button("Tell my story", variant="primary")
        text = gr.Markdown("")
        with gr.Row():
            months = gr.Plot(label="Plays by month", show_label=False)
            hours = gr.Plot(label="Plays by hour", show_label=False)
        genres = gr.Plot(label="Genres", show_label=False)
        with gr.Accordion("Share card", open=False):
            parts = gr.CheckboxGroup(
                [(CARD_LABELS[p], p) for p in CARD_PARTS],
                value=list(CARD_DEFAULT),
                label="Show on the card (nothing else of yours goes on it)",
            )
            name = gr.Textbox(label="Name on the card (optional)", max_length=40)
            make = gr.Button("Make my share card")
            card_note = gr.Markdown("")
            card_image = gr.Image(label="Your card", type="filepath", format="png", interactive=False, height=640)
            card_file = gr.File(label="Download the PNG")

    actions = StoryActions(app)
    period = [profile_id, start, end, zone]
    tell.click(actions.on_tell, period, [text, months, hours, genres], api_name="listening_story")
    make.click(actions.on_card, [*period, parts, name], [card_note, card_image, card_file], api_name="share_card")
