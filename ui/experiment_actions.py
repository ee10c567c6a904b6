"""The experiment panel's handlers: show the report, start, stop and promote. Each is a method of
ExperimentActions (which holds the template store and the curator tab's checks), so ui/experiment_panel.py only
lays the panel out and wires events to them."""

from collections.abc import Callable

import gradio as gr

from assistant.experiments import ExperimentStore, Report, report_for
from assistant.templates import TemplateStore
from index.errors import PlaylistError
from ui.experiment_view import plot_frame, report_markdown


def current_report(store: TemplateStore, name: str) -> Report | None:
    try:
        return report_for(ExperimentStore(store), name)
    except PlaylistError as exc:
        if "no experiment yet" in str(exc):
            return None
        raise


class ExperimentActions:
    """`guard` refuses a non-curator, `who` names the author, `history_rows` refreshes the versions table: the
    curator tab's own, so the panel checks and records exactly as the tab does."""

    def __init__(self, store: TemplateStore, guard: Callable, who: Callable, history_rows: Callable):
        self.store, self.guard, self.who, self.history_rows = store, guard, who, history_rows

    def shown(self, template_name: str):
        report = current_report(self.store, template_name)
        return report_markdown(report), plot_frame(report)

    def on_report(self, template_name, request: gr.Request):
        try:
            self.guard(request)
            return self.shown(template_name)
        except PlaylistError as exc:
            return f"❌ {exc}", plot_frame(None)

    def act(self, kind: str):
        """The handler for one button: "start" the editor's text as the candidate, "stop", or "promote"."""

        def handler(template_name, text, fraction, typed, request: gr.Request):
            try:
                self.guard(request)
                experiments = ExperimentStore(self.store)
                if kind == "start":
                    experiment = experiments.start(template_name, text, float(fraction), self.who(request, typed))
                    message = f"✅ experiment {experiment.id}: {experiment.candidate} for {experiment.share:.0%}"
                else:
                    experiment = experiments.stop(template_name, self.who(request, typed), promote=kind == "promote")
                    live = experiment.candidate if kind == "promote" else experiment.control
                    message = f"⏹️ experiment {experiment.id} {experiment.status}; {live} is live"
                return message, *self.shown(template_name), self.history_rows(template_name)
            except PlaylistError as exc:
                return f"❌ {exc}", gr.update(), gr.update(), gr.update()

        return handler
