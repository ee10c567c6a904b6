"""Pure functions from an experiment's report to what the Curator tab's experiment panel shows: a Markdown table
and the bar plot's frame; tested without launching anything."""

import pandas as pd

from assistant.experiments import EVENT_KINDS, PLURAL, Report

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
