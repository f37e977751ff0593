"""Pure helpers for Windows Update's local state (no user-visible text).

Registry locations (readable by a standard user; facts from Microsoft's documentation of
Windows Update policies and services):
- ``HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion``: CurrentBuild, UBR (osinfo.py).
- ``HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages``:
  one subkey per servicing package; the monthly cumulative update is
  ``Package_for_RollupFix~<token>~<arch>~~<build>.<ubr>.<x>.<y>`` with REG_DWORD values
  InstallTimeHigh/InstallTimeLow (a FILETIME) and CurrentState (112 = installed).
- Pending restart: subkey ``RebootRequired`` of ``...\\WindowsUpdate\\Auto Update`` and
  ``RebootPending`` of ``...\\Component Based Servicing``.
- Pause: ``HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings`` (PauseUpdatesExpiryTime,
  PauseQualityUpdatesEndTime, PauseFeatureUpdatesEndTime: ISO 8601 UTC strings);
  ``HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UpdatePolicy\\Settings`` (PausedQualityStatus
  = 1 while quality updates are paused); policy ``HKLM\\SOFTWARE\\Policies\\Microsoft\\
  Windows\\WindowsUpdate`` (PauseQualityUpdatesStartTime: a pause of 35 days from then).
- Services: ``HKLM\\SYSTEM\\CurrentControlSet\\Services\\wuauserv`` and ``UsoSvc``,
  Start = 2 automatic, 3 manual (Windows Update's default), 4 disabled.
- Policy ``...\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU``: NoAutoUpdate = 1 turns
  automatic updating off; AUOptions 2 = notify before download, 3 = download and notify
  for install, 4 = download and schedule the install, 5 = local administrator chooses,
  7 = download, notify for install, notify for restart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

CBS_KEY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing"
CBS_PACKAGES_KEY = CBS_KEY + r"\Packages"
AU_STATE_KEY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update"
UX_SETTINGS_KEY = r"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings"
UPDATE_POLICY_SETTINGS_KEY = r"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UpdatePolicy\Settings"
WU_POLICY_KEY = r"HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate"
AU_POLICY_KEY = WU_POLICY_KEY + r"\AU"
WUAUSERV_KEY = r"HKLM\SYSTEM\CurrentControlSet\Services\wuauserv"
USOSVC_KEY = r"HKLM\SYSTEM\CurrentControlSet\Services\UsoSvc"

SERVICE_DISABLED = 4
SERVICE_START_TYPES = frozenset({0, 1, 2, 3, 4})  # boot, system, automatic, manual, disabled
CBS_INSTALLED = 112
POLICY_PAUSE_DAYS = 35

# Updates delivered through Windows Update that are not Windows itself: Defender
# security-intelligence and platform updates (daily), and the monthly Malicious Software
# Removal Tool. They are left out when judging when Windows last installed an update.
NOT_WINDOWS_KBS = frozenset({"KB2267602", "KB4052623", "KB890830", "KB915597"})

_ROLLUP = re.compile(r"^Package_for_RollupFix~[^~]*~[^~]*~[^~]*~(\d+)\.(\d+)(?:\.|$)", re.I)
_KB = re.compile(r"\bKB(\d{6,8})\b", re.I)


def to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip(), 0)
    except (TypeError, ValueError):
        return None


def filetime_to_datetime(high: Any, low: Any) -> datetime | None:
    h, lo = to_int(high), to_int(low)
    if h is None or lo is None:
        return None
    ticks = ((h & 0xFFFFFFFF) << 32) | (lo & 0xFFFFFFFF)
    if ticks <= 0:
        return None
    try:
        return datetime(1601, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None


def rollup_packages(subkeys: list[str]) -> list[tuple[str, int, int]]:
    """CBS package names of cumulative updates -> [(name, build, revision)]."""
    out = []
    for name in subkeys:
        m = _ROLLUP.match(name)
        if m:
            out.append((name, int(m.group(1)), int(m.group(2))))
    return sorted(out, key=lambda t: (t[1], t[2]))


@dataclass(frozen=True)
class CumulativeUpdate:
    package: str
    build: int
    revision: int
    installed_at: datetime | None
    state: int | None


def parse_iso_utc(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip().replace("Z", "+00:00")
    v = re.sub(r"(\.\d{6})\d+", r"\1", v)  # .NET prints 7 fractional digits
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        m = re.match(r"(\d{4}-\d\d-\d\d)", v)
        if not m:
            return None
        try:
            dt = datetime.fromisoformat(m.group(1))
        except ValueError:  # a date that does not exist: 2025-02-31, 2025-13-01
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class PauseState:
    paused_until: datetime | None  # quality (security) updates paused until then
    feature_paused_until: datetime | None
    source: str  # the key and value that said so


def pause_state(ux: Mapping[str, Any] | None, policy_settings: Mapping[str, Any] | None,
                wu_policy: Mapping[str, Any] | None, now: datetime) -> PauseState:
    until: datetime | None = None
    source = ""
    for name in ("PauseUpdatesExpiryTime", "PauseQualityUpdatesEndTime"):
        dt = parse_iso_utc((ux or {}).get(name))
        if dt and dt > now and (until is None or dt > until):
            until, source = dt, f"{UX_SETTINGS_KEY} {name}={(ux or {}).get(name)}"
    feature = parse_iso_utc((ux or {}).get("PauseFeatureUpdatesEndTime"))
    if feature and feature <= now:
        feature = None
    if until is None and to_int((policy_settings or {}).get("PausedQualityStatus")) == 1:
        dt = parse_iso_utc((policy_settings or {}).get("PausedQualityDate"))
        until = (dt + timedelta(days=POLICY_PAUSE_DAYS)) if dt else now
        if until <= now:
            until = now
        source = f"{UPDATE_POLICY_SETTINGS_KEY} PausedQualityStatus=1"
    if until is None and wu_policy:
        start = parse_iso_utc(wu_policy.get("PauseQualityUpdatesStartTime"))
        flag = to_int(wu_policy.get("PauseQualityUpdates"))
        if start and flag != 0:
            end = start + timedelta(days=POLICY_PAUSE_DAYS)
            if end > now:
                until = end
                source = (f"{WU_POLICY_KEY} PauseQualityUpdatesStartTime="
                          f"{wu_policy.get('PauseQualityUpdatesStartTime')}")
    return PauseState(until, feature, source)


@dataclass(frozen=True)
class HistoryEntry:
    date: datetime
    operation: int  # 1 install, 2 uninstall
    result: int  # 2 succeeded, 3 succeeded with errors, 4 failed, 5 aborted
    title: str

    @property
    def kb(self) -> str:
        m = _KB.search(self.title)
        return f"KB{m.group(1)}" if m else ""

    @property
    def succeeded_install(self) -> bool:
        return self.operation == 1 and self.result in (2, 3)

    @property
    def is_windows_update(self) -> bool:
        """An installed Windows update (has a KB and is not Defender/MSRT): drivers and
        definition updates are left out."""
        return bool(self.kb) and self.kb.upper() not in NOT_WINDOWS_KBS


def parse_history(value: Any) -> list[HistoryEntry] | None:
    """The ``windows_update_history`` fact: a list (or single dict, as PowerShell unrolls
    one-element arrays; or None for an empty history) of {date, operation, result, title}."""
    if value is None:
        return []
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list):
        return None
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        dt = parse_iso_utc(item.get("date"))
        op, res = to_int(item.get("operation")), to_int(item.get("result"))
        if dt is None or op is None or res is None:
            continue
        out.append(HistoryEntry(dt, op, res, str(item.get("title") or "")))
    return sorted(out, key=lambda e: e.date)


def last_windows_install(entries: list[HistoryEntry]) -> HistoryEntry | None:
    done = [e for e in entries if e.succeeded_install and e.is_windows_update]
    return done[-1] if done else None


def patch_tuesday(year: int, month: int) -> date:
    """The second Tuesday of a month: Microsoft's monthly security release."""
    first = date(year, month, 1)
    offset = (1 - first.weekday()) % 7  # Tuesday is weekday 1
    return first + timedelta(days=offset + 7)


def expected_patch_tuesday(now: datetime, grace_days: int = 7) -> date:
    """The newest monthly release an automatically updating PC should have installed by
    ``now``: the latest second Tuesday at least ``grace_days`` before today."""
    today = now.astimezone(timezone.utc).date()
    y, m = today.year, today.month
    for _ in range(3):
        pt = patch_tuesday(y, m)
        if pt + timedelta(days=grace_days) <= today:
            return pt
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return patch_tuesday(y, m)


def au_policy(values: Mapping[str, Any] | None) -> tuple[int | None, int | None]:
    """(NoAutoUpdate, AUOptions) from the AU policy key; None where not set."""
    v = values or {}
    return to_int(v.get("NoAutoUpdate")), to_int(v.get("AUOptions"))
