"""The Curator tab's experiment panel: start the editor's text as a candidate for a share of listeners, a live
report (table and bars with intervals, refreshed while the tab is open), stop or promote."""

from collections.abc import Callable

import gradio as gr
import pandas as pd

from assistant.experiments import EVENT_KINDS, PLURAL, ExperimentStore, Report, report_for
from assistant.templates import TemplateStore
from index.errors import PlaylistError

REFRESH_S = 10.0
PLOT_COLUMNS = ["bar", "arm", "rate", "low", "high", "playlists"]


def report_markdown(report: Report | None) -> str:
    """The report as a table: a row per metric, a column per version; the candidate's cell ends with its
    difference to control in points and that difference's 95% interval."""
    if report is None:
        return "No experiment on this template yet."
    head = (
        f"**Experiment {report.experiment}: {report.status}.** {report.candidate} for {report.share:.0%} of "
        f"listeners against {report.control}, since {report.started_at[:19]}"
        + (f", until {report.stopped_at[:19]}" if report.stopped_at else "")
    )
    lines = [head] + ([f"⛔ Guardrail: {report.guardrail}"] if report.guardrail else []) + [""]
    lines.append("| | " + " | ".join(f"{v.version} ({v.arm})" for v in report.variants) + " |")
    lines.append("|---" * (len(report.variants) + 1) + "|")
    lines.append("| listeners | " + " | ".join(str(v.listeners) for v in report.variants) + " |")
    lines.append("| playlists | " + " | ".join(str(v.playlists) for v in report.variants) + " |")
    for kind in EVENT_KINDS:
        cells = []
        for variant in report.variants:
            rate = variant.rates[kind]
            cell = f"{getattr(variant, PLURAL[kind])} · {rate.rate:.0%} [{rate.low:.0%}–{rate.high:.0%}]"
            if (interval := rate.to_control) is not None:
                d, low, high = interval
                cell += f" · {d * 100:+.0f} pts [{low * 100:+.0f}, {high * 100:+.0f}]"
            cells.append(cell)
        lines.append(f"| {PLURAL[kind].replace('_', '-')} | " + " | ".join(cells) + " |")
    lines.append("\n_count · share of playlists with one [95% Wilson interval]; candidate: difference to control_")
    return "\n".join(lines)


def plot_frame(report: Report | None) -> pd.DataFrame:
    """One bar per metric and version (side by side, never stacked), its rate in percent; the interval in the
    tooltip."""
    rows = []
    variants = report.variants if report else []
    for kind in EVENT_KINDS:
        for variant in variants:
            rate = variant.rates[kind]
            rows.append(
                {
                    "bar": f"{PLURAL[kind]} · {variant.version}",
                    "arm": variant.arm,
                    "rate": round(rate.rate * 100, 1),
                    "low": round(rate.low * 100, 1),
                    "high": round(rate.high * 100, 1),
                    "playlists": variant.playlists,
                }
            )
    return pd.DataFrame(rows, columns=PLOT_COLUMNS)


def current_report(store: TemplateStore, name: str) -> Report | None:
    try:
        return report_for(ExperimentStore(store), name)
    except PlaylistError as exc:
        if "no experiment yet" in str(exc):
            return None
        raise


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

    def shown(template_name: str):
        report = current_report(store, template_name)
        return report_markdown(report), plot_frame(report)

    def on_report(template_name, request: gr.Request):
        try:
            guard(request)
            return shown(template_name)
        except PlaylistError as exc:
            return f"❌ {exc}", plot_frame(None)

    def act(kind: str):
        def handler(template_name, text, fraction, typed, request: gr.Request):
            try:
                guard(request)
                experiments = ExperimentStore(store)
                if kind == "start":
                    experiment = experiments.start(template_name, text, float(fraction), who(request, typed))
                    message = f"✅ experiment {experiment.id}: {experiment.candidate} for {experiment.share:.0%}"
                else:
                    experiment = experiments.stop(template_name, who(request, typed), promote=kind == "promote")
                    live = experiment.candidate if kind == "promote" else experiment.control
                    message = f"⏹️ experiment {experiment.id} {experiment.status}; {live} is live"
                return message, *shown(template_name), history_rows(template_name)
            except PlaylistError as exc:
                return f"❌ {exc}", gr.update(), gr.update(), gr.update()

        return handler

    inputs, outputs = [name, editor, share, author], [said, report_md, plot, history]
    start.click(act("start"), inputs, outputs, api_name="experiment_start")
    stop.click(act("stop"), inputs, outputs, api_name="experiment_stop")
    promote.click(act("promote"), inputs, outputs, api_name="experiment_promote")
    refresh.click(on_report, [name], [report_md, plot], api_name="experiment_report")
    timer.tick(on_report, [name], [report_md, plot], api_visibility="private")
    name.change(on_report, [name], [report_md, plot], api_visibility="private")
    return timer
