"""`playlist feedback --user ID (like|dislike|remove|lock) POSITION`: acts on that listener's last playlist (made in
the app or by `playlist ask --user ID`), through the same store as the app; the action counts for the template
experiments that made the playlist."""

import argparse

from assistant.config import Settings
from index.errors import PlaylistError

KINDS = ("like", "dislike", "remove", "lock")


def add_parser(commands: argparse._SubParsersAction) -> None:
    feedback = commands.add_parser("feedback", help="like, dislike, remove or lock a track of your last playlist")
    feedback.add_argument("--user", required=True, help="whose last playlist")
    feedback.add_argument("kind", choices=KINDS)
    feedback.add_argument("position", type=int, help="the track's number in the playlist (1 = first)")


def run(args: argparse.Namespace, settings: Settings) -> None:
    from assistant.experiments.report import guard
    from assistant.experiments.store import ExperimentStore
    from assistant.experiments.tracking import insert_events, load_recent, upsert_recent
    from assistant.experiments.trial import GUARDRAIL_EVERY_S
    from assistant.profiles import ProfileStore
    from assistant.templates import TemplateStore

    profiles = ProfileStore(settings.stores.db)
    profiles.require(args.user)
    recent = load_recent(profiles.db, args.user)
    items = recent.playlist.items
    if not 1 <= args.position <= len(items):
        raise PlaylistError(f"there is no track {args.position} in {args.user}'s last playlist ({len(items)} tracks)")
    item = items[args.position - 1]
    named = f"{item.position}. {item.artist} – {item.title}"
    if args.kind in ("like", "dislike"):
        profiles.add_feedback(args.user, item.track_id, args.kind)
        message = f"noted: {args.kind} {named}"
    elif args.kind == "remove":
        recent = recent.model_copy(update={"playlist": _without(recent.playlist, args.position)})
        message = f"removed {named}; {len(items) - 1} tracks left"
    else:
        locked = set(recent.locked) ^ {item.track_id}
        recent = recent.model_copy(update={"locked": sorted(locked)})
        message = f"{'locked' if item.track_id in locked else 'unlocked'} {named}"
    counted = args.kind != "lock" or item.track_id in recent.locked
    with profiles.db.transaction() as conn:  # the event and the changed playlist together
        if counted:
            insert_events(conn, recent.exposures, args.kind, args.position)
        if args.kind in ("remove", "lock"):
            upsert_recent(conn, recent)
    if args.kind in ("dislike", "remove") and recent.exposures:
        guard(ExperimentStore(TemplateStore(profiles.db)), list(recent.exposures), GUARDRAIL_EVERY_S)
    print(message)


def _without(playlist, position: int):
    """The playlist less one track, renumbered; nothing refills the place (the app's remove does, with the index)."""
    items = [
        item.model_copy(update={"position": n})
        for n, item in enumerate((i for i in playlist.items if i.position != position), start=1)
    ]
    return playlist.model_copy(update={"items": items, "total_duration_ms": sum(i.duration_ms for i in items)})
