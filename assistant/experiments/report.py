"""The report of one experiment: per version its listeners, playlists and, for each kind of feedback, the count
and the share of playlists that got it, with a Wilson interval and the difference to control (Newcombe). The
guardrail stops a candidate whose dislike or remove rate is above control's beyond the interval."""

from pydantic import BaseModel

from assistant.experiments.experiment import EVENT_KINDS, Arm, Experiment
from assistant.experiments.stats import difference, wilson
from assistant.experiments.store import ExperimentStore

GUARDED = ("dislike", "remove")
GUARDRAIL_MIN_PLAYLISTS = 20  # per arm: below this the guardrail waits, whatever the intervals say
PLURAL = {kind: ("follow_ups" if kind == "follow_up" else f"{kind}s") for kind in EVENT_KINDS}


class Rate(BaseModel):
    """Playlists with at least one such event, out of the variant's playlists."""

    playlists: int
    rate: float
    low: float
    high: float
    difference: float | None = None  # to control; None on control itself, or while either arm has no playlists
    difference_low: float | None = None
    difference_high: float | None = None

    @property
    def to_control(self) -> tuple[float, float, float] | None:
        """(difference, low, high) to control, or None where there is none (all three are set together)."""
        if self.difference is None or self.difference_low is None or self.difference_high is None:
            return None
        return self.difference, self.difference_low, self.difference_high


class Variant(BaseModel):
    version: str
    arm: Arm
    listeners: int  # distinct listeners; a chat without a listener id counts as one
    playlists: int
    likes: int = 0
    dislikes: int = 0
    skips: int = 0
    removes: int = 0
    locks: int = 0
    exports: int = 0
    saves: int = 0
    sends: int = 0
    follow_ups: int = 0
    rates: dict[str, Rate] = {}


class Report(BaseModel):
    template: str
    experiment: int
    status: str  # running | stopped | promoted | guardrail
    share: float
    control: str
    candidate: str
    started_at: str
    stopped_at: str | None
    variants: list[Variant]
    guardrail: str | None = None  # why the guardrail stopped it, when it did


def _variants(store: ExperimentStore, experiment: Experiment) -> list[Variant]:
    with store.db.transaction() as conn:
        exposed = conn.execute(
            "SELECT arm, version, COUNT(DISTINCT subject), COUNT(*) FROM exposure WHERE "
            "experiment_id = ? GROUP BY arm, version",
            (experiment.id,),
        ).fetchall()
        events = conn.execute(
            "SELECT x.arm, x.version, v.kind, COUNT(*), COUNT(DISTINCT v.exposure_id) FROM exposure "
            "x JOIN exposure_event v ON v.exposure_id = x.id WHERE x.experiment_id = ? "
            "GROUP BY x.arm, x.version, v.kind",
            (experiment.id,),
        ).fetchall()
    variants = {
        (arm, version): Variant(version=version, arm=arm, listeners=listeners, playlists=playlists)
        for arm, version, listeners, playlists in exposed
    }
    arms: tuple[tuple[Arm, str], ...] = (("control", experiment.control), ("candidate", experiment.candidate))
    for arm, version in arms:
        if not any(a == arm for a, _ in variants):
            variants[(arm, version)] = Variant(version=version, arm=arm, listeners=0, playlists=0)
    hit: dict[tuple[str, str, str], int] = {}
    for arm, version, kind, count, playlists in events:
        setattr(variants[(arm, version)], PLURAL[kind], count)
        hit[(arm, version, kind)] = playlists
    ordered = sorted(variants.values(), key=lambda v: (v.arm != "control", v.version))
    control = [v for v in ordered if v.arm == "control"]
    control_n = sum(v.playlists for v in control)
    for variant in ordered:
        for kind in EVENT_KINDS:
            hits = hit.get((variant.arm, variant.version, kind), 0)
            rate = Rate(playlists=hits, **dict(zip(("rate", "low", "high"), wilson(hits, variant.playlists))))
            if variant.arm != "control" and variant.playlists and control_n:  # no difference to nothing
                control_hits = sum(hit.get((c.arm, c.version, kind), 0) for c in control)
                d, low, high = difference(hits, variant.playlists, control_hits, control_n)
                rate = rate.model_copy(update={"difference": d, "difference_low": low, "difference_high": high})
            variant.rates[kind] = rate
    return ordered


def build_report(store: ExperimentStore, experiment: Experiment) -> Report:
    guardrail = None
    if experiment.outcome == "guardrail":
        guardrail = next(
            (
                n.note
                for n in store.notes(experiment.template)
                if n.experiment == experiment.id and n.action == "guardrail"
            ),
            None,
        )
    return Report(
        template=experiment.template,
        experiment=experiment.id,
        status=experiment.status,
        share=experiment.share,
        control=experiment.control,
        candidate=experiment.candidate,
        started_at=experiment.started_at,
        stopped_at=experiment.stopped_at,
        variants=_variants(store, experiment),
        guardrail=guardrail,
    )


def tripped(report: Report, min_playlists: int = GUARDRAIL_MIN_PLAYLISTS) -> str | None:
    """Why the candidate must stop, or None: its dislike or remove rate's difference to control is above 0 over
    the whole 95% interval, with at least `min_playlists` playlists in each arm."""
    control = [v for v in report.variants if v.arm == "control"]
    control_n = sum(v.playlists for v in control)
    for variant in (v for v in report.variants if v.arm == "candidate"):
        if variant.playlists < min_playlists or control_n < min_playlists:
            continue
        for kind in GUARDED:
            rate = variant.rates[kind]
            if (interval := rate.to_control) is not None and interval[1] > 0:
                d, low, high = interval
                control_rate = sum(c.rates[kind].playlists for c in control) / control_n
                return (
                    f"{kind} rate {rate.rate:.1%} on {variant.version} ({rate.playlists} of {variant.playlists} "
                    f"playlists) against {control_rate:.1%} on control: +{d * 100:.1f} points, "
                    f"95% interval {low * 100:+.1f} to {high * 100:+.1f}"
                )
    return None


def report_for(
    store: ExperimentStore, name: str, experiment_id: int | None = None, min_playlists: int = GUARDRAIL_MIN_PLAYLISTS
) -> Report:
    """The report of the template's latest (or the given) experiment; looking at a running one applies the
    guardrail first, so what is shown is what listeners get."""
    experiment = store.get(name, experiment_id)
    report = build_report(store, experiment)
    if experiment.running and enforce(store, experiment, report, min_playlists):
        report = build_report(store, store.get(name, experiment.id))
    return report


def enforce(
    store: ExperimentStore,
    experiment: Experiment,
    report: Report | None = None,
    min_playlists: int = GUARDRAIL_MIN_PLAYLISTS,
) -> bool:
    """Stops the experiment if the guardrail trips; returns whether this call stopped it."""
    why = tripped(report or build_report(store, experiment), min_playlists)
    return why is not None and store.stop_by_guardrail(experiment, f"stopped {experiment.candidate}: {why}")


def guard(store: ExperimentStore, experiment_ids: list[int], every_s: float) -> bool:
    """After new exposures or dislikes/removes: the guardrail of each experiment, if no replica looked at it in the
    last `every_s` seconds. Returns whether one was stopped."""
    stopped = False
    for experiment_id in experiment_ids:
        if store.claim_check(experiment_id, every_s):
            experiment = store.by_id(experiment_id)
            stopped |= experiment is not None and experiment.running and enforce(store, experiment)
    return stopped
