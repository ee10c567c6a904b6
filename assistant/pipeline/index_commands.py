"""`playlist build-index`: its parser and its run, beside indexing.build that it drives. The build and the model
are imported when the command runs, so the CLI's parser loads without them."""

import argparse

from assistant.config import Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser("build-index", help="download (once) and index the catalog; incremental")
    build.add_argument(
        "--catalog",
        help="catalog path, file:// or https:// URL (default: $PLAYLIST_CATALOG or the public TidyTuesday catalog)",
    )
    build.add_argument("--index-type", default="auto", choices=["auto", "flat", "hnsw", "ivf"])
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="where descriptions are embedded: this process, or Ray Data workers",
    )
    build.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    build.add_argument("--workers", type=int, default=2, help="Ray: embedding actors (each holds the model)")


def run(args: argparse.Namespace, settings: Settings) -> None:
    from assistant.pipeline.indexing import build
    from index.embed import Embedder

    runner = None
    if args.engine == "ray":
        from index.ray_embed import RayRunner

        runner = RayRunner(args.address, max(1, args.workers))
    report = build(
        settings.model_copy(
            update={"stores": settings.stores.model_copy(update={"catalog": args.catalog or settings.stores.catalog})}
        ),
        Embedder(),
        index_type=args.index_type,
        show_progress=not args.quiet,
        runner=runner,
    )
    print(report.summary())
