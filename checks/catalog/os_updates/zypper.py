"""``zypper --xmlout list-updates`` / ``list-patches`` (pure): ``<update kind=...
name=... category=...>`` elements inside ``<update-list>`` (zypper's XML output, version
0.6)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ZypperList:
    updates: tuple[dict[str, str], ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)  # <message type=warning|error>
    complete: bool = False  # an <update-list> (possibly empty) was present


def parse_zypper_xml(text: str) -> ZypperList | None:
    """``zypper --xmlout list-updates|list-patches`` -> its updates; None when not XML."""
    start = text.find("<?xml")
    body = text[start:] if start >= 0 else text
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    warnings = tuple((m.text or "").strip() for m in root.iter("message")
                     if m.get("type") in ("warning", "error"))
    lists = list(root.iter("update-list"))
    updates = tuple(dict(u.attrib) for lst in lists for u in lst.iter("update"))
    return ZypperList(updates, warnings, complete=bool(lists))
