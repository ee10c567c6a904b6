"""The manifest of a build: how its index was made (model, dimension, catalog, templates, index type, engine), so
that loading can refuse an index made with another model, catalog or template than the one in use."""

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

IndexType = Literal["flat", "hnsw", "ivf"]
FORMAT_VERSION = 3  # 2: a BM25 index (lexical/) in every build folder; 3: the sound descriptions (sound/)


class Manifest(BaseModel):
    """How an index was built; loading compares it with the model and catalog in use."""

    format: int = FORMAT_VERSION
    model_id: str
    dim: int
    catalog_checksum: str
    catalog_source: str = ""
    template_hash: str
    sound_template_hash: str = ""
    count: int
    index_type: IndexType
    build: str
    created_at: str
    vector_store: str = "faiss"  # the engine that holds the vectors (index.stores.engines)
    vector_uri: str = ""  # milvus://host:port or a Milvus Lite file, when the vectors are served by Milvus


def new_manifest(
    *,
    model_id: str,
    dim: int,
    catalog_checksum: str,
    catalog_source: str,
    template_hash: str,
    sound_template_hash: str = "",
    count: int,
    index_type: IndexType,
    vector_store: str = "faiss",
    vector_uri: str = "",
) -> Manifest:
    return Manifest(
        vector_store=vector_store,
        vector_uri=vector_uri,
        model_id=model_id,
        dim=dim,
        catalog_checksum=catalog_checksum,
        catalog_source=catalog_source,
        template_hash=template_hash,
        sound_template_hash=sound_template_hash,
        count=count,
        index_type=index_type,
        build=f"build-{uuid.uuid4().hex[:12]}",
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
