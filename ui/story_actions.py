"""The story page's handlers: tell the listener's story for a period and make their share card. Each is a method of
StoryActions (which holds the App and its StoryTeller), so ui/story_section.py only lays the page out and wires
events to them. Whose story it is comes from the login (or the typed id without accounts), never from the page."""

import tempfile
from pathlib import Path

import gradio as gr

from assistant.outputs import CARD_LABELS, CardChoices, write_story_card
from assistant.profiles import ListeningStory, StoryPeriod, StoryTeller
from index.errors import PlaylistError
from ui import story_view
from ui.context import App, required_listener

CARD_FILE = "my-listening-story.png"


class StoryActions:
    def __init__(self, app: App):
        self.app = app
        self.teller = StoryTeller(app.profiles)

    def story_for(self, typed: str, request: gr.Request, first: str, last: str, tz: str) -> ListeningStory:
        listener_id = required_listener(self.app, request, typed)
        return self.teller.story(listener_id, self.app.engine.index, StoryPeriod.from_text(first, last, tz))

    def on_tell(self, typed, first, last, tz, request: gr.Request):
        try:
            story = self.story_for(typed, request, first, last, tz)
        except PlaylistError as exc:
            return f"⚠️ {exc}", None, None, None
        return (
            story_view.story_markdown(story),
            story_view.month_figure(story),
            story_view.hour_figure(story),
            story_view.genre_figure(story),
        )

    def on_card(self, typed, first, last, tz, chosen, shown_name, request: gr.Request):
        try:
            story = self.story_for(typed, request, first, last, tz)
            path = Path(tempfile.mkdtemp(dir=self.app.export_dir)) / CARD_FILE
            card = write_story_card(story, CardChoices.from_text(",".join(chosen or []), shown_name or ""), path)
        except PlaylistError as exc:
            return f"⚠️ {exc}", None, None
        note = f"{card.width}×{card.height} px, made here; it shows {', '.join(CARD_LABELS[p] for p in card.shown)}."
        note += "".join(f"\n\n_Left off: {CARD_LABELS[p]} — {why}._" for p, why in card.left_out.items())
        return note, str(path), str(path)
