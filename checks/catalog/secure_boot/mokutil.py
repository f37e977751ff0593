"""``mokutil --sb-state`` (pure): its first line says whether Secure Boot is enabled; a
later "SecureBoot validation is disabled in shim" line means shim starts unsigned code."""

from __future__ import annotations


def parse_mokutil(text: str) -> bool | str | None:
    """``mokutil --sb-state`` -> True (enabled), False (disabled), "unsupported"
    (legacy BIOS or no Secure Boot in the firmware) or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if first == "SecureBoot enabled":
        if any(line == "SecureBoot validation is disabled in shim" for line in lines):
            return False
        return True
    if first == "SecureBoot disabled":
        return False
    if first in ("This system doesn't support Secure Boot",
                 "EFI variables are not supported on this system"):
        return "unsupported"
    return None
