"""Real small instances: the fixture catalog, the packaged embedding model, a real FAISS index, temp SQLite."""

from pathlib import Path

import pytest

from index.offline import go_offline

go_offline()

FIXTURES = Path(__file__).parent / "fixtures"
CATALOG = FIXTURES / "catalog.csv"


@pytest.fixture(scope="session")
def embedder():
    from index.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, embedder) -> Path:
    from index.build import build_index

    directory = tmp_path_factory.mktemp("index")
    build_index(CATALOG, directory, embedder)
    return directory


@pytest.fixture(scope="session")
def engine(index_dir, embedder):
    from assistant.planner import Engine
    from index.store import VectorIndex

    return Engine(VectorIndex.load(index_dir, embedder.model_id, embedder.dim), embedder)


@pytest.fixture
def profiles(tmp_path):
    from assistant.profile import ProfileStore

    return ProfileStore(tmp_path / "playlist.sqlite")
