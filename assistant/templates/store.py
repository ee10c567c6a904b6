"""Curator-owned Jinja2 templates: the shipped files in prompts/ plus saved versions in SQLite, one live per
name, rollback in one call. Rendering is sandboxed and strict: an unknown or missing variable is an error (the
checks live in specs.py)."""

import random
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant.profiles import Database, open_database
from assistant.templates.specs import SPECS, render_text, spec_for, validate
from index.describe import PROMPTS_DIR
from index.errors import PlaylistError

FILE_VERSION = "file"
LIVE_REFRESH_S = 1.0
MAX_PUBLISH_TRIES = 5
PUBLISH_BACKOFF_S = 0.02

_NEXT_VERSION = "SELECT COALESCE(MAX(version), 0) + 1 FROM template_version WHERE name = ?"
_SET_LIVE = (
    "INSERT INTO template_live (name, version) VALUES (?, ?) "
    "ON CONFLICT (name) DO UPDATE SET version = excluded.version"
)


class TemplateVersion(BaseModel):
    name: str
    version: str
    text: str
    author: str
    created_at: str
    live: bool = False


class TemplateStore:
    """Live template texts; with no database only the shipped files exist. Live versions are cached, and read
    again at most every refresh_s seconds, so a version published by another app process goes live here too."""

    def __init__(
        self,
        db: "str | Path | Database | None" = None,
        prompts_dir: Path = PROMPTS_DIR,
        refresh_s: float = LIVE_REFRESH_S,
    ):
        self.db = open_database(db) if db is not None else None
        self.prompts_dir = prompts_dir
        self.refresh_s = refresh_s
        self._live: dict[str, TemplateVersion] = {}
        self._read_at: dict[str, float] = {}

    def names(self) -> list[str]:
        return sorted(SPECS)

    def shipped(self, name: str) -> TemplateVersion:
        spec_for(name)
        path = self.prompts_dir / f"{name}.j2"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PlaylistError(f"template file {path} cannot be read: {exc}") from exc
        return TemplateVersion(name=name, version=FILE_VERSION, text=text, author="shipped", created_at="")

    def _live_number(self, conn, name: str) -> int | None:
        row = conn.execute("SELECT version FROM template_live WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def live(self, name: str) -> TemplateVersion:
        stale = self.db is not None and time.monotonic() - self._read_at.get(name, -1e9) >= self.refresh_s
        if name not in self._live or stale:
            self._live[name] = self._read_live(name)
            self._read_at[name] = time.monotonic()
        return self._live[name]

    def _read_live(self, name: str) -> TemplateVersion:
        spec_for(name)
        if self.db is not None:
            with self.db.transaction() as conn:
                number = self._live_number(conn, name)
                if number is not None:
                    row = conn.execute(
                        "SELECT text, author, created_at FROM template_version WHERE name = ? AND version = ?",
                        (name, number),
                    ).fetchone()
                    assert row is not None  # the live version is a row of template_version (a foreign key)
                    return TemplateVersion(
                        name=name, version=f"v{number}", text=row[0], author=row[1], created_at=row[2], live=True
                    )
        return self.shipped(name).model_copy(update={"live": True})

    def render(self, name: str, **variables: Any) -> str:
        return render_text(name, self.live(name).text, variables)

    def live_versions(self) -> dict[str, str]:
        return {name: self.live(name).version for name in self.names()}

    def with_draft(self, name: str, text: str) -> "TemplateStore":
        """A store that renders like this one except `name`, which uses the (validated) draft text: for previews."""
        validate(name, text)
        draft = TemplateStore(None, self.prompts_dir)
        draft._live = {n: self.live(n) for n in self.names()}
        draft._live[name] = draft._live[name].model_copy(update={"text": text, "version": "draft"})
        return draft

    def _require_db(self) -> Database:
        if self.db is None:
            raise PlaylistError("template versions need a database (set PLAYLIST_DB)")
        return self.db

    def save(self, name: str, text: str, author: str, publish: bool = True) -> TemplateVersion:
        """Validates and stores a new version; by default it becomes the live one."""
        validate(name, text)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        number = self._insert_version(name, text, author, created, publish)
        self._live.pop(name, None)
        return TemplateVersion(
            name=name, version=f"v{number}", text=text, author=author, created_at=created, live=publish
        )

    def _insert_version(self, name: str, text: str, author: str, created: str, publish: bool) -> int:
        """The next number for `name`, stored. Two replicas saving at once can read the same MAX(version): the
        loser's INSERT hits the primary key, rolls back, and tries again after a short random pause."""
        database = self._require_db()
        for attempt in range(MAX_PUBLISH_TRIES):
            try:
                with database.transaction() as conn:
                    row = conn.execute(_NEXT_VERSION, (name,)).fetchone()
                    assert row is not None  # an aggregate: always one row
                    number = row[0]
                    conn.execute(
                        "INSERT INTO template_version (name, version, text, author, created_at) VALUES (?, ?, ?, ?, ?)",
                        (name, number, text, author, created),
                    )
                    if publish:
                        conn.execute(_SET_LIVE, (name, number))
                return number
            except _unique_violations():
                time.sleep(random.uniform(0, PUBLISH_BACKOFF_S * (attempt + 1)))  # noqa: S311 - jitter only
        raise PlaylistError(
            f"{name}: the new version was not saved after {MAX_PUBLISH_TRIES} tries, other app "
            "processes kept taking the next version number; save it again"
        )

    def history(self, name: str) -> list[TemplateVersion]:
        """Newest first, the shipped file last."""
        spec_for(name)
        rows: list = []
        live_number = None
        if self.db is not None:
            with self.db.transaction() as conn:
                live_number = self._live_number(conn, name)
                rows = conn.execute(
                    "SELECT version, text, author, created_at FROM template_version WHERE name = ? "
                    "ORDER BY version DESC",
                    (name,),
                ).fetchall()
        versions = [
            TemplateVersion(name=name, version=f"v{n}", text=t, author=a, created_at=c, live=n == live_number)
            for n, t, a, c in rows
        ]
        return versions + [self.shipped(name).model_copy(update={"live": live_number is None})]

    def publish(self, name: str, version: str) -> None:
        """Makes an earlier version (or 'file', the shipped one) live again."""
        spec_for(name)
        self._live.pop(name, None)
        with self._require_db().transaction() as conn:
            if version == FILE_VERSION:
                conn.execute("DELETE FROM template_live WHERE name = ?", (name,))
                return
            number = int(version.removeprefix("v")) if version.removeprefix("v").isdigit() else -1
            if not conn.execute(
                "SELECT 1 FROM template_version WHERE name = ? AND version = ?", (name, number)
            ).fetchone():
                raise PlaylistError(f"{name} has no version {version!r}")
            conn.execute(_SET_LIVE, (name, number))

    def rollback(self, name: str) -> TemplateVersion:
        """The version saved before the live one becomes live (the shipped file after the first)."""
        history = self.history(name)
        live_at = next(i for i, v in enumerate(history) if v.live)
        if live_at == len(history) - 1:
            raise PlaylistError(f"{name} is already at the shipped version; nothing to roll back")
        previous = history[live_at + 1]
        self.publish(name, previous.version)
        return previous.model_copy(update={"live": True})


def _unique_violations() -> tuple[type[Exception], ...]:
    """The drivers' errors for a taken (name, version): the Database layer passes them through unchanged."""
    try:
        from psycopg.errors import UniqueViolation
    except ImportError:
        return (sqlite3.IntegrityError,)
    return sqlite3.IntegrityError, UniqueViolation
