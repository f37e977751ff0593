"""Reading the screen-lock settings through the Host: gsettings, kscreenlockerrc, the macOS
tools, the Windows registry and powercfg. Facts and their evidence only; no verdicts."""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.readers.config_files import ini_junk
from checks.catalog.readers.settings_db import moved_settings_database
from checks.catalog.screen_lock.facts import (
    POWER_SETTINGS,
    Gnome,
    Kde,
    Mac,
    Windows,
)
from checks.catalog.screen_lock.gsettings import (
    gsettings_memory_backend,
    parse_gsettings_bool,
    parse_gsettings_uint,
)
from checks.catalog.screen_lock.kscreenlocker import (
    KDE_FILE,
    KDE_KEYS,
    kde_daemon_keys,
    kde_settings,
    xdg_config_dirs,
)
from checks.catalog.screen_lock.macos_tools import (
    parse_defaults_int,
    parse_pmset_custom,
    parse_sysadminctl_screenlock,
)
from checks.catalog.screen_lock.powercfg import parse_powercfg_values
from checks.engine.model import Evidence
from checks.engine.registry import Scan

WIN_DESKTOP = r"HKCU\Control Panel\Desktop"
WIN_DESKTOP_POLICY = r"HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop"
WIN_SYSTEM_POLICY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System"
WIN_POWER_POLICY = r"HKLM\SOFTWARE\Policies\Microsoft\Power\PowerSettings"
MATE_SCREENSAVER = "org.mate.screensaver"
MATE_SESSION = "org.mate.session"
SCREENSAVER_NAMES = ("ScreenSaveActive", "ScreenSaverIsSecure", "ScreenSaveTimeOut",
                     "SCRNSAVE.EXE")

# -- GNOME, Cinnamon and MATE -------------------------------------------------------------------


def gsettings_value(scan: Scan, schema: str, key: str, evidence: list[Evidence]) -> str | None:
    moved = moved_settings_database(scan.host.platform)
    if moved is not None:  # gsettings would read another database than the desktop's
        if moved not in evidence:
            evidence.append(moved)
        return None
    res = scan.run(["gsettings", "get", schema, key])
    source = f"gsettings get {schema} {key}"
    if res.ok and gsettings_memory_backend(res.stderr):
        # GLib's built-in defaults, not this person's settings
        evidence.append(Evidence(source, f"{res.stdout.strip()[:60]} (from GLib's in-memory "
                                         f"fallback: the real settings could not be read)"))
        return None
    if res.ok:
        evidence.append(Evidence(source, res.stdout.strip()[:120]))
        return res.stdout.strip()
    err = (res.stderr.strip().splitlines() or [""])[0] if res.ran else ""
    said = res.describe().removeprefix(" ".join(res.argv) + ": ")
    evidence.append(Evidence(source, f"{said} {err[:120]}".strip()))
    return None


def gather_gnome(scan: Scan, desktop: str, screensaver: str, session: str,
                 lockdown: str | None) -> Gnome:
    evidence: list[Evidence] = []
    enabled_text = gsettings_value(scan, screensaver, "lock-enabled", evidence)
    if enabled_text is None:
        return Gnome(desktop, evidence, readable=False)
    enabled = parse_gsettings_bool(enabled_text)
    idle = parse_gsettings_uint(gsettings_value(scan, session, "idle-delay", evidence) or "")
    delay = parse_gsettings_uint(gsettings_value(scan, screensaver, "lock-delay", evidence) or "")
    # Only a clear "false" lets a pass through: an answer that failed, timed out or is not a
    # boolean leaves the lock unknown, never "not disabled".
    disabled: bool | None = False
    if lockdown:
        text = gsettings_value(scan, lockdown, "disable-lock-screen", evidence)
        disabled = parse_gsettings_bool(text) if text is not None else None
    return Gnome(desktop, evidence, enabled=enabled, idle=idle, delay=delay,
                 disabled_by_lockdown=disabled)


