"""`playlist` console script: noun-then-verb commands over Session and the index.
Exit codes: 0 success, 2 bad input (one line on stderr), 1 unexpected failure."""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings, warn_unknown
from assistant.experiments import add_eval_parser, add_feedback_parser, run_eval, run_feedback
from assistant.llm import add_model_parser, run_model
from assistant.outputs import add_standing_parser, run_standing
from assistant.pipeline import add_build_parser, run_build
from assistant.profiles import add_accounts_parser, add_profile_parser, run_accounts, run_profile
from assistant.templates import add_templates_parser, run_templates
from index.errors import PlaylistError
from index.offline import go_offline

PASSWORD_AUTH_HELP = (
    "Subsonic: allow the readable password form when the server refuses token login "
    "(always allowed over https; same as PLAYLIST_SUBSONIC_PASSWORD_AUTH=1)"
)


def _playlist_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("prompt")
    command.add_argument(
        "--follow-up", action="append", default=[], metavar="TEXT", help="a refinement, as in chat (repeatable)"
    )
    command.add_argument("--user", help="apply this listener's profile")
    command.add_argument(
        "--llm",
        help="'none' for the deterministic path, 'local' or a litellm model string "
        "(default: $PLAYLIST_LLM; unset, a local model that is present understands the prompt)",
    )
    command.add_argument("--personalization", type=float, default=0.5, help="0 ignores history, 1 leans on it")
    command.add_argument("--familiar", type=float, default=0.3, help="share of tracks the listener already knows (0-1)")


def _add_catalog_command(commands: argparse._SubParsersAction) -> None:
    """A music folder or a Subsonic library as the catalog."""
    catalog = commands.add_parser("catalog", help="your own music as the catalog")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True)
    imp_catalog = catalog_commands.add_parser(
        "import", help="import a music folder or a Subsonic library, then index it"
    )
    source = imp_catalog.add_mutually_exclusive_group(required=True)
    source.add_argument("--music-dir", type=Path, help="folder of mp3/flac/ogg/opus/m4a/wav files")
    source.add_argument("--subsonic", metavar="URL", help="Subsonic API server (Navidrome, Gonic, Airsonic, Supysonic)")
    imp_catalog.add_argument("--user", help="Subsonic user (password from $PLAYLIST_SUBSONIC_PASSWORD or asked)")
    imp_catalog.add_argument("--password-auth", action="store_true", help=PASSWORD_AUTH_HELP)
    imp_catalog.add_argument(
        "--analyze", action="store_true", help="music folder: estimate tempo and energy from the audio (slower)"
    )
    imp_catalog.add_argument(
        "--out", type=Path, help="catalog file to write (default: PLAYLIST_HOME/catalogs/<source>.jsonl)"
    )
    imp_catalog.add_argument("--no-index", action="store_true", help="write the catalog file only")
    imp_catalog.add_argument("--quiet", action="store_true", help="no progress bar")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playlist", description="Conversational prompt-to-playlist assistant.")
    parser.add_argument(
        "--index-dir", help="index folder (default: $PLAYLIST_INDEX_DIR or ~/.cache/playlist-assistant/index)"
    )
    parser.add_argument(
        "--db", help="SQLite file or postgresql:// URL for profiles and templates (default: $PLAYLIST_DB)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    add_build_parser(commands)

    ask = commands.add_parser("ask", help="make a playlist from a prompt")
    _playlist_arguments(ask)
    ask.add_argument("--json", action="store_true", help="print the playlist as one JSON object")
    ask.add_argument(
        "--m3u8", type=Path, metavar="FILE", help="also write it as M3U8 (real file paths for a music folder)"
    )

    push = commands.add_parser("push", help="make a playlist and send it to a Subsonic server or an MPD queue")
    _playlist_arguments(push)
    target = push.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--subsonic",
        metavar="URL",
        help="Subsonic/Navidrome server; password from $PLAYLIST_SUBSONIC_PASSWORD or asked",
    )
    target.add_argument("--mpd", metavar="HOST:PORT", help="replace this MPD server's queue with the playlist")
    push.add_argument("--subsonic-user", metavar="NAME", help="Subsonic user (default: $PLAYLIST_SUBSONIC_USER)")
    push.add_argument("--password-auth", action="store_true", help=PASSWORD_AUTH_HELP)
    push.add_argument(
        "--name", help="playlist name on the server (default: the playlist's title); one of that name is updated"
    )
    push.add_argument("--queue", action="store_true", help="Subsonic: also replace the play queue")
    push.add_argument("--play", action="store_true", help="MPD: start playing")
    push.add_argument("--mpd-music-dir", type=Path, help="MPD's music_directory (default: the imported music folder)")

    _add_catalog_command(commands)
    add_eval_parser(commands)
    add_templates_parser(commands)

    add_model_parser(commands)

    add_accounts_parser(commands)

    add_profile_parser(commands)
    add_standing_parser(commands)
    add_feedback_parser(commands)
    return parser


def _engine(settings: Settings):
    from assistant.pipeline import Engine
    from assistant.templates import TemplateStore
    from index.embed import Embedder
    from index.onnx_encoder import open_query_encoder
    from index.store import VectorIndex

    VectorIndex.read_manifest(settings.stores.index_dir)  # a missing index fails before the model loads
    encoder = open_query_encoder(settings.stores.index_dir) or Embedder()
    return Engine(
        VectorIndex.load(settings.stores.index_dir, encoder.model_id, encoder.dim),
        encoder,
        TemplateStore(settings.stores.db),
    )


