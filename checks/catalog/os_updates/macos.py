"""Pure parsers for macOS's local software-update records (no user-visible text).

- ``/Library/Preferences/com.apple.SoftwareUpdate.plist`` (world-readable, usually a
  binary plist): the automatic-update switches (AutomaticCheckEnabled, AutomaticDownload,
  AutomaticallyInstallMacOSUpdates, CriticalUpdateInstall, ConfigDataInstall) and what
  ``softwareupdated`` recorded at its last check (LastSuccessfulDate,
  LastFullSuccessfulDate, LastRecommendedUpdatesAvailable, RecommendedUpdates: a list of
  dicts with "Display Name", "Display Version", "Identifier", "Product Key").
  Mac administrators report that recent macOS does not keep every one of these keys up to
  date, so the check treats them as a dated hint.
- ``/Library/Managed Preferences/com.apple.SoftwareUpdate.plist``: the same switches set by
  an organisation's device management; they take precedence.
- ``/Library/Receipts/InstallHistory.plist``: a list of dicts (date, displayName,
  displayVersion, processName, contentType, packageIdentifiers) for every install.
- ``/Library/Preferences/com.apple.commerce.plist``: ``AutoUpdate`` for App Store apps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from checks.engine import plist_data

SOFTWARE_UPDATE_PLIST = "/Library/Preferences/com.apple.SoftwareUpdate.plist"
MANAGED_SOFTWARE_UPDATE_PLIST = "/Library/Managed Preferences/com.apple.SoftwareUpdate.plist"
INSTALL_HISTORY_PLIST = "/Library/Receipts/InstallHistory.plist"
COMMERCE_PLIST = "/Library/Preferences/com.apple.commerce.plist"

AUTO_KEYS = (
    "AutomaticCheckEnabled",
    "AutomaticDownload",
    "AutomaticallyInstallMacOSUpdates",
    "CriticalUpdateInstall",
    "ConfigDataInstall",
)


def load_plist(data: bytes | None) -> dict[str, Any] | None:
    """A plist dict from bytes (binary or XML); None when absent or unreadable."""
    return plist_data.loads_dict(data)


def load_plist_list(data: bytes | None) -> list[Any] | None:
    if not data:
        return None
    try:
        value = plist_data.loads(data)
    except plist_data.PlistDataError:
        return None
    return value if isinstance(value, list) else None


def _utc(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str) and value.strip().lower() in ("1", "yes", "true", "0", "no",
                                                             "false"):
        return value.strip().lower() in ("1", "yes", "true")
    return None


@dataclass(frozen=True)
class RecommendedUpdate:
    name: str
    version: str
    product_key: str

    @property
    def is_macos(self) -> bool:
        return self.product_key.startswith("MSU_UPDATE") or self.name.startswith("macOS")


@dataclass(frozen=True)
class SoftwareUpdateRecord:
    last_successful: datetime | None
    last_full_successful: datetime | None
    recommended_count: int | None  # LastRecommendedUpdatesAvailable
    recommended: tuple[RecommendedUpdate, ...] | None  # None when the key is absent
    switches: dict[str, bool]  # only the AUTO_KEYS present with a readable value
    last_attempt_version: str = ""

    @property
    def last_check(self) -> datetime | None:
        dates = [d for d in (self.last_successful, self.last_full_successful) if d]
        return max(dates) if dates else None


def parse_software_update(plist: dict[str, Any]) -> SoftwareUpdateRecord:
    rec_raw = plist.get("RecommendedUpdates")
    recommended: tuple[RecommendedUpdate, ...] | None = None
    if isinstance(rec_raw, list):
        items = []
        for item in rec_raw:
            if isinstance(item, dict):
                items.append(RecommendedUpdate(
                    name=str(item.get("Display Name") or item.get("Identifier") or "?"),
                    version=str(item.get("Display Version") or ""),
                    product_key=str(item.get("Product Key") or ""),
                ))
        recommended = tuple(items)
    count = plist.get("LastRecommendedUpdatesAvailable")
    switches = {}
    for key in AUTO_KEYS:
        b = _bool(plist.get(key)) if key in plist else None
        if b is not None:
            switches[key] = b
    return SoftwareUpdateRecord(
        last_successful=_utc(plist.get("LastSuccessfulDate")),
        last_full_successful=_utc(plist.get("LastFullSuccessfulDate")),
        recommended_count=count if isinstance(count, int) and not isinstance(count, bool)
        else None,
        recommended=recommended,
        switches=switches,
        last_attempt_version=str(plist.get("LastAttemptSystemVersion") or ""),
    )


def version_tuple(text: str) -> tuple[int, ...] | None:
    m = re.match(r"^\s*(\d+(?:\.\d+)*)", text or "")
    if not m:
        return None
    parts = m.group(1).split(".")
    if any(len(p) > 9 for p in parts):  # no version part is that long; int() refuses
        return None                      # over 4 300 digits
    return tuple(int(p) for p in parts)


def _version_in(update: RecommendedUpdate) -> tuple[int, ...] | None:
    v = version_tuple(update.version)
    if v is None:
        m = re.search(r"(\d+(?:\.\d+)+)", update.name)
        v = version_tuple(m.group(1)) if m else None
    return v


def still_pending(updates: tuple[RecommendedUpdate, ...], installed: str) -> list[
        RecommendedUpdate]:
    """Recommended updates not already installed: a macOS update whose version is not
    newer than the running ``installed`` version was left over from an earlier check, and
    one to a newer major version is an upgrade on offer (judged by os-supported), not an
    update of this version."""
    current = version_tuple(installed)
    out = []
    for u in updates:
        v = _version_in(u)
        if u.is_macos and current and v:
            if v <= current:
                continue
            if current[0] >= 11 and v[0] > current[0]:
                continue
        out.append(u)
    return out


@dataclass(frozen=True)
class InstallEntry:
    date: datetime
    name: str
    version: str
    process: str
    content_type: str


def parse_install_history(items: list[Any]) -> list[InstallEntry]:
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        date = _utc(item.get("date"))
        if date is None:
            continue
        out.append(InstallEntry(
            date=date,
            name=str(item.get("displayName") or ""),
            version=str(item.get("displayVersion") or ""),
            process=str(item.get("processName") or ""),
            content_type=str(item.get("contentType") or ""),
        ))
    return sorted(out, key=lambda e: e.date)


def last_system_install(entries: list[InstallEntry]) -> InstallEntry | None:
    """The newest install made by macOS's own updater (softwareupdated), of any kind."""
    own = [e for e in entries if e.process.lower() in ("softwareupdated", "software update")]
    return own[-1] if own else None


def last_os_update(entries: list[InstallEntry]) -> InstallEntry | None:
    """The newest macOS update (not background security data) installed by the updater."""
    own = [e for e in entries if e.process.lower() in ("softwareupdated", "software update")
           and e.content_type != "config-data" and e.name.startswith("macOS")]
    return own[-1] if own else None


def effective_switches(local: dict[str, Any] | None, managed: dict[str, Any] | None
                       ) -> dict[str, tuple[bool | None, str]]:
    """Each automatic-update switch -> (value or None when not set, where it came from:
    "managed", "local" or "default")."""
    out: dict[str, tuple[bool | None, str]] = {}
    for key in AUTO_KEYS:
        value: bool | None = None
        origin = "default"
        for src, plist in (("managed", managed), ("local", local)):
            if plist and key in plist:
                b = _bool(plist[key])
                if b is not None:
                    value, origin = b, src
                    break
        out[key] = (value, origin)
    return out
