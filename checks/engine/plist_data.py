"""The one way Checkup reads a property list (macOS, XML or binary): the standard library's
parser, then a walk that refuses what no real property list holds.

A damaged binary plist can make ``plistlib`` return objects that refer to themselves (a
dictionary inside itself, found by fuzzing os-updates' reader), dictionaries keyed by
something other than text, or nesting deep enough to overflow the code that walks it later.
Such a file is as unreadable as one ``plistlib`` refuses.
"""

from __future__ import annotations

import plistlib
from typing import Any

MAX_DEPTH = 64


class PlistDataError(ValueError):
    """Not a property list Checkup can use; the message is one short clause."""


def loads(data: bytes) -> Any:
    """The property list's value, checked (PlistDataError otherwise)."""
    try:
        value = plistlib.loads(data)
    except Exception as exc:  # plistlib raises several kinds on garbage (RecursionError too)
        raise PlistDataError(f"not a property list ({exc.__class__.__name__})") from None
    _check(value, set(), 0)
    return value


def loads_dict(data: bytes | None) -> dict[str, Any] | None:
    """A property list holding a dictionary; None when absent, unreadable or not a dict."""
    if not data:
        return None
    try:
        value = loads(data)
    except PlistDataError:
        return None
    return value if isinstance(value, dict) else None


def _check(value: Any, open_: set[int], depth: int) -> None:
    if not isinstance(value, dict | list):
        return
    if depth > MAX_DEPTH:
        raise PlistDataError("nested too deeply to be a property list")
    if id(value) in open_:
        raise PlistDataError("refers to itself")
    open_.add(id(value))
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise PlistDataError("a dictionary key that is not text")
        children = list(value.values())
    else:
        children = value
    for child in children:
        _check(child, open_, depth + 1)
    open_.discard(id(value))
