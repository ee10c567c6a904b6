"""A Subsonic API client: token authentication as the API specifies (t = md5(password + salt), s = salt, a new
salt per request), JSON responses, and errors worded for the listener. Servers that cannot check tokens
(Supysonic stores hashed passwords; LDAP users on others) answer code 41 or ask for `p`. The API's other form,
`p=enc:…`, is the password merely hex-encoded: it is sent only over https, or where the caller allows it
(`allow_password`: the caller's PLAYLIST_SUBSONIC_PASSWORD_AUTH=1 setting); otherwise the call is refused and says
how to allow it. `token_auth` says which form is in use."""

import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from index.errors import PlaylistError

API_VERSION = "1.16.1"
CLIENT = "playlist-assistant"
PASSWORD_ENV = "PLAYLIST_SUBSONIC_PASSWORD"
PASSWORD_AUTH_ENV = "PLAYLIST_SUBSONIC_PASSWORD_AUTH"
TOKEN_NOT_SUPPORTED = 41
MISSING_PARAMETER = 10
WRONG_CREDENTIALS = 40
NOT_FOUND = 70


class SubsonicError(PlaylistError):
    """The server refused a call; `code` is the Subsonic error code (0 when the server gave none)."""

    def __init__(self, message: str, code: int = 0):
        super().__init__(message)
        self.code = code


def token(password: str, salt: str) -> str:
    return hashlib.md5((password + salt).encode("utf-8")).hexdigest()


def password_form_allowed(scheme: str, allow_password: bool | None = None) -> bool:
    """Whether the readable password form may go to a server: over https, or when allowed (an argument, or the
    caller's PLAYLIST_SUBSONIC_PASSWORD_AUTH setting), since over plain http anyone on the way can read it."""
    return scheme == "https" or bool(allow_password)


class SubsonicClient:
    def __init__(self, url: str, user: str, password: str, timeout_s: float = 30.0, allow_password: bool | None = None):
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise PlaylistError(f"not a server address: {url!r} (give http://host:port or https://…)")
        if not user:
            raise PlaylistError("give the Subsonic user name (--user)")
        if not password:
            raise PlaylistError(f"no Subsonic password: set {PASSWORD_ENV} or type it when asked")
        self.base = url.rstrip("/") + "/rest/"
        self.user, self._password, self.timeout_s = user, password, timeout_s
        self.allow_password = password_form_allowed(parsed.scheme, allow_password)
        self.token_auth = True
        self._token_worked = False  # once a token call succeeded, code 10 is a real missing parameter

    def _auth(self) -> dict[str, str]:
        if self.token_auth:
            salt = secrets.token_hex(8)
            return {"u": self.user, "t": token(self._password, salt), "s": salt}
        return {"u": self.user, "p": "enc:" + self._password.encode("utf-8").hex()}

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """The `subsonic-response` body of one call; list values become repeated parameters."""
        try:
            body = self._call(method, params)
        except SubsonicError as exc:
            if not self.token_auth or self._token_worked or exc.code not in (TOKEN_NOT_SUPPORTED, MISSING_PARAMETER):
                raise
            if not self.allow_password:
                raise SubsonicError(
                    f"the server at {self.base} does not take token auth (Subsonic error {exc.code}) and wants the "
                    "password form, which is only hex-encoded: over plain http it would travel readable to anyone "
                    f"on the way. Use the server's https:// address, or allow it with {PASSWORD_AUTH_ENV}=1",
                    exc.code,
                ) from exc
            self.token_auth = False
            return self._call(method, params)
        self._token_worked = self._token_worked or self.token_auth
        return body

    def _call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        query = {**self._auth(), "v": API_VERSION, "c": CLIENT, "f": "json", **params}
        form = urllib.parse.urlencode(query, doseq=True).encode("ascii")
        request = urllib.request.Request(
            self.base + method, data=form, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                raise SubsonicError(
                    f"the server at {self.base} refused user {self.user!r}: wrong user or password", WRONG_CREDENTIALS
                ) from exc
            raise SubsonicError(f"the server at {self.base} answered HTTP {exc.code} to {method}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SubsonicError(f"cannot reach the Subsonic server at {self.base} ({reason})") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SubsonicError(f"{self.base} did not answer like a Subsonic server (no JSON)") from exc
        body = payload.get("subsonic-response") if isinstance(payload, dict) else None
        if not isinstance(body, dict):
            raise SubsonicError(f"{self.base} did not answer like a Subsonic server")
        if body.get("status") != "ok":
            error = body.get("error") or {}
            code = int(error.get("code") or 0)
            if code == WRONG_CREDENTIALS:
                raise SubsonicError(
                    f"the server at {self.base} refused user {self.user!r}: wrong user or password", code
                )
            raise SubsonicError(f"{method}: {error.get('message') or 'failed'} (Subsonic error {code})", code)
        return body
