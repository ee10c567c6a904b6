"""A bad PLAYLIST_* value is one line that names the variable, the value and what it takes: from the console
script (exit 2) and from `python app.py` (exit 1), never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest
from test_new_process import cli_env, run_cli

from assistant.config import EXPECTED, VARIABLES, Settings
from index.errors import PlaylistError

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
        f"playlist: PLAYLIST_LLM_TIMEOUT='abc' is not valid: expected {_expected('PLAYLIST_LLM_TIMEOUT')}"
    ]


def test_good_values_are_kept(monkeypatch, tmp_path):
    for variable, value in [
        ("PLAYLIST_LLM_TIMEOUT", "2.5"),
        ("PLAYLIST_VECTORS", "milvus://127.0.0.1:19530"),
        ("PLAYLIST_BUILD_GRACE_S", "0"),
        ("PLAYLIST_HOME", str(tmp_path)),
    ]:
        monkeypatch.setenv(variable, value)
    settings = Settings.from_env()
    assert (settings.model.timeout_s, settings.stores.vectors, settings.stores.build_grace_s) == (
        2.5,
        "milvus://127.0.0.1:19530",
        0,
    )
    monkeypatch.setenv("PLAYLIST_VECTORS", str(tmp_path / "vectors.db"))
    assert Settings.from_env().stores.vectors == str(tmp_path / "vectors.db")
    with pytest.raises(PlaylistError, match="PLAYLIST_DB='sqlite:///x' is not valid"):
        Settings.from_env(db="sqlite:///x")


def test_the_stores_and_model_sections_take_the_flat_arguments_over_the_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path))
    monkeypatch.setenv("PLAYLIST_LLM", "openai/from-env")
    monkeypatch.setenv("PLAYLIST_BUILD_GRACE_S", "10")
    db = str(tmp_path / "given.sqlite")
    settings = Settings.from_env(llm="openai/given", db=db, build_grace_s=0)  # 0 is given, not unset
    assert (settings.model.name, settings.stores.db, settings.stores.build_grace_s) == ("openai/given", db, 0)
    assert (settings.stores.index_dir, settings.model.timeout_s) == (tmp_path / "index", 30.0)
    with pytest.raises(PlaylistError, match="PLAYLIST_MODEL_URL='ftp://x' is not valid: expected an http"):
        Settings.from_env(model_url="ftp://x")


def test_sections_read_their_variables_and_keep_secrets_out_of_reprs(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path))
    for variable, value in [
        ("PLAYLIST_SUBSONIC_URL", "http://navidrome:4533"),
        ("PLAYLIST_SUBSONIC_USER", "ops"),
        ("PLAYLIST_SUBSONIC_PASSWORD", "hunter2"),
        ("PLAYLIST_SUBSONIC_PASSWORD_AUTH", "yes"),
        ("PLAYLIST_MPD_PASSWORD", "mpd-secret"),
        ("PLAYLIST_HOST", "0.0.0.0"),
        ("PLAYLIST_PORT", "8080"),
        ("PLAYLIST_ACCOUNTS", "accounts.json"),
    ]:
        monkeypatch.setenv(variable, value)
    settings = Settings.from_env()
    assert (settings.subsonic.url, settings.subsonic.user, settings.subsonic.password_auth) == (
        "http://navidrome:4533",
        "ops",
        True,
    )
    assert settings.subsonic.password.get_secret_value() == "hunter2"
    assert settings.mpd.password.get_secret_value() == "mpd-secret"
    assert (settings.server.host, settings.server.port, settings.accounts.path) == ("0.0.0.0", 8080, "accounts.json")
    shown = repr(settings) + str(settings) + settings.model_dump_json()
    assert "hunter2" not in shown and "mpd-secret" not in shown


def test_a_bad_port_is_one_line_naming_the_variable(tmp_path):
    env = cli_env(tmp_path / "home", None) | {"PLAYLIST_PORT": "99999"}
    done = run_cli(env, "ask", "x", "--llm", "none")
    assert done.returncode == 2
    assert done.stderr == "playlist: PLAYLIST_PORT='99999' is not valid: expected a port number from 1 to 65535\n"


def test_an_unknown_variable_gets_one_did_you_mean_warning_from_the_cli_and_the_app(tmp_path):
    env = cli_env(tmp_path / "home", None) | {"PLAYLIST_LLM_TIMOUT": "5", "PLAYLIST_PORT": "x"}
    warning = (
        "playlist: warning: PLAYLIST_LLM_TIMOUT is not a setting and is ignored; did you mean PLAYLIST_LLM_TIMEOUT?"
    )
    cli = run_cli(env, "ask", "x", "--llm", "none")  # the bad port stops it right after the warning
    assert cli.stderr.splitlines()[0] == warning and cli.stderr.count("PLAYLIST_LLM_TIMOUT") == 1
    app = subprocess.run([sys.executable, str(APP)], env=env, capture_output=True, text=True, timeout=300)
    assert app.returncode == 1
    assert app.stderr.strip().splitlines() == [
        warning,
        "playlist: PLAYLIST_PORT='x' is not valid: expected a port number from 1 to 65535",
    ]


ALLOWED_ENVIRON = {  # path -> why it may touch os.environ outside assistant/config.py
    "assistant/config.py": "the one place settings are read",
    "index/offline.py": "sets the libraries' offline switches (HF, Gradio, litellm) before they are imported",
    "app.py": "sets Gradio's analytics cache frequency before gradio is imported",
    "assistant/llm/errors.py": "scrubs the values of secret variables out of provider messages",
    "assistant/outputs/standing/schedule.py": "TZ, the system's time zone, not a setting of ours",
}


def test_no_environment_read_outside_the_config_module():
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("assistant/**/*.py"), *root.glob("index/**/*.py"), *root.glob("ui/**/*.py"), root / "app.py"]
    readers = sorted(
        str(f.relative_to(root))
        for f in files
        if "os.environ" in (text := f.read_text(encoding="utf-8")) or "getenv(" in text
    )
    assert set(readers) <= set(ALLOWED_ENVIRON), (
        f"read these in assistant/config.py: {set(readers) - set(ALLOWED_ENVIRON)}"
    )


def test_the_catalog_variable_reaches_the_build_through_settings(monkeypatch, tmp_path):
    from index.source import DEFAULT_CATALOG_URL, catalog_spec

    monkeypatch.setenv("PLAYLIST_HOME", str(tmp_path))
    monkeypatch.setenv("PLAYLIST_CATALOG", "/data/mine.csv")
    assert catalog_spec(Settings.from_env().stores.catalog) == "/data/mine.csv"
    assert catalog_spec(Settings.from_env(catalog="/data/given.csv").stores.catalog) == "/data/given.csv"
    assert catalog_spec(None) == DEFAULT_CATALOG_URL  # index/ reads no variable itself
