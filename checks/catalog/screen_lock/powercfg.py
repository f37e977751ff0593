"""Parser of ``powercfg /qh`` (pure: text in, values out)."""

from __future__ import annotations

import re


def parse_powercfg_values(text: str) -> tuple[int, int] | None:
    """``powercfg /qh SCHEME_CURRENT <sub> <setting>``: the last two lines ending in a
    hexadecimal value are the current AC and DC indexes (labels are translated, so only
    the values are read)."""
    values = re.findall(r":\s*0x([0-9a-fA-F]{1,8})\s*$", text, re.M)
    if len(values) < 2 or "-" not in text:  # a real answer names the setting's GUID
        return None
    return int(values[-2], 16), int(values[-1], 16)

