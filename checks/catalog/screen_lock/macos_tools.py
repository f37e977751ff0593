"""Parsers of the macOS tools the check runs: ``sysadminctl -screenLock status``, ``pmset -g``
(and ``-g custom``) and ``defaults read`` of a number (pure: text in, values out)."""

from __future__ import annotations

import re


def parse_sysadminctl_screenlock(text: str) -> int | None | str:
    """``sysadminctl -screenLock status`` (stderr, with an NSLog prefix) -> seconds of
    delay (0 = immediately), "off", or None when not understood."""
    if re.search(r"screenLock is off\b", text):
        return "off"
    if re.search(r"screenLock delay is immediate\b", text):
        return 0
    # digits bounded: int() refuses over 4 300 of them, and no delay is that long
    m = re.search(r"screenLock delay is (-?\d{1,9}(?:\.\d{1,9})?) seconds?\b", text)
    if m:
        value = float(m.group(1))
        return "off" if value < 0 else int(value)
    return None


def parse_pmset_displaysleep(text: str) -> int | None:
    """``pmset -g``: the " displaysleep   10" line, in minutes (0 = never)."""
    m = re.search(r"^\s*displaysleep\s+(\d{1,9})\b", text, re.M)
    return int(m.group(1)) if m else None


def parse_pmset_custom(text: str) -> dict[str, int]:
    """``pmset -g custom``: the display-sleep minutes of each power source ("Battery
    Power", "AC Power", "UPS Power"), each listed under its own heading; 0 = never.
    ``pmset -g`` alone shows only the source in use right now."""
    out: dict[str, int] = {}
    source = ""
    for line in text.splitlines():
        head = re.fullmatch(r"\s*([A-Za-z ]+ Power):\s*", line)
        if head:
            source = head.group(1)
            continue
        m = re.match(r"^\s*displaysleep\s+(\d{1,9})\b", line)
        if m and source:
            out[source] = int(m.group(1))
    return out


def parse_defaults_int(text: str) -> int | None:
    """A number ``defaults read`` printed; None for anything else, a number of more than 18
    digits included (no setting is that large, and int() refuses over 4 300 digits)."""
    m = re.fullmatch(r"\s*(-?\d{1,18})\s*", text)
    return int(m.group(1)) if m else None

