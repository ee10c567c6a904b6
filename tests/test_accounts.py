"""Accounts: `playlist accounts` in a real process writes argon2id hashes only; plaintext and malformed files are
refused in one line; logins are checked in constant work and slowed per name; a shared host needs logins."""

import json
import os
import stat
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.profiles.accounts import Accounts, AccountsFile, LoginThrottle, read_accounts
from index.errors import PlaylistError


def _playlist(*args: str, stdin: str = "", env_file=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAYLIST_ACCOUNTS": str(env_file)} if env_file else dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_accounts_commands_store_only_argon2id_hashes_in_a_private_file(tmp_path):
    path = tmp_path / "accounts.json"
    added = _playlist(
        "accounts", "add", "ana", "--role", "listener", "--password-stdin", stdin="correct horse\n", env_file=path
    )
    assert added.returncode == 0, added.stderr
    assert (
        _playlist(
            "accounts",
            "--file",
            str(path),
            "add",
            "cara",
            "--role",
            "curator",
            "--password-stdin",
            stdin="battery staple\n",
        ).returncode
        == 0
    )
    text = path.read_text()
    assert "correct horse" not in text and "battery staple" not in text
    assert "correct horse" not in added.stdout + added.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    entries = json.loads(text)
    assert all(e["password_hash"].startswith("$argon2id$") for e in entries.values())
    assert PasswordHasher().verify(entries["ana"]["password_hash"], "correct horse")
    assert _playlist("accounts", "list", env_file=path).stdout.split() == ["ana", "listener", "cara", "curator"]

    again = _playlist("accounts", "add", "ana", "--role", "curator", "--password-stdin", stdin="x\n", env_file=path)
    assert again.returncode == 2 and "--replace" in again.stderr and json.loads(path.read_text()) == entries
    assert _playlist("accounts", "remove", "cara", env_file=path).returncode == 0
    assert list(json.loads(path.read_text())) == ["ana"]
    missing = _playlist("accounts", "remove", "nobody", env_file=path)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_plaintext_accounts_are_refused_in_one_line_that_says_how_to_convert_them(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"ana": {"password": "secret", "role": "listener"}}))
    with pytest.raises(PlaylistError, match="plaintext.*playlist accounts convert") as refused:
        Accounts.from_env({"PLAYLIST_ACCOUNTS": str(path)})
    assert "\n" not in str(refused.value) and "secret" not in str(refused.value)
    with pytest.raises(PlaylistError, match="inline name:password lists are plaintext"):
        Accounts.from_env({"PLAYLIST_ACCOUNTS": "ana:secret:listener,cara:pw:curator"})

    converted = _playlist("accounts", "convert", env_file=path)
    assert converted.returncode == 0 and "ana" in converted.stdout and "secret" not in path.read_text()
    accounts = Accounts.from_env({"PLAYLIST_ACCOUNTS": str(path)})
    assert accounts.check("ana", "secret") and accounts.role("ana") == "listener"


def test_a_password_with_colons_or_unicode_is_kept_whole(tmp_path):
    path = tmp_path / "a.json"
    AccountsFile(path).add("ana", "listener", "pw:with:colons ✓")
    accounts = Accounts.from_env({"PLAYLIST_ACCOUNTS": str(path)})
    assert accounts.check("ana", "pw:with:colons ✓")
    assert not accounts.check("ana", "pw")


def test_every_login_costs_one_verification_whether_or_not_the_name_exists(tmp_path, monkeypatch):
    AccountsFile(tmp_path / "a.json").add("ana", "listener", "right")
    accounts = Accounts(read_accounts(tmp_path / "a.json"), LoginThrottle(base_s=0.0))
    verified = []
    real_verify = PasswordHasher.verify

    def counting_verify(self, hash_, password):
        verified.append(hash_)
        return real_verify(self, hash_, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    assert accounts.check("ana", "right") and not accounts.check("ana", "wrong")
    assert not accounts.check("nobody", "right")
    assert len(verified) == 3 and all(h.startswith("$argon2id$") for h in verified)


def test_failed_logins_slow_a_name_down_doubling_up_to_a_limit_and_a_success_clears_it(tmp_path):
    now = [1000.0]
    AccountsFile(tmp_path / "a.json").add("ana", "listener", "right")
    throttle = LoginThrottle(base_s=1.0, longest_s=4.0, names=3, clock=lambda: now[0])
    accounts = Accounts(read_accounts(tmp_path / "a.json"), throttle)
    for expected in (1.0, 2.0, 4.0, 4.0):
        assert not accounts.check("ana", "wrong")
        assert throttle.refused_for("ana") == expected
        now[0] += expected
    assert not accounts.check("ana", "wrong")
    assert not accounts.check("ana", "right")  # still slowed down: even the right password waits
    now[0] += 4.0
    assert accounts.check("ana", "right") and throttle.refused_for("ana") == 0
    for name in ("x1", "x2", "x3", "x4"):
        throttle.failed(name)
    assert len(throttle._failures) == 3  # guesses at many names cannot grow it without bound


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=40),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4),
        max_leaves=12,
    )
)
def test_any_accounts_file_is_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "accounts.json"
    path.write_text(json.dumps(data))
    try:
        accounts = read_accounts(path)
    except PlaylistError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(a.password_hash.startswith("$argon2id$") for a in accounts.values())


def test_a_shared_host_without_accounts_refuses_to_start_unless_told_it_is_meant(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PLAYLIST_ACCOUNTS"}
    started = subprocess.run(
        [sys.executable, "app.py", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        env={**env, "PLAYLIST_HOME": str(tmp_path)},
        timeout=120,
    )
    assert started.returncode != 0 and "--public-without-login" in started.stderr
    assert "Traceback" not in started.stderr

    import app

    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        app.check_exposure(host, Accounts(), public_without_login=False)
    app.check_exposure("0.0.0.0", Accounts(), public_without_login=True)
    AccountsFile(tmp_path / "a.json").add("cara", "curator", "pw")
    app.check_exposure("0.0.0.0", Accounts(read_accounts(tmp_path / "a.json")), public_without_login=False)
    with pytest.raises(PlaylistError):
        app.check_exposure("music.example.org", Accounts(), public_without_login=False)
