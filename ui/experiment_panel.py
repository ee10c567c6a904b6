"""The Curator tab's experiment panel: start the editor's text as a candidate for a share of listeners, a live
report (table and bars with intervals, refreshed while the tab is open), stop or promote. This module lays the panel
out and wires its events; the handlers are in ui/experiment_actions.py, the report's rendering in
ui/experiment_view.py."""

from collections.abc import Callable

import gradio as gr

from assistant.templates import TemplateStore
from ui.experiment_actions import ExperimentActions
from ui.experiment_view import PLOT_COLUMNS, plot_frame

REFRESH_S = 10.0


def build_experiment_panel(
    store: TemplateStore,
    name: gr.Dropdown,
    editor: gr.Code,
    author: gr.Textbox,
    guard: Callable,
    who: Callable,
    history: gr.Dataframe,
    history_rows: Callable,
) -> gr.Timer:
    """Returns the timer that keeps the report live; the tab turns it on for curators only."""
    with gr.Accordion("Experiment: A/B-test the editor's text against the live version", open=False):
        share = gr.Slider(0.05, 0.95, value=0.5, step=0.05, label="Share of people who see the candidate")
        with gr.Row():
            start = gr.Button("Start experiment with this text", variant="primary", elem_id="experiment-start")
            stop = gr.Button("Stop (live version stays)")
            promote = gr.Button("Stop and promote the candidate")
            refresh = gr.Button("Refresh report")
        said = gr.Markdown("", elem_id="experiment-said")
        report_md = gr.Markdown("No experiment on this template yet.", elem_id="experiment-report")
        plot = gr.BarPlot(
            plot_frame(None),
            x="bar",
            y="rate",
            color="arm",
            y_title="% of playlists",
            x_title="metric · version",
            tooltip=PLOT_COLUMNS,
            sort=None,
            x_label_angle=-45,
            y_lim=[0, 100],
            label="Share of playlists with each kind of feedback",
            elem_id="experiment-plot",
        )
    timer = gr.Timer(REFRESH_S, active=False)
    actions = ExperimentActions(store, guard, who, history_rows)
    inputs, outputs = [name, editor, share, author], [said, report_md, plot, history]
    start.click(actions.act("start"), inputs, outputs, api_name="experiment_start")
    stop.click(actions.act("stop"), inputs, outputs, api_name="experiment_stop")
    promote.click(actions.act("promote"), inputs, outputs, api_name="experiment_promote")
    refresh.click(actions.on_report, [name], [report_md, plot], api_name="experiment_report")
    timer.tick(actions.on_report, [name], [report_md, plot], api_visibility="private")
    name.change(actions.on_report, [name], [report_md, plot], api_visibility="private")
    return timer
