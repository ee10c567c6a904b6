"""The story page of the Profile tab: the listener's own story for a period, with plots, and a share card of the
parts they tick. Whose story it is comes from the login (or the typed id without accounts), never from the page."""

import tempfile
import zoneinfo
from pathlib import Path

import gradio as gr

from assistant.outputs import CARD_DEFAULT, CARD_LABELS, CARD_PARTS, CardChoices, write_story_card
from assistant.profiles import ListeningStory, StoryPeriod, StoryTeller
from index.errors import PlaylistError
from ui import story_view
from ui.context import App, required_listener

CARD_FILE = "my-listening-story.png"


def _zones() -> list[str]:
    return ["UTC", *sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/"))]


def build_story_section(app: App, profile_id: gr.components.Component) -> None:
    teller = StoryTeller(app.profiles)
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

    def story_for(typed: str, request: gr.Request, first: str, last: str, tz: str) -> ListeningStory:
        listener_id = required_listener(app, request, typed)
        return teller.story(listener_id, app.engine.index, StoryPeriod.from_text(first, last, tz))

    def on_tell(typed, first, last, tz, request: gr.Request):
        try:
            story = story_for(typed, request, first, last, tz)
        except PlaylistError as exc:
            return f"⚠️ {exc}", None, None, None
        return (
            story_view.story_markdown(story),
            story_view.month_figure(story),
            story_view.hour_figure(story),
            story_view.genre_figure(story),
        )

    def on_card(typed, first, last, tz, chosen, shown_name, request: gr.Request):
        try:
            story = story_for(typed, request, first, last, tz)
            path = Path(tempfile.mkdtemp(dir=app.export_dir)) / CARD_FILE
            card = write_story_card(story, CardChoices.from_text(",".join(chosen or []), shown_name or ""), path)
        except PlaylistError as exc:
            return f"⚠️ {exc}", None, None
        note = f"{card.width}×{card.height} px, made here; it shows {', '.join(CARD_LABELS[p] for p in card.shown)}."
        note += "".join(f"\n\n_Left off: {CARD_LABELS[p]} — {why}._" for p, why in card.left_out.items())
        return note, str(path), str(path)

    period = [profile_id, start, end, zone]
    tell.click(on_tell, period, [text, months, hours, genres], api_name="listening_story")
    make.click(on_card, [*period, parts, name], [card_note, card_image, card_file], api_name="share_card")
