"""`playlist standing` as cron runs it: add in one process, two run-due processes at once (one refreshes, the other
finds it taken), list and remove in others; bad input refused in one line with nothing stored."""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from test_new_process import cli_env, run_cli

from assistant.profiles.profile import ProfileStore

# A day still to come, so that the refresh after it is due later than the real clock (a fixed date here started
# failing once the real clock passed the day after it).
_BERLIN = ZoneInfo("Europe/Berlin")
_FIRST = (datetime.now(_BERLIN) + timedelta(days=1)).date()
DAY_ONE = datetime(_FIRST.year, _FIRST.month, _FIRST.day, 7, 30, tzinfo=_BERLIN).isoformat(timespec="minutes")
_SECOND = _FIRST + timedelta(days=1)
NEXT_REFRESH = datetime(_SECOND.year, _SECOND.month, _SECOND.day, 7, 0, tzinfo=_BERLIN).isoformat()


def test_add_run_due_twice_at_once_list_and_remove(index_dir, tmp_path):
    db = tmp_path / "state.sqlite"
    ProfileStore(db).ensure_listener("ann")
    env = cli_env(tmp_path / "home", None)
    base = ["--index-dir", str(index_dir), "--db", str(db), "standing"]
    added = run_cli(
        env,
        *base,
        "add",
        "6 songs, no Queen",
        "--user",
        "ann",
        "--every",
        "daily",
        "--at",
        "07:00",
        "--tz",
        "Europe/Berlin",
        "--follow-up",
        "more upbeat",
        "--file",
        str(tmp_path / "mix.jspf"),
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "1"

    command = [sys.executable, "-m", "assistant.cli", *base, "run-due", "--now", DAY_ONE]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [(run.communicate(timeout=300), run.returncode) for run in runs]
    assert [code for _, code in results] == [0, 0], [err for (_, err), _ in results]
    lines = [line for (out, _), _ in results for line in out.splitlines()]
    assert len([line for line in lines if line.startswith("#1 (ann): 6 tracks, 6 new; wrote")]) == 1
    assert len([line for line in lines if line.startswith("nothing to refresh")]) == 1
    tracks = json.loads((tmp_path / "mix.jspf").read_text(encoding="utf-8"))["playlist"]["track"]
    assert len(tracks) == 6 and not any(t["creator"] == "Queen" for t in tracks)

    listed = run_cli(env, *base, "list", "--user", "ann", "--json")
    [row] = json.loads(listed.stdout)
    assert row["last_ok"] is True and row["follow_ups"] == ["more upbeat"]
    assert row["next_refresh"] == NEXT_REFRESH and row["target_kind"] == "file"

    again = run_cli(env, *base, "run-due", "--now", DAY_ONE)
    assert again.returncode == 0 and again.stdout.startswith("nothing to refresh")

    for bad, message in [
        (["--at", "25:00"], "not a time of day"),
        (["--tz", "Nowhere/City"], "unknown time zone"),
        (["--on", "mon"], "--on is for weekly"),
    ]:
        refused = run_cli(
            env, *base, "add", "6 songs", "--user", "ann", "--every", "daily", *bad, "--m3u8", str(tmp_path / "x.m3u8")
        )
        assert refused.returncode == 2 and message in refused.stderr and len(refused.stderr.splitlines()) == 1
    wrong_suffix = run_cli(
        env, *base, "add", "6 songs", "--user", "ann", "--every", "daily", "--m3u8", str(tmp_path / "x.txt")
    )
    assert wrong_suffix.returncode == 2 and "--file picks the format" in wrong_suffix.stderr
    no_folder = run_cli(env, *base, "add", "6 songs", "--user", "ann", "--every", "daily", "--mpd", "127.0.0.1:6600")
    assert no_folder.returncode == 2 and "MPD plays files" in no_folder.stderr
    assert len(json.loads(run_cli(env, *base, "list", "--user", "ann", "--json").stdout)) == 1

    removed = run_cli(env, *base, "remove", "1", "--user", "ann")
    assert removed.returncode == 0 and "removed standing playlist 1" in removed.stdout
    assert json.loads(run_cli(env, *base, "list", "--user", "ann", "--json").stdout) == []
    assert run_cli(env, *base, "remove", "1").returncode == 2
