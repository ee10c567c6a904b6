"""Template experiments on real stores (a SQLite file and a real PostgreSQL): scripted listeners whose every
action is known, so the report's counts are asserted exactly; sticky assignment near the share; the guardrail;
two replicas counting together; an LLM template (a test model behind litellm's real custom-provider path); the CLI
as a user runs it."""

import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from math import sqrt
from pathlib import Path

import pytest
from scripted_models import NOTHING_MORE, ScriptedModel, mock_llm

from assistant.experiments.experiment import EVENT_KINDS
from assistant.experiments.report import report_for
from assistant.experiments.stats import difference, wilson
from assistant.experiments.store import ExperimentStore
from assistant.experiments.trial import Trial, assigned_arm
from assistant.pipeline.planner import Engine
from assistant.profiles.profile import ProfileStore
from assistant.session import Session
from assistant.templates.store import TemplateStore
from index.errors import PlaylistError

CANDIDATE = "{{ query }} (B)"
COUNTED = [
    "listeners",
    "playlists",
    "likes",
    "dislikes",
    "skips",
    "removes",
    "locks",
    "exports",
    "saves",
    "sends",
    "follow_ups",
]


def _replica(db_spec: str):
    """A second app process's own connection to the same database (its own pool, for PostgreSQL)."""
    if db_spec.startswith("postgresql://"):
        from assistant.profiles.stores.postgres import PostgresDatabase

        return PostgresDatabase(db_spec)
    return db_spec


@pytest.fixture
def lab(engine, db_spec):
    templates = TemplateStore(db_spec)
    return Engine(engine.index, engine.embedder, templates), ProfileStore(db_spec), ExperimentStore(templates)


class Tally:
    """What the script did, per arm: the expected report."""

    def __init__(self):
        self.counts = {arm: Counter() for arm in ("control", "candidate")}
        self.playlists_with = {arm: Counter() for arm in ("control", "candidate")}
        self.subjects = {arm: set() for arm in ("control", "candidate")}

    def playlist(self, arm: str, subject: str, did: Counter) -> None:
        self.subjects[arm].add(subject)
        self.counts[arm]["playlists"] += 1
        self.counts[arm].update(did)
        self.playlists_with[arm].update(did.keys())

    def expected(self) -> dict:
        return {
            arm: {k: len(self.subjects[arm]) if k == "listeners" else self.counts[arm][k] for k in COUNTED}
            for arm in self.counts
        }


def _visit(session: Session, i: int, visit: int) -> Counter:
    """One playlist and the actions scripted for listener i's visit; returns what was done, by report key."""
    did: Counter = Counter()
    session.ask("rock, 4 songs")
    if (i + visit) % 2 == 0:
        session.feedback(1, "like")
        session.feedback(2, "like")
        did["likes"] += 2
    if i % 3 == 0:
        session.feedback(3, "dislike")
        did["dislikes"] += 1
    if i == 5:
        session.feedback(4, "skip")
        did["skips"] += 1
    if i % 4 == 1:
        session.remove(1)
        did["removes"] += 1
    if i % 5 == 2:
        session.toggle_lock(2)
        session.toggle_lock(2)  # the unlock is no lock
        did["locks"] += 1
    if visit == 1:
        session.refine("make it 5 songs")
        session.refine("no Queen")
        session.undo()  # back to the playlist of the same prompt: still this exposure
        did["follow_ups"] += 2
    for kind, every, at in (("export", 6, 0), ("save", 7, 0), ("send", 8, 3)):
        if i % every == at:
            session.note(kind)
            did[f"{kind}s"] += 1
    return did


