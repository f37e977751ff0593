"""How old Checkup's browser facts are, and what they let it expect today (pure).

A data file knows each browser's current major version on the day it was gathered. A browser
that was current then may be months behind now, and Checkup cannot ask the network. So the
facts of each release line (``resources/data/browsers.json``, a browser's ``versions``) are
read into a ``Line``, and the day of the scan with the data's date into a ``Clock``:

- ``current_major`` / ``current_since``: the newest stable major the vendor patched on the
  data's date, and the day it reached the stable channel;
- ``cadence_days``: the shortest time between two stable majors the vendor has kept (Chrome
  and Chromium 14 days since Chrome 153, Firefox 28). ``projected_major`` counts the majors
  that can have come out since the data's date at that pace: the newest version a browser
  can be expected to have today. The shortest cadence is used so that Checkup never expects
  less than the vendor may have shipped;
- ``grace_days``: how long after a new major the one before it is still accepted, because
  vendors hand a release to their users in stages over several days and a browser applies
  an update when it restarts (7 days);
- ``extended_major`` / ``extended_until``: the major of a longer-lived channel the vendor
  also patches (Chrome's and Edge's Extended Stable) and the day its next one is due.

``Clock.limit_days`` is how long the data may be relied on at all (the file's
``stale_after_days``, else ``datafile.STALE_AFTER_DAYS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from checks.engine.datafile import STALE_AFTER_DAYS, DataFile

DEFAULT_CADENCE_DAYS = 28
DEFAULT_GRACE_DAYS = 7


@dataclass(frozen=True)
class Clock:
    """The data's date, the day of the scan and how long the data may be relied on."""

    gathered: date
    today: date
    limit_days: int = STALE_AFTER_DAYS

    @property
    def age_days(self) -> int:
        return (self.today - self.gathered).days

    @property
    def stale(self) -> bool:
        return self.age_days > self.limit_days


def limit_of(data: DataFile) -> int:
    """The data file's own limit (``stale_after_days``), else the engine's."""
    value = data.extra.get("stale_after_days")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else STALE_AFTER_DAYS


def clock_of(data: DataFile, now: datetime | date) -> Clock:
    today = now.date() if isinstance(now, datetime) else now
    return Clock(data.gathered, today, limit_of(data))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Line:
    """One browser's release facts on the data's date."""

    current: int | None
    since: date | None = None
    cadence_days: int = DEFAULT_CADENCE_DAYS
    grace_days: int = DEFAULT_GRACE_DAYS
    extended: int | None = None
    extended_until: date | None = None

    def projected_major(self, clock: Clock) -> int | None:
        """The newest major the vendor can have shipped by the day of the scan."""
        if self.current is None:
            return None
        return self.current + max(0, clock.age_days) // max(1, self.cadence_days)

    def in_grace(self, major: int, clock: Clock) -> bool:
        """The major just before the current one, while the current one is new."""
        if self.current is None or self.since is None or major != self.current - 1:
            return False
        return (clock.today - self.since).days <= self.grace_days

    def extended_covers(self, major: int, clock: Clock) -> bool:
        """``major`` is the extended channel's and its time has not run out."""
        if self.extended is None or major != self.extended:
            return False
        if self.extended_until is None:
            return True
        return clock.today <= self.extended_until + timedelta(days=self.grace_days)


def line_of(versions: Mapping[str, Any]) -> Line:
    cadence = _int(versions.get("cadence_days"))
    grace = _int(versions.get("grace_days"))
    return Line(
        current=_int(versions.get("current_major")),
        since=_day(versions.get("current_since")),
        cadence_days=cadence if cadence and cadence > 0 else DEFAULT_CADENCE_DAYS,
        grace_days=grace if grace is not None and grace >= 0 else DEFAULT_GRACE_DAYS,
        extended=_int(versions.get("extended_major")),
        extended_until=_day(versions.get("extended_until")),
    )
