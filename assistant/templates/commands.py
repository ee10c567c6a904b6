"""`playlist templates list | show | history | rollback | validate | publish | experiment`: the curator's templates
from the command line, through the same store and validation as the Curator tab."""

import argparse
from pathlib import Path

from assistant.config import Settings
from assistant.experiments import add_experiment_parser
from index.errors import PlaylistError


def add_parser(commands: argparse._SubParsersAction) -> None:
    templates = commands.add_parser("templates", help="curator prompt templates")
    template_commands = templates.add_subparsers(dest="templates_command", required=True)
    template_commands.add_parser("list", help="names, live versions and what each is for")
    for name, text in (
        ("show", "print the live text"),
        ("history", "saved versions, newest first"),
        ("rollback", "make the version before the live one live again"),
    ):
        template_commands.add_parser(name, help=text).add_argument("name")
    for name, text in (
        ("validate", "check a template file without saving"),
        ("publish", "validate, save as a new version and make it live"),
    ):
        sub = template_commands.add_parser(name, help=text)
        sub.add_argument("name")
        sub.add_argument("file", type=Path)
        if name == "publish":
            sub.add_argument("--author", required=True)
    add_experiment_parser(template_commands)


def refuse_while_running(store, name: str) -> None:
    from assistant.experiments import ExperimentStore

    if store.db is not None:
        ExperimentStore(store).refuse_while_running(name)


def run(args: argparse.Namespace, settings: Settings) -> None:
    from assistant.templates.specs import spec_for, validate
    from assistant.templates.store import TemplateStore

    store = TemplateStore(settings.stores.db)
    command = args.templates_command
    if command == "experiment":
        from assistant.experiments import run_experiment

        run_experiment(args, store)
    elif command == "list":
        running = {}
        if store.db is not None:
            from assistant.experiments import ExperimentStore

            running = {e.template: e for e in ExperimentStore(store).running()}
        for name in store.names():
            trying = (
                f" [experiment {running[name].id}: {running[name].candidate} for {running[name].share:.0%}]"
                if name in running
                else ""
            )
            print(f"{name:18s} {store.live(name).version:6s} {spec_for(name).description}{trying}")
    elif command == "show":
        print(store.live(args.name).text, end="")
    elif command == "history":
        for version in store.history(args.name):
            print(
                f"{version.version:6s} {'live' if version.live else '    '} {version.author:12s} {version.created_at}"
            )
        if store.db is not None:
            from assistant.experiments import ExperimentStore

            for note in ExperimentStore(store).notes(args.name):
                print(note.line())
    elif command == "rollback":
        refuse_while_running(store, args.name)
        print(f"{args.name}: {store.rollback(args.name).version} is live")
    else:
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PlaylistError(f"cannot read {args.file}: {exc}") from exc
        if command == "validate":
            validate(args.name, text)
            print(f"{args.name}: valid")
        else:
            refuse_while_running(store, args.name)
            print(f"{args.name}: {store.save(args.name, text, args.author).version} is live")
