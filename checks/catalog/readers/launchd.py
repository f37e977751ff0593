"""macOS launchd: which services `launchctl print-disabled system` lists as disabled.
"""

from __future__ import annotations

import re

from checks.engine.commands import Command

# What remote-access and sharing run to read it, for their specs.
LAUNCHCTL_PRINT_DISABLED = Command(
    "launchctl", "print-disabled", "system",
    why="prints launchd's local list of disabled services; changing it would need root")

_LAUNCHD_LINE = re.compile(r'^\s*"([^"]+)"\s*=>\s*(true|false|disabled|enabled)\s*$')


def parse_launchctl_disabled(text: str) -> dict[str, bool] | None:
    """label -> disabled? from ``launchctl print-disabled system``. Newer macOS prints
    ``=> true`` / ``=> false``, older ``=> disabled`` / ``=> enabled``. Only the
    "disabled services" block is read. None when there is no such block."""
    out: dict[str, bool] = {}
    in_block = False
    seen = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("disabled services") and line.endswith("{"):
            in_block, seen = True, True
            continue
        if in_block and line == "}":
            in_block = False
            continue
        if in_block:
            m = _LAUNCHD_LINE.match(line)
            if m:
                out[m.group(1)] = m.group(2) in ("true", "disabled")
    return out if seen else None
