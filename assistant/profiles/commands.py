"""`playlist profile import | show | delete`: a listener's history in, their profile out, all of it deleted;
the same store as the app's Profile tab."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    profile = commands.add_parser("profile", help="listening profiles")
    profile_commands = profile.add_subparsers(dest="profile_command", required=True)
    imp = profile_commands.add_parser("import", help="import a Spotify export (.json/.zip) or Last.fm CSV")
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", required=True)
    for name, text in (("show", "top artists, genres and eras"), ("delete", "delete all of this listener's data")):
        sub = profile_commands.add_parser(name, help=text)
        sub.add_argument("--user", required=True)
        if name == "show":
            sub.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, settings: Settings, open_engine: Callable) -> None:
    """open_engine(settings) loads the index only for what needs it (a delete does not)."""
    from tqdm import tqdm

    from assistant.profiles.history import parse_history
    from assistant.profiles.profile import ProfileStore, check_listener_id

    store = ProfileStore(settings.db)
    check_listener_id(args.user)
    if args.profile_command == "delete":
        store.require(args.user)
        print(f"deleted {store.delete(args.user)} rows of {args.user}'s data")
        return
    engine = open_engine(settings)
    if args.profile_command == "import":
        plays = parse_history(args.file)
        with tqdm(desc="matching plays", unit="play", total=len(plays), file=sys.stderr) as bar:
            report = store.import_plays(args.user, plays, engine.vocab, set(engine.index.row_of), args.file.name,
                                        on_progress=lambda done, _: bar.update(done - bar.n))
        print(report.summary())
        return
    summary = store.summary(args.user, engine.index)
    if args.json:
        print(summary.model_dump_json())
        return
    print(f"{summary.listener_id}: {summary.plays} plays, {summary.matched_plays} matched to the catalog")
    print("top artists: " + ", ".join(f"{a} ({n})" for a, n in summary.top_artists))
    print("top genres:  " + ", ".join(f"{g} ({n})" for g, n in summary.top_genres))
    print("eras:        " + ", ".join(f"{d} ({n})" for d, n in summary.decades))
