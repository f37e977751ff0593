"""Parser of Xfce's settings files (xfconf's per-channel XML, pure: text in, values out).

xfconf keeps each channel in ``xfce4/xfconf/xfce-perchannel-xml/<channel>.xml`` under the
user's config folder, over system defaults in each XDG_CONFIG_DIRS folder. A file is a
``<channel>`` of nested ``<property name=... type=... value=...>`` elements; a property's
path is its names joined by "/" ("/lock/saver-activation/delay"). A system property marked
``locked`` or ``unlocked`` (xfconf's kiosk attributes) may not be the user's to change.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

MAX_XML_CHARS = 256 * 1024  # a channel file is a few KB
MAX_DEPTH = 16


@dataclass(frozen=True)
class XfconfValue:
    kind: str  # xfconf's type: "bool", "int", "uint", "string", ...
    value: str
    kiosk: bool = False  # carries a locked/unlocked attribute


def parse_channel(text: str, channel: str) -> dict[str, XfconfValue] | None:
    """Property path -> value of one channel file; None when the text is not such a file
    (not XML, another channel, a DOCTYPE or entity, too large or too deep)."""
    if len(text) > MAX_XML_CHARS or "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, ValueError):
        return None
    if root.tag != "channel" or root.get("name") != channel:
        return None
    out: dict[str, XfconfValue] = {}

    def walk(element: ET.Element, prefix: str, depth: int) -> bool:
        if depth > MAX_DEPTH:
            return False
        for child in element:
            name = child.get("name")
            if child.tag != "property" or not name or "/" in name:
                continue
            path = f"{prefix}/{name}"
            kind = child.get("type", "")
            if kind != "empty" and child.get("value") is not None:
                out[path] = XfconfValue(kind, str(child.get("value")),
                                        "locked" in child.attrib or "unlocked" in child.attrib)
            if not walk(child, path, depth + 1):
                return False
        return True

    return out if walk(root, "", 0) else None


def xfconf_bool(value: XfconfValue | None) -> bool | None:
    if value is None or value.kind != "bool":
        return None
    return {"true": True, "false": False}.get(value.value.strip().lower())


def xfconf_int(value: XfconfValue | None) -> int | None:
    if value is None or value.kind not in ("int", "uint"):
        return None
    text = value.value.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None
