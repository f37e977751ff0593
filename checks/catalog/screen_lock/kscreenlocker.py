"""KDE Plasma's screen-lock settings file, kscreenlockerrc, as KConfig reads it: its [Daemon]
group with immutable marks, the cascade over XDG_CONFIG_DIRS and the user's own file, and
KDE's defaults (pure: text in, values out)."""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.readers.config_files import parse_bool

KDE_FILE = "kscreenlockerrc"
KDE_KEYS = ("Autolock", "Timeout", "LockGrace", "RequirePassword")


def kde_daemon_keys(text: str | None) -> tuple[dict[str, str], set[str], bool]:
    """The [Daemon] group of one kscreenlockerrc as KConfig reads it: (key -> value, keys
    marked immutable, whether the whole group or file is immutable). KConfig's "[$i]" mark
    (after a key, a group header, or alone at the top of the file) stops the files read
    after this one from changing what it sets."""
    values: dict[str, str] = {}
    locked: set[str] = set()
    group_locked = False
    group: str | None = ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            if line == "[$i]" and group == "":
                group_locked = True  # the whole file
                continue
            m = re.fullmatch(r"\[([^\]]*)\]((?:\[\$[^\]]*\])*)", line)
            if m is None:
                group = None
                continue
            group = m.group(1).strip()
            if group == "Daemon" and "i" in m.group(2):
                group_locked = True
            continue
        if group != "Daemon" or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        flags = re.search(r"\[\$([a-z]+)\]$", key)
        name = key[:flags.start()].strip() if flags else key
        if "[" in name:
            continue  # a translated key (Name[es]=...): not a setting the locker reads
        values[name] = value.strip()
        if flags and "i" in flags.group(1):
            locked.add(name)
    return values, locked, group_locked


def kde_settings(text: str | None, *more: str | None) -> dict[str, Any]:
    """kscreenlockerrc [Daemon] with KDE's defaults (kscreenlockersettings.kcfg):
    Autolock=true, Timeout=5 (minutes), LockGrace=5 (seconds), RequirePassword=true.
    The texts are given in the order KConfig reads them (least important first: the last
    folder of XDG_CONFIG_DIRS, ..., the first, then the user's own file): a later key wins,
    unless an earlier file marked it immutable ([$i]). "source" maps each key set to the
    index of the text it came from."""
    daemon: dict[str, str] = {}
    source: dict[str, int] = {}
    frozen: set[str] = set()
    all_frozen = False
    for index, t in enumerate((text, *more)):
        if all_frozen:
            break
        values, locked, group_locked = kde_daemon_keys(t)
        for key, value in values.items():
            if key in frozen:
                continue
            daemon[key] = value
            source[key] = index
        frozen |= locked
        all_frozen = group_locked
    out: dict[str, Any] = {"Autolock": True, "Timeout": 5.0, "LockGrace": 5,
                           "RequirePassword": True, "explicit": sorted(daemon),
                           "source": source}
    for key in ("Autolock", "RequirePassword"):
        if key in daemon:
            out[key] = parse_bool(daemon[key])
    if "Timeout" in daemon:
        try:
            out["Timeout"] = float(daemon["Timeout"])
        except ValueError:
            out["Timeout"] = None
    if "LockGrace" in daemon:
        try:
            out["LockGrace"] = int(daemon["LockGrace"])
        except ValueError:
            out["LockGrace"] = None
    return out


def xdg_config_dirs(value: str | None) -> list[str]:
    """XDG_CONFIG_DIRS as the base directory specification reads it: absolute folders
    separated by ':', the most important first; /etc/xdg when unset or empty."""
    dirs = [d.rstrip("/") or "/" for d in (value or "").split(":") if d.startswith("/")]
    out: list[str] = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return out or ["/etc/xdg"]

