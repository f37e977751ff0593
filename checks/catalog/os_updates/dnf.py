"""``dnf check-update`` / ``dnf5 check-upgrade`` (pure): ``name.arch  version  repo``
lines, exit status 100 when upgrades exist, 0 when none, 1 on error (dnf(8),
dnf5-check-upgrade(8))."""

from __future__ import annotations

import re

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
