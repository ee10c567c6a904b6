"""Experiments as rows: start (the candidate saved as a version and the experiment, in one transaction), stop,
promote, and the notes that go into the template's history."""

import random
import time
from datetime import UTC, datetime, timedelta

from assistant.experiments.experiment import COLUMNS, Experiment, Note, Outcome, check_start, experiment_from_row, now
from assistant.profiles import Database
from assistant.templates import MAX_PUBLISH_TRIES, PUBLISH_BACKOFF_S, TemplateStore, TemplateVersion, spec_for
from assistant.templates import unique_violations as _unique_violations
from index.errors import PlaylistError


class ExperimentStore:
    """The experiments of one database (the templates' database), shared by every replica."""

    def __init__(self, templates: TemplateStore):
        if templates.db is None:
            raise PlaylistError("experiments need a database (set PLAYLIST_DB)")
        self.templates = templates
        self.db: Database = templates.db

    def start(self, name: str, text: str, share: float, author: str) -> Experiment:
        """Saves `text` as a new (not live) version and starts showing it to `share` of listeners, the live
        version being the control; all in one transaction, so a refused start leaves no version behind."""
        check_start(name, text, share, author)
        for attempt in range(MAX_PUBLISH_TRIES):
            try:
                with self.db.transaction() as conn:
                    return self._start(conn, name, text, share, author.strip())
            except _unique_violations():  # another replica took the version number (or started first)
                time.sleep(random.uniform(0, PUBLISH_BACKOFF_S * (attempt + 1)))
        raise PlaylistError(
            f"{name}: the experiment was not started after {MAX_PUBLISH_TRIES} tries, other app "
            "processes kept saving versions; start it again"
        )

    def _start(self, conn, name: str, text: str, share: float, author: str) -> Experiment:
        running = self._running_row(conn, name)
        if running is not None:
            raise PlaylistError(
                f"{name}: experiment {running.id} is running ({running.candidate} against "
                f"{running.control}); stop it first: playlist templates experiment stop {name}"
            )
        live = conn.execute("SELECT version FROM template_live WHERE name = ?", (name,)).fetchone()
        control = f"v{live[0]}" if live else "file"
        control_text = (
            self.templates.live(name).text
            if live is None
            else conn.execute(
                "SELECT text FROM template_version WHERE name = ? AND version = ?", (name, live[0])
            ).fetchone()[0]
        )
        if control_text == text:
            raise PlaylistError(f"{name}: the candidate is the same text as the live version {control}; change it")
        number = conn.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM template_version WHERE name = ?", (name,)
        ).fetchone()[0]
        started = now()
        conn.execute(
            "INSERT INTO template_version (name, version, text, author, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, number, text, author, started[:19] + "+00:00"),
        )
        row = conn.execute(
            f"INSERT INTO experiment (template, candidate, control, share, author, started_at) VALUES "
            f"(?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}",
            (name, number, control, share, author, started),
        ).fetchone()
        experiment = experiment_from_row(row)
        self._note(
            conn,
            experiment.id,
            "started",
            author,
            f"{experiment.candidate} against {control} for {share:.0%} of listeners",
        )
        return experiment

    @staticmethod
    def _note(conn, experiment_id: int, action: str, author: str, note: str) -> None:
        conn.execute(
            "INSERT INTO experiment_note (experiment_id, at, action, author, note) VALUES (?, ?, ?, ?, ?)",
            (experiment_id, now(), action, author, note),
        )

    @staticmethod
    def _running_row(conn, name: str) -> Experiment | None:
        row = conn.execute(
            f"SELECT {COLUMNS} FROM experiment WHERE template = ? AND stopped_at IS NULL", (name,)
        ).fetchone()
        return experiment_from_row(row) if row else None

    def running(self, name: str | None = None) -> list[Experiment]:
        with self.db.transaction() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM experiment WHERE stopped_at IS NULL"
                + (" AND template = ?" if name else "")
                + " ORDER BY id",
                (name,) if name else (),
            ).fetchall()
        return [experiment_from_row(r) for r in rows]

    def running_with_text(self) -> list[tuple[Experiment, TemplateVersion]]:
        """The running experiments and their candidate versions, in one read: what a turn needs."""
        with self.db.transaction() as conn:
            rows = conn.execute(
                f"SELECT {', '.join('x.' + c.strip() for c in COLUMNS.split(','))}, v.text, "
                "v.created_at FROM experiment x JOIN template_version v ON v.name = x.template AND "
                "v.version = x.candidate WHERE x.stopped_at IS NULL"
            ).fetchall()
        pairs = []
        for row in rows:
            experiment = experiment_from_row(row[:9])
            pairs.append(
                (
                    experiment,
                    TemplateVersion(
                        name=experiment.template,
                        version=experiment.candidate,
                        text=row[9],
                        author=experiment.author,
                        created_at=row[10],
                    ),
                )
            )
        return pairs

    def get(self, name: str, experiment_id: int | None = None) -> Experiment:
        """The experiment with this id, or the template's latest one."""
        spec_for(name)
        with self.db.transaction() as conn:
            if experiment_id is None:
                row = conn.execute(
                    f"SELECT {COLUMNS} FROM experiment WHERE template = ? ORDER BY id DESC LIMIT 1", (name,)
                ).fetchone()
            else:
                row = conn.execute(
                    f"SELECT {COLUMNS} FROM experiment WHERE template = ? AND id = ?", (name, experiment_id)
                ).fetchone()
        if row is None:
            which = f"no experiment {experiment_id}" if experiment_id is not None else "no experiment yet"
            raise PlaylistError(f"{name} has {which}: start one with playlist templates experiment start {name} FILE")
        return experiment_from_row(row)

    def refuse_while_running(self, name: str) -> None:
        """A publish or rollback during an experiment would change its control under it: stop it first."""
        for experiment in self.running(name):
            raise PlaylistError(
                f"{name}: experiment {experiment.id} is running ({experiment.candidate} against "
                f"{experiment.control}); stop it first: playlist templates experiment stop {name}"
            )

    def by_id(self, experiment_id: int) -> Experiment | None:
        with self.db.transaction() as conn:
            row = conn.execute(f"SELECT {COLUMNS} FROM experiment WHERE id = ?", (experiment_id,)).fetchone()
        return experiment_from_row(row) if row else None

    def stop(self, name: str, author: str, promote: bool = False) -> Experiment:
        """Ends the running experiment; its exposures and feedback stay for the report. With `promote` the
        candidate becomes the live version in the same transaction."""
        with self.db.transaction() as conn:
            running = self._running_row(conn, name)
            if running is None:
                raise PlaylistError(f"{name}: no experiment is running" + self._last_said(conn, name))
            outcome: Outcome = "promoted" if promote else "stopped"
            self._end(
                conn,
                running,
                outcome,
                author,
                f"{running.candidate} is live" if promote else f"{running.control} stays live",
            )
        return self.get(name, running.id)

    def stop_by_guardrail(self, experiment: Experiment, note: str) -> bool:
        """Stops it unless someone (another replica's guardrail) already did; returns whether this call did."""
        with self.db.transaction() as conn:
            return self._end(conn, experiment, "guardrail", "guardrail", note)

    def _end(self, conn, experiment: Experiment, outcome: Outcome, author: str, note: str) -> bool:
        ended = conn.execute(
            "UPDATE experiment SET stopped_at = ?, outcome = ? WHERE id = ? AND stopped_at IS NULL",
            (now(), outcome, experiment.id),
        ).rowcount
        if ended and outcome == "promoted":
            conn.execute(
                "INSERT INTO template_live (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                "SET version = excluded.version",
                (experiment.template, int(experiment.candidate[1:])),
            )
        if ended:
            self._note(conn, experiment.id, outcome, author, note)
        return bool(ended)

    def claim_check(self, experiment_id: int, every_s: float) -> bool:
        """True for one caller, across replicas, per `every_s` seconds of a running experiment: whose turn it is
        to look at the guardrail."""
        stamp = datetime.now(UTC)
        before = (stamp - timedelta(seconds=every_s)).isoformat(timespec="microseconds")
        with self.db.transaction() as conn:
            return (
                conn.execute(
                    "UPDATE experiment SET checked_at = ? WHERE id = ? AND stopped_at IS NULL AND "
                    "(checked_at IS NULL OR checked_at <= ?)",
                    (stamp.isoformat(timespec="microseconds"), experiment_id, before),
                ).rowcount
                == 1
            )

    def _last_said(self, conn, name: str) -> str:
        row = conn.execute(
            "SELECT x.id, n.action, n.at FROM experiment x JOIN experiment_note n ON "
            "n.experiment_id = x.id WHERE x.template = ? ORDER BY n.at DESC LIMIT 1",
            (name,),
        ).fetchone()
        said = "stopped by the guardrail" if row and row[1] == "guardrail" else row and row[1]
        return f" (experiment {row[0]} was {said} at {row[2][:19]})" if row else ""

    def notes(self, name: str) -> list[Note]:
        """Starts, stops, promotions and guardrail stops of the template's experiments, newest first."""
        with self.db.transaction() as conn:
            rows = conn.execute(
                "SELECT n.experiment_id, n.at, n.action, n.author, n.note FROM experiment_note n "
                "JOIN experiment x ON x.id = n.experiment_id WHERE x.template = ? "
                "ORDER BY n.at DESC",
                (name,),
            ).fetchall()
        return [Note(experiment=r[0], at=r[1], action=r[2], author=r[3], note=r[4]) for r in rows]
