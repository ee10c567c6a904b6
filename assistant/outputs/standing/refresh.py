"""Running the standing playlists that are due: each is claimed (a lease in the database), made (the prompt and
follow-ups replayed with the listener's current profile, then rotated), recorded, delivered and released with
its outcome. A delivery that fails leaves the refresh recorded but undelivered, and the slot not done, so the
next run delivers that same playlist; the engine loads only when something is due, so a cron run with nothing
to do costs a database query."""

import functools
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from assistant.models import Playlist
from assistant.outputs.players import Player, player_registry
from assistant.outputs.standing.rotation import COOLDOWN_REFRESHES, rotate
from assistant.outputs.standing.store import Refresh, StandingPlaylist, StandingStore, stamp
from assistant.outputs.standing.targets import deliver
from assistant.pipeline import Engine
from assistant.profiles import ProfileStore
from assistant.session import Session
from index.errors import PlaylistError
from index.registry import Registry

log = logging.getLogger(__name__)


class Outcome(BaseModel):
    standing_id: int
    listener_id: str
    ok: bool
    message: str

    def line(self) -> str:
        return f"#{self.standing_id} ({self.listener_id}): {'' if self.ok else 'FAILED '}{self.message}"


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Refresher:
    store: StandingStore
    profiles: ProfileStore
    engine: Callable[[], Engine]  # called once, and only when something is due
    index_dir: Path
    session_models: dict = field(default_factory=dict)  # Settings.session_models(): understanding and curation
    owner: str = field(default_factory=_owner)
    players: Registry[Player] = field(default_factory=player_registry)  # built once per refresher (app, command)
    _engine: Engine | None = None

    def run_due(self, now: datetime | None = None, listener_id: str | None = None) -> list[Outcome]:
        """Refreshes, once, every standing playlist due at `now` that no other process has taken."""
        now = now or datetime.now(UTC)
        outcomes = []
        for standing in self.store.listed(listener_id):
            if standing.due(now):
                slot = stamp(standing.schedule.latest_slot(now))
                outcome = self._run(standing, slot, functools.partial(self._made, standing, slot))
                outcomes += [outcome] if outcome else []
        return outcomes

    def deliver_now(self, standing: StandingPlaylist, playlist: Playlist, follow_ups: list[str]) -> Outcome | None:
        """The playlist on screen as the first delivery ("Keep this fresh"); the next slot rotates from it."""
        slot = stamp(standing.schedule.latest_slot(datetime.now(UTC)))
        return self._run(
            standing,
            slot,
            lambda: Refresh(
                slot=slot,
                made_at=stamp(datetime.now(UTC)),
                playlist=playlist,
                follow_ups=follow_ups,
                new_ids=playlist.track_ids,
                dropped_ids=[],
            ),
        )

    def _run(self, standing: StandingPlaylist, slot: str, make: Callable[[], Refresh]) -> Outcome | None:
        """None when another process holds or has done this refresh."""
        if not self.store.claim(standing.id, slot, self.owner):
            return None
        try:
            pending = next((r for r in self.store.refreshes(standing.id) if r.slot == slot and not r.delivered), None)
            refresh = pending or make()
            if pending is None:
                self.store.record(standing.id, refresh)
        except Exception as exc:  # noqa: BLE001 - one failed playlist must not stop the others; the lease ends
            if not isinstance(exc, PlaylistError):
                log.exception("standing playlist %s failed", standing.id)
            return self._finish(standing, f"could not be made: {exc}", False, None)
        try:
            said = deliver(standing.target, refresh.playlist, refresh.follow_ups, self.index_dir, self.players)
        except PlaylistError as exc:
            return self._finish(
                standing,
                f"made, but the delivery to {standing.target.describe()} failed: {exc}; "
                "it is delivered at the next run",
                False,
                None,
            )
        items = refresh.playlist.items
        warnings = "".join(f"; note: {w}" for w in refresh.playlist.warnings)
        return self._finish(standing, f"{len(items)} tracks, {len(refresh.new_ids)} new; {said}{warnings}", True, slot)

    def _finish(self, standing: StandingPlaylist, message: str, ok: bool, done_slot: str | None) -> Outcome:
        self.store.release(standing.id, self.owner, message, ok, done_slot)
        return Outcome(standing_id=standing.id, listener_id=standing.listener_id, ok=ok, message=message)

    def _made(self, standing: StandingPlaylist, slot: str) -> Refresh:
        if self._engine is None:
            self._engine = self.engine()
        engine = self._engine
        delivered = [r for r in self.store.refreshes(standing.id) if r.delivered]
        models = self.session_models
        if delivered:  # only the request is replayed then: the model understands, the rotation picks
            models = {**models, "llm": None, "understand_llm": models.get("understand_llm") or models.get("llm")}
        session = Session(engine, self.profiles, standing.listener_id, learn=False, **models)
        replay = session.ask(standing.prompt, standing.overrides)
        for text in standing.follow_ups:
            replay = session.refine(text, standing.overrides)
        profile = self.profiles.profile(standing.listener_id, engine.index)
        cooldown = {i for r in delivered[:COOLDOWN_REFRESHES] for i in r.dropped_ids}
        rotation = rotate(
            engine,
            replay,
            [r.playlist.track_ids for r in delivered],
            cooldown,
            profile.disliked,
            set(standing.locked_ids),
            profile,
            session.settings,
        )
        return Refresh(
            slot=slot,
            made_at=stamp(datetime.now(UTC)),
            playlist=rotation.playlist,
            follow_ups=standing.follow_ups,
            new_ids=rotation.new_ids,
            dropped_ids=rotation.dropped_ids,
        )
