"""Catalog file -> descriptions -> embeddings (cached, resumable) -> saved VectorIndex."""

import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel

from index.builds import DEFAULT_GRACE_S
from index.cache import EmbeddingCache, text_hash
from index.catalog import CatalogLoad, load_catalog
from index.describe import DescriptionTemplate
from index.embed import Embedder
from index.errors import PlaylistError
from index.lexical import LexicalIndex
from index.manifest import Manifest, new_manifest
from index.onnx_encoder import open_query_encoder
from index.sound import SoundIndex
from index.store import VectorIndex, choose_index_type
from index.stores.engines import vector_engines

CACHE_FILE = "embeddings.sqlite"

# on_progress(done, total): how many of the tracks that need embedding are embedded so far.
ProgressCallback = Callable[[int, int], None]


# An embedding runner takes (hash, description) pairs and yields (hashes, vectors) batches as they are done.
EmbedRunner = Callable[[list[tuple[str, str]]], Iterator[tuple[list[str], np.ndarray]]]


class LocalRunner:
    """Embeds in this process, in chunks of 8 model batches."""

    def __init__(self, embedder: Embedder, batch_size: int = 64):
        self.embedder, self.batch_size = embedder, batch_size

    def __call__(self, items: list[tuple[str, str]]) -> Iterator[tuple[list[str], np.ndarray]]:
        chunk_size = self.batch_size * 8
        for start in range(0, len(items), chunk_size):
            chunk = items[start : start + chunk_size]
            yield [h for h, _ in chunk], self.embedder.encode([t for _, t in chunk], batch_size=self.batch_size)


class BuildReport(BaseModel):
    tracks: int
    rows_read: int
    rows_skipped: dict[str, int]
    embedded: int  # track descriptions embedded in this build
    reused: int
    sounds_embedded: int = 0  # distinct sound descriptions embedded (index.sound)
    seconds: float
    up_to_date: bool
    index_type: str
    query_encoder: bool = False  # the ONNX query side was exported (or already there): fast cold starts

    def summary(self) -> str:
        if self.up_to_date:
            return f"index is up to date ({self.tracks} tracks)"
        skipped = sum(self.rows_skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in self.rows_skipped.items())
        return (
            f"indexed {self.tracks} tracks ({self.index_type}) from {self.rows_read} rows in {self.seconds:.1f}s: "
            f"{self.embedded} embedded, {self.reused} reused; {self.sounds_embedded} sound descriptions embedded"
            + (f"; skipped {skipped} rows ({reasons})" if skipped else "")
        )


def build_index(
    catalog_path: Path,
    index_dir: Path,
    embedder: Embedder,
    template: DescriptionTemplate | None = None,
    index_type: str = "auto",
    catalog_source: str = "",
    on_progress: ProgressCallback | None = None,
    batch_size: int = 64,
    export_encoder: bool = False,
    vectors_uri: str | None = None,
    runner: "EmbedRunner | None" = None,
    on_index_progress: ProgressCallback | None = None,
    sound_template: DescriptionTemplate | None = None,
    grace_s: float = DEFAULT_GRACE_S,
) -> BuildReport:
    """Builds or refreshes the index; only tracks whose description changed are embedded again. With
    `export_encoder`, the ONNX query encoder (90 MB, ~2 s) is written next to it for fast cold starts. With
    `vectors_uri` (milvus://host:port or a Milvus Lite file) the vectors are served by Milvus instead of FAISS.
    `runner` embeds elsewhere (index.ray_embed: Ray Data workers); each batch it returns is cached at once, so a
    build stopped half-way leaves the previous index served and the next run embeds only the rest.
    `on_index_progress` follows the vectors going into the index (minutes for an HNSW graph or a Milvus load).
    Replaced builds are deleted once unread and `grace_s` after they were replaced (index.builds)."""
    started = time.perf_counter()
    template = template or DescriptionTemplate.from_file()
    sound_template = sound_template or DescriptionTemplate.from_file(kind="sound")
    catalog = load_catalog(catalog_path)
    recipe = _recipe(embedder, catalog, template, sound_template, index_type, vectors_uri)
    current = _current_manifest(index_dir)
    if current and all(getattr(current, field) == value for field, value in recipe.items()):
        return _report(
            catalog,
            recipe["index_type"],
            time.perf_counter() - started,
            export_encoder and _query_encoder(embedder, index_dir),
            tracks=current.count,
            embedded=0,
            reused=current.count,
            up_to_date=True,
        )
    texts = _Texts.render(catalog, template, sound_template)
    known, todo = _embed_new(
        index_dir, embedder, texts.text_of(), runner or LocalRunner(embedder, batch_size), on_progress
    )
    manifest = new_manifest(**recipe, catalog_source=catalog_source or str(catalog_path), count=len(catalog.tracks))
    _save(index_dir, catalog, texts, known, manifest, on_index_progress, grace_s)
    return _report(
        catalog,
        recipe["index_type"],
        time.perf_counter() - started,
        export_encoder and _query_encoder(embedder, index_dir),
        tracks=len(catalog.tracks),
        embedded=len(set(todo) & set(texts.hashes)),
        reused=len(set(texts.hashes) - set(todo)),
        sounds_embedded=len(set(todo) - set(texts.hashes)),
        up_to_date=False,
    )


