"""End dates the machine itself states (pure parsers; no Host access, no sentences).

- Debian and Ubuntu ship Debian's ``distro-info-data`` package: ``/usr/share/distro-info/
  debian.csv`` and ``ubuntu.csv``, one release a line under a header naming the columns
  (``version,codename,series,created,release,eol,...``; Ubuntu's ``version`` is "24.04 LTS").
  ``eol`` is the end of the release's regular security support.
- Fedora (and others) write ``SUPPORT_END=YYYY-MM-DD`` in ``/etc/os-release``
  (os-release(5)).

Both are text from the machine: a line that is not a date is ignored, never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from checks.engine.bounded_json import date_in_range

DISTRO_INFO_CSV = {
    "debian": "/usr/share/distro-info/debian.csv",
    "ubuntu": "/usr/share/distro-info/ubuntu.csv",
}
MAX_CSV_LINES = 400
MAX_LINE = 400
# Columns after ``eol`` and the extended programme (os-support.json's ids) each one ends.
PROGRAMME_COLUMNS = {"eol-esm": "ubuntu-pro-esm", "eol-lts": "debian-lts",
                     "eol-elts": "debian-elts"}


@dataclass(frozen=True)
class LocalEnd:
    """An end of regular support that a file on this machine states."""

    source: str  # the file
    end: date
    text: str  # what the file said (machine text: shown escaped, through Evidence)
    kind: str  # "distro-info" or "os-release"
    programmes: Mapping[str, date] = field(default_factory=dict)  # programme id -> its end


def iso_date(text: str | None) -> date | None:
    """``"2026-07-11"`` -> date; anything else -> None."""
    value = (text or "").strip()
    if len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if date_in_range(day) else None


def _version_matches(cell: str, version: str) -> bool:
    """Debian's "12" is "12"; Ubuntu's "24.04 LTS" is "24.04"."""
    first = cell.strip().split(" ", 1)[0]
    return bool(version) and first == version


def parse_distro_info(text: str | None, version: str, source: str = "") -> LocalEnd | None:
    """The ``eol`` of ``version`` in a distro-info-data CSV file, if it states one, with the
    ends of the extended programmes its other columns state (``PROGRAMME_COLUMNS``)."""
    lines = (text or "").splitlines()[:MAX_CSV_LINES]
    if not lines:
        return None
    header = [c.strip().lower() for c in lines[0][:MAX_LINE].split(",")]
    if "version" not in header or "eol" not in header:
        return None
    at_version, at_eol = header.index("version"), header.index("eol")
    for raw in lines[1:]:
        cells = raw[:MAX_LINE].split(",")
        if len(cells) <= max(at_version, at_eol) or not _version_matches(cells[at_version],
                                                                         version):
            continue
        end = iso_date(cells[at_eol])
        if end is None:
            return None
        ends = {prog: day for column, prog in PROGRAMME_COLUMNS.items() if column in header
                and header.index(column) < len(cells)
                and (day := iso_date(cells[header.index(column)])) is not None}
        return LocalEnd(source, end, raw[:MAX_LINE].strip(), "distro-info", ends)
    return None


def support_end_of(value: str | None, source: str = "/etc/os-release") -> LocalEnd | None:
    """os-release's ``SUPPORT_END`` value, when it is a date."""
    end = iso_date(value)
    if end is None:
        return None
    return LocalEnd(source, end, f"SUPPORT_END={(value or '').strip()}", "os-release")
