"""One session's part in the running experiments: which arm it is in (sticky per listener, one random draw per
chat without a listener), the templates it sees, and what it records after each turn and action."""

import copy
import hashlib
import logging
import random
import time
import uuid
from typing import TYPE_CHECKING, Any

from assistant.experiments.experiment import Arm, EventKind, Experiment
from assistant.experiments.report import guard
from assistant.experiments.store import ExperimentStore
from assistant.experiments.tracking import Exposures, RecentPlaylist, record_event, record_exposures, save_recent
from assistant.models import Playlist
from assistant.profiles import DatabaseError
from assistant.templates import TemplateStore, TemplateVersion
from index.errors import PlaylistError

if TYPE_CHECKING:
    from assistant.pipeline import Engine

RUNNING_REFRESH_S = 1.0  # a start or stop in another replica reaches this session's next turn after at most this
GUARDRAIL_EVERY_S = 30.0  # across replicas, the guardrail is looked at no more often than this per experiment
log = logging.getLogger(__name__)


def assigned_arm(experiment_id: int, subject: str, share: float) -> Arm:
    """The same listener gets the same arm of an experiment in every turn and replica; a hash rather than a stored
    draw, so nothing is written to decide it, and experiments assign independently of each other."""
    digest = hashlib.sha256(f"{experiment_id}:{subject}".encode()).digest()
    return "candidate" if int.from_bytes(digest[:8], "big") / 2**64 < share else "control"


class ArmedTemplates(TemplateStore):
    """The app's templates as one session sees them: a candidate version where its arm says so. It notes which
    templates were rendered, so a playlist counts only for the experiments whose template helped make it."""

    def __init__(self, base: TemplateStore, trial: "Trial"):
        super().__init__(None, base.prompts_dir, base.refresh_s)
        self.db = base.db
        self.base, self.trial = base, trial

    def live(self, name: str) -> TemplateVersion:
        return self.trial.version_for(name) or self.base.live(name)

    def render(self, name: str, **variables: Any) -> str:
        self.trial.rendered.add(name)
        return super().render(name, **variables)


class Trial:
    """Inert without a database. Recording never fails a turn: a database error is logged and the listener
    still gets the playlist."""

    def __init__(
        self,
        templates: TemplateStore,
        listener_id: str | None,
        rng: random.Random | None = None,
        guardrail_every_s: float | None = None,
    ):
        self.base = templates.base if isinstance(templates, ArmedTemplates) else templates
        self.store = ExperimentStore(self.base) if self.base.db is not None else None
        self.listener_id = listener_id
        self.subject = listener_id or f"session:{uuid.uuid4().hex}"
        self.guardrail_every_s = GUARDRAIL_EVERY_S if guardrail_every_s is None else guardrail_every_s
        self.rendered: set[str] = set()
        self._rng = rng or random.Random()
        self._draws: dict[int, Arm] = {}
        self._running: dict[str, tuple[Experiment, TemplateVersion]] = {}
        self._read_at = float("-inf")

    def engine(self, engine: "Engine") -> "Engine":
        """The engine this session runs on: the same index, caches and vocabulary, its own view of templates."""
        if self.store is None:
            return engine
        armed = copy.copy(engine)
        armed.templates = ArmedTemplates(self.base, self)
        return armed

    def running(self) -> dict[str, tuple[Experiment, TemplateVersion]]:
        if self.store is not None and time.monotonic() - self._read_at >= RUNNING_REFRESH_S:
            try:
                self._running = {e.template: (e, v) for e, v in self.store.running_with_text()}
            except DatabaseError as exc:
                log.warning("experiments not read, the live versions serve this turn: %s", exc)
                self._running = {}
            self._read_at = time.monotonic()
        return self._running

    def arm(self, experiment: Experiment) -> Arm:
        if self.listener_id is not None:
            return assigned_arm(experiment.id, self.listener_id, experiment.share)
        if experiment.id not in self._draws:
            self._draws[experiment.id] = "candidate" if self._rng.random() < experiment.share else "control"
        return self._draws[experiment.id]

    def version_for(self, name: str) -> TemplateVersion | None:
        running = self.running().get(name)
        return running[1] if running and self.arm(running[0]) == "candidate" else None

    def turn(
        self,
        playlist: Playlist,
        acted_on: Exposures,
        event: EventKind | None,
        continues: bool,
        learn: bool,
        locked: set[str],
    ) -> Exposures:
        """After a turn: `event` counted on the playlist it acted on (`continues`: the new playlist refines it and
        keeps its exposures), an exposure for each experiment whose template made this playlist and has none in it
        yet, and the listener's last playlist stored. Returns the new playlist's exposures."""
        rendered, self.rendered = self.rendered, set()
        exposures = dict(acted_on) if continues else {}
        if self.store is None or not learn:
            return exposures
        try:
            if event is not None:
                self._event(self.store, acted_on, event, None)
            rows = [
                (e.id, self.subject, self.listener_id, self.arm(e), playlist.template_versions.get(name, v.version))
                for name, (e, v) in (self.running().items() if rendered else ())
                if name in rendered and e.id not in exposures
            ]
            exposures |= record_exposures(self.store.db, rows)
            if rows:
                self._guard(self.store, [r[0] for r in rows])
            if self.listener_id is not None:
                save_recent(
                    self.store.db,
                    RecentPlaylist(
                        listener_id=self.listener_id, playlist=playlist, exposures=exposures, locked=sorted(locked)
                    ),
                )
        except (DatabaseError, PlaylistError) as exc:
            log.warning("the experiments' record of this turn failed: %s", exc)
        return exposures

    def event(self, exposures: Exposures, kind: EventKind, position: int | None, learn: bool) -> None:
        """An action on a playlist (like, dislike, remove, lock, export, save, send), counted for the experiments
        that made it."""
        if self.store is None or not learn or not exposures:
            return
        try:
            self._event(self.store, exposures, kind, position)
        except (DatabaseError, PlaylistError) as exc:
            log.warning("the experiments' record of a %s failed: %s", kind, exc)

    def _event(self, store: ExperimentStore, exposures: Exposures, kind: EventKind, position: int | None) -> None:
        record_event(store.db, exposures, kind, position)
        if kind in ("dislike", "remove"):
            self._guard(store, list(exposures))

    def _guard(self, store: ExperimentStore, experiment_ids: list[int]) -> None:
        if guard(store, experiment_ids, self.guardrail_every_s):
            self._read_at = float("-inf")  # the next turn reads which experiments still run
