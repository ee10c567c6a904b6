"""Standing playlists and their refreshes in the state store (SQLite or PostgreSQL, the same tables). A refresh
is claimed with a lease, one UPDATE that only one process can win, so two schedulers or two replicas never run
the same refresh twice; a refresh whose delivery failed stays undelivered and is delivered again at the next run."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel

from assistant.models import Playlist, TurnOverrides
from assistant.outputs.standing.schedule import Schedule, zone
from assistant.outputs.standing.targets import TARGET, Target
from assistant.profiles import Database, check_listener_id, open_database
from index.errors import PlaylistError

LEASE_S = 900.0  # longer than any refresh (the model's curation stops at its deadline); a crashed run's lease ends
KEPT_REFRESHES = 12  # per standing playlist: enough for the rotation's memory and a look back


def stamp(moment: datetime) -> str:
    """UTC, to the second, one fixed format: such strings compare as the moments do."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class StandingPlaylist(BaseModel):
    id: int
    listener_id: str
    prompt: str
    follow_ups: list[str]
    locked_ids: list[str]
    overrides: TurnOverrides = TurnOverrides()  # the app's Tracks and Clean settings, replayed with every turn
    schedule: Schedule
    target: Target
    created_at: str
    last_slot: str | None = None  # the slot last delivered for
    last_run_at: str | None = None
    last_status: str = "never run"
    last_ok: bool | None = None

    def due(self, now: datetime) -> bool:
        return self.last_slot is None or stamp(self.schedule.latest_slot(now)) > self.last_slot

    def next_refresh(self, now: datetime) -> datetime:
        """Now when due (a run-due now refreshes it), else the first slot after now and after the slot last
        delivered for (a run for a later --now may have done tomorrow's already); in the schedule's zone."""
        done = datetime.fromisoformat(self.last_slot) if self.last_slot else now
        moment = now if self.due(now) else self.schedule.next_slot(max(now, done))
        return moment.astimezone(zone(self.schedule.tz))


class Refresh(BaseModel):
    slot: str
    made_at: str
    playlist: Playlist
    follow_ups: list[str]
    new_ids: list[str]
    dropped_ids: list[str]
    delivered: bool = False


_COLUMNS = (
    "id, listener_id, prompt, follow_ups_json, locked_json, overrides_json, schedule_json, target_json, "
    "created_at, last_slot, last_run_at, last_status, last_ok"
)


def _standing(row) -> StandingPlaylist:
    return StandingPlaylist(
        id=row[0],
        listener_id=row[1],
        prompt=row[2],
        follow_ups=json.loads(row[3]),
        locked_ids=json.loads(row[4]),
        overrides=TurnOverrides.model_validate_json(row[5]),
        schedule=Schedule.model_validate_json(row[6]),
        target=TARGET.validate_json(row[7]),
        created_at=row[8],
        last_slot=row[9],
        last_run_at=row[10],
        last_status=row[11],
        last_ok=None if row[12] is None else bool(row[12]),
    )


