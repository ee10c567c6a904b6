"""A bad PLAYLIST_* value is one line that names the variable, the value and what it takes: from the console
script (exit 2) and from `python app.py` (exit 1), never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import EXPECTED, VARIABLES, Settings
from index.errors import PlaylistError
from test_new_process import cli_env, run_cli

APP = Path(__file__).resolve().parent.parent / "app.py"
BAD = [
    ("PLAYLIST_LLM_TIMEOUT", "abc"),
    ("PLAYLIST_LLM_TIMEOUT", "-5"),
    ("PLAYLIST_LLM_TIMEOUT", "inf"),
    ("PLAYLIST_UNDERSTAND_TIMEOUT", "0"),
    ("PLAYLIST_VECTORS", "/srv/vectors"),  # no .db: pymilvus would take it for a server, after the whole embed
    ("PLAYLIST_VECTORS", "http://engine:19530"),
    ("PLAYLIST_MODEL_URL", "ftp://mirror/model.gguf"),
    ("PLAYLIST_DB", "mysql://db/playlist"),
    ("PLAYLIST_BUILD_GRACE_S", "-1"),
    ("PLAYLIST_LLM_TIMEOUT", "9" * 500),
]


def _expected(variable: str) -> str:
    field = next(f for f, v in VARIABLES.items() if v == variable)
    return EXPECTED[field]


@pytest.mark.parametrize(("variable", "value"), BAD)
def test_a_bad_setting_is_one_line_and_exit_2(variable, value, tmp_path):
    env = cli_env(tmp_path / "home", None) | {variable: value}
    done = run_cli(env, "ask", "x", "--llm", "none")
    assert done.returncode == 2
    shown = value if len(value) <= 80 else value[:80] + "…"
    assert done.stderr == f"playlist: {variable}={shown!r} is not valid: expected {_expected(variable)}\n"


def test_a_file_where_a_folder_belongs_is_one_line(tmp_path):
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    done = run_cli(cli_env(home, None), "build-index")
    assert done.returncode == 2
    assert done.stderr == f"playlist: PLAYLIST_HOME={str(home)!r} is not valid: expected {_expected('PLAYLIST_HOME')}\n"


def test_the_app_refuses_a_bad_setting_in_one_line(tmp_path):
    env = cli_env(tmp_path / "home", None) | {"PLAYLIST_LLM_TIMEOUT": "abc"}
    done = subprocess.run([sys.executable, str(APP)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"playlist: PLAYLIST_LLM_TIMEOUT='abc' is not valid: expected {_expected('PLAYLIST_LLM_TIMEOUT')}"]


def test_good_values_are_kept(monkeypatch, tmp_path):
    for variable, value in [("PLAYLIST_LLM_TIMEOUT", "2.5"), ("PLAYLIST_VECTORS", "milvus://127.0.0.1:19530"),
                            ("PLAYLIST_BUILD_GRACE_S", "0"), ("PLAYLIST_HOME", str(tmp_path))]:
        monkeypatch.setenv(variable, value)
    settings = Settings.from_env()
    assert (settings.llm_timeout_s, settings.vectors, settings.build_grace_s) == (2.5, "milvus://127.0.0.1:19530", 0)
    monkeypatch.setenv("PLAYLIST_VECTORS", str(tmp_path / "vectors.db"))
    assert Settings.from_env().vectors == str(tmp_path / "vectors.db")
    with pytest.raises(PlaylistError, match="PLAYLIST_DB='sqlite:///x' is not valid"):
        Settings.from_env(db="sqlite:///x")
