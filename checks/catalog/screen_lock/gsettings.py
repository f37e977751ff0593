"""Parsers of what ``gsettings get`` prints (pure: text in, values out)."""

from __future__ import annotations

import re


def parse_gsettings_uint(text: str) -> int | None:
    """``gsettings get`` of a uint32: "uint32 300" (or "300")."""
    m = re.fullmatch(r"\s*(?:uint32\s+)?([0-9]{1,10})\s*", text)  # a uint32 has 10 digits at most
    return int(m.group(1)) if m else None


def parse_gsettings_bool(text: str) -> bool | None:
    value = text.strip()
    return {"true": True, "false": False}.get(value)


def gsettings_memory_backend(stderr: str) -> bool:
    """GLib falls back to an in-memory store, printing its defaults instead of the user's
    settings, when the real backend (dconf) cannot be loaded; it says so on stderr."""
    return re.search(r"memory.{0,3} GSettings backend", stderr) is not None

