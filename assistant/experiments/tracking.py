"""What happened under an experiment, as rows: an exposure per playlist made (per experiment whose template made
it), an event per action on that playlist, and each listener's last playlist, which `playlist feedback` acts on."""

import json

from pydantic import BaseModel

from assistant.experiments.experiment import EVENT_KINDS, Arm, EventKind, now
from assistant.models import Playlist
from assistant.profiles import Database
from index.errors import PlaylistError

Exposures = dict[int, int]  # experiment id -> exposure id, for one playlist


def record_exposures(db: Database, rows: list[tuple[int, str, str | None, Arm, str]]) -> Exposures:
    """rows: (experiment id, subject, listener id or None, arm, version). One transaction for a turn's rows."""
    made: Exposures = {}
    if not rows:
        return made
    at = now()
    with db.transaction() as conn:
        for experiment_id, subject, listener_id, arm, version in rows:
            row = conn.execute(
                "INSERT INTO exposure (experiment_id, subject, listener_id, arm, version, at) VALUES (?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (experiment_id, subject, listener_id, arm, version, at),
            ).fetchone()
            assert row is not None  # RETURNING: the new row's id
            made[experiment_id] = row[0]
    return made


def record_event(db: Database, exposures: Exposures, kind: EventKind, position: int | None = None) -> None:
    """The action counts for every experiment that made the playlist it acted on."""
    if exposures:
        with db.transaction() as conn:
            insert_events(conn, exposures, kind, position)


def insert_events(conn, exposures: Exposures, kind: EventKind, position: int | None) -> None:
    if kind not in EVENT_KINDS:
        raise PlaylistError(f"an event is one of {', '.join(EVENT_KINDS)}, not {kind!r}")
    at = now()
    conn.executemany(
        "INSERT INTO exposure_event (exposure_id, kind, position, at) VALUES (?, ?, ?, ?)",
        [(exposure_id, kind, position, at) for exposure_id in exposures.values()],
    )


class RecentPlaylist(BaseModel):
    """A listener's last playlist as the app or the CLI left it, with the exposures it counts for."""

    listener_id: str
    playlist: Playlist
    exposures: Exposures = {}
    locked: list[str] = []
    made_at: str = ""


def save_recent(db: Database, recent: RecentPlaylist) -> None:
    with db.transaction() as conn:
        upsert_recent(conn, recent)


def upsert_recent(conn, recent: RecentPlaylist) -> None:
    conn.execute(
        "INSERT INTO recent_playlist (listener_id, playlist_json, exposures_json, locked_json, made_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (listener_id) DO UPDATE SET playlist_json = "
        "excluded.playlist_json, exposures_json = excluded.exposures_json, locked_json = "
        "excluded.locked_json, made_at = excluded.made_at",
        (
            recent.listener_id,
            recent.playlist.model_dump_json(),
            json.dumps({str(k): v for k, v in recent.exposures.items()}),
            json.dumps(recent.locked),
            recent.made_at or now(),
        ),
    )


def load_recent(db: Database, listener_id: str) -> RecentPlaylist:
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT playlist_json, exposures_json, locked_json, made_at FROM recent_playlist WHERE listener_id = ?",
            (listener_id,),
        ).fetchone()
    if row is None:
        raise PlaylistError(
            f"{listener_id} has no playlist yet: make one first (playlist ask PROMPT --user "
            f"{listener_id}, or in the app)"
        )
    return RecentPlaylist(
        listener_id=listener_id,
        playlist=Playlist.model_validate_json(row[0]),
        exposures={int(k): v for k, v in json.loads(row[1]).items()},
        locked=json.loads(row[2]),
        made_at=row[3],
    )
