"""The vector engines by URI scheme (PLAYLIST_VECTORS): unset is FAISS in the index folder, `milvus://host:port` a
Milvus server or cluster, a plain path (`file`, ending in .db) a Milvus Lite file. Each engine builds a new store
for a build, opens a saved one, and drops what a removed build left in the engine; `vector_engines()` gives a
fresh registry with the built-ins, and one more engine is one module plus one `register` line."""

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.errors import IndexMismatchError
from index.registry import Registry, scheme_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    import faiss

    from index.catalog import Track
    from index.manifest import Manifest
    from index.stores import VectorStore

NONE = ""  # the scheme of an unset PLAYLIST_VECTORS (and of a plain path, for Milvus Lite)


class VectorEngine(Protocol):
    name: str  # recorded in the manifest: a build is opened by the engine that made it

    def create(
        self, tracks: "Sequence[Track]", vectors: np.ndarray, manifest: "Manifest", on_progress=None
    ) -> "tuple[np.ndarray | None, faiss.Index | VectorStore]":
        """(vectors held in this process or None, the store) for a new build."""
        ...

    def open(
        self, manifest: "Manifest", build_dir: Path, rows: int
    ) -> "tuple[np.ndarray | None, faiss.Index | VectorStore, bool]":
        """(vectors or None, the store, whether its count matches the manifest and `rows`)."""
        ...

    def drop(self, manifest: "Manifest") -> None:
        """Removes what a replaced build keeps inside the engine (nothing, for files in the build folder)."""
        ...


class FaissEngine:
    name = "faiss"

    def create(self, tracks, vectors, manifest, on_progress=None):
        from index.store import make_faiss_index

        return vectors, make_faiss_index(vectors, manifest.index_type, on_progress)

    def open(self, manifest, build_dir, rows):
        from index.stores.faiss_store import load_faiss

        vectors, store = load_faiss(build_dir)
        counts = {rows, len(vectors), store.ntotal} if vectors.shape[1:] == (manifest.dim,) else {-1}
        return vectors, store, counts == {manifest.count}

    def drop(self, manifest) -> None:
        return None


class MilvusEngine:
    name = "milvus"

    def create(self, tracks, vectors, manifest, on_progress=None):
        from index.stores.milvus_store import MilvusStore, collection_name

        return None, MilvusStore.create(
            manifest.vector_uri, collection_name(manifest.build), tracks, vectors, manifest.index_type, on_progress
        )

    def open(self, manifest, build_dir, rows):
        """The build's collection, checked against the manifest's dimension and loaded for search."""
        from index.stores.milvus_store import MilvusStore, collection_name

        store = MilvusStore(manifest.vector_uri, collection_name(manifest.build), index_type=manifest.index_type)
        if not store.client.has_collection(store.collection):
            raise IndexMismatchError(
                f"the vector engine at {manifest.vector_uri} has no collection "
                f"{store.collection} for this index; rebuild with `playlist build-index`"
            )
        if store.dim() != manifest.dim:
            raise IndexMismatchError(
                f"the collection {store.collection} at {manifest.vector_uri} holds "
                f"{store.dim()}-d vectors, this index {manifest.dim}-d (another model); rebuild"
            )
        store.load()
        return None, store, {rows, store.count} == {manifest.count}

    def drop(self, manifest) -> None:
        from index.stores.milvus_store import collection_name, drop_collection

        drop_collection(manifest.vector_uri, collection_name(manifest.build))


class VectorEngines(Registry[VectorEngine]):
    """Engines by URI scheme, and by the name a manifest records."""

    def __init__(self) -> None:
        super().__init__("vector engine")
        self._by_name: dict[str, VectorEngine] = {}

    def register(self, entry: VectorEngine, *schemes: str) -> VectorEngine:
        super().register(entry, *schemes)
        self._by_name.setdefault(entry.name, entry)
        return entry

    def for_uri(self, uri: str | None) -> VectorEngine:
        """The engine PLAYLIST_VECTORS names: by its scheme; a plain path (a Milvus Lite file) or nothing by ""."""
        if uri and scheme_of(uri) == NONE:
            return self.get("file")
        return self.get(scheme_of(uri))

    def names(self) -> list[str]:
        return list(self._by_name)

    def named(self, name: str) -> VectorEngine:
        """The engine a manifest's `vector_store` names."""
        if name not in self._by_name:
            raise IndexMismatchError(
                f"the index was built with the vector engine {name!r}, which this version does "
                f"not know ({', '.join(self._by_name)}); rebuild with `playlist build-index`"
            )
        return self._by_name[name]


def vector_engines() -> VectorEngines:
    """A new registry holding the built-in engines."""
    engines = VectorEngines()
    engines.register(FaissEngine(), NONE)
    engines.register(MilvusEngine(), "milvus", "file")
    return engines
