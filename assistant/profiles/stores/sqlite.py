"""The embedded default: one SQLite file in WAL mode, a short-lived connection per transaction."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from assistant.profiles.stores.base import DatabaseError

Isolation = Literal["DEFERRED", "IMMEDIATE", "EXCLUSIVE"]  # "DEFERRED" is sqlite3's default (its "")


class SqliteDatabase:
    dialect = "sqlite"

    def __init__(self, path: Path):
        self.path = path

    def describe(self) -> str:
        return str(self.path)

    @contextmanager
    def _connection(self, isolation_level: Isolation | None = "DEFERRED") -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=isolation_level)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"cannot open the database file {self.path}: {exc}") from exc
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn
        except sqlite3.OperationalError as exc:
            raise DatabaseError(f"the database file {self.path} cannot be used: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commits on success and rolls back on any error, then closes."""
        with self._connection() as conn, conn:
            yield conn

    @contextmanager
    def migration_lock(self) -> Iterator[sqlite3.Connection]:
        with self._connection(isolation_level=None) as conn:
            conn.execute("BEGIN IMMEDIATE")  # the write lock: a second process waits here
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
