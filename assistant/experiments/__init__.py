"""Measuring the house. Curator experiments: a candidate template version shown to a share of listeners against the
live version, exposures of the playlists made under each, the feedback on them, and a report with intervals and a
guardrail (experiment, store, trial, tracking, report, stats, commands, feedback_commands). Offline suites: the
constraint suite over a Session (evaluation) and retrieval quality on playlists made by people (retrieval_eval), run
by `playlist eval` (eval_commands)."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.experiments.commands import add_parser as add_experiment_parser
    from assistant.experiments.commands import run as run_experiment
    from assistant.experiments.eval_commands import add_parser as add_eval_parser
    from assistant.experiments.eval_commands import run as run_eval
    from assistant.experiments.evaluation import load_prompts, print_suite, run_suite
    from assistant.experiments.experiment import EVENT_KINDS, EventKind
    from assistant.experiments.feedback_commands import add_parser as add_feedback_parser
    from assistant.experiments.feedback_commands import run as run_feedback
    from assistant.experiments.report import PLURAL, Report, report_for
    from assistant.experiments.retrieval_eval import print_retrieval, run_retrieval
    from assistant.experiments.store import ExperimentStore
    from assistant.experiments.tracking import Exposures
    from assistant.experiments.trial import Trial

__all__ = [
    "add_eval_parser",
    "run_eval",
    "EVENT_KINDS",
    "EventKind",
    "ExperimentStore",
    "Exposures",
    "PLURAL",
    "Report",
    "Trial",
    "add_experiment_parser",
    "add_feedback_parser",
    "load_prompts",
    "print_retrieval",
    "print_suite",
    "report_for",
    "run_experiment",
    "run_feedback",
    "run_retrieval",
    "run_suite",
]

_HOMES = {
    "add_eval_parser": "eval_commands.add_parser",
    "run_eval": "eval_commands.run",
    "EVENT_KINDS": "experiment.EVENT_KINDS",
    "EventKind": "experiment.EventKind",
    "ExperimentStore": "store.ExperimentStore",
    "Exposures": "tracking.Exposures",
    "PLURAL": "report.PLURAL",
    "Report": "report.Report",
    "Trial": "trial.Trial",
    "add_experiment_parser": "commands.add_parser",
    "add_feedback_parser": "feedback_commands.add_parser",
    "load_prompts": "evaluation.load_prompts",
    "print_retrieval": "retrieval_eval.print_retrieval",
    "print_suite": "evaluation.print_suite",
    "report_for": "report.report_for",
    "run_experiment": "commands.run",
    "run_feedback": "feedback_commands.run",
    "run_retrieval": "retrieval_eval.run_retrieval",
    "run_suite": "evaluation.run_suite",
}

__getattr__ = public_names(__name__, _HOMES)
