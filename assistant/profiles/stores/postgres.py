"""PostgreSQL for several app processes (psycopg 3 and a connection pool). The stores' SQL is shared with SQLite:
`?` placeholders become `%s` here; migrations give their own DDL. The URL's password is never shown."""

import logging
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from assistant.profiles.stores.base import DatabaseError

MIGRATION_LOCK_KEY = 7_316_001  # any constant shared by all replicas: pg_advisory_xact_lock(key)
POOL_MAX = 8
CONNECT_TIMEOUT_S = 5


def _placeholders(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection that takes the stores' `?` SQL."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()):
        return self._conn.execute(_placeholders(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]):
        cursor = self._conn.cursor()  # left open for the caller's rowcount: a client-side cursor holds nothing
        cursor.executemany(_placeholders(sql), [tuple(r) for r in rows])
        return cursor


class PostgresDatabase:
    dialect = "postgres"

    def __init__(self, url: str):
        import psycopg
        from psycopg_pool import ConnectionPool

        self._errors = (psycopg.OperationalError, psycopg.InterfaceError)
        parsed = urllib.parse.urlparse(url)
        self._shown = f"postgresql://{parsed.hostname or 'localhost'}:{parsed.port or 5432}{parsed.path}"
        try:  # one plain connection first: its error says why (refused, wrong password, no such database)
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot reach the database at {self._shown}: {_reason(exc)}") from exc
        logging.getLogger("psycopg.pool").setLevel(logging.ERROR)  # its reconnect attempts, one line each, are ours
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_MAX,
            open=False,
            timeout=CONNECT_TIMEOUT_S,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_S},
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
        except Exception as exc:  # noqa: BLE001 - PoolTimeout and psycopg errors share no base class
            self._pool.close()
            raise DatabaseError(f"cannot reach the database at {self._shown}: {_reason(exc)}") from exc

    def describe(self) -> str:
        return self._shown

    @contextmanager
    def transaction(self) -> Iterator[_Connection]:
        from psycopg_pool import PoolTimeout

        try:
            with self._pool.connection() as conn, conn.transaction():
                yield _Connection(conn)
        except (PoolTimeout, *self._errors) as exc:
            raise DatabaseError(f"the database at {self._shown} is unreachable: {_reason(exc)}") from exc

    @contextmanager
    def migration_lock(self) -> Iterator[_Connection]:
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
            yield conn

    def close(self) -> None:
        self._pool.close()


def _reason(exc: Exception) -> str:
    """The driver's first line, without a password it may quote."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return re.sub(r"password=\S+", "password=…", text)
