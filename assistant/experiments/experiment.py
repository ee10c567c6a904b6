"""What an experiment is: its arms, outcomes and the listener events it counts, the rows it is read back as, and
what a start refuses before anything is written. Apart from the store, so
tracking names the events without the SQL of starts and stops."""

from datetime import UTC, datetime
from typing import Literal, get_args

from pydantic import BaseModel

from assistant.templates import spec_for, validate
from index.describe import DESCRIPTION_TEMPLATE, SOUND_TEMPLATE
from index.errors import PlaylistError

Arm = Literal["control", "candidate"]
Outcome = Literal["stopped", "promoted", "guardrail"]
EventKind = Literal["like", "dislike", "skip", "remove", "lock", "export", "save", "send", "follow_up"]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
# The index templates shape the stored vectors, not a playlist being made: one version serves everyone.
INDEX_TEMPLATES = {DESCRIPTION_TEMPLATE.removesuffix(".j2"), SOUND_TEMPLATE.removesuffix(".j2")}
COLUMNS = "id, template, candidate, control, share, author, started_at, stopped_at, outcome"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Experiment(BaseModel):
    id: int
    template: str
    candidate: str  # 'v7'
    control: str  # the live version when it started: 'v6' or 'file'
    share: float  # of listeners who see the candidate
    author: str
    started_at: str
    stopped_at: str | None = None
    outcome: Outcome | None = None

    @property
    def running(self) -> bool:
        return self.stopped_at is None

    @property
    def status(self) -> str:
        return "running" if self.running else str(self.outcome)


class Note(BaseModel):
    experiment: int
    at: str
    action: str
    author: str
    note: str

    def line(self) -> str:
        return f"experiment {self.experiment}: {self.at[:19]} {self.action} by {self.author}: {self.note}"


def experiment_from_row(row) -> Experiment:
    return Experiment(
        id=row[0],
        template=row[1],
        candidate=f"v{row[2]}",
        control=row[3],
        share=row[4],
        author=row[5],
        started_at=row[6],
        stopped_at=row[7],
        outcome=row[8],
    )


def check_start(name: str, text: str, share: float, author: str) -> None:
    """Everything a start can refuse before it writes: the template kind, the share, the author, the text."""
    spec_for(name)
    if name in INDEX_TEMPLATES:
        raise PlaylistError(
            f"{name}: an experiment needs a template used when a playlist is made; this one is used "
            "when the index is built (publish it and rebuild instead)"
        )
    if not 0 < share < 1:
        raise PlaylistError(
            f"the share is the part of listeners who see the candidate, between 0 and 1 (not {share:g}), e.g. 0.5"
        )
    if not author.strip():
        raise PlaylistError("give the author of the experiment (--author)")
    validate(name, text)