class StandingStore:
    def __init__(self, db: "str | Path | Database"):
        self.db = open_database(db)

    def add(
        self,
        listener_id: str,
        prompt: str,
        follow_ups: list[str],
        locked_ids: list[str],
        schedule: Schedule,
        target: Target,
        overrides: TurnOverrides | None = None,
    ) -> int:
        """The new standing playlist's id; the listener must exist (import a history or log in first)."""
        with self.db.transaction() as conn:
            if (
                conn.execute("SELECT 1 FROM listener WHERE id = ?", (check_listener_id(listener_id),)).fetchone()
                is None
            ):
                raise PlaylistError(
                    f"unknown listener {listener_id!r}: import a history first (playlist profile import FILE --user ID)"
                )
            cursor = conn.execute(
                "INSERT INTO standing_playlist (listener_id, prompt, follow_ups_json, locked_json, overrides_json, "
                "schedule_json, target_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    listener_id,
                    prompt,
                    json.dumps(follow_ups),
                    json.dumps(sorted(locked_ids)),
                    (overrides or TurnOverrides()).model_dump_json(),
                    schedule.model_dump_json(),
                    target.model_dump_json(),
                    stamp(datetime.now(UTC)),
                ),
            )
            row = cursor.fetchone()
            assert row is not None  # RETURNING: the new row's id
            return int(row[0])

    def listed(self, listener_id: str | None = None) -> list[StandingPlaylist]:
        """One listener's standing playlists, or everyone's (for the scheduler), oldest first."""
        where, params = ("WHERE listener_id = ?", (check_listener_id(listener_id),)) if listener_id else ("", ())
        with self.db.transaction() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM standing_playlist {where} ORDER BY id", params).fetchall()
        return [_standing(row) for row in rows]

    def get(self, standing_id: int, listener_id: str | None = None) -> StandingPlaylist:
        """The standing playlist; with listener_id, only if it is theirs (the app never shows another's)."""
        sql = f"SELECT {_COLUMNS} FROM standing_playlist WHERE id = ?"
        params: list[int | str] = [standing_id]
        if listener_id is not None:
            sql, params = sql + " AND listener_id = ?", params + [check_listener_id(listener_id)]
        with self.db.transaction() as conn:
            row = conn.execute(sql, params).fetchone()
        if row is None:
            raise PlaylistError(
                f"there is no standing playlist {standing_id}"
                + (f" for {listener_id}" if listener_id else "")
                + " (playlist standing list --user ID)"
            )
        return _standing(row)

    def remove(self, standing_id: int, listener_id: str | None = None) -> None:
        self.get(standing_id, listener_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM standing_refresh WHERE standing_id = ?", (standing_id,))
            conn.execute("DELETE FROM standing_playlist WHERE id = ?", (standing_id,))

    def claim(self, standing_id: int, slot: str, owner: str, lease_s: float = LEASE_S) -> bool:
        """Takes the refresh for `slot`: True for exactly one caller while the slot is not done and no live lease
        is held; the lease runs on this machine's clock, whatever time the refresh is for."""
        now = datetime.now(UTC)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE standing_playlist SET lease_owner = ?, lease_until = ? WHERE id = ? AND "
                "(lease_until IS NULL OR lease_until < ?) AND (last_slot IS NULL OR last_slot < ?)",
                (owner, stamp(now + timedelta(seconds=lease_s)), standing_id, stamp(now), slot),
            )
            return cursor.rowcount == 1

    def release(self, standing_id: int, owner: str, status: str, ok: bool, done_slot: str | None) -> None:
        """Ends the lease with the outcome; `done_slot` (the slot just delivered) marks its refresh delivered and
        the playlist not due until the next slot, in the same transaction."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE standing_playlist SET lease_owner = NULL, lease_until = NULL, last_run_at = ?, "
                "last_status = ?, last_ok = ?, last_slot = COALESCE(?, last_slot) WHERE id = ? AND lease_owner = ?",
                (stamp(datetime.now(UTC)), status, int(ok), done_slot, standing_id, owner),
            )
            if done_slot is not None:
                conn.execute(
                    "UPDATE standing_refresh SET delivered = 1 WHERE standing_id = ? AND slot = ?",
                    (standing_id, done_slot),
                )

    def record(self, standing_id: int, refresh: Refresh) -> None:
        """Stores a refresh (replacing an undelivered one for the same slot) and forgets the oldest ones."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM standing_refresh WHERE standing_id = ? AND slot = ?", (standing_id, refresh.slot))
            conn.execute(
                "INSERT INTO standing_refresh (standing_id, slot, made_at, playlist_json, follow_ups_json, "
                "new_ids_json, dropped_ids_json, delivered) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    standing_id,
                    refresh.slot,
                    refresh.made_at,
                    refresh.playlist.model_dump_json(),
                    json.dumps(refresh.follow_ups),
                    json.dumps(refresh.new_ids),
                    json.dumps(refresh.dropped_ids),
                    int(refresh.delivered),
                ),
            )
            conn.execute(
                "DELETE FROM standing_refresh WHERE standing_id = ? AND slot NOT IN (SELECT slot FROM "
                "standing_refresh WHERE standing_id = ? ORDER BY slot DESC LIMIT ?)",
                (standing_id, standing_id, KEPT_REFRESHES),
            )

    def refreshes(self, standing_id: int) -> list[Refresh]:
        """Newest first."""
        with self.db.transaction() as conn:
            rows = conn.execute(
                "SELECT slot, made_at, playlist_json, follow_ups_json, new_ids_json, dropped_ids_json, delivered "
                "FROM standing_refresh WHERE standing_id = ? ORDER BY slot DESC",
                (standing_id,),
            ).fetchall()
        return [
            Refresh(
                slot=r[0],
                made_at=r[1],
                playlist=Playlist.model_validate_json(r[2]),
                follow_ups=json.loads(r[3]),
                new_ids=json.loads(r[4]),
                dropped_ids=json.loads(r[5]),
                delivered=bool(r[6]),
            )
            for r in rows
        ]
