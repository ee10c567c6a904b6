"""Where profiles, plays, feedback, saved playlists and template versions live: one SQLite file (the default)
or a PostgreSQL server shared by several app processes. `open_database` picks by the PLAYLIST_DB value's URL
scheme through a registry of database kinds (`databases()`: a plain path is SQLite, postgresql:// and postgres://
are PostgreSQL); another kind is one module implementing `Database` and one `register` line."""

from pathlib import Path
from typing import Protocol

from assistant.profiles.stores.base import Database, DatabaseError
from assistant.profiles.stores.migrations import migrate
from index.registry import Registry, scheme_of

__all__ = ["Database", "DatabaseError", "DatabaseKind", "databases", "open_database"]

_POOLS: dict[str, Database] = {}  # open connection pools (not kinds): one per PostgreSQL URL and process


class DatabaseKind(Protocol):
    def open(self, spec: str) -> Database:
        """The database for this spec, its schema migrated."""
        ...


class SqliteKind:
    def open(self, spec: str) -> Database:
        """A SQLite file is checked each time (cheap, and a file may have been replaced)."""
        from assistant.profiles.stores.sqlite import SqliteDatabase

        database = SqliteDatabase(Path(spec).expanduser())
        migrate(database)
        return database


class PostgresKind:
    def open(self, spec: str) -> Database:
        """One PostgreSQL instance (one pool) per URL and process."""
        if spec not in _POOLS:
            from assistant.profiles.stores.postgres import PostgresDatabase

            database = PostgresDatabase(spec)
            migrate(database)
            _POOLS[spec] = database
        return _POOLS[spec]


def databases() -> Registry[DatabaseKind]:
    """A new registry holding the built-in database kinds."""
    kinds: Registry[DatabaseKind] = Registry("database")
    kinds.register(SqliteKind(), "")
    kinds.register(PostgresKind(), "postgresql", "postgres")
    return kinds


def open_database(spec: "str | Path | Database", kinds: Registry[DatabaseKind] | None = None) -> Database:
    """The database for a path or postgresql:// URL, its schema migrated; `kinds` default the built-ins."""
    if not isinstance(spec, (str, Path)):
        return spec
    key = str(spec)
    scheme = scheme_of(key) if "://" in key else ""
    kinds = kinds or databases()
    if scheme not in kinds or (scheme == "" and "://" in key):
        raise DatabaseError(f"PLAYLIST_DB must be a file path or a postgresql:// URL, not {key.split('://')[0]}://…")
    return kinds.get(scheme).open(key)
