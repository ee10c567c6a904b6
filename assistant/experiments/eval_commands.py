"""`playlist eval --prompts FILE --playlists FILE`: the constraint suite over a Session (evaluation) and retrieval
quality on playlists made by people (retrieval_eval), printed and optionally written as one JSON report."""

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from index.errors import PlaylistError


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("eval", help="constraint suite and retrieval quality")
    evaluate.add_argument("--prompts", type=Path, help="JSONL prompts with expectations (dev_prompts.jsonl format)")
    evaluate.add_argument(
        "--playlists", type=Path, help="JSONL human playlists (name, track_ids) for retrieval metrics"
    )
    evaluate.add_argument("--llm", help="'none' or a litellm model string")
    evaluate.add_argument("--report", type=Path, help="write the JSON report here")


def run(args: argparse.Namespace, settings: Settings, make_engine: Callable) -> None:
    from assistant.experiments.evaluation import load_prompts, print_suite, run_suite
    from assistant.session import Session

    if not args.prompts and not args.playlists:
        raise PlaylistError("give --prompts FILE and/or --playlists FILE")
    engine = make_engine(settings)
    report: dict = {}
    if args.prompts:
        llm = settings.make_llm()
        suite = run_suite(load_prompts(args.prompts), lambda: Session(engine, llm=llm, learn=False), engine.index)
        print_suite(suite)
        report["prompts"] = suite.model_dump()
        if llm is not None:
            answers = sum(llm.stats.values())
            valid = llm.stats["valid_first"] + llm.stats["valid_retry"]
            print(
                f"model {llm.model}: {valid}/{answers} structured answers valid "
                f"({llm.stats['valid_first']} first try, {llm.stats['valid_retry']} after retry, "
                f"{llm.stats['invalid']} invalid, {llm.stats['cut_off']} cut off, {llm.stats['timed_out']} timed out, "
                f"{llm.stats['unreachable']} unreachable)"
            )
            report["llm_stats"] = dict(llm.stats)
    if args.playlists:
        from assistant.experiments.retrieval_eval import print_retrieval, run_retrieval

        table = run_retrieval(args.playlists, engine, settings.make_llm())
        print_retrieval(table)
        report["playlists"] = table.model_dump()
    if args.report:
        args.report.write_text(json.dumps(report, indent=2), encoding="utf-8")
