"""When a standing playlist is due. A schedule names a wall-clock time in the listener's time zone (daily, or
weekly on one weekday); each such moment is a slot, and a playlist is due when the latest slot at or before now
is later than the slot it last refreshed for. Slots are computed per local date, so a DST change neither skips
nor doubles a day: a time the spring change skips runs an hour later (03:30 for 02:30), a time the autumn
change repeats runs once, at its first occurrence."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, field_validator

from index.errors import PlaylistError

Every = Literal["daily", "weekly"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_AT = "07:00"


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    every: Every
    at: str = DEFAULT_AT  # HH:MM, local time in `tz`
    weekday: int | None = None  # 0 = Monday; weekly only
    tz: str = "UTC"

    @field_validator("at")
    @classmethod
    def _clock_time(cls, text: str) -> str:
        return parse_clock(text).strftime("%H:%M")

    @field_validator("tz")
    @classmethod
    def _zone(cls, name: str) -> str:
        zone(name)
        return name

    def latest_slot(self, now: datetime) -> datetime:
        """The last scheduled moment at or before `now` (UTC)."""
        day = now.astimezone(zone(self.tz)).date()
        while not (self._runs_on(day) and self._slot(day) <= now):
            day -= timedelta(days=1)
        return self._slot(day)

    def next_slot(self, after: datetime) -> datetime:
        """The first scheduled moment strictly after `after` (UTC)."""
        day = after.astimezone(zone(self.tz)).date()
        while not (self._runs_on(day) and self._slot(day) > after):
            day += timedelta(days=1)
        return self._slot(day)

    def describe(self) -> str:
        on = f" on {WEEKDAYS[self.weekday].capitalize()}" if self.every == "weekly" and self.weekday is not None else ""
        return f"{self.every}{on} at {self.at} ({self.tz})"

    def _runs_on(self, day: date) -> bool:
        return self.every == "daily" or day.weekday() == self.weekday

    def _slot(self, day: date) -> datetime:
        local = datetime.combine(day, parse_clock(self.at), tzinfo=zone(self.tz))  # fold=0: the first of a repeat
        return local.astimezone(UTC)


def parse_clock(text: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise PlaylistError(f"not a time of day: {text!r} (give HH:MM, e.g. 07:30)") from None


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PlaylistError(f"unknown time zone {name!r} (give an IANA name, e.g. Europe/Berlin)") from None


def local_zone_name() -> str:
    """This machine's zone as an IANA name when it can tell (TZ, /etc/timezone, /etc/localtime), else UTC."""
    import os
    from pathlib import Path

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        candidates.append(str(localtime.resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        try:
            if name:
                ZoneInfo(name)
                return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def schedule_for(every: str, at: str | None, on: str | None, tz: str | None, now: datetime) -> Schedule:
    """The schedule a listener asked for; a weekly one without a day runs on today's weekday."""
    if every not in ("daily", "weekly"):
        raise PlaylistError(f"--every takes daily or weekly, not {every!r}")
    period: Every = "weekly" if every == "weekly" else "daily"
    name = tz or local_zone_name()
    weekday = None
    if every == "weekly":
        if on is None:
            weekday = now.astimezone(zone(name)).weekday()
        elif on.strip().lower()[:3] in WEEKDAYS:
            weekday = WEEKDAYS.index(on.strip().lower()[:3])
        else:
            raise PlaylistError(f"--on takes a weekday (mon … sun), not {on!r}")
    elif on is not None:
        raise PlaylistError("--on is for weekly playlists; a daily one runs every day")
    return Schedule(every=period, at=at or DEFAULT_AT, weekday=weekday, tz=name)


def parse_instant(text: str | None) -> datetime:
    """--now: an ISO time (a time without a zone is UTC); None is now."""
    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise PlaylistError(f"not an ISO time: {text!r} (e.g. 2026-12-01T07:00:00+01:00)") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
