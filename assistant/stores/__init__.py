"""Where profiles, plays, feedback, saved playlists and template versions live: one SQLite file (the default)
or a PostgreSQL server shared by several app processes. `open_database` picks by the PLAYLIST_DB value."""

from pathlib import Path

from assistant.stores.base import Database, DatabaseError
from assistant.stores.migrations import migrate

__all__ = ["Database", "DatabaseError", "open_database"]

_OPEN: dict[str, Database] = {}


def open_database(spec: "str | Path | Database") -> Database:
    """The database for a path or postgresql:// URL, schema migrated; one instance (one pool) per spec."""
    if not isinstance(spec, (str, Path)):
        return spec
    key = str(spec)
    if key not in _OPEN:
        if key.startswith(("postgresql://", "postgres://")):
            from assistant.stores.postgres import PostgresDatabase

            database: Database = PostgresDatabase(key)
        elif "://" in key:
            raise DatabaseError(f"PLAYLIST_DB must be a file path or a postgresql:// URL, not {key.split('://')[0]}://…")
        else:
            from assistant.stores.sqlite import SqliteDatabase

            database = SqliteDatabase(Path(key).expanduser())
        migrate(database)
        _OPEN[key] = database
    return _OPEN[key]
