"""Property lists (macOS): parsed with the standard library, XML or binary, from a file read
through the Host.
"""

from __future__ import annotations

from typing import Any

from checks.engine import plist_data
from checks.engine.plist_data import PlistDataError
from checks.engine.registry import Scan


class PlistError(ValueError):
    pass


def parse_plist(data: bytes) -> dict[str, Any]:
    """A binary or XML property list holding a dictionary; PlistError otherwise."""
    try:
        value = plist_data.loads(data)
    except PlistDataError as exc:
        raise PlistError(str(exc)) from None
    if not isinstance(value, dict):
        raise PlistError("property list does not hold a dictionary")
    return value


def read_plist(scan: Scan, path: str) -> tuple[dict[str, Any] | None, str]:
    """(dictionary, "") or (None, reason): "absent" or what was wrong with it."""
    data = scan.host.read_bytes(path)
    if data is None:
        return None, "absent"
    try:
        return parse_plist(data), ""
    except PlistError as exc:
        return None, str(exc)
