"""apt's configuration (pure): ``apt-config dump`` prints one ``Key "value";`` line per
item, list items ending in ``::``; the files of /etc/apt/apt.conf.d hold the same
assignments; APT::Periodic values are days (or a number with a unit), "always" or 0."""

from __future__ import annotations

import re

_CONF_LINE = re.compile(r'^(\S+?) "(.*)";\s*$')


def parse_apt_config_dump(text: str) -> dict[str, list[str]]:
    """``apt-config dump`` -> {key: [values]}; list items (``Key:: "v";``) collect under
    ``Key``. Keys compare case-insensitively in apt, so they are lower-cased here."""
    out: dict[str, list[str]] = {}
    for raw in text.splitlines():
        m = _CONF_LINE.match(raw.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        key = key[:-2] if key.endswith("::") else key
        out.setdefault(key.lower(), [])
        if value != "" or not out[key.lower()]:
            out[key.lower()].append(value)
    return {k: [v for v in vals if v != ""] or [""] for k, vals in out.items()}


_APT_CONF_ASSIGN = re.compile(r'^\s*([A-Za-z0-9:_-]+)\s+"([^"]*)"\s*;', re.M)


def parse_apt_conf_files(texts: list[str]) -> dict[str, list[str]]:
    """Fallback when ``apt-config`` cannot run: simple ``Key "value";`` lines from the
    files of /etc/apt/apt.conf.d, later files overriding earlier ones (apt's order)."""
    out: dict[str, list[str]] = {}
    for text in texts:
        cleaned = re.sub(r"//[^\n]*|#[^\n]*", "", text)
        for m in _APT_CONF_ASSIGN.finditer(cleaned):
            out[m.group(1).lower()] = [m.group(2)]
    return out


def periodic_interval_on(value: str | None) -> bool | None:
    """An APT::Periodic value: "0"/"" is off; a number of days (or with a unit s/m/h/d)
    above zero, or "always", is on. None when the value is not one apt would read."""
    if value is None:
        return None
    v = value.strip().lower()
    if v in ("", "0"):
        return False
    if v == "always":
        return True
    m = re.fullmatch(r"(\d{1,18})\s*([smhd]?)", v)  # int() refuses over 4 300 digits
    if m:
        return int(m.group(1)) > 0
    return None
