"""`playlist templates experiment start | report | stop | list`: a curator's A/B test of a template version from
the command line, through the same store as the Curator tab."""

import argparse
import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import PlaylistError

if TYPE_CHECKING:
    from assistant.experiments.report import Report
    from assistant.templates import TemplateStore


def add_parser(template_commands: argparse._SubParsersAction) -> None:
    experiment = template_commands.add_parser("experiment", help="A/B-test a template version on real listening")
    commands = experiment.add_subparsers(dest="experiment_command", required=True)
    start = commands.add_parser("start", help="show FILE as a candidate version to a share of listeners")
    start.add_argument("name")
    start.add_argument("file", type=Path)
    start.add_argument("--share", type=float, default=0.5, help="part of listeners who see it (0-1, default 0.5)")
    start.add_argument("--author", required=True)
    report = commands.add_parser("report", help="listeners, playlists and feedback per version, with intervals")
    report.add_argument("name")
    report.add_argument("--json", action="store_true", help="print the report as one JSON object")
    report.add_argument("--id", type=int, help="an earlier experiment of this template (default: the latest)")
    stop = commands.add_parser("stop", help="stop showing the candidate; the counts stay")
    stop.add_argument("name")
    stop.add_argument("--promote", action="store_true", help="make the candidate the live version")
    stop.add_argument("--author", help="who stops it (default: this system user)")
    commands.add_parser("list", help="running experiments")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaylistError(f"cannot read {path}: {exc}") from exc


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def run(args: argparse.Namespace, templates: "TemplateStore") -> None:
    from assistant.experiments.report import report_for
    from assistant.experiments.store import ExperimentStore

    store = ExperimentStore(templates)
    command = args.experiment_command
    if command == "start":
        experiment = store.start(args.name, _read(args.file), args.share, args.author)
        print(
            f"{args.name}: experiment {experiment.id} started: {experiment.candidate} for {experiment.share:.0%} "
            f"of listeners, {experiment.control} for the rest"
        )
    elif command == "report":
        report = report_for(store, args.name, args.id)
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) if args.json else report_text(report))
    elif command == "stop":
        experiment = store.stop(args.name, args.author or _user(), promote=args.promote)
        live = experiment.candidate if args.promote else experiment.control
        print(f"{args.name}: experiment {experiment.id} {experiment.status}; {live} is live")
    else:
        running = store.running()
        for experiment in running:
            print(
                f"{experiment.template:8s} experiment {experiment.id}: {experiment.candidate} for "
                f"{experiment.share:.0%} against {experiment.control}, since {experiment.started_at[:19]} "
                f"by {experiment.author}"
            )
        if not running:
            print("no experiment is running")


def _cell(variant, kind: str) -> str:
    from assistant.experiments.report import PLURAL

    rate = variant.rates[kind]
    text = f"{getattr(variant, PLURAL[kind])} · {rate.rate:.0%} [{rate.low:.0%}–{rate.high:.0%}]"
    if (interval := rate.to_control) is not None:
        d, low, high = interval
        text += f" {d * 100:+.0f} [{low * 100:+.0f}, {high * 100:+.0f}]"
    return text


def report_text(report: "Report") -> str:
    """A table a curator reads in a terminal: counts, the share of playlists with each event and its 95%
    interval, and for the candidate the difference to control in points."""
    from assistant.experiments.experiment import EVENT_KINDS
    from assistant.experiments.report import PLURAL

    lines = [
        f"{report.template}: experiment {report.experiment}, {report.status}, {report.candidate} for "
        f"{report.share:.0%} of listeners against {report.control} (since {report.started_at[:19]}"
        + (f", until {report.stopped_at[:19]})" if report.stopped_at else ")")
    ]
    if report.guardrail:
        lines.append(f"guardrail: {report.guardrail}")
    heads = [f"{v.version} ({v.arm})" for v in report.variants]
    rows = [
        ("listeners", [str(v.listeners) for v in report.variants]),
        ("playlists", [str(v.playlists) for v in report.variants]),
    ]
    rows += [(PLURAL[kind], [_cell(v, kind) for v in report.variants]) for kind in EVENT_KINDS]
    width = max(len(c) for _, cells in rows for c in cells + heads) + 2
    lines.append(f"{'':12s}" + "".join(f"{h:{width}s}" for h in heads).rstrip())
    lines += [f"{label:12s}" + "".join(f"{c:{width}s}" for c in cells).rstrip() for label, cells in rows]
    lines.append(
        "each: count · share of playlists with one [95% Wilson interval]; candidate: difference to control "
        "in points [95% interval]"
    )
    return "\n".join(lines)