def test_the_report_counts_exactly_what_scripted_listeners_did(lab):
    engine, profiles, experiments = lab
    experiment = experiments.start("title", CANDIDATE, 0.5, "ana")
    tally = Tally()
    for i in range(24):
        who = f"listener{i:02d}"
        profiles.ensure_listener(who)
        arm = assigned_arm(experiment.id, who, 0.5)
        for visit in range(1 + i % 3):
            session = Session(engine, profiles, who)
            tally.playlist(arm, who, _visit(session, i, visit))
            assert session.playlist.title.endswith(" (B)") == (arm == "candidate")
            assert session.playlist.template_versions["title"] == ("v1" if arm == "candidate" else "file")
    for _ in range(3):  # chats without a listener: one random arm per session, each a listener of its own
        session = Session(engine)
        arm = session.trial.arm(experiment)
        did = _visit(session, 6, 0)  # like, dislike, export, save
        tally.playlist(arm, session.trial.subject, did)
        session.ask("jazz, 3 songs")  # the same session's second playlist, no actions
        tally.playlist(arm, session.trial.subject, Counter())
    quiet = Session(engine, profiles, "listener00", learn=False)  # "don't learn from this session": not counted
    quiet.ask("rock, 4 songs")
    quiet.feedback(1, "dislike")
    Session(engine, profiles, "listener01").open(quiet.playlist)  # an opened playlist was not made now

    report = report_for(experiments, "title")
    assert {v.arm: {k: getattr(v, k) for k in COUNTED} for v in report.variants} == tally.expected()
    assert [(v.arm, v.version) for v in report.variants] == [("control", "file"), ("candidate", "v1")]
    control, candidate = report.variants
    for variant, arm in ((control, "control"), (candidate, "candidate")):
        for kind in EVENT_KINDS:
            key = "follow_ups" if kind == "follow_up" else f"{kind}s"
            hits = tally.playlists_with[arm][key]
            rate = variant.rates[kind]
            assert (rate.playlists, rate.rate, rate.low, rate.high) == (hits, *wilson(hits, variant.playlists))
    dislikes = candidate.rates["dislike"]
    assert (dislikes.difference, dislikes.difference_low, dislikes.difference_high) == difference(
        dislikes.playlists, candidate.playlists, control.rates["dislike"].playlists, control.playlists
    )
    assert report.status == "running" and report.guardrail is None


def test_assignment_is_sticky_near_the_share_and_independent_between_experiments():
    subjects = [f"user{i}" for i in range(20_000)]
    for share in (0.1, 0.5, 0.8):
        arms = [assigned_arm(7, s, share) for s in subjects]
        assert abs(arms.count("candidate") / len(subjects) - share) < 4 * sqrt(share * (1 - share) / len(subjects))
        assert arms == [assigned_arm(7, s, share) for s in subjects]  # the same answer every time
    first = [assigned_arm(1, s, 0.5) == "candidate" for s in subjects]
    second = [assigned_arm(2, s, 0.5) == "candidate" for s in subjects]
    assert abs(sum(a and b for a, b in zip(first, second)) / len(subjects) - 0.25) < 4 * sqrt(0.25 * 0.75 / 20_000)


def test_a_listener_keeps_their_arm_across_sessions_and_replicas_and_a_chat_without_one_draws_once(lab, db_spec):
    engine, profiles, experiments = lab
    experiment = experiments.start("title", CANDIDATE, 0.3, "ana")
    assert experiments.get("title").share == 0.3  # as typed, on both backends (a float4 would read 0.30000001)
    other = Engine(engine.index, engine.embedder, TemplateStore(_replica(db_spec)))
    for i in range(12):
        who = f"l{i}"
        profiles.ensure_listener(who)
        versions = {
            Session(e, profiles, who).ask("pop, 2 songs").template_versions["title"] for e in (engine, other, engine)
        }
        assert versions == {"v1" if assigned_arm(experiment.id, who, 0.3) == "candidate" else "file"}
    chat = Session(engine)
    assert len({chat.ask(p).template_versions["title"] for p in ("pop, 2 songs", "rock, 2 songs", "jazz")}) == 1
    draws = [Trial(engine.templates, None).arm(experiment) for _ in range(4000)]
    assert abs(draws.count("candidate") / 4000 - 0.3) < 4 * sqrt(0.3 * 0.7 / 4000)


