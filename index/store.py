"""VectorIndex: normalised vectors in a FAISS inner-product index, track metadata as numpy columns for filters,
saved with a manifest that says how it was built."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import faiss
import numpy as np
from pydantic import TypeAdapter, ValidationError

from index.atomic import write_atomic
from index.builds import (
    DEFAULT_GRACE_S,
    BuildRemoved,
    hold_build,
    make_durable,
    mark_replaced,
    remove_stale_builds,
    start_build,
)
from index.catalog import Track
from index.credits import with_credits
from index.errors import IndexMismatchError, IndexMissingError, PlaylistError
from index.filters import SearchFilter, TrackColumns
from index.lexical import LexicalIndex
from index.manifest import FORMAT_VERSION, IndexType, Manifest
from index.sound import SoundIndex
from index.stores import HNSW_EF_CONSTRUCTION, HNSW_M, VectorStore, ivf_lists
from index.stores.engines import VectorEngines, vector_engines
from index.stores.faiss_store import FaissStore

FLAT_LIMIT = 200_000
ADD_BLOCK = 50_000
MANIFEST = "manifest.json"
_TRACK_LIST = TypeAdapter(list[Track])
LEXICAL_DIR = "lexical"
SOUND_DIR = "sound"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A plain dataclass: hundreds are made per request, and validation cost 10 ms of a 40 ms `ask`."""

    track: Track
    score: float  # cosine similarity to the query vector
    row: int
    relevance: float = 0.0  # rank-fusion score (index.hybrid), 0 for a plain vector search


def choose_index_type(count: int, requested: str = "auto") -> IndexType:
    if requested == "auto":
        return "flat" if count <= FLAT_LIMIT else "hnsw"
    kinds: dict[str, IndexType] = {"flat": "flat", "hnsw": "hnsw", "ivf": "ivf"}
    if requested not in kinds:
        raise ValueError(f"unknown index type {requested!r}: use auto, flat, hnsw or ivf")
    return kinds[requested]


def make_faiss_index(vectors: np.ndarray, index_type: IndexType, on_progress=None) -> faiss.Index:
    """on_progress(done, total) after each block added: an HNSW graph of 1M vectors takes minutes."""
    dim = vectors.shape[1]
    index: faiss.Index
    if index_type == "flat":
        index = faiss.IndexFlatIP(dim)
    elif index_type == "hnsw":
        graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index = graph
    else:
        nlist = ivf_lists(len(vectors))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), nlist * 50), replace=False)
        index.train(vectors[np.sort(sample)])  # 50 points per list is plenty for k-means, and fast
    for start in range(0, len(vectors), ADD_BLOCK):
        index.add(vectors[start : start + ADD_BLOCK])
        if on_progress:
            on_progress(min(start + ADD_BLOCK, len(vectors)), len(vectors))
    return index