def _print_playlist(playlist) -> None:
    print(f"{playlist.title}\n{playlist.description}\n")
    for item in playlist.items:
        minutes, seconds = divmod(item.duration_ms // 1000, 60)
        print(f"{item.position:>3}. {item.artist} – {item.title} ({item.year or '?'}, {minutes}:{seconds:02d})")
        print(f"     {item.reason}")
    for warning in playlist.warnings:
        print(f"! {warning}")


def _make_playlist(args, settings: Settings):
    from assistant.parsing import clean_text
    from assistant.pipeline import BlendSettings
    from assistant.profiles import ProfileStore
    from assistant.session import Session

    clean_text(args.prompt)
    for text in args.follow_up:
        clean_text(text)
    blend = BlendSettings(
        personalization=min(1, max(0, args.personalization)), familiar_share=min(1, max(0, args.familiar))
    )
    profiles = ProfileStore(settings.stores.db) if args.user else None
    if profiles and args.user:
        profiles.require(args.user)
    engine = _engine(settings)
    session = Session(engine, profiles, args.user, blend, **settings.session_models())
    playlist = session.ask(args.prompt)
    for text in args.follow_up:
        playlist = session.refine(text)
    return playlist, session


def _ask(args, settings: Settings) -> None:
    from assistant.outputs import export

    playlist, session = _make_playlist(args, settings)
    if args.m3u8:
        export.write(playlist, "m3u8", args.m3u8.parent, session.follow_ups, filename=args.m3u8.name)
        session.note("export")  # for the template experiments that made it
        print(f"wrote {args.m3u8}", file=sys.stderr)
    if args.json:
        print(json.dumps(playlist.contract_json(), ensure_ascii=False))
    else:
        _print_playlist(playlist)


def _subsonic_login(user: str | None, settings: Settings):
    """(user, password): --user or $PLAYLIST_SUBSONIC_USER; $PLAYLIST_SUBSONIC_PASSWORD, else asked."""
    import getpass

    from pydantic import SecretStr

    user = user or settings.subsonic.user
    if not user:
        raise PlaylistError("give the Subsonic user (--user, or $PLAYLIST_SUBSONIC_USER)")
    password = settings.subsonic.password
    if password is None and sys.stdin.isatty():
        password = SecretStr(getpass.getpass(f"Subsonic password for {user}: "))
    return user, password or SecretStr("")


def _push(args, settings: Settings) -> None:
    from assistant.outputs import Delivery, player_registry

    playlist, session = _make_playlist(args, settings)
    if args.subsonic:
        user, password = _subsonic_login(args.subsonic_user, settings)
        allowed = args.password_auth or settings.subsonic.password_auth
        kind, delivery = "subsonic", Delivery(args.subsonic, playlist, args.name, user, password, allowed, args.queue)
    else:
        from index.sources.records import library_root
        from index.store import VectorIndex

        music_dir = args.mpd_music_dir or library_root(
            Path(VectorIndex.read_manifest(settings.stores.index_dir).catalog_source)
        )
        if music_dir is None:
            raise PlaylistError(
                "MPD plays files: import a music folder first (playlist catalog import --music-dir), "
                "or give --mpd-music-dir"
            )
        kind, delivery = "mpd", Delivery(args.mpd, playlist, music_dir=music_dir, play=args.play)
    summary = player_registry().get(kind).send(delivery)
    session.note("send")
    print(summary)


def _catalog(args, settings: Settings) -> None:
    from tqdm import tqdm

    from assistant.pipeline import build_index as build
    from index.embed import Embedder
    from index.sources import SourceJob, catalog_sources

    scheme, location = ("folder", str(args.music_dir)) if args.music_dir else ("subsonic", args.subsonic)
    source = catalog_sources().get(scheme)
    with tqdm(desc="importing", unit=source.unit, disable=args.quiet, file=sys.stderr) as bar:

        def progress(done: int, total: int | None) -> None:
            bar.total = total
            bar.update(done - bar.n)

        def login(url: str):
            from index.sources.subsonic_api import SubsonicClient

            user, password = _subsonic_login(args.user, settings)
            allowed = args.password_auth or settings.subsonic.password_auth
            return SubsonicClient(url, user, password.get_secret_value(), allow_password=allowed)

        out = args.out or settings.stores.home / "catalogs" / f"{source.default_name}.jsonl"
        report = source.read(location, SourceJob(out, on_progress=progress, analyze=args.analyze, login=login)).report
        assert report is not None  # an importer always reports
    print(report.summary())
    if not args.no_index:
        built = build(
            settings.model_copy(update={"stores": settings.stores.model_copy(update={"catalog": str(out.resolve())})}),
            Embedder(),
            show_progress=not args.quiet,
        )
        print(built.summary())
        print(f"to rebuild from this catalog later: playlist build-index --catalog {out.resolve()}")


def main(argv: Sequence[str] | None = None) -> int:
    go_offline()
    warn_unknown()
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(
            index_dir=Path(args.index_dir) if args.index_dir else None, db=args.db, llm=getattr(args, "llm", None)
        )
        commands = {
            "build-index": run_build,
            "ask": _ask,
            "push": _push,
            "catalog": _catalog,
            "profile": lambda args, settings: run_profile(args, settings, _engine),
            "standing": lambda args, settings: run_standing(args, settings, _engine),
            "feedback": run_feedback,
            "templates": run_templates,
            "eval": lambda args, settings: run_eval(args, settings, _engine),
            "model": run_model,
            "accounts": lambda args, _: run_accounts(args),
        }
        commands[args.command](args, settings)
    except PlaylistError as exc:
        print(f"playlist: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("playlist: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
