"""Where profiles, plays, feedback, saved playlists and template versions live: one SQLite file (the default)
or a PostgreSQL server shared by several app processes. `open_database` picks by the PLAYLIST_DB value."""

from pathlib import Path

from assistant.profiles.stores.base import Database, DatabaseError
from assistant.profiles.stores.migrations import migrate

__all__ = ["Database", "DatabaseError", "open_database"]

_POOLS: dict[str, Database] = {}


def open_database(spec: "str | Path | Database") -> Database:
    """The database for a path or postgresql:// URL, its schema migrated. One PostgreSQL instance (one pool) per
    URL and process; a SQLite file is checked each time (cheap, and a file may have been replaced)."""
    if not isinstance(spec, (str, Path)):
        return spec
    key = str(spec)
    if key.startswith(("postgresql://", "postgres://")):
        if key not in _POOLS:
            from assistant.profiles.stores.postgres import PostgresDatabase

            database = PostgresDatabase(key)
            migrate(database)
            _POOLS[key] = database
        return _POOLS[key]
    if "://" in key:
        raise DatabaseError(f"PLAYLIST_DB must be a file path or a postgresql:// URL, not {key.split('://')[0]}://…")
    from assistant.profiles.stores.sqlite import SqliteDatabase

    database = SqliteDatabase(Path(key).expanduser())
    migrate(database)
    return database
