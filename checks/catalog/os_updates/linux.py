"""Pure parsers for Linux package managers' local update state (no user-visible text).

Every function takes what a tool printed or a file held and returns facts. Nothing here
reads the machine; the ``gather`` modules of os_updates and auto_updates read through the
Host.

Sources of the formats (facts only, nothing copied):
- ``apt-get -s dist-upgrade``: one ``Inst name [old] (new Label:Version/Archive, ... [arch])``
  line per package (apt-pkg ``pkgSimulate`` and ``VerIterator::RelStr``: "Label:Version/
  Archive" entries joined by ", ", then `` [arch]``); a final summary line with four numbers
  (upgraded, newly installed, to remove, not upgraded).
- ``apt-config dump``: one ``Key "value";`` line per item; list items end in ``::``.
- ``pacman -Qu``: ``name oldver -> newver`` lines, exit status 1 when nothing matches.
- ``dnf check-update`` / ``dnf5 check-upgrade``: ``name.arch  version  repo`` lines, exit
  status 100 when upgrades exist, 0 when none, 1 on error (dnf(8), dnf5-check-upgrade(8)).
- ``zypper --xmlout list-updates`` / ``list-patches``: ``<update kind=... name=...
  category=...>`` elements inside ``<update-list>`` (zypper's XML output, version 0.6).
- ``snap refresh --time --abs-time``: ``timer:``/``schedule:``, ``last:``, ``hold:``,
  ``next:`` lines with RFC 3339 times or ``n/a`` / ``forever`` (snapd cmd_refresh.go).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone

from checks.catalog.readers import config_files as _config_files

# -- apt ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AptPackage:
    name: str
    old: str  # "" for a package newly pulled in (e.g. a new kernel)
    new: str
    origins: tuple[str, ...]  # "Label:Version/Archive" entries

    @property
    def security(self) -> bool:
        return any(is_security_origin(o) for o in self.origins)


@dataclass(frozen=True)
class AptSimulation:
    packages: tuple[AptPackage, ...]
    summary: tuple[int, int, int, int] | None  # upgraded, new, remove, not upgraded

    @property
    def complete(self) -> bool:
        """The simulation ran to its summary line: an empty list then means nothing."""
        return self.summary is not None

    @property
    def security(self) -> tuple[AptPackage, ...]:
        return tuple(p for p in self.packages if p.security)

    @property
    def kept_back(self) -> int:
        return self.summary[3] if self.summary else 0


_INST = re.compile(r"^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*)\)(?: \[[^\]]*\])*\s*$")
# Counts of at most 9 digits: a longer one is no count apt printed (and int() refuses a
# number of over 4 300 digits), so such a line is no summary.
_SUMMARY = re.compile(r"^\s*(\d{1,9})\D+?(\d{1,9})\D+?(\d{1,9})\D+?(\d{1,9})\D*$")


def is_security_origin(origin: str) -> bool:
    """``Debian-Security:12/stable-security``, ``Ubuntu:24.04/noble-security``,
    ``UbuntuESM:24.04/noble-infra-security``: the archive or label names security."""
    label, _, rest = origin.partition(":")
    archive = rest.rpartition("/")[2] if rest else ""
    return "security" in label.lower() or archive.lower().endswith("-security")


def parse_apt_simulation(text: str) -> AptSimulation:
    packages: list[AptPackage] = []
    summary: tuple[int, int, int, int] | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        m = _INST.match(line)
        if m:
            name, old, new, rel = m.group(1), m.group(2) or "", m.group(3), m.group(4)
            rel = re.sub(r"\s*\[[^\]]*\]\s*$", "", rel)  # the trailing " [arch]"
            origins = tuple(o.strip() for o in rel.split(", ") if o.strip())
            packages.append(AptPackage(name, old, new, origins))
            continue
        if line.startswith(("Inst ", "Conf ", "Remv ", "Purg ", " ")):
            continue
        s = _SUMMARY.match(line)
        if s:
            summary = (int(s.group(1)), int(s.group(2)), int(s.group(3)), int(s.group(4)))
    return AptSimulation(tuple(packages), summary)


def list_security_sources(list_files: list[str]) -> list[str]:
    """Names in /var/lib/apt/lists that are release files of a security source."""
    return [n for n in list_files if is_release_file(n) and "security" in n.lower()]


def is_release_file(name: str) -> bool:
    return name.endswith(("_InRelease", "_Release"))


# -- apt configuration ------------------------------------------------------------------

_CONF_LINE = re.compile(r'^(\S+?) "(.*)";\s*$')


def parse_apt_config_dump(text: str) -> dict[str, list[str]]:
    """``apt-config dump`` -> {key: [values]}; list items (``Key:: "v";``) collect under
    ``Key``. Keys compare case-insensitively in apt, so they are lower-cased here."""
    out: dict[str, list[str]] = {}
    for raw in text.splitlines():
        m = _CONF_LINE.match(raw.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        key = key[:-2] if key.endswith("::") else key
        out.setdefault(key.lower(), [])
        if value != "" or not out[key.lower()]:
            out[key.lower()].append(value)
    return {k: [v for v in vals if v != ""] or [""] for k, vals in out.items()}


_APT_CONF_ASSIGN = re.compile(r'^\s*([A-Za-z0-9:_-]+)\s+"([^"]*)"\s*;', re.M)


def parse_apt_conf_files(texts: list[str]) -> dict[str, list[str]]:
    """Fallback when ``apt-config`` cannot run: simple ``Key "value";`` lines from the
    files of /etc/apt/apt.conf.d, later files overriding earlier ones (apt's order)."""
    out: dict[str, list[str]] = {}
    for text in texts:
        cleaned = re.sub(r"//[^\n]*|#[^\n]*", "", text)
        for m in _APT_CONF_ASSIGN.finditer(cleaned):
            out[m.group(1).lower()] = [m.group(2)]
    return out


def periodic_interval_on(value: str | None) -> bool | None:
    """An APT::Periodic value: "0"/"" is off; a number of days (or with a unit s/m/h/d)
    above zero, or "always", is on. None when the value is not one apt would read."""
    if value is None:
        return None
    v = value.strip().lower()
    if v in ("", "0"):
        return False
    if v == "always":
        return True
    m = re.fullmatch(r"(\d+)\s*([smhd]?)", v)
    if m:
        return int(m.group(1)) > 0
    return None


# -- pacman -----------------------------------------------------------------------------

_PACMAN = re.compile(r"^(\S+) (\S+) -> (\S+)(?:\s+\[.*\])?\s*$")


def parse_pacman_qu(text: str) -> list[tuple[str, str, str]] | None:
    """``pacman -Qu`` -> [(name, old, new)]; None when a line is not in that form."""
    out: list[tuple[str, str, str]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        m = _PACMAN.match(raw.strip())
        if not m:
            return None
        out.append((m.group(1), m.group(2), m.group(3)))
    return out


# -- dnf --------------------------------------------------------------------------------

_DNF_NAME = re.compile(r"^[A-Za-z0-9_.+-]+\.[A-Za-z0-9_]+$")
_DNF_VERSION = re.compile(r"^[A-Za-z0-9_.:~+^-]+$")


def parse_dnf_check_update(text: str) -> list[tuple[str, str, str]]:
    """``dnf check-update`` lines -> [(name.arch, version, repo)], one per package.
    Indented lines (dnf4's "obsoleting" section) and anything else are skipped."""
    seen: dict[str, tuple[str, str, str]] = {}
    for raw in text.splitlines():
        if not raw.strip() or raw[:1].isspace():
            continue
        parts = raw.split()
        if len(parts) != 3:
            continue
        name, version, repo = parts
        if _DNF_NAME.match(name) and _DNF_VERSION.match(version):
            seen.setdefault(name, (name, version, repo))
    return list(seen.values())


def parse_ini(text: str) -> dict[str, dict[str, str]]:
    """dnf's automatic.conf, KDE's PlasmaDiscoverUpdates: the shared INI reader
    (``_config_files.parse_ini``) with section and key names lower-cased, as those are looked up
    here without regard to case."""
    out: dict[str, dict[str, str]] = {}
    for section, values in _config_files.parse_ini(text).items():
        out.setdefault(section.lower(), {}).update((k.lower(), v) for k, v in values.items())
    return out


# -- zypper -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ZypperList:
    updates: tuple[dict[str, str], ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)  # <message type=warning|error>
    complete: bool = False  # an <update-list> (possibly empty) was present


def parse_zypper_xml(text: str) -> ZypperList | None:
    """``zypper --xmlout list-updates|list-patches`` -> its updates; None when not XML."""
    start = text.find("<?xml")
    body = text[start:] if start >= 0 else text
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    warnings = tuple((m.text or "").strip() for m in root.iter("message")
                     if m.get("type") in ("warning", "error"))
    lists = list(root.iter("update-list"))
    updates = tuple(dict(u.attrib) for lst in lists for u in lst.iter("update"))
    return ZypperList(updates, warnings, complete=bool(lists))


# -- snap -------------------------------------------------------------------------------


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


# -- systemd ----------------------------------------------------------------------------


def parse_is_enabled(text: str) -> list[str]:
    """``systemctl is-enabled UNIT...`` prints one state word per unit ("enabled",
    "disabled", "masked", "static", ...); these words are systemd's API, not prose."""
    return [w.strip() for w in text.splitlines() if w.strip()]


ENABLED_STATES = frozenset({"enabled", "enabled-runtime", "static", "alias", "indirect"})
# Every word ``systemctl is-enabled`` can print (systemctl(1)); anything else is not its answer.
UNIT_FILE_STATES = ENABLED_STATES | frozenset({
    "linked", "linked-runtime", "masked", "masked-runtime", "disabled", "generated",
    "transient", "bad", "not-found"})
