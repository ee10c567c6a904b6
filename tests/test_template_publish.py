"""Template versions published from two replicas at once, on the same SQLite file and on one PostgreSQL: every
save gets its own number, and a collision that keeps happening is one clear sentence, never a raw IntegrityError."""

import threading

import pytest

from assistant.profiles.stores import open_database
from assistant.templates.store import MAX_PUBLISH_TRIES, TemplateStore
from index.errors import PlaylistError

REPLICAS, SAVES = 2, 20


def _replica(db_spec: str):
    """A second app process's own connection to the same database (its own pool, for PostgreSQL)."""
    if db_spec.startswith("postgresql://"):
        from assistant.profiles.stores.postgres import PostgresDatabase

        return PostgresDatabase(db_spec)
    return db_spec


def test_concurrent_publishes_get_distinct_versions(db_spec):
    stores = [TemplateStore(open_database(db_spec))] + [TemplateStore(_replica(db_spec)) for _ in range(REPLICAS - 1)]
    start = threading.Barrier(REPLICAS)
    versions: list[str] = []
    errors: list[BaseException] = []

    def publish(store: TemplateStore, replica: int) -> None:
        start.wait()
        for n in range(SAVES):
            try:
                versions.append(store.save("title", f"{{{{ query }}}} ({replica}.{n})", f"curator{replica}").version)
            except BaseException as exc:  # noqa: BLE001 - the test reports whatever escaped
                errors.append(exc)

    threads = [threading.Thread(target=publish, args=(s, i)) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores[1:]:
        getattr(store.db, "close", lambda: None)()
    assert errors == []
    assert sorted(versions, key=lambda v: int(v[1:])) == [f"v{n}" for n in range(1, REPLICAS * SAVES + 1)]
    history = stores[0].history("title")
    assert len(history) == REPLICAS * SAVES + 1  # and the shipped file
    assert sum(v.live for v in history) == 1


def test_a_collision_that_keeps_happening_is_one_clear_error(db_spec, monkeypatch):
    store = TemplateStore(db_spec)
    store.save("title", "{{ query }} first", "ana")
    # Every try reads a number that is already taken, as when other replicas keep winning the race.
    monkeypatch.setattr(
        "assistant.templates.store._NEXT_VERSION", "SELECT MIN(version) FROM template_version WHERE name = ?"
    )
    with pytest.raises(PlaylistError, match=f"after {MAX_PUBLISH_TRIES} tries") as caught:
        store.save("title", "{{ query }} second", "ben")
    assert "IntegrityError" not in str(caught.value) and "\n" not in str(caught.value)
    assert [v.version for v in store.history("title")] == ["v1", "file"]
