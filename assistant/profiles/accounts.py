"""Who may log in, and as what: argon2id hashes in the JSON file PLAYLIST_ACCOUNTS names, never a password.

The file maps a login name (which is also the listener id) to {"password_hash": "$argon2id$…", "role": …}. It is
written only through `playlist accounts` (temp file, mode 0600, rename), so a crash leaves the old file whole."""

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from assistant.config import AccountsSettings
from assistant.profiles.profile import check_listener_id
from index.atomic import write_atomic
from index.errors import PlaylistError

ACCOUNTS_ENV = "PLAYLIST_ACCOUNTS"
Role = Literal["listener", "curator"]
MAX_PASSWORD_CHARS = 1024
_HASHER = PasswordHasher()  # argon2id, the library's current defaults (RFC 9106 low-memory profile)


@cache
def _dummy_hash() -> str:
    """What an unknown name's password is checked against, made once (a hash costs ~0.1 s)."""
    return _HASHER.hash("an unknown name is checked as long as a known one")


class Account(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password_hash: str
    role: Role

    @field_validator("password_hash")
    @classmethod
    def _argon2id(cls, value: str) -> str:
        if not value.startswith("$argon2id$"):
            raise ValueError("is not an argon2id hash")
        return value


def hash_password(password: str) -> str:
    if not isinstance(password, str) or not password.strip():
        raise PlaylistError("a password cannot be empty")
    if len(password) > MAX_PASSWORD_CHARS:
        raise PlaylistError(f"a password is at most {MAX_PASSWORD_CHARS} characters")
    return _HASHER.hash(password)


def _convert_hint(path: Path) -> str:
    return f"run `{ACCOUNTS_ENV}={path} playlist accounts convert` to hash them in place"


def read_accounts(path: Path) -> dict[str, Account]:
    """The accounts in `path`; any entry that is not a valid hashed account is refused, with the fix in one line."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlaylistError(
            f"{ACCOUNTS_ENV}: no accounts file at {path} (create it with "
            f"`{ACCOUNTS_ENV}={path} playlist accounts add NAME --role listener`)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlaylistError(f"{ACCOUNTS_ENV}: {path} is not a readable JSON accounts file ({exc})") from None
    if not isinstance(data, dict):
        raise PlaylistError(f"{ACCOUNTS_ENV}: {path} must hold a JSON object of name → account")
    plaintext = sorted(str(name) for name, entry in data.items() if isinstance(entry, dict) and "password" in entry)
    if plaintext:
        raise PlaylistError(
            f"{ACCOUNTS_ENV}: {path} holds plaintext passwords ({', '.join(plaintext)}), which are "
            f"refused: {_convert_hint(path)}"
        )
    accounts = {}
    for name, entry in data.items():
        try:
            check_listener_id(name)
            accounts[name] = Account.model_validate(entry)
        except (PlaylistError, ValidationError) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise PlaylistError(f"{ACCOUNTS_ENV}: entry {str(name)[:64]!r} in {path} is not valid ({reason})") from None
    return accounts


def accounts_path(env: Mapping[str, str] | None = None) -> Path | None:
    """The accounts file (Settings.accounts: PLAYLIST_ACCOUNTS, or that variable in `env`), or None when login is
    off. An inline `name:password` list is plaintext: refused."""
    raw = AccountsSettings.from_env(env).path or ""
    if not raw:
        return None
    if not raw.endswith(".json") and ":" in raw:
        raise PlaylistError(
            f"{ACCOUNTS_ENV} must name a JSON accounts file; inline name:password lists are "
            f"plaintext and refused: create the file with `{ACCOUNTS_ENV}=accounts.json playlist "
            f"accounts add NAME --role listener|curator`"
        )
    return Path(raw).expanduser()


@dataclass
class AccountsFile:
    """Changes to the accounts file: each one reads it, changes one entry and writes it back atomically."""

    path: Path

    def _entries(self) -> dict[str, dict]:
        if not self.path.exists():
            return {}
        return {name: account.model_dump() for name, account in read_accounts(self.path).items()}

    def _write(self, entries: dict[str, dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, (json.dumps(entries, indent=2, sort_keys=True) + "\n").encode(), mode=0o600)

    def add(self, name: str, role: str, password: str, replace: bool = False) -> None:
        check_listener_id(name)
        if role not in ("listener", "curator"):
            raise PlaylistError(f"a role is listener or curator, not {role!r}")
        entries = self._entries()
        if name in entries and not replace:
            raise PlaylistError(f"{name} already has an account (add --replace to set a new password or role)")
        entries[name] = {"password_hash": hash_password(password), "role": role}
        self._write(entries)

    def remove(self, name: str) -> None:
        entries = self._entries()
        if entries.pop(name, None) is None:
            raise PlaylistError(f"no account named {name!r}")
        self._write(entries)

    def listing(self) -> list[tuple[str, str]]:
        return sorted((name, entry["role"]) for name, entry in self._entries().items())

    def convert(self) -> list[str]:
        """Hashes plaintext `password` entries in place (the old format); returns the names converted."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PlaylistError(f"{self.path} is not a readable JSON accounts file ({exc})") from None
        if not isinstance(data, dict) or not all(isinstance(entry, dict) for entry in data.values()):
            raise PlaylistError(f"{self.path} must hold a JSON object of name → account")
        converted = []
        for name, entry in data.items():
            if "password" in entry:
                password = entry.pop("password")
                entry["password_hash"] = hash_password(str(password))
                entry.setdefault("role", "listener")
                converted.append(name)
        self._write(data)
        read_accounts(self.path)  # what was written must be what the app accepts
        return converted


@dataclass
class LoginThrottle:
    """Failed logins slow that name down: after the n-th failure in a row, the name is refused for
    base·2^(n-1) seconds (at most `longest_s`), whatever password comes. A success clears it. Bounded memory:
    guesses at many names cannot grow it past `names` entries."""

    base_s: float = 0.5
    longest_s: float = 30.0
    names: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _failures: OrderedDict = field(default_factory=OrderedDict)  # name -> (failures in a row, refused until)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refused_for(self, name: str) -> float:
        with self._lock:
            _, until = self._failures.get(name, (0, 0.0))
            return max(0.0, until - self.clock())

    def failed(self, name: str) -> None:
        with self._lock:
            count = self._failures.pop(name, (0, 0.0))[0] + 1
            self._failures[name] = (count, self.clock() + min(self.longest_s, self.base_s * 2 ** (count - 1)))
            while len(self._failures) > self.names:
                self._failures.popitem(last=False)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


@dataclass
class Accounts:
    """The app's logins. Empty means login is off: one person on this machine, who is also the curator."""

    users: dict[str, Account] = field(default_factory=dict)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Accounts":
        path = accounts_path(env)
        if path is None:
            return cls()
        users = read_accounts(path)
        if not users:
            raise PlaylistError(f"{ACCOUNTS_ENV}: {path} has no accounts; add one with `playlist accounts add`")
        return cls(users)

    @property
    def enabled(self) -> bool:
        return bool(self.users)

    def check(self, username: object, password: object) -> bool:
        """Gradio's login check. Every name costs one argon2 verification, known or not, so timing does not
        tell which names exist; a throttled name is refused before any verification."""
        if not isinstance(username, str) or not isinstance(password, str) or len(password) > MAX_PASSWORD_CHARS:
            return False
        if self.throttle.refused_for(username) > 0:
            return False
        account = self.users.get(username)
        try:
            ok = _HASHER.verify(account.password_hash if account else _dummy_hash(), password) and account is not None
        except (VerificationError, InvalidHashError):
            ok = False
        (self.throttle.succeeded if ok else self.throttle.failed)(username)
        return ok

    def role(self, username: str | None) -> str:
        if not self.users:
            return "curator"
        account = self.users.get(username or "")
        return account.role if account else "none"
