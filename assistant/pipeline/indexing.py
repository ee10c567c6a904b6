"""Build or open the index for the current settings, with a progress bar for the long part."""

from collections.abc import Callable

from tqdm import tqdm

from assistant.config import Settings
from index.build import BuildReport, EmbedRunner, build_index
from index.embed import Embedder, QueryEncoder
from index.source import catalog_spec, resolve_catalog
from index.store import VectorIndex

# on_stage(stage, done, total): the same progress the bars show, for a caller that shows it elsewhere (the page).
StageCallback = Callable[[str, int, int | None], None]


def build(
    settings: Settings,
    embedder: Embedder,
    index_type: str = "auto",
    show_progress: bool = True,
    on_stage: StageCallback | None = None,
    runner: EmbedRunner | None = None,
) -> BuildReport:
    """Downloads (once) and indexes the catalog; re-embeds only tracks whose description changed."""
    spec = catalog_spec(settings.stores.catalog)
    with tqdm(desc="download", unit="B", unit_scale=True, disable=not show_progress, leave=False) as bar:

        def downloaded(done: int, total: int | None) -> None:
            bar.total = total
            bar.update(done - bar.n)
            if on_stage:
                on_stage("downloading the catalog (bytes)", done, total)

        path = resolve_catalog(spec, settings.download_dir, downloaded)
    stage = "writing vectors to Milvus" if settings.stores.vectors else "indexing vectors"
    with (
        tqdm(desc="embedding tracks", unit="track", disable=not show_progress) as embed_bar,
        tqdm(desc=stage, unit="vector", disable=not show_progress) as index_bar,
    ):
        return build_index(
            path,
            settings.stores.index_dir,
            embedder,
            index_type=index_type,
            catalog_source=spec,
            on_progress=_follow(embed_bar, "embedding tracks", on_stage),
            export_encoder=True,
            vectors_uri=settings.stores.vectors,
            runner=runner,
            on_index_progress=_follow(index_bar, stage, on_stage),
            grace_s=settings.stores.build_grace_s,
        )


def _follow(bar: tqdm, stage: str, on_stage: StageCallback | None) -> Callable[[int, int], None]:
    def advanced(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)
        if on_stage:
            on_stage(stage, done, total)

    return advanced


def open_index(settings: Settings, embedder: QueryEncoder) -> VectorIndex:
    return VectorIndex.load(settings.stores.index_dir, embedder.model_id, embedder.dim)
