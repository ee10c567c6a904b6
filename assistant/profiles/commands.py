"""`playlist profile import | show | story | delete`: a listener's history in, their profile and listening story
out (a share card too), all of it deleted; the same store as the app's Profile tab."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.outputs import CARD_DEFAULT, CARD_PARTS


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
    story = profile_commands.add_parser("story", help="your listening story, and a share card (PNG)")
    story.add_argument("--user", required=True)
    story.add_argument("--from", dest="start", default="", metavar="DATE", help="first day, YYYY-MM-DD")
    story.add_argument("--to", dest="end", default="", metavar="DATE", help="last day, YYYY-MM-DD")
    story.add_argument("--tz", default="UTC", help="time zone for days and hours (default UTC), e.g. Europe/Lisbon")
    story.add_argument("--json", action="store_true")
    story.add_argument("--card", type=Path, metavar="FILE.png", help="also write a share card")
    story.add_argument(
        "--show",
        default=",".join(CARD_DEFAULT),
        metavar="PARTS",
        help=f"what the card shows, comma-separated from {','.join(CARD_PARTS)}",
    )
    story.add_argument("--name", default="", help="a name to print on the card (none by default)")


def run(args: argparse.Namespace, settings: Settings, open_engine: Callable) -> None:
    """open_engine(settings) loads the index only for what needs it (a delete does not)."""
    from tqdm import tqdm

    from assistant.profiles.history import parse_history
    from assistant.profiles.profile import ProfileStore, check_listener_id

    store = ProfileStore(settings.stores.db)
    check_listener_id(args.user)
    if args.profile_command == "delete":
        store.require(args.user)
        print(f"deleted {store.delete(args.user)} rows of {args.user}'s data")
        return
    if args.profile_command == "story":
        _story(args, settings, store)
        return
    engine = open_engine(settings)
    if args.profile_command == "import":
        plays = parse_history(args.file)
        with tqdm(desc="matching plays", unit="play", total=len(plays), file=sys.stderr) as bar:
            report = store.import_plays(
                args.user,
                plays,
                engine.vocab,
                set(engine.index.row_of),
                args.file.name,
                on_progress=lambda done, _: bar.update(done - bar.n),
            )
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


def _story(args: argparse.Namespace, settings: Settings, store) -> None:
    """Needs the catalog's tracks only, not the embedding model: the index is opened without one."""
    from assistant.outputs import CardChoices
    from assistant.profiles.story import story_of
    from assistant.profiles.story_model import StoryPeriod
    from assistant.profiles.story_text import story_lines
    from index.store import VectorIndex

    period = StoryPeriod.from_text(args.start, args.end, args.tz)
    choices = CardChoices.from_text(args.show, args.name) if args.card else None
    story = story_of(store, args.user, VectorIndex.load(settings.stores.index_dir), period)
    print(story.model_dump_json() if args.json else "\n".join(story_lines(story)))
    if choices is not None:
        from assistant.outputs import write_story_card

        card = write_story_card(story, choices, args.card)
        left = "".join(f"; left off: {name} ({why})" for name, why in card.left_out.items())
        print(
            f"wrote {args.card} ({card.width}x{card.height} px: {', '.join(card.shown) or 'nothing'}{left})",
            file=sys.stderr,
        )