class VectorIndex:
    """Search over saved track vectors; construct with `VectorIndex.load` or `VectorIndex.create`."""

    def __init__(
        self,
        tracks: list[Track],
        vectors: np.ndarray | None,
        store: "faiss.Index | VectorStore",
        manifest: Manifest,
        lexical: LexicalIndex | None = None,
        sound: SoundIndex | None = None,
    ):
        """`vectors` are held here only for a FAISS index; a Milvus store serves them from the engine. `sound` is
        what the tracks sound like, searched apart from their names (index.sound)."""
        self.tracks = with_credits(tracks)
        self.lexical = lexical
        self.sound = sound
        self.manifest = manifest
        self.columns = TrackColumns(self.tracks)
        self.row_of = self.columns.row_of
        if isinstance(store, faiss.Index):
            if vectors is None:
                raise ValueError("a FAISS index is searched with its vectors, held here")
            self.store: "FaissStore | VectorStore" = FaissStore(store, vectors, self.columns)
        else:
            self.store = store
        self.reader: BinaryIO | None = None  # the shared lock on the build folder, held while this index is open

    @classmethod
    def create(
        cls,
        tracks: list[Track],
        vectors: np.ndarray,
        manifest: Manifest,
        lexical: LexicalIndex | None = None,
        on_progress=None,
        sound: SoundIndex | None = None,
        engines: VectorEngines | None = None,
    ) -> "VectorIndex":
        """Builds the vector store the manifest names (FAISS here, or a new collection in Milvus: `engines`,
        default the built-ins); on_progress(done, total) as vectors go in."""
        engine = (engines or vector_engines()).named(manifest.vector_store)
        held, store = engine.create(tracks, vectors, manifest, on_progress)
        return cls(tracks, held, store, manifest, lexical, sound)

    def __len__(self) -> int:
        return len(self.tracks)

    def track(self, track_id: str) -> Track | None:
        row = self.row_of.get(track_id)
        return None if row is None else self.tracks[row]

    def vectors_of(self, rows: Sequence[int]) -> np.ndarray:
        """(len(rows), dim) vectors in the rows' order, from wherever the store keeps them."""
        return self.store.vectors_of(rows)

    def vectors_of_tracks(self, track_ids: Iterable[str]) -> np.ndarray:
        """The vectors of the ids this index knows, in their order; unknown ids are skipped."""
        return self.vectors_of([self.row_of[t] for t in track_ids if t in self.row_of])

    def search(
        self, query_vector: np.ndarray, k: int, flt: SearchFilter | None = None, mask: np.ndarray | None = None
    ) -> list[SearchHit]:
        """Top-k tracks by cosine similarity among those the filter keeps (or the mask, computed from it once
        by a caller that needs it twice), best first."""
        query = np.ascontiguousarray(np.asarray(query_vector, dtype=np.float32).reshape(1, -1))
        if query.shape[1] != self.manifest.dim:
            raise ValueError(f"query has {query.shape[1]} dimensions, the index {self.manifest.dim}")
        if flt is not None and flt.exclude_artists and mask is None and not isinstance(self.store, FaissStore):
            extra = self.columns.co_credited_ids(flt.exclude_artists)
            flt = flt.model_copy(update={"exclude_track_ids": tuple(dict.fromkeys(flt.exclude_track_ids + extra))})
        return [
            SearchHit(track=self.tracks[row], score=score, row=row)
            for row, score in self.store.search(query[0], k, flt, mask)
        ]

    def save(self, directory: Path, grace_s: float = DEFAULT_GRACE_S) -> None:
        """Writes a new build folder and makes it durable, then swaps the manifest in atomically. The build it
        replaces stays (readers may hold it); older ones go once no reader holds them and grace_s has passed
        since they were replaced (index.builds)."""
        directory.mkdir(parents=True, exist_ok=True)
        build_dir = directory / self.manifest.build
        start_build(build_dir)
        with (build_dir / "tracks.jsonl").open("w", encoding="utf-8") as out:
            for track in self.tracks:
                out.write(track.model_dump_json() + "\n")
        if isinstance(self.store, FaissStore):
            self.store.save(build_dir)
        if self.lexical is not None:
            self.lexical.save(build_dir / LEXICAL_DIR)
        if self.sound is not None:
            self.sound.save(build_dir / SOUND_DIR)
        make_durable(build_dir)
        try:
            previous = self.read_manifest(directory)
        except PlaylistError:
            previous = None
        write_atomic(directory / MANIFEST, self.manifest.model_dump_json(indent=2).encode("utf-8"))
        keep = {self.manifest.build}
        if previous is not None and previous.build != self.manifest.build:
            mark_replaced(directory / previous.build, previous.model_dump_json())
            keep.add(previous.build)
        remove_stale_builds(directory, keep, grace_s)

    @staticmethod
    def read_manifest(directory: Path) -> Manifest:
        path = directory / MANIFEST
        if not path.is_file():
            raise IndexMissingError(f"no index at {directory}: run `playlist build-index` first")
        try:
            manifest = Manifest.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, OSError) as exc:
            raise IndexMismatchError(
                f"the index manifest at {path} is unreadable; rebuild with `playlist build-index`"
            ) from exc
        if manifest.format != FORMAT_VERSION:
            raise IndexMismatchError(
                f"the index at {directory} has format {manifest.format}, this version reads {FORMAT_VERSION}; "
                "rebuild with `playlist build-index`"
            )
        return manifest

    @classmethod
    def load(
        cls, directory: Path, model_id: str | None = None, dim: int | None = None, engines: VectorEngines | None = None
    ) -> "VectorIndex":
        """Loads and checks the index, and holds its build folder while open; a model other than the one it was
        built with is refused. `engines`: where the manifest's vector engine is looked up (default the built-ins)."""
        manifest, reader = cls._read_and_hold(directory)
        engine = (engines or vector_engines()).named(manifest.vector_store)
        if model_id is not None and (manifest.model_id != model_id or (dim is not None and manifest.dim != dim)):
            raise IndexMismatchError(
                f"the index at {directory} was built with {manifest.model_id} ({manifest.dim}-d) but the "
                f"embedder is {model_id} ({dim}-d); rebuild with `playlist build-index`"
            )
        build_dir = directory / manifest.build
        try:
            lines = (build_dir / "tracks.jsonl").read_text(encoding="utf-8").splitlines()
            tracks = _TRACK_LIST.validate_json("[" + ",".join(lines) + "]")  # one call: 3x faster at start
            lexical = LexicalIndex.load(build_dir / LEXICAL_DIR, len(tracks))
            sound = SoundIndex.load(build_dir / SOUND_DIR, len(tracks), manifest.dim)
            vectors, store, consistent = engine.open(manifest, build_dir, len(tracks))
        except (OSError, ValueError, RuntimeError) as exc:
            raise IndexMismatchError(
                f"the index at {directory} is damaged ({exc}); rebuild with `playlist build-index`"
            ) from exc
        if not consistent:
            raise IndexMismatchError(
                f"the index at {directory} does not match its manifest; rebuild with `playlist build-index`"
            )
        index = cls(tracks, vectors, store, manifest, lexical, sound)
        index.reader = reader
        return index

    @classmethod
    def _read_and_hold(cls, directory: Path) -> "tuple[Manifest, BinaryIO | None]":
        """The manifest and a reader's lock on the build it names: a rebuild may swap the manifest and remove
        that build in between, and then the manifest names a newer one."""
        manifest = cls.read_manifest(directory)
        try:
            return manifest, hold_build(directory / manifest.build)
        except BuildRemoved:
            manifest = cls.read_manifest(directory)
        try:
            return manifest, hold_build(directory / manifest.build)
        except BuildRemoved as exc:
            raise IndexMismatchError(
                f"the index at {directory} has no build folder {exc}; rebuild with `playlist build-index`"
            ) from exc
