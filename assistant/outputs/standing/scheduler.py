"""The app's own scheduler: while the app runs, a daemon thread refreshes what is due every PLAYLIST_SCHEDULER_S
seconds (and at once when poked, after "Keep this fresh"). Several replicas, or the app and a cron job, can all
run it: the lease in the database lets exactly one of them make each refresh."""

import logging
import threading

from assistant.outputs.standing.refresh import Outcome, Refresher

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, refresher: Refresher, period_s: float):
        self.refresher, self.period_s = refresher, period_s
        self.last: list[Outcome] = []  # the outcomes of the latest run that refreshed something
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="standing-scheduler")

    def start(self) -> "Scheduler":
        self._thread.start()
        return self

    def poke(self) -> None:
        """Run now rather than at the next tick."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout_s)

    def run_once(self) -> list[Outcome]:
        try:
            outcomes = self.refresher.run_due()
        except Exception:  # noqa: BLE001 - a database that is down now may be back at the next tick
            log.exception("the standing-playlist scheduler could not run")
            return []
        for outcome in outcomes:
            (log.info if outcome.ok else log.warning)("standing playlist %s", outcome.line())
        if outcomes:
            self.last = outcomes
        return outcomes

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._wake.wait(self.period_s)
            self._wake.clear()
