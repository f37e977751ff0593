"""Dates as the update checks show and compare them (pure): the day of a date in a
sentence, its minute in evidence, an age in days, and whether a recorded date is later than
now (no evidence of anything)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

FUTURE_SLACK = timedelta(days=1)  # clocks and time zones differ; beyond this, a date is wrong


def iso_date(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d")


def stamp(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def age_days(now: datetime, dt: datetime) -> int:
    return max(0, (now - dt).days)


def in_future(dt: datetime | None, now: datetime) -> bool:
    """A date later than now (by more than a day) is no evidence of anything: a wrong clock,
    a restored backup or garbage. Treating it as 'today' would make a pass out of it."""
    return dt is not None and dt > now + FUTURE_SLACK
