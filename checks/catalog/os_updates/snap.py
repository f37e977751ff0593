"""``snap refresh --time --abs-time`` (pure): ``timer:``/``schedule:``, ``last:``,
``hold:``, ``next:`` lines with RFC 3339 times or ``n/a`` / ``forever`` (snapd
cmd_refresh.go)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone


def parse_rfc3339(value: str) -> datetime | None:
    v = value.strip()
    if not v:
        return None
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?$", v)
        if not m:
            return None
        try:
            dt = datetime.fromisoformat(m.group(1) + (m.group(2) or "+00:00").replace(
                "Z", "+00:00"))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class SnapRefresh:
    last: datetime | None
    hold_forever: bool = False
    hold_until: datetime | None = None
    raw: dict[str, str] = field(default_factory=dict)


def parse_snap_refresh_time(text: str) -> SnapRefresh | None:
    raw: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in ("timer", "schedule", "last", "hold", "next"):
            raw[key.strip()] = value.strip()
    if "last" not in raw:
        return None
    hold = raw.get("hold", "")
    return SnapRefresh(
        last=parse_rfc3339(raw["last"]) if raw["last"] != "n/a" else None,
        hold_forever=hold == "forever",
        hold_until=parse_rfc3339(hold) if hold and hold != "forever" else None,
        raw=raw,
    )
