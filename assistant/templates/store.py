"""Curator-owned Jinja2 templates: the shipped files in prompts/ plus saved versions in SQLite, one live per
name, rollback in one call. Rendering is sandboxed and strict: an unknown or missing variable is an error."""

import random
import sqlite3
import time
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError
from pydantic import BaseModel

from assistant.profiles import Database, open_database
from index.describe import (
    DESCRIPTION_TEMPLATE,
    DESCRIPTION_VARIABLES,
    PROMPTS_DIR,
    SOUND_TEMPLATE,
    SOUND_VARIABLES,
    check_template,
    sandbox,
)
from index.errors import PlaylistError

MAX_TEMPLATE_CHARS = 20_000
FILE_VERSION = "file"
LIVE_REFRESH_S = 1.0
MAX_PUBLISH_TRIES = 5
PUBLISH_BACKOFF_S = 0.02


class TemplateSpec(BaseModel):
    """What a template is for, the variables it is given (name -> meaning), the ones it must use, and sample
    values used to check that it renders to something."""

    description: str
    variables: dict[str, str]
    required: set[str]
    sample: dict[str, Any]


_CANDIDATE = {
    "id": 1,
    "title": "Holocene",
    "artist": "Bon Iver",
    "year": 2011,
    "genres": ["pop", "indie poptimism"],
    "mood": "calm low-energy, melancholic, slow",
}
SPECS: dict[str, TemplateSpec] = {
    "intent": TemplateSpec(
        description="System prompt that turns a listener's prompt into a structured request.",
        variables={
            "genres": "genre labels the catalog knows (list)",
            "year": "the current year",
            "rules": "what the rule parser already read from the prompt (JSON text)",
            "compact": "true for a small local model: ask only for exclusions, count, duration and years",
        },
        required={"genres"},
        sample={"genres": ["pop", "rock"], "year": 2026, "rules": "{}", "compact": False},
    ),
    "refine": TemplateSpec(
        description="System prompt that turns a follow-up into a change of the current playlist.",
        variables={
            "genres": "genre labels the catalog knows (list)",
            "request": "the current request (JSON text)",
            "tracks": "the current playlist, one 'N. Artist – Title' line each (list)",
        },
        required={"tracks"},
        sample={"genres": ["pop"], "request": "{}", "tracks": ["1. Bon Iver – Holocene"]},
    ),
    "curate": TemplateSpec(
        description="System prompt that chooses and orders tracks among candidates and writes title and reasons.",
        variables={
            "prompt": "the listener's prompt (quoted data)",
            "count": "how many tracks to choose",
            "candidates": "numbered candidate tracks: id (the number the model answers with), title, artist, "
            "year, genres, mood (list of dicts)",
            "max_reason_chars": "longest reason allowed",
            "head": "whether this call also writes the title and description (the first chunk does)",
        },
        required={"candidates", "count"},
        sample={"prompt": "chill indie", "count": 1, "candidates": [_CANDIDATE], "max_reason_chars": 160, "head": True},
    ),
    "reason": TemplateSpec(
        description="The deterministic reason shown under each track (no LLM).",
        variables={
            "era": "style and year, e.g. 'Neo soul from 2016'",
            "facts": "facts that match the request (list)",
            "similar_to": "seed tracks or artists it is close to (list)",
            "history": "what the listener's history says, or empty",
            "title": "track title",
            "artist": "track artist",
        },
        required=set(),
        sample={
            "era": "Pop from 2011",
            "facts": ["calm"],
            "similar_to": [],
            "history": "",
            "title": "Holocene",
            "artist": "Bon Iver",
        },
    ),
    "title": TemplateSpec(
        description="The deterministic playlist title (no LLM).",
        variables={
            "query": "the prompt as a title, e.g. 'Chill R&B for a Late Night Drive'",
            "genres": "genre labels asked for (list)",
            "count": "number of tracks",
            "minutes": "total minutes",
        },
        required=set(),
        sample={"query": "Chill Indie", "genres": ["pop"], "count": 12, "minutes": 45},
    ),
    DESCRIPTION_TEMPLATE.removesuffix(".j2"): TemplateSpec(
        description="The text each track is embedded from (changing it means rebuilding the index).",
        variables={name: name.replace("_", " ") for name in sorted(DESCRIPTION_VARIABLES)},
        required={"title", "artist"},
        sample={
            "title": "Holocene",
            "artist": "Bon Iver",
            "album": "Bon Iver",
            "year": 2011,
            "decade": "2010s",
            "decade_short": "2010s",
            "genres": ["pop"],
            "subgenres": ["indie poptimism"],
            "mood_words": ["calm"],
            "popularity": 70,
            "duration_min": 5.6,
        },
    ),
    SOUND_TEMPLATE.removesuffix(".j2"): TemplateSpec(
        description="What a track sounds like, with no title or artist: vibe words are searched here (changing it "
        "means rebuilding the index).",
        variables={name: name.replace("_", " ") for name in sorted(SOUND_VARIABLES)},
        required=set(),
        sample={
            "genres": ["pop"],
            "subgenres": ["indie poptimism"],
            "decade": "2010s",
            "decade_short": "2010s",
            "mood_words": ["calm"],
            "versions": [],
        },
    ),
}

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


def spec_for(name: str) -> TemplateSpec:
    """Only known names: a name never becomes a path, so '../x' cannot reach a file."""
    if name not in SPECS:
        raise PlaylistError(f"no template called {name!r}; templates: {', '.join(sorted(SPECS))}")
    return SPECS[name]


def validate(name: str, text: str) -> None:
    """Rejects a template that does not parse, uses unknown variables, misses a required one, or renders to
    nothing; the message names the line."""
    spec = spec_for(name)
    if len(text) > MAX_TEMPLATE_CHARS:
        raise PlaylistError(f"{name}: the template is {len(text)} characters; keep it under {MAX_TEMPLATE_CHARS}")
    check_template(text, set(spec.variables), name)
    missing = sorted(v for v in spec.required if v not in text)
    if missing:
        raise PlaylistError(f"{name}: the template must use {', '.join(missing)}")
    if not render_text(name, text, spec.sample).strip():
        raise PlaylistError(f"{name}: the template renders to nothing")


@lru_cache(maxsize=64)
def _compiled(text: str) -> Template:
    return sandbox().from_string(text)


def render_text(name: str, text: str, variables: dict[str, Any]) -> str:
    try:
        return _compiled(text).render(variables)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise PlaylistError(f"{name}{f', line {line}' if line else ''}: {exc}") from exc


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
