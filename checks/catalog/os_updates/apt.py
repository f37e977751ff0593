"""``apt-get -s dist-upgrade`` and the names in /var/lib/apt/lists (pure).

The simulation prints one ``Inst name [old] (new Label:Version/Archive, ... [arch])`` line
per package (apt-pkg ``pkgSimulate`` and ``VerIterator::RelStr``: "Label:Version/Archive"
entries joined by ", ", then `` [arch]``) and a summary line with four numbers (upgraded,
newly installed, to remove, not upgraded). Facts only, nothing copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
