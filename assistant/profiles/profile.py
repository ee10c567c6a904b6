"""Listening profiles: imported plays and feedback in SQLite, turned into a taste vector and play counts (the
weighting is in taste.py)."""

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, computed_field

from assistant.models import Playlist
from assistant.parsing import CatalogVocabulary
from assistant.profiles.cache import ListenerCache, Stamp
from assistant.profiles.history import Play, track_key
from assistant.profiles.stores import Database, open_database
from assistant.profiles.taste import FEEDBACK_WEIGHT, ListenerProfile, build_profile
from index.errors import PlaylistError
from index.store import VectorIndex

FeedbackKind = Literal["like", "dislike", "skip"]
PROGRESS_EVERY = 5_000
PROFILE_CACHE_SIZE = 32  # listeners whose built profile is kept
ImportProgress = Callable[[int, int], object]  # (plays matched, plays in the file); what it returns is ignored
_LISTENER_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def check_listener_id(listener_id: str) -> str:
    if not isinstance(listener_id, str) or not _LISTENER_ID.match(listener_id):
        raise PlaylistError("a listener id is 1-64 letters, digits, '.', '_', '@' or '-'")
    return listener_id


class HistoryImportReport(BaseModel):
    """A listening-history import (plays into one listener's profile); not index.sources' CatalogImportReport,
    which counts tracks written into a catalog file."""

    listener_id: str
    plays: int  # read from the file
    new: int  # stored now; the others were stored by an earlier import (or are repeated in the file)
    matched: int
    source: str

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented form; mypy rejects decorated properties
    @property
    def already(self) -> int:
        return self.plays - self.new

    @property
    def match_rate(self) -> float:
        return self.matched / self.plays if self.plays else 0.0

    def summary(self) -> str:
        return (
            f"imported {self.new} new plays for {self.listener_id} from {self.source}, {self.already} already "
            f"in the profile: {self.matched} matched catalog tracks ({self.match_rate:.0%})"
        )


class ProfileSummary(BaseModel):
    listener_id: str
    plays: int
    matched_plays: int
    top_artists: list[tuple[str, int]]
    top_genres: list[tuple[str, int]]
    decades: list[tuple[str, int]]
    feedback: dict[str, int]


