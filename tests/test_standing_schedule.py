"""When a standing playlist is due: across days, weeks, both DST changes, and for every day of a year in zones
with and without DST (a property: one slot per local day, at the asked local time where that time exists)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.outputs.standing.schedule import Schedule, parse_instant, schedule_for
from index.errors import PlaylistError

BERLIN = "Europe/Berlin"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_a_daily_slot_is_the_last_local_time_at_or_before_now():
    daily = Schedule(every="daily", at="07:00", tz=BERLIN)
    assert daily.latest_slot(utc("2026-12-01T07:00+01:00")) == utc("2026-12-01T07:00+01:00")
    assert daily.latest_slot(utc("2026-12-01T06:59+01:00")) == utc("2026-11-30T07:00+01:00")
    assert daily.next_slot(utc("2026-12-01T07:00+01:00")) == utc("2026-12-02T07:00+01:00")


def test_a_weekly_slot_falls_on_its_weekday_only():
    weekly = Schedule(every="weekly", at="18:30", weekday=4, tz=BERLIN)  # Fridays
    assert weekly.latest_slot(utc("2026-12-03T12:00+01:00")) == utc("2026-11-27T18:30+01:00")  # a Thursday
    assert weekly.latest_slot(utc("2026-12-04T18:30+01:00")) == utc("2026-12-04T18:30+01:00")
    assert weekly.next_slot(utc("2026-12-04T18:30+01:00")) == utc("2026-12-11T18:30+01:00")


def test_the_spring_change_runs_a_skipped_time_an_hour_later_and_keeps_the_local_time_otherwise():
    night = Schedule(every="daily", at="02:30", tz=BERLIN)  # 2026-03-29: 02:00 jumps to 03:00
    assert night.next_slot(utc("2026-03-28T12:00Z")) == utc("2026-03-29T03:30+02:00")
    morning = Schedule(every="daily", at="09:00", tz=BERLIN)
    assert morning.next_slot(utc("2026-03-28T12:00Z")) == utc("2026-03-29T07:00Z")  # 09:00 CEST
    assert morning.latest_slot(utc("2026-03-29T07:30Z")) == utc("2026-03-29T07:00Z")
    assert morning.latest_slot(utc("2026-03-29T06:30Z")) == utc("2026-03-28T08:00Z")  # 08:30 local: not yet


def test_the_autumn_change_runs_a_repeated_time_once():
    night = Schedule(every="daily", at="02:30", tz=BERLIN)  # 2026-10-25: 03:00 falls back to 02:00
    first = night.next_slot(utc("2026-10-24T12:00Z"))
    assert first == utc("2026-10-25T02:30+02:00")
    assert night.next_slot(first) == utc("2026-10-26T02:30+01:00")  # the second 02:30 is no slot


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
@pytest.mark.parametrize("at", ["00:00", "02:30", "07:00", "23:59"])
def test_every_local_day_of_a_year_has_exactly_one_slot(tz, at):
    daily = Schedule(every="daily", at=at, tz=tz)
    slot, days = daily.next_slot(utc("2026-01-01T00:00Z")), []
    while slot < utc("2027-01-01T00:00Z"):
        local = slot.astimezone(ZoneInfo(tz))
        days.append(local.date())
        hours, minutes = map(int, at.split(":"))
        shifted = (local.hour, local.minute) != (hours, minutes)
        assert not shifted or daily_gap(local.date(), tz), f"{local} is not {at} on a DST day"
        following = daily.next_slot(slot)
        assert daily.latest_slot(following - timedelta(seconds=1)) == slot
        slot = following
    assert len(days) == len(set(days)) and len(days) >= 364
    assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:]))


def daily_gap(day: date, tz: str) -> bool:
    """Whether the zone's UTC offset changes on that local day (a DST change)."""
    zone = ZoneInfo(tz)
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return start.utcoffset() != (start + timedelta(days=1)).astimezone(zone).utcoffset()


def test_schedules_as_the_listener_asks_and_bad_input_says_what_to_type():
    now = utc("2026-12-02T10:00Z")  # a Wednesday
    assert schedule_for("weekly", None, None, "UTC", now).weekday == 2
    assert schedule_for("weekly", "8:05", "Sunday", BERLIN, now) == Schedule(
        every="weekly", at="08:05", weekday=6, tz=BERLIN
    )
    for every, at, on, tz, message in [
        ("hourly", None, None, "UTC", "daily or weekly"),
        ("daily", "25:00", None, "UTC", "not a time of day"),
        ("daily", "7am", None, "UTC", "not a time of day"),
        ("daily", None, "mon", "UTC", "--on is for weekly"),
        ("weekly", None, "someday", "UTC", "a weekday"),
        ("daily", None, None, "Mars/Olympus", "unknown time zone"),
    ]:
        with pytest.raises(PlaylistError, match=message):
            schedule_for(every, at, on, tz, now)
    assert parse_instant("2026-12-02T07:00") == utc("2026-12-02T07:00Z")
    with pytest.raises(PlaylistError, match="not an ISO time"):
        parse_instant("tomorrow")
