"""Parser of XScreenSaver's settings (pure: text in, values out).

The person's ``~/.xscreensaver`` ("timeout:\t0:10:00" lines, written by xscreensaver-settings)
overrides the system-wide resource file ``/etc/X11/app-defaults/XScreenSaver`` ("*timeout:"
lines), as xscreensaver(1) says. Times are "H:MM:SS", "M:SS" or a number of minutes; a
value may continue on the next line after a backslash (the programs list), which is skipped.
"""

from __future__ import annotations

import re

MAX_TEXT = 512 * 1024
_LINE = re.compile(r"^\s*\*?(?:xscreensaver\.)?([A-Za-z][A-Za-z0-9]*)\s*:\s*(.*?)\s*$")


def parse_xscreensaver(text: str) -> dict[str, str]:
    """Setting name -> its text, from either file's syntax; comments, continuation lines and
    anything else are left out. The last line for a name counts."""
    out: dict[str, str] = {}
    if len(text) > MAX_TEXT:
        return out
    continued = False
    for line in text.splitlines():
        if continued:
            continued = line.endswith("\\")
            continue
        continued = line.endswith("\\")
        if line.lstrip().startswith(("#", "!")):
            continue
        m = _LINE.match(line)
        if m and not continued:
            out[m.group(1)] = m.group(2)
    return out


def xs_seconds(value: str | None) -> int | None:
    """A Time value in seconds: "0:10:00", "10:00" (minutes and seconds) or "10" (minutes)."""
    if value is None:
        return None
    parts = value.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() and len(p) <= 6
                                           for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return numbers[0] * 60
    seconds = numbers[-1] + numbers[-2] * 60 + (numbers[0] * 3600 if len(numbers) == 3 else 0)
    return seconds


def xs_bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return {"true": True, "on": True, "yes": True, "false": False, "off": False,
            "no": False}.get(value.strip().lower())