def _recipe(
    embedder: Embedder,
    catalog: CatalogLoad,
    template: DescriptionTemplate,
    sound_template: DescriptionTemplate,
    index_type: str,
    vectors_uri: str | None,
) -> dict[str, Any]:
    """The manifest fields that say how an index is built: named once, so the up-to-date check and the new
    manifest cannot drift apart; the saved index is reused only while every one of them still matches."""
    return {
        "model_id": embedder.model_id,
        "dim": embedder.dim,
        "catalog_checksum": catalog.checksum,
        "template_hash": template.sha256,
        "sound_template_hash": sound_template.sha256,
        "index_type": choose_index_type(len(catalog.tracks), index_type),
        "vector_store": vector_engines().for_uri(vectors_uri).name,
        "vector_uri": vectors_uri or "",
    }


class _Texts(NamedTuple):
    """The catalog rendered for embedding: a description per track (in track order) and each distinct sound
    description once, all keyed by content hash so unchanged texts are found in the cache."""

    descriptions: list[str]
    sounds: list[str]
    hashes: list[str]
    sound_hash: dict[str, str]

    @classmethod
    def render(cls, catalog: CatalogLoad, template: DescriptionTemplate, sound_template: DescriptionTemplate):
        descriptions = template.render_all(catalog.tracks)
        sounds = sound_template.render_all(catalog.tracks)
        hashes = [text_hash(text) for text in descriptions]
        return cls(descriptions, sounds, hashes, {text: text_hash(text) for text in dict.fromkeys(sounds)})

    def text_of(self) -> dict[str, str]:
        return dict(zip(self.hashes, self.descriptions)) | {h: text for text, h in self.sound_hash.items()}


def _save(
    index_dir: Path,
    catalog: CatalogLoad,
    texts: _Texts,
    known: dict,
    manifest: Manifest,
    on_index_progress: ProgressCallback | None,
    grace_s: float,
) -> None:
    """Writes the new build beside the served one (index.builds), which keeps serving until this one is saved."""
    matrix = np.ascontiguousarray(np.vstack([known[h] for h in texts.hashes]), dtype=np.float32)
    VectorIndex.create(
        catalog.tracks,
        matrix,
        manifest,
        LexicalIndex.build(texts.descriptions),
        on_index_progress,
        SoundIndex.build(texts.sounds, known, texts.sound_hash),
    ).save(index_dir, grace_s)


def _report(catalog: CatalogLoad, index_type: str, seconds: float, query_encoder: bool, **counts: Any) -> BuildReport:
    """A BuildReport with what every build reports (the rows read and skipped) next to its own counts."""
    return BuildReport(
        rows_read=catalog.rows_read,
        rows_skipped=catalog.rows_skipped,
        seconds=seconds,
        index_type=index_type,
        query_encoder=query_encoder,
        **counts,
    )


def _current_manifest(index_dir: Path):
    try:
        return VectorIndex.read_manifest(index_dir)
    except PlaylistError:
        return None


def _embed_new(
    index_dir: Path,
    embedder: Embedder,
    text_of: dict[str, str],
    embed: "EmbedRunner",
    on_progress: ProgressCallback | None,
) -> tuple[dict, list[str]]:
    """(every hash's vector, the hashes embedded now): texts the cache lacks are embedded and cached batch by
    batch, so a build stopped half-way keeps what it embedded."""
    cache = EmbeddingCache(index_dir / CACHE_FILE, embedder.model_id, embedder.dim)
    try:
        known = cache.get_many(list(text_of))
        todo = [h for h in text_of if h not in known]
        if on_progress:
            on_progress(0, len(todo))
        done = 0
        for chunk, vectors in embed([(h, text_of[h]) for h in todo]):
            cache.put_many(chunk, vectors)
            known.update(zip(chunk, vectors))
            done += len(chunk)
            if on_progress:
                on_progress(done, len(todo))
    finally:
        cache.close()
    return known, todo


def _query_encoder(embedder: Embedder, index_dir: Path) -> bool:
    """Exports the ONNX query encoder unless one for this model is there; without it queries use the full model."""
    found = open_query_encoder(index_dir)
    if found is not None and (found.model_id, found.dim) == (embedder.model_id, embedder.dim):
        return True
    try:
        embedder.export_query_encoder(index_dir)
    except (ImportError, RuntimeError, OSError) as exc:
        warnings.warn(f"queries will load the full embedding model (no ONNX export: {exc})", stacklevel=2)
        return False
    return True