def gather_mate(scan: Scan, desktop: str) -> Gnome:
    """MATE (mate-screensaver): org.mate.screensaver lock-enabled, idle-activation-enabled
    and lock-delay, and org.mate.session idle-delay; MATE keeps both delays in minutes
    (schemas of mate-screensaver-common and mate-session-manager 1.26, Debian 12)."""
    evidence: list[Evidence] = []
    enabled_text = gsettings_value(scan, MATE_SCREENSAVER, "lock-enabled", evidence)
    if enabled_text is None:
        return Gnome(desktop, evidence, readable=False)
    active_text = gsettings_value(scan, MATE_SCREENSAVER, "idle-activation-enabled", evidence)
    idle = parse_gsettings_uint(gsettings_value(scan, MATE_SESSION, "idle-delay", evidence) or "")
    delay = parse_gsettings_uint(gsettings_value(scan, MATE_SCREENSAVER, "lock-delay", evidence)
                                 or "")
    return Gnome(desktop, evidence, enabled=parse_gsettings_bool(enabled_text),
                 idle=idle * 60 if idle is not None else None,
                 delay=delay * 60 if delay is not None else None,
                 idle_activation=parse_gsettings_bool(active_text or ""))


# -- KDE Plasma ---------------------------------------------------------------------------


def glob_literal(name: str) -> str:
    """A Host.matching pattern that matches ``name`` only."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def ancestor_lacks(scan: Scan, path: str, stop: str) -> bool:
    """Whether ``path`` is shown not to exist: the nearest folder above it (up to ``stop``)
    that can be listed does not hold the next part of the path."""
    child = path.rstrip("/")
    while child.rstrip("/") != stop.rstrip("/") and "/" in child.strip("/"):
        parent, _, name = child.rpartition("/")
        found = scan.host.matching(parent or "/", (glob_literal(name),))
        if found is not None:
            return name not in found
        child = parent
    return False


def read_if_there(scan: Scan, path: str, stop: str, evidence: list[Evidence]
                   ) -> tuple[str | None, bool]:
    """(text of ``path`` or None when it is shown to be absent, readable?): a file that cannot
    be read is told apart from one that is not there by listing the folders above it."""
    text = scan.host.read_text(path)
    if text is not None:
        return text, True
    if ancestor_lacks(scan, path, stop):
        evidence.append(Evidence(path, "absent"))
        return None, True
    evidence.append(Evidence(path, "could not be read, and is not shown to be absent"))
    return None, False


def _kde_read(scan: Scan, folder: str, evidence: list[Evidence]) -> tuple[str | None, bool]:
    """(text of folder/kscreenlockerrc or None when it is absent, readable?). A file that
    cannot be read is told apart from one that is not there by listing the folder."""
    path = f"{folder.rstrip('/')}/{KDE_FILE}"
    text = scan.host.read_text(path)
    if text is not None:
        junk = ini_junk(text)
        if junk:
            evidence.append(Evidence(path, f"not a settings file: {junk[0][:60]!r}"))
            return None, False
        return text, True
    listing = scan.host.matching(folder, (KDE_FILE,))
    if listing is None:
        if ancestor_lacks(scan, folder, "/"):
            return None, True
        evidence.append(Evidence(path, f"not read, and {folder} could not be listed"))
        return None, False
    if KDE_FILE in listing:
        evidence.append(Evidence(path, "present but not readable"))
        return None, False
    return None, True


def _kde_shown(text: str) -> str:
    values, locked, group_locked = kde_daemon_keys(text)
    shown = [f"{k}={values[k]}" + (" (locked)" if k in locked or group_locked else "")
             for k in KDE_KEYS if k in values]
    return ", ".join(shown) if shown else "no screen-lock settings in it"


def _kde_in_effect(settings: dict[str, Any], paths: list[str], texts: list[str | None],
                   path: str) -> Evidence:
    """The settings in effect and where each came from (or that KDE's defaults apply)."""
    if settings["explicit"]:
        came_from = {k: paths[i] for k, i in settings["source"].items() if k in KDE_KEYS}
        return Evidence("in effect", ", ".join(
            f"{k}={settings[k]}" + (f" (from {came_from[k]})" if k in came_from else
                                    " (KDE's default)") for k in KDE_KEYS))
    # absent everywhere (proven by the listings) or without any screen-lock key
    return Evidence(path, ("absent" if texts[-1] is None else "no screen-lock settings in it")
                    + ": KDE's defaults apply (Autolock=true, Timeout=5)")


def gather_kde(scan: Scan) -> Kde:
    env = scan.host.platform.env
    config = env.get("XDG_CONFIG_HOME") or f"{scan.host.platform.home}/.config"
    path = f"{config.rstrip('/')}/{KDE_FILE}"
    system_dirs = xdg_config_dirs(env.get("XDG_CONFIG_DIRS"))
    evidence: list[Evidence] = [Evidence(
        "XDG_CONFIG_DIRS", env["XDG_CONFIG_DIRS"] if env.get("XDG_CONFIG_DIRS") else
        "(not set: /etc/xdg)")]
    if env.get("XDG_CONFIG_HOME"):  # moves the user's own settings folder
        evidence.append(Evidence("XDG_CONFIG_HOME", env["XDG_CONFIG_HOME"]))
    # KConfig reads the least important folder first and the user's own file last.
    texts: list[str | None] = []
    paths: list[str] = []
    readable = True
    for folder in [*reversed(system_dirs), config]:
        text, ok = _kde_read(scan, folder, evidence)
        readable = readable and ok
        texts.append(text)
        paths.append(f"{folder.rstrip('/')}/{KDE_FILE}")
    if not readable:
        return Kde(system_dirs, evidence, None)
    for where, text in zip(paths, texts, strict=True):
        if text is not None:
            evidence.append(Evidence(where, _kde_shown(text) + (
                "" if where == path else " (distribution or system defaults)")))
    settings = kde_settings(*texts)
    evidence.append(_kde_in_effect(settings, paths, texts, path))
    return Kde(system_dirs, evidence, settings)


# -- macOS --------------------------------------------------------------------------------


def _sysadminctl(scan: Scan, evidence: list[Evidence]) -> int | str | None:
    res = scan.run(["sysadminctl", "-screenLock", "status"])
    said = (res.stderr + "\n" + res.stdout).strip()
    lock = parse_sysadminctl_screenlock(said) if res.ran else None
    shown = re.sub(r"^\S+ \S+ sysadminctl\[[^\]]*\]\s*", "", said.splitlines()[-1]) \
        if said else "(no output)"
    evidence.append(Evidence("sysadminctl -screenLock status",
                             shown[:160] if res.ran else res.describe()))
    return lock


def gather_macos(scan: Scan) -> Mac:
    evidence: list[Evidence] = []
    lock = _sysadminctl(scan, evidence)
    if lock is None or lock == "off":
        return Mac(evidence, lock)
    # Every power source: a display that sleeps after 2 minutes on battery but never on
    # mains power does not lock a Mac left plugged in. 0 (never) anywhere means never.
    pm = scan.run(["pmset", "-g", "custom"])
    sources = parse_pmset_custom(pm.stdout) if pm.ok else {}
    display: int | None = None
    if sources:
        values = list(sources.values())
        display = 0 if 0 in values else max(values)
    evidence.append(Evidence("pmset -g custom", ", ".join(
        f"{k}: displaysleep {v}" for k, v in sources.items()) if sources
        else (pm.describe() if not pm.ok else "no displaysleep line")))
    ss = scan.run(["defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime"])
    idle = parse_defaults_int(ss.stdout) if ss.ok else None
    evidence.append(Evidence("defaults -currentHost read com.apple.screensaver idleTime",
                             str(idle) if idle is not None else
                             (ss.stdout.strip()[:80] or "not set")))
    return Mac(evidence, lock, sources, display, idle)


# -- Windows ------------------------------------------------------------------------------


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _windows_screensaver(scan: Scan, evidence: list[Evidence]) -> tuple[int | None, bool]:
    """(seconds after which a password-protected screen saver starts, or None; readable)."""
    user = scan.host.registry_values(WIN_DESKTOP, names=list(SCREENSAVER_NAMES))
    policy = scan.host.registry_values(WIN_DESKTOP_POLICY, names=list(SCREENSAVER_NAMES)) or {}
    if user is None and not policy:
        evidence.append(Evidence(WIN_DESKTOP, "not readable"))
        return None, False
    merged = {**(user or {}), **policy}
    shown = ", ".join(f"{k}={merged[k]!r}" for k in SCREENSAVER_NAMES if k in merged)
    evidence.append(Evidence(WIN_DESKTOP + (" (+ policy)" if policy else ""),
                             shown or "no screen saver values"))
    active = str(merged.get("ScreenSaveActive", "0")).strip() == "1"
    secure = str(merged.get("ScreenSaverIsSecure", "0")).strip() == "1"
    exe = str(merged.get("SCRNSAVE.EXE", "")).strip()
    timeout = _as_int(merged.get("ScreenSaveTimeOut"))
    if active and secure and exe and timeout and timeout > 0:
        return timeout, True
    return None, True


def _windows_inactivity(scan: Scan, evidence: list[Evidence]) -> tuple[int | None, bool]:
    """(the machine inactivity limit in seconds, or None; whether its key was read)."""
    system = scan.host.registry_values(WIN_SYSTEM_POLICY, names=["InactivityTimeoutSecs"])
    raw_limit = (system or {}).get("InactivityTimeoutSecs")
    # A policy DWORD: Windows ignores the value when it is stored as text or another type,
    # so only a whole number counts (0 means no limit).
    inactivity = raw_limit if isinstance(raw_limit, int) and not isinstance(raw_limit, bool) \
        and 0 <= raw_limit <= 599940 else None
    if system is not None:
        evidence.append(Evidence(WIN_SYSTEM_POLICY, (
            f"InactivityTimeoutSecs = {inactivity}" if inactivity is not None else
            f"InactivityTimeoutSecs = {raw_limit!r} (not a number of seconds Windows uses)")
            if "InactivityTimeoutSecs" in system else
            "no InactivityTimeoutSecs (no machine inactivity limit)"))
    return inactivity, system is not None


def _windows_power(scan: Scan, evidence: list[Evidence]
                   ) -> dict[str, tuple[int, int] | None]:
    out: dict[str, tuple[int, int] | None] = {}
    for name, (sub, alias, guid) in POWER_SETTINGS.items():
        res = scan.run(["powercfg", "/qh", "SCHEME_CURRENT", sub, alias])
        values = parse_powercfg_values(res.stdout, guid) if res.ok else None
        policy = scan.host.registry_values(f"{WIN_POWER_POLICY}\\{guid}",
                                           names=["ACSettingIndex", "DCSettingIndex"])
        if values is not None and policy:
            ac = _as_int(policy.get("ACSettingIndex"))
            dc = _as_int(policy.get("DCSettingIndex"))
            values = (ac if ac is not None else values[0], dc if dc is not None else values[1])
            evidence.append(Evidence(f"{WIN_POWER_POLICY}\\{guid}",
                                     f"policy AC={ac} DC={dc}"))
        out[name] = values
        evidence.append(Evidence(f"powercfg /qh SCHEME_CURRENT {sub} {alias}",
                                 f"AC={values[0]} DC={values[1]}" if values else
                                 (res.describe() if not res.ok else "unexpected output")))
    return out


def gather_windows(scan: Scan) -> Windows:
    evidence: list[Evidence] = []
    saver, saver_read = _windows_screensaver(scan, evidence)
    inactivity, system_read = _windows_inactivity(scan, evidence)
    power = _windows_power(scan, evidence)
    return Windows(evidence, saver, saver_read, system_read, inactivity, power)