class ProfileStore:
    def __init__(self, db: "str | Path | Database", cache_size: int = PROFILE_CACHE_SIZE):
        self.db = open_database(db)
        self._profiles: ListenerCache[ListenerProfile] = ListenerCache(cache_size)

    def exists(self, listener_id: str) -> bool:
        with self.db.transaction() as conn:
            return (
                conn.execute("SELECT 1 FROM listener WHERE id = ?", (check_listener_id(listener_id),)).fetchone()
                is not None
            )

    def require(self, listener_id: str) -> Stamp:
        """The listener's stamp (see profiles.cache), or an error saying how to make the listener."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT created_at, version FROM listener WHERE id = ?", (check_listener_id(listener_id),)
            ).fetchone()
        if row is None:
            self._profiles.drop(listener_id)
            raise PlaylistError(
                f"unknown listener {listener_id!r}: import a history first (playlist profile import FILE --user ID)"
            )
        return row[0], int(row[1])

    def ensure_listener(self, listener_id: str) -> None:
        """A logged-in listener is known from the first visit, history or not, so likes and saves are theirs."""
        with self.db.transaction() as conn:
            self._ensure(conn, check_listener_id(listener_id))

    @staticmethod
    def _ensure(conn, listener_id: str) -> None:
        conn.execute(
            "INSERT INTO listener (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            (listener_id, datetime.now(UTC).isoformat()),
        )

    @staticmethod
    def _changed(conn, listener_id: str) -> None:
        """In the transaction of the change: every replica's cached profile of this listener is stale now."""
        conn.execute("UPDATE listener SET version = version + 1 WHERE id = ?", (listener_id,))

    def import_plays(
        self,
        listener_id: str,
        plays: list[Play],
        vocab: CatalogVocabulary,
        known_ids: set[str],
        source: str,
        on_progress: ImportProgress | None = None,
    ) -> HistoryImportReport:
        """Matches plays to catalog tracks and stores the ones not stored yet (the same listener, time and track)
        in one transaction: all or nothing, and importing a file again adds nothing. on_progress gets (plays matched
        so far, all plays), because a years-long export takes a while."""
        check_listener_id(listener_id)
        rows = []
        matched = 0
        for done, play in enumerate(plays, 1):
            if on_progress is not None and (done % PROGRESS_EVERY == 0 or done == len(plays)):
                on_progress(done, len(plays))
            track_id = play.track_id if play.track_id in known_ids else None
            if track_id is None:
                song = vocab.find_song(play.title, play.artist)
                track_id = song.track_id if song else None
            matched += track_id is not None
            rows.append(
                (
                    listener_id,
                    track_id,
                    track_key(track_id, play.artist, play.title),
                    play.artist,
                    play.title,
                    play.played_at.isoformat(),
                    play.ms_played,
                    int(play.skipped),
                    source,
                )
            )
        with self.db.transaction() as conn:
            self._ensure(conn, listener_id)
            new = conn.executemany(
                "INSERT INTO play (listener_id, track_id, track_key, artist, title, played_at, ms_played, skipped,"
                " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                rows,
            ).rowcount
            if new:
                self._changed(conn, listener_id)
        return HistoryImportReport(listener_id=listener_id, plays=len(plays), new=new, matched=matched, source=source)

    def add_feedback(self, listener_id: str, track_id: str, kind: FeedbackKind) -> None:
        if kind not in FEEDBACK_WEIGHT:
            raise PlaylistError(f"feedback is like, dislike or skip, not {kind!r}")
        with self.db.transaction() as conn:
            self._ensure(conn, check_listener_id(listener_id))
            conn.execute(
                "INSERT INTO feedback (listener_id, track_id, kind, at) VALUES (?, ?, ?, ?)",
                (listener_id, track_id, kind, datetime.now(UTC).isoformat()),
            )
            self._changed(conn, listener_id)

    def delete(self, listener_id: str) -> int:
        """Removes every row of this listener; returns how many plays and feedback rows went."""
        with self.db.transaction() as conn:
            check_listener_id(listener_id)
            gone = sum(
                conn.execute(f"DELETE FROM {table} WHERE listener_id = ?", (listener_id,)).rowcount
                for table in ("play", "feedback", "saved_playlist")
            )
            conn.execute("DELETE FROM listener WHERE id = ?", (listener_id,))
        self._profiles.drop(listener_id)  # other replicas drop theirs at the next turn: the row is gone
        return gone

    def save_playlist(self, listener_id: str, playlist: Playlist, follow_ups: list[str]) -> int:
        with self.db.transaction() as conn:
            self._ensure(conn, check_listener_id(listener_id))
            cursor = conn.execute(
                "INSERT INTO saved_playlist (listener_id, title, playlist_json, follow_ups_json, saved_at)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (
                    listener_id,
                    playlist.title,
                    playlist.model_dump_json(),
                    json.dumps(follow_ups),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            row = cursor.fetchone()
            assert row is not None  # RETURNING: the new row's id
            return int(row[0])

    def saved_playlists(self, listener_id: str) -> list[Sequence[Any]]:
        """(id, title, saved_at), newest first."""
        with self.db.transaction() as conn:
            return conn.execute(
                "SELECT id, title, saved_at FROM saved_playlist WHERE listener_id = ? ORDER BY id DESC",
                (check_listener_id(listener_id),),
            ).fetchall()

    def open_playlist(self, listener_id: str, playlist_id: int) -> tuple[Playlist, list[str]]:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT playlist_json, follow_ups_json FROM saved_playlist WHERE id = ? AND listener_id = ?",
                (playlist_id, check_listener_id(listener_id)),
            ).fetchone()
        if row is None:
            raise PlaylistError(f"{listener_id} has no saved playlist {playlist_id}")
        return Playlist.model_validate_json(row[0]), json.loads(row[1])

    def _rows(self, listener_id: str) -> tuple[list[Sequence[Any]], list[Sequence[Any]]]:
        with self.db.transaction() as conn:
            plays = conn.execute(
                "SELECT track_id, artist, played_at, ms_played, skipped FROM play WHERE listener_id = ?", (listener_id,)
            ).fetchall()
            feedback = conn.execute(
                "SELECT track_id, kind FROM feedback WHERE listener_id = ?", (listener_id,)
            ).fetchall()
        return plays, feedback

    def profile(self, listener_id: str, index: VectorIndex) -> ListenerProfile:
        """The listener's profile, built from their plays once per change of their data: a turn costs one look at
        the listener's row. The stamp is read before the plays, so a change committed in between makes the next
        turn build again rather than keep a stale profile."""
        stamp = self.require(listener_id)
        cached = self._profiles.get(listener_id, stamp, index)
        if cached is None:
            cached = build_profile(listener_id, *self._rows(listener_id), index)
            self._profiles.put(listener_id, stamp, index, cached)
        return cached

    def summary(self, listener_id: str, index: VectorIndex, top: int = 10) -> ProfileSummary:
        self.require(listener_id)
        plays, feedback = self._rows(listener_id)
        artists: Counter = Counter(artist for _, artist, _, _, skipped in plays if not skipped)
        genres: Counter = Counter()
        decades: Counter = Counter()
        for track_id, *_ in plays:
            track = index.track(track_id) if track_id else None
            if track:
                genres.update(track.genres[:1])
                if track.year:
                    decades[f"{track.year // 10 * 10}s"] += 1
        return ProfileSummary(
            listener_id=listener_id,
            plays=len(plays),
            matched_plays=sum(1 for p in plays if p[0]),
            top_artists=artists.most_common(top),
            top_genres=genres.most_common(top),
            decades=sorted(decades.items()),
            feedback=dict(Counter(kind for _, kind in feedback)),
        )
