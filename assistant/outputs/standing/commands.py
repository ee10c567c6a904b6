"""`playlist standing add | list | remove | run-due`: saved prompts refreshed daily or weekly into a file, a
Subsonic playlist or an MPD queue. run-due is what cron or a systemd timer calls (docs/standing.md): it refreshes
what is due, once, and exits non-zero when a refresh or a delivery failed (it is retried at the next run)."""

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from assistant.config import Settings
from index.errors import PlaylistError

NAME_CHARS = 60


def add_parser(commands: argparse._SubParsersAction) -> None:
    standing = commands.add_parser("standing", help="playlists that refresh themselves daily or weekly")
    sub = standing.add_subparsers(dest="standing_command", required=True)
    add = sub.add_parser("add", help="keep a prompt's playlist fresh; prints the new id")
    add.add_argument("prompt")
    add.add_argument("--user", required=True)
    add.add_argument("--every", required=True, choices=("daily", "weekly"))
    add.add_argument("--at", metavar="HH:MM", help="local time of the refresh (default 07:00)")
    add.add_argument("--on", metavar="DAY", help="weekly: the weekday (mon … sun; default: today's)")
    add.add_argument("--tz", metavar="ZONE", help="time zone of --at, e.g. Europe/Berlin (default: this machine's)")
    add.add_argument("--follow-up", action="append", default=[], metavar="TEXT", help="a follow-up, replayed in order")
    add.add_argument("--lock", action="append", default=[], metavar="TRACK_ID", help="a track every refresh keeps")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--m3u8", type=Path, metavar="FILE.m3u8", help="replace this M3U8 playlist file")
    target.add_argument(
        "--file",
        type=Path,
        metavar="FILE",
        help="replace this playlist file, its format by its suffix: .m3u8, .xspf, .jspf or .csv",
    )
    target.add_argument("--subsonic", metavar="URL", help="update the Subsonic playlist of --name on this server")
    target.add_argument("--mpd", metavar="HOST:PORT", help="replace this MPD server's queue")
    add.add_argument(
        "--subsonic-user",
        metavar="NAME",
        help="Subsonic user (default: $PLAYLIST_SUBSONIC_USER); "
        "the password is read from $PLAYLIST_SUBSONIC_PASSWORD at each refresh, never stored",
    )
    add.add_argument("--name", help="Subsonic playlist name (default: the prompt)")
    add.add_argument(
        "--password-auth",
        action="store_true",
        help="Subsonic over http to a server that cannot check tokens: send the password form",
    )
    add.add_argument("--mpd-music-dir", type=Path, help="MPD's music_directory (default: the imported music folder)")
    listing = sub.add_parser("list", help="a listener's standing playlists with their last and next refresh")
    listing.add_argument("--user", required=True)
    listing.add_argument("--json", action="store_true")
    remove = sub.add_parser("remove", help="stop refreshing a standing playlist (what was delivered stays)")
    remove.add_argument("id", type=int)
    remove.add_argument("--user", help="only if it is this listener's")
    due = sub.add_parser("run-due", help="refresh, once, every standing playlist due now (for cron or a timer)")
    due.add_argument("--now", metavar="ISO-TIME", help="the time to run for (default: now), e.g. 2026-12-02T07:00Z")
    due.add_argument("--user", help="only this listener's")
    due.add_argument(
        "--llm",
        help="'none' for the rules alone, 'local' or a litellm model string (default: $PLAYLIST_LLM, as for ask)",
    )


def run(args: argparse.Namespace, settings: Settings, open_engine: Callable) -> None:
    from assistant.outputs.standing.store import StandingStore

    store = StandingStore(settings.stores.db)
    if args.standing_command == "add":
        print(
            store.add(
                args.user,
                _checked_prompt(args.prompt, args.follow_up),
                args.follow_up,
                args.lock,
                _schedule(args),
                _target(args, settings),
            )
        )
    elif args.standing_command == "list":
        _list(store, args.user, args.json)
    elif args.standing_command == "remove":
        store.remove(args.id, args.user)
        print(f"removed standing playlist {args.id}; what it delivered stays where it is")
    else:
        _run_due(store, settings, open_engine, args)


def _checked_prompt(prompt: str, follow_ups: list[str]) -> str:
    from assistant.parsing import clean_text

    for text in [prompt, *follow_ups]:
        clean_text(text)
    return prompt


def _schedule(args: argparse.Namespace):
    from assistant.outputs.standing.schedule import schedule_for

    return schedule_for(args.every, args.at, args.on, args.tz, datetime.now(UTC))


def _target(args: argparse.Namespace, settings: Settings):
    from assistant.outputs.standing.targets import SubsonicTarget, file_target, mpd_target

    if args.m3u8:
        if args.m3u8.suffix.lower() not in (".m3u8", ".m3u"):
            raise PlaylistError(
                f"--m3u8 takes a file ending in .m3u8, not {args.m3u8.name!r} (--file picks the format by the suffix)"
            )
        return file_target(args.m3u8)
    if args.file:
        return file_target(args.file)
    if args.subsonic:
        from index.sources.subsonic_api import SubsonicClient

        user = args.subsonic_user or settings.subsonic.user
        if not user:
            raise PlaylistError("give the Subsonic user (--subsonic-user, or $PLAYLIST_SUBSONIC_USER)")
        SubsonicClient(args.subsonic, user, "checked at each refresh")  # the address is checked now
        name = (args.name or " ".join(args.prompt.split())[:NAME_CHARS]).strip() or "Standing playlist"
        return SubsonicTarget(url=args.subsonic, user=user, name=name, password_auth=args.password_auth)
    return mpd_target(args.mpd, args.mpd_music_dir, settings.stores.index_dir)


def _list(store, listener_id: str, as_json: bool) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "id": s.id,
            "prompt": s.prompt,
            "follow_ups": s.follow_ups,
            "every": s.schedule.every,
            "schedule": s.schedule.describe(),
            "target": s.target.describe(),
            "target_kind": s.target.kind,
            "last_refresh": s.last_run_at,
            "last_status": s.last_status,
            "last_ok": s.last_ok,
            "next_refresh": s.next_refresh(now).isoformat(timespec="seconds"),
        }
        for s in store.listed(listener_id)
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        print(f"{listener_id} has no standing playlists (playlist standing add PROMPT --user {listener_id} …)")
    for row in rows:
        follow = f" (+{len(row['follow_ups'])} follow-ups)" if row["follow_ups"] else ""
        print(
            f"#{row['id']}  {row['schedule']} → {row['target']}\n     “{row['prompt']}”{follow}\n"
            f"     last: {row['last_refresh'] or 'never'} — {row['last_status']}\n"
            f"     next: {row['next_refresh']}"
        )


def _run_due(store, settings: Settings, open_engine: Callable, args: argparse.Namespace) -> None:
    from assistant.outputs.standing.refresh import Refresher
    from assistant.outputs.standing.schedule import parse_instant
    from assistant.profiles import ProfileStore

    now = parse_instant(args.now)
    refresher = Refresher(
        store,
        ProfileStore(settings.stores.db),
        lambda: open_engine(settings),
        settings.stores.index_dir,
        settings.session_models(),
    )
    outcomes = refresher.run_due(now, args.user)
    for outcome in outcomes:
        print(outcome.line())
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise PlaylistError(
            f"{len(failed)} of {len(outcomes)} standing playlists failed; each is retried at the next run"
        )
    if not outcomes:
        print(f"nothing to refresh at {now.isoformat(timespec='seconds')} (none is due, or another scheduler has it)")
