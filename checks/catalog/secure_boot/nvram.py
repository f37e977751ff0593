"""``nvram 94b73556-...:AppleSecureBootPolicy`` on Intel Macs with a T2 chip (pure): the
variable's name, a tab, then its one byte as ``%02`` (full), ``%01`` (medium) or ``%00``
(no security)."""

from __future__ import annotations

import re


def parse_apple_policy(text: str) -> int | None:
    """``nvram 94b73556-...:AppleSecureBootPolicy`` -> 2 full, 1 medium, 0 none."""
    m = re.search(r"AppleSecureBootPolicy\s+%0([0-2])\s*$", text.strip())
    return int(m.group(1)) if m else None
