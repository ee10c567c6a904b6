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
    from assistant.pipeline.planner import Engine
    from index.store import VectorIndex

    return Engine(VectorIndex.load(index_dir, embedder.model_id, embedder.dim), embedder)


@pytest.fixture(scope="session")
def postgres_admin_url():
    from servers import postgres

    with postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_spec(request, tmp_path) -> str:
    """Each store test runs on both backends: a fresh SQLite file, and a fresh database on a real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "playlist.sqlite")
    from servers import fresh_database

    return fresh_database(request.getfixturevalue("postgres_admin_url"))


@pytest.fixture
def profiles(db_spec):
    from assistant.profiles.profile import ProfileStore

    return ProfileStore(db_spec)
