"""What the stores need of a database: short transactions that commit on success and roll back on any error,
SQL written once with `?` placeholders, and one error type for "the database is not there"."""

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from index.errors import PlaylistError


class DatabaseError(PlaylistError):
    """The database cannot be reached or used; worded for the operator, without the password."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...  # read-only in sqlite3 and psycopg

    def fetchone(self) -> Sequence[Any] | None: ...

    def fetchall(self) -> list[Sequence[Any]]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]], /) -> Cursor: ...  # rowcount: rows changed


class Database(Protocol):
    dialect: str  # "sqlite" | "postgres": picks the DDL of a migration

    def transaction(self) -> AbstractContextManager[Connection]: ...

    def migration_lock(self) -> AbstractContextManager[Connection]:
        """A transaction that no other process runs at the same time (two replicas starting at once)."""
        ...

    def describe(self) -> str: ...
