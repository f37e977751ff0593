"""Parser of ``powercfg /qh`` (pure: text in, values out)."""

from __future__ import annotations

import re

_GUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}\b")
_HEX_VALUE = re.compile(r":\s*0x([0-9a-fA-F]{1,8})\s*$")


def setting_block(text: str, setting_guid: str) -> list[str] | None:
    """The lines of ``powercfg /q`` or ``/qh`` that belong to the power setting
    ``setting_guid``: from the line naming it to the next line naming any GUID (another
    setting, subgroup or scheme). None when the output does not name it. Labels are
    translated, so a line is told by the GUID it carries, never by its words."""
    wanted = setting_guid.lower()
    block: list[str] | None = None
    for line in text.splitlines():
        guids = [g.lower() for g in _GUID.findall(line)]
        if block is not None and guids:
            break
        if wanted in guids:
            block = []
        elif block is not None:
            block.append(line)
    return block


def parse_powercfg_values(text: str, setting_guid: str) -> tuple[int, int] | None:
    """The current AC and DC indexes of one power setting, found by its GUID: the last two
    hexadecimal values of its block (a range setting lists its minimum, maximum and step
    before them; a setting with named choices lists none: their indexes are not written in
    hexadecimal). None when the setting is absent or has fewer than two values."""
    block = setting_block(text, setting_guid)
    if block is None:
        return None
    values = [m.group(1) for line in block if (m := _HEX_VALUE.search(line))]
    if len(values) < 2:
        return None
    return int(values[-2], 16), int(values[-1], 16)
