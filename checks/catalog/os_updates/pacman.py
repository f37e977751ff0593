"""``pacman -Qu`` (pure): ``name oldver -> newver`` lines, exit status 1 when nothing
matches (pacman(8))."""

from __future__ import annotations

import re

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