def test_experiments_on_two_templates_at_once_each_count_the_same_playlist(lab):
    engine, profiles, experiments = lab
    titles = experiments.start("title", CANDIDATE, 0.5, "ana")
    reasons = experiments.start("reason", "{{ era }} (R)", 0.5, "ana")
    arms = Counter()
    for i in range(8):
        who = f"two{i}"
        profiles.ensure_listener(who)
        session = Session(engine, profiles, who)
        playlist = session.ask("rock, 3 songs")
        session.feedback(1, "like")
        arm = (assigned_arm(titles.id, who, 0.5), assigned_arm(reasons.id, who, 0.5))
        arms[arm] += 1
        assert playlist.items[0].reason.endswith(" (R)") == (arm[1] == "candidate")
        assert set(session.turns[-1].exposures) == {titles.id, reasons.id}
    for name, which in (("title", 0), ("reason", 1)):
        got = {v.arm: (v.playlists, v.likes) for v in report_for(experiments, name).variants}
        want = {side: sum(n for arm, n in arms.items() if arm[which] == side) for side in ("control", "candidate")}
        assert got == {side: (n, n) for side, n in want.items()}


def test_the_guardrail_stops_a_candidate_listeners_dislike_and_the_counts_stay(lab, monkeypatch):
    monkeypatch.setattr("assistant.experiments.trial.GUARDRAIL_EVERY_S", 0.0)  # look at every chance
    engine, profiles, experiments = lab
    experiment = experiments.start("title", CANDIDATE, 0.5, "ana")
    made = Counter()
    i = 0
    while experiments.get("title").running:
        who = f"g{i}"
        i += 1
        profiles.ensure_listener(who)
        arm = assigned_arm(experiment.id, who, 0.5)
        session = Session(engine, profiles, who)
        session.ask("rock, 3 songs")
        made[arm] += 1
        if arm == "candidate":
            session.feedback(1, "dislike")
        assert i < 200, "the guardrail never stopped the candidate"
    report = report_for(experiments, "title")
    assert report.status == "guardrail" and "dislike rate 100.0% on v1" in report.guardrail
    assert min(made.values()) == 20  # it waits for 20 playlists in each arm, then stops at once
    assert {v.arm: (v.playlists, v.dislikes) for v in report.variants} == {
        "control": (made["control"], 0),
        "candidate": (made["candidate"], made["candidate"]),
    }
    notes = experiments.notes("title")
    assert [n.action for n in notes] == ["guardrail", "started"] and notes[0].author == "guardrail"
    with pytest.raises(PlaylistError, match=r"no experiment is running \(experiment 1 was stopped by the guardrail"):
        experiments.stop("title", "ana", promote=True)
    later = Session(
        engine, profiles, next(f"g{n}" for n in range(i) if assigned_arm(experiment.id, f"g{n}", 0.5) == "candidate")
    )
    assert later.ask("rock, 3 songs").template_versions["title"] == "file"  # stopped: everyone gets live
    assert report_for(experiments, "title").variants == report.variants  # nothing counted after the stop


def test_equal_rates_never_trip_the_guardrail(lab, monkeypatch):
    monkeypatch.setattr("assistant.experiments.trial.GUARDRAIL_EVERY_S", 0.0)
    engine, profiles, experiments = lab
    experiments.start("title", CANDIDATE, 0.5, "ana")
    for i in range(60):
        profiles.ensure_listener(f"e{i}")
        session = Session(engine, profiles, f"e{i}")
        session.ask("rock, 3 songs")
        if i % 4 == 0:
            session.remove(1)
    assert experiments.get("title").running


