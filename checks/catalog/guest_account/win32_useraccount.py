"""The ``guest_account`` PowerShell fact (pure): Win32_UserAccount's local accounts whose
SID ends in -501, the built-in Guest's well-known relative identifier, each as
{name, disabled, builtin_guest}; PowerShell unrolls a one-element array to its element."""

from __future__ import annotations

from typing import Any


def parse_guest_fact(value: Any) -> list[dict[str, Any]] | None:
    """The ``guest_account`` fact -> [{"name", "disabled"}] for accounts whose SID ends
    in -501; None when the value does not have that shape."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("disabled"), bool):
            return None
        if item.get("builtin_guest") is False:
            continue
        out.append({"name": str(item.get("name") or ""), "disabled": item["disabled"]})
    return out
