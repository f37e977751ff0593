"""``sysadminctl -guestAccount status`` (pure): it logs, on stderr, a line ending in
"Guest account enabled." or "Guest account disabled." (older macOS: "is enabled")."""

from __future__ import annotations

import re


def parse_sysadminctl_guest(text: str) -> bool | None:
    """``sysadminctl -guestAccount status`` -> True (enabled), False (disabled)."""
    if re.search(r"Guest account (is )?enabled", text):
        return True
    if re.search(r"Guest account (is )?disabled", text):
        return False
    return None