def test_refusals_leave_nothing_behind_and_history_notes_start_stop_promote(lab):
    _, _, experiments = lab
    templates = experiments.templates
    for name, text, share, message in [
        ("curate", "Choose {{ count }} tracks.", 0.5, "must use candidates"),
        ("title", "{{ query }", 0.5, "line 1"),
        ("track_description", "{{ title }} by {{ artist }}", 0.5, "used when the index is built"),
        ("title", CANDIDATE, 1.0, "between 0 and 1"),
        ("title", CANDIDATE, 0.0, "between 0 and 1"),
        ("title", templates.live("title").text, 0.5, "same text as the live version file"),
        ("nonsense", "x", 0.5, "no template called"),
    ]:
        with pytest.raises(PlaylistError, match=message):
            experiments.start(name, text, share, "ana")
    assert [v.version for v in templates.history("title")] == ["file"] and experiments.running() == []
    first = experiments.start("title", CANDIDATE, 0.5, "ana")
    with pytest.raises(PlaylistError, match="experiment 1 is running .v1 against file.; stop it first"):
        experiments.start("title", "{{ query }} (C)", 0.5, "ben")
    with pytest.raises(PlaylistError, match="experiment 1 is running"):
        experiments.refuse_while_running("title")
    assert [v.version for v in templates.history("title")] == ["v1", "file"]
    assert experiments.stop("title", "ben").outcome == "stopped"
    with pytest.raises(PlaylistError, match=r"no experiment is running \(experiment 1 was stopped at "):
        experiments.stop("title", "ben")
    second = experiments.start("title", "{{ query }} (C)", 0.25, "cara")
    assert (second.id, second.candidate, second.control) == (first.id + 1, "v2", "file")
    experiments.stop("title", "dan", promote=True)
    assert TemplateStore(templates.db).live("title").version == "v2"
    assert [(n.experiment, n.action, n.author) for n in experiments.notes("title")] == [
        (2, "promoted", "dan"),
        (2, "started", "cara"),
        (1, "stopped", "ben"),
        (1, "started", "ana"),
    ]
    third = experiments.start("title", CANDIDATE, 0.5, "ana")  # the promoted version is the control now
    assert (third.candidate, third.control) == ("v3", "v2")


def test_two_replicas_starting_at_once_make_one_experiment(db_spec):
    stores = [ExperimentStore(TemplateStore(db_spec)), ExperimentStore(TemplateStore(_replica(db_spec)))]
    barrier = threading.Barrier(2)
    outcomes: list = []

    def start(store: ExperimentStore, n: int) -> None:
        barrier.wait()
        try:
            outcomes.append(store.start("title", f"{{{{ query }}}} ({n})", 0.5, f"curator{n}").id)
        except PlaylistError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=start, args=(s, n)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = [o for o in outcomes if isinstance(o, int)]
    assert len(started) == 1 and "is running" in next(o for o in outcomes if isinstance(o, str))
    assert [v.version for v in stores[0].templates.history("title")] == ["v1", "file"]


