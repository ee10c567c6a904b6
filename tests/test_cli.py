import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main

CONTRACT_KEYS = {"title", "description", "request", "items", "total_duration_ms", "warnings"}
ITEM_KEYS = {
    "position",
    "track_id",
    "title",
    "artist",
    "album",
    "year",
    "genre",
    "genres",
    "duration_ms",
    "reason",
    "reason_source",
}


@pytest.fixture
def cli_env(monkeypatch, index_dir, tmp_path):
    monkeypatch.setenv("PLAYLIST_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("PLAYLIST_DB", str(tmp_path / "db.sqlite"))
    return tmp_path


def _ask(capsys, *args) -> dict:
    assert main(["ask", *args, "--json", "--llm", "none"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ask_json_contract_and_follow_ups(cli_env, capsys):
    out = _ask(capsys, "70s classic rock, no Queen, 3 songs", "--follow-up", "make it 5 songs")
    assert CONTRACT_KEYS <= set(out)
    assert len(out["items"]) == 5
    assert all(ITEM_KEYS <= set(item) for item in out["items"])
    assert all(1970 <= i["year"] <= 1979 and i["artist"] != "Queen" for i in out["items"])
    assert out["total_duration_ms"] == sum(i["duration_ms"] for i in out["items"])
    assert out["request"]["constraints"]["exclude_artists"] == ["Queen"]


def test_profile_import_show_delete_and_personal_ask(cli_env, capsys):
    history = cli_env / "StreamingHistory_music_0.json"
    history.write_text(
        json.dumps(
            [
                {
                    "endTime": f"2024-03-01 20:{m:02d}",
                    "artistName": "Bon Iver",
                    "trackName": "Holocene",
                    "msPlayed": 300000,
                }
                for m in range(12)
            ]
        )
    )
    assert main(["profile", "import", str(history), "--user", "ana"]) == 0
    assert "12 matched catalog tracks (100%)" in capsys.readouterr().out
    assert main(["profile", "show", "--user", "ana", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["top_artists"] == [["Bon Iver", 12]]
    out = _ask(capsys, "indie pop, 3 songs", "--user", "ana", "--personalization", "1")
    assert any(i["reason_source"] == "history" for i in out["items"])
    assert main(["profile", "delete", "--user", "ana"]) == 0
    capsys.readouterr()
    assert main(["ask", "pop", "--user", "ana"]) == 2
    assert "unknown listener" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (["ask", ""], "empty"),
        (["ask", "x" * 50_000], "characters long"),
        (["ask", "rock, 5 songs", "--follow-up", "remove 9"], "no track 9"),
        (["profile", "import", "/nonexistent.json", "--user", "ana"], "not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli_env, capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_index_is_exit_2_from_the_console_script(tmp_path):
    env = {**os.environ, "PLAYLIST_INDEX_DIR": str(tmp_path / "none"), "PLAYLIST_DB": str(tmp_path / "db")}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "rock", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"playlist: no index at {tmp_path / 'none'}: run `playlist build-index` first"


def test_unreachable_model_still_exits_0_with_a_warning(cli_env, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_BASE", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "x")
    monkeypatch.setenv("PLAYLIST_LLM_TIMEOUT", "3")
    assert main(["ask", "rock, 3 songs", "--llm", "openai/x", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["items"]) == 3 and any("built-in rules" in w for w in out["warnings"])


def test_templates_commands(cli_env, capsys):
    assert main(["templates", "list"]) == 0
    assert "reason" in capsys.readouterr().out
    broken = cli_env / "reason.j2"
    broken.write_text("{{ era }}\n{% for f in facts %}{{ f }}\n")
    assert main(["templates", "validate", "reason", str(broken)]) == 2
    assert "line" in capsys.readouterr().err
    good = cli_env / "good.j2"
    good.write_text("{{ era }} — {{ facts | join(' / ') }}")
    assert main(["templates", "publish", "reason", str(good), "--author", "cara"]) == 0
    assert "v1 is live" in capsys.readouterr().out
    out = _ask(capsys, "rock, 2 songs")
    assert out["template_versions"]["reason"] == "v1" and " — " in out["items"][0]["reason"]
    assert main(["templates", "rollback", "reason"]) == 0
    assert "file is live" in capsys.readouterr().out