def test_replicas_count_together(lab, db_spec):
    engine, profiles, experiments = lab
    experiment = experiments.start("title", CANDIDATE, 0.5, "ana")
    replica = Engine(engine.index, engine.embedder, TemplateStore(_replica(db_spec)))
    replica_profiles = ProfileStore(_replica(db_spec))
    tally = Tally()

    def serve(which: Engine, store: ProfileStore, names: list[str]) -> None:
        for who in names:
            session = Session(which, store, who)
            session.ask("rock, 3 songs")
            session.feedback(1, "like")
            tally.playlist(assigned_arm(experiment.id, who, 0.5), who, Counter(likes=1))

    names = [f"r{i}" for i in range(16)]
    for who in names:
        profiles.ensure_listener(who)
    threads = [
        threading.Thread(target=serve, args=(engine, profiles, names[:8])),
        threading.Thread(target=serve, args=(replica, replica_profiles, names[8:])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {
        v.arm: {k: getattr(v, k) for k in COUNTED} for v in report_for(experiments, "title").variants
    } == tally.expected()


def test_an_llm_template_experiment_sends_the_candidate_to_its_arm_only(lab):
    from assistant.llm.client import LLM

    class Recorder(ScriptedModel):
        """Answers every understanding call with 'nothing more'; `systems`: the system prompts it was sent."""

        @property
        def systems(self) -> list[str]:
            return [messages[0]["content"] for messages in self.seen]

        def answer(self, messages, optional_params):
            return NOTHING_MORE, "stop"

    model = Recorder().install("exprecorder")
    engine, profiles, experiments = lab
    marker = "Experiment marker: read the listener generously."
    experiment = experiments.start("intent", experiments.templates.live("intent").text + "\n" + marker, 0.5, "ana")
    made = Counter()
    for i in range(10):
        who = f"m{i}"
        profiles.ensure_listener(who)
        arm = assigned_arm(experiment.id, who, 0.5)
        session = Session(engine, profiles, who, understand_llm=LLM("exprecorder/any"))
        session.ask("indie pop, 3 songs")
        session.feedback(1, "like")
        assert (marker in model.systems[-1]) == (arm == "candidate")
        made[arm] += 1
        Session(engine, profiles, who).ask("indie pop, 3 songs")  # no model: the intent template is not used
    report = report_for(experiments, "intent")
    assert {v.arm: (v.version, v.playlists, v.likes) for v in report.variants} == {
        "control": ("file", made["control"], made["control"]),
        "candidate": ("v1", made["candidate"], made["candidate"]),
    }


def test_deleting_a_listener_removes_their_exposures(lab):
    engine, profiles, experiments = lab
    experiments.start("title", CANDIDATE, 0.5, "ana")
    for who in ("del1", "del2"):
        profiles.ensure_listener(who)
        Session(engine, profiles, who).ask("rock, 2 songs")
    profiles.delete("del1")
    assert sum(v.playlists for v in report_for(experiments, "title").variants) == 1


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_as_a_user_runs_it(engine, index_dir, tmp_path, capsys, monkeypatch):
    from assistant.cli import main

    db = tmp_path / "db.sqlite"
    env = {**os.environ, "PLAYLIST_INDEX_DIR": str(index_dir), "PLAYLIST_DB": str(db)}
    monkeypatch.setenv("PLAYLIST_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("PLAYLIST_DB", str(db))
    candidate = tmp_path / "title.j2"
    candidate.write_text(CANDIDATE, encoding="utf-8")
    broken = tmp_path / "broken.j2"
    broken.write_text("{{ query }", encoding="utf-8")
    done = _cli(env, "templates", "experiment", "start", "title", str(broken), "--share", "0.5", "--author", "ana")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "line 1" in done.stderr
    done = _cli(env, "templates", "experiment", "start", "title", str(candidate), "--share", "0.5", "--author", "ana")
    assert done.returncode == 0 and "experiment 1 started: v1 for 50% of listeners, file for the rest" in done.stdout
    again = _cli(env, "templates", "experiment", "start", "title", str(candidate), "--author", "ben")
    assert again.returncode == 2 and again.stderr.strip() == (
        "playlist: title: experiment 1 is running (v1 against "
        "file); stop it first: playlist templates experiment "
        "stop title"
    )
    assert _cli(env, "templates", "publish", "title", str(candidate), "--author", "ben").returncode == 2
    assert "[experiment 1: v1 for 50%]" in next(
        line for line in _cli(env, "templates", "list").stdout.splitlines() if line.startswith("title ")
    )
    ProfileStore(str(db)).ensure_listener("ana")
    done = _cli(env, "feedback", "--user", "ana", "like", "1")
    assert done.returncode == 2 and "ana has no playlist yet" in done.stderr
    assert (
        main(
            ["ask", "rock, 4 songs", "--user", "ana", "--llm", "none", "--json", "--m3u8", str(tmp_path / "rock.m3u8")]
        )
        == 0
    )
    titles = [i["title"] for i in json.loads(capsys.readouterr().out)["items"]]
    for args in (["like", "1"], ["like", "2"], ["dislike", "3"], ["lock", "2"], ["remove", "1"]):
        done = _cli(env, "feedback", "--user", "ana", *args)
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("removed 1. ") and titles[0] in done.stdout and "3 tracks left" in done.stdout
    done = _cli(env, "feedback", "--user", "ana", "like", "9")
    assert (
        done.returncode == 2
        and done.stderr.strip() == "playlist: there is no track 9 in ana's last playlist (3 tracks)"
    )
    assert _cli(env, "feedback", "--user", "nobody", "like", "1").returncode == 2
    report = json.loads(_cli(env, "templates", "experiment", "report", "title", "--json").stdout)
    arm = assigned_arm(1, "ana", 0.5)
    variant = next(v for v in report["variants"] if v["arm"] == arm)
    assert report["template"] == "title" and {
        k: variant[k] for k in ("listeners", "playlists", "likes", "dislikes", "removes", "locks", "exports")
    } == {"listeners": 1, "playlists": 1, "likes": 2, "dislikes": 1, "removes": 1, "locks": 1, "exports": 1}
    assert ProfileStore(str(db)).summary("ana", engine.index).feedback == {"like": 2, "dislike": 1}  # as the app
    text = _cli(env, "templates", "experiment", "report", "title").stdout
    assert "experiment 1, running" in text and "likes" in text
    done = _cli(env, "templates", "experiment", "stop", "title", "--promote", "--author", "ben")
    assert done.returncode == 0 and "experiment 1 promoted; v1 is live" in done.stdout
    history = _cli(env, "templates", "history", "title").stdout.splitlines()
    assert history[0].startswith("v1     live") and any("promoted by ben: v1 is live" in line for line in history)
    assert any("started by ana: v1 against file for 50% of listeners" in line for line in history)
    kept = json.loads(_cli(env, "templates", "experiment", "report", "title", "--json").stdout)
    assert kept["status"] == "promoted" and kept["variants"] == report["variants"]  # stopping keeps the counts


def test_the_curator_tab_starts_reports_live_and_promotes_and_a_listener_cannot(index_dir, tmp_path, monkeypatch):
    """Through the launched app: a listener's playlists and likes reach the curator's report."""
    from gradio_client import Client

    import app as app_module
    from assistant.config import Settings
    from tests.test_app import write_accounts

    monkeypatch.setenv("PLAYLIST_ACCOUNTS", str(write_accounts(tmp_path / "accounts.json")))
    settings = Settings.from_env(home=tmp_path, index_dir=index_dir, db=str(tmp_path / "db.sqlite"), llm="none")
    demo, _ = app_module.create_app(settings, show_progress=False)
    demo.queue().launch(
        server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, auth=app_module.Accounts.from_env().check
    )
    try:
        cara, ana = (Client(demo.local_url, auth=(u, f"{u}-pw"), verbose=False) for u in ("cara", "ana"))
        message, *_ = ana.predict("title", CANDIDATE, 0.5, "ana", api_name="/experiment_start")
        assert "curator" in message and "❌" in message
        assert "curator" in json.dumps(ana.predict("title", api_name="/experiment_report"), ensure_ascii=False)
        message, report, plot, history = cara.predict("title", CANDIDATE, 0.5, "", api_name="/experiment_start")
        assert message == "✅ experiment 1: v1 for 50%" and "running" in report
        assert ["experiment 1", "started", "cara"] == history["data"][-1][:3]
        message, *_ = cara.predict("title", "{{ query }} (C)", 0.5, "", api_name="/experiment_start")
        assert "experiment 1 is running" in message
        assert (
            "experiment 1 is running" in cara.predict("title", "{{ query }} (C)", "", api_name="/template_publish")[0]
        )
        for listener in ("ana", "ben"):
            client = Client(demo.local_url, auth=(listener, f"{listener}-pw"), verbose=False)
            client.predict("rock, 3 songs", [], 0, 0.5, 0.3, False, False, api_name="/send")
            client.predict(1, api_name="/like")
            client.predict("csv", api_name="/export")
        report, plot = cara.predict("title", api_name="/experiment_report")
        arms = [assigned_arm(1, who, 0.5) for who in ("ana", "ben")]
        per_arm = [arms.count("control"), arms.count("candidate")]
        assert f"| playlists | {per_arm[0]} | {per_arm[1]} |" in report
        stored = report_for(ExperimentStore(TemplateStore(str(tmp_path / "db.sqlite"))), "title")
        assert [(v.playlists, v.likes, v.exports) for v in stored.variants] == [(n, n, n) for n in per_arm]
        bars = {row[0]: row[2] for row in plot["data"]}  # one bar per metric and version, rate in percent
        assert len(bars) == 2 * len(EVENT_KINDS)
        assert [bars["likes · file"], bars["likes · v1"]] == [100.0 if n else 0.0 for n in per_arm]
        message, report, _, history = cara.predict("title", "", 0.5, "", api_name="/experiment_promote")
        assert message == "⏹️ experiment 1 promoted; v1 is live" and "promoted" in report
        assert ["experiment 1", "promoted", "cara"] in [row[:3] for row in history["data"]]
        assert history["data"][0][:2] == ["v1", "live"]
    finally:
        demo.close()


def test_the_curator_tab_in_a_browser_shows_the_live_report_and_its_plot(index_dir, tmp_path, monkeypatch):
    """Chromium: the curator starts the editor's text, a playlist is made and liked in the Playlist tab, and the
    report refreshes by itself (the tab's timer) to count it, with the bars drawn."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    import app as app_module
    from assistant.config import Settings

    monkeypatch.delenv("PLAYLIST_ACCOUNTS", raising=False)
    settings = Settings.from_env(home=tmp_path, index_dir=index_dir, db=str(tmp_path / "db.sqlite"), llm="none")
    demo, _ = app_module.create_app(settings, show_progress=False)
    demo.queue().launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(tmp_path)}
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1400})
            page.goto(demo.local_url)
            page.get_by_role("tab", name="Curator").click()
            page.get_by_text("Experiment: A/B-test").click()
            page.locator("#experiment-start").click()
            sync_api.expect(page.locator("#experiment-said")).to_contain_text("experiment 1", timeout=30_000)
            sync_api.expect(page.locator("#experiment-report")).to_contain_text("running")
            page.get_by_role("tab", name="Playlist").click()
            page.locator("#prompt textarea").fill("rock, 3 songs")
            page.locator("#send").click()
            sync_api.expect(page.locator("#summary")).to_contain_text("3 tracks", timeout=60_000)
            page.get_by_text("Act on a track by its number").click()
            page.get_by_role("button", name="👍 Like").click()
            page.get_by_role("tab", name="Curator").click()
            # no accounts and no id typed: the chat has no listener id, so its arm is a random draw
            likes = page.locator("#experiment-report").get_by_role("row", name=re.compile(r"^likes "))
            sync_api.expect(likes).to_contain_text("1 · 100%", timeout=30_000)  # the timer refreshed it
            assert page.locator("#experiment-plot canvas, #experiment-plot svg").count() >= 1
            page.locator("#experiment-plot").screenshot(path=str(tmp_path / "plot.png"))
            page.screenshot(path=os.environ.get("PLAYLIST_SCREENSHOT") or str(tmp_path / "tab.png"), full_page=True)
            browser.close()
    finally:
        demo.close()


def test_a_curate_template_experiment_through_litellms_mock_response(lab):
    """The curating model's template: each listener's curated playlist records the version its arm rendered, and
    only playlists a model curated count for it."""
    engine, profiles, experiments = lab
    experiment = experiments.start("curate", experiments.templates.live("curate").text + "\nBe brief.", 0.5, "ana")
    prompt = "80s hard rock, 3 songs"
    ids = Session(engine, learn=False).ask(prompt).track_ids
    curation = json.dumps(
        {
            "title": "Hair Metal Hour",
            "description": "Big choruses.",
            "tracks": [{"id": i, "reason": "A hard rock anthem"} for i in ids],
        }
    )
    made = Counter()
    for i in range(8):
        who = f"c{i}"
        profiles.ensure_listener(who)
        arm = assigned_arm(experiment.id, who, 0.5)
        llm = mock_llm([NOTHING_MORE, curation])
        session = Session(engine, profiles, who, llm=llm)
        playlist = session.ask(prompt)
        assert playlist.title == "Hair Metal Hour"  # curated, not the rules' fallback
        assert playlist.template_versions["curate"] == ("v1" if arm == "candidate" else "file")
        session.feedback(2, "dislike")
        made[arm] += 1
        Session(engine, profiles, who).ask(prompt)  # no model: not counted for the curate experiment
    report = report_for(experiments, "curate")
    assert {v.arm: (v.playlists, v.dislikes) for v in report.variants} == {arm: (n, n) for arm, n in made.items()}
