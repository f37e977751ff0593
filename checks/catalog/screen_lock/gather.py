"""Reading the screen-lock settings through the Host: gsettings, kscreenlockerrc, the macOS
tools, the Windows registry and powercfg. Facts and their evidence only; no verdicts."""

from __future__ import annotations

import re
from typing import Any

from checks.catalog.readers.config_files import ini_junk
from checks.catalog.readers.processes import running_names
from checks.catalog.readers.settings_db import moved_settings_database
from checks.catalog.screen_lock.facts import (
    POWER_SETTINGS,
    Gnome,
    Kde,
    Mac,
    WaylandIdle,
    Windows,
    Xfce,
    XfceSaver,
    XScreenSaver,
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
from checks.catalog.screen_lock.wayland_idle import (
    IdleRules,
    parse_hypridle,
    parse_swayidle_config,
    swayidle_in_sway_config,
)
from checks.catalog.screen_lock.xfconf import (
    XfconfValue,
    parse_channel,
    xfconf_bool,
    xfconf_int,
)
from checks.catalog.screen_lock.xscreensaver import parse_xscreensaver, xs_bool, xs_seconds
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


def _gsettings(scan: Scan, schema: str, key: str, evidence: list[Evidence]) -> str | None:
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
    enabled_text = _gsettings(scan, screensaver, "lock-enabled", evidence)
    if enabled_text is None:
        return Gnome(desktop, evidence, readable=False)
    enabled = parse_gsettings_bool(enabled_text)
    idle = parse_gsettings_uint(_gsettings(scan, session, "idle-delay", evidence) or "")
    delay = parse_gsettings_uint(_gsettings(scan, screensaver, "lock-delay", evidence) or "")
    # Only a clear "false" lets a pass through: an answer that failed, timed out or is not a
    # boolean leaves the lock unknown, never "not disabled".
    disabled: bool | None = False
    if lockdown:
        text = _gsettings(scan, lockdown, "disable-lock-screen", evidence)
        disabled = parse_gsettings_bool(text) if text is not None else None
    return Gnome(desktop, evidence, enabled=enabled, idle=idle, delay=delay,
                 disabled_by_lockdown=disabled)


def gather_mate(scan: Scan, desktop: str) -> Gnome:
    """MATE (mate-screensaver): org.mate.screensaver lock-enabled, idle-activation-enabled
    and lock-delay, and org.mate.session idle-delay; MATE keeps both delays in minutes
    (schemas of mate-screensaver-common and mate-session-manager 1.26, Debian 12)."""
    evidence: list[Evidence] = []
    enabled_text = _gsettings(scan, MATE_SCREENSAVER, "lock-enabled", evidence)
    if enabled_text is None:
        return Gnome(desktop, evidence, readable=False)
    active_text = _gsettings(scan, MATE_SCREENSAVER, "idle-activation-enabled", evidence)
    idle = parse_gsettings_uint(_gsettings(scan, MATE_SESSION, "idle-delay", evidence) or "")
    delay = parse_gsettings_uint(_gsettings(scan, MATE_SCREENSAVER, "lock-delay", evidence)
                                 or "")
    return Gnome(desktop, evidence, enabled=parse_gsettings_bool(enabled_text),
                 idle=idle * 60 if idle is not None else None,
                 delay=delay * 60 if delay is not None else None,
                 idle_activation=parse_gsettings_bool(active_text or ""))


# -- KDE Plasma ---------------------------------------------------------------------------


def _glob_literal(name: str) -> str:
    """A Host.matching pattern that matches ``name`` only."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _folder_absent(scan: Scan, folder: str) -> bool:
    """Whether ``folder`` is shown not to exist: its parent can be listed and does not hold
    it (a folder that cannot be listed is otherwise not known to be empty)."""
    parent, _, name = folder.rstrip("/").rpartition("/")
    # asked narrowly: the parent is often the home folder, the person's own (personal.py)
    found = scan.host.matching(parent or "/", (_glob_literal(name),))
    return found is not None and name not in found


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
        if _folder_absent(scan, folder):
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


# -- Xfce ---------------------------------------------------------------------------------

XFCE_CHANNEL = "xfce4-screensaver"
XFCE_FOLDER = "xfce4/xfconf/xfce-perchannel-xml"
XFCE_FILE = f"{XFCE_CHANNEL}.xml"
XFCE_LOCKERS = ("xfce4-screensaver", "light-locker", "xscreensaver")
LIGHT_LOCKER = "apps.light-locker"
# xfce4-screensaver's properties (src/gs-prefs.h of xfce4-screensaver: "/saver/enabled" and
# the others below, with the defaults XfceSaver holds); both delays are in minutes.
XFCE_KEYS = {
    "saver_enabled": ("/saver/enabled", xfconf_bool),
    "idle_activation": ("/saver/idle-activation/enabled", xfconf_bool),
    "idle_delay": ("/saver/idle-activation/delay", xfconf_int),
    "lock_enabled": ("/lock/enabled", xfconf_bool),
    "lock_with_saver": ("/lock/saver-activation/enabled", xfconf_bool),
    "lock_delay": ("/lock/saver-activation/delay", xfconf_int),
}


def _ancestor_lacks(scan: Scan, path: str, stop: str) -> bool:
    """Whether ``path`` is shown not to exist: the nearest folder above it (up to ``stop``)
    that can be listed does not hold the next part of the path."""
    child = path.rstrip("/")
    while child.rstrip("/") != stop.rstrip("/") and "/" in child.strip("/"):
        parent, _, name = child.rpartition("/")
        found = scan.host.matching(parent or "/", (_glob_literal(name),))
        if found is not None:
            return name not in found
        child = parent
    return False


def _xfconf_file(scan: Scan, folder: str, evidence: list[Evidence]
                 ) -> tuple[dict[str, XfconfValue] | None, bool]:
    """(properties of folder's xfce4-screensaver.xml or None when absent, readable?)."""
    path = f"{folder.rstrip('/')}/{XFCE_FOLDER}/{XFCE_FILE}"
    text = scan.host.read_text(path)
    if text is not None:
        values = parse_channel(text, XFCE_CHANNEL)
        if values is None:
            evidence.append(Evidence(path, "not an xfconf file of the xfce4-screensaver channel"))
            return None, False
        shown = ", ".join(f"{k}={v.value}" for k, v in values.items()
                          if k in {key for key, _ in XFCE_KEYS.values()})
        evidence.append(Evidence(path, shown or "sets none of the screen lock settings"))
        return values, True
    if _ancestor_lacks(scan, path, folder):
        return None, True
    evidence.append(Evidence(path, "could not be read, and is not shown to be absent"))
    return None, False


def _weaker(name: str, a: bool | int | None, b: bool | int | None) -> bool | int | None:
    """The less protective of two values of one setting (a later delay, a switch off)."""
    if a is None or b is None:
        return None
    if name.endswith("delay"):
        return max(int(a), int(b))
    return bool(a) and bool(b)


def _xfce_saver(files: list[tuple[dict[str, XfconfValue] | None, bool]]) -> XfceSaver:
    """Settings in effect: system defaults (the first XDG_CONFIG_DIRS folder wins), then
    the user's file; a system value under xfconf's kiosk attributes may not be the user's
    to change, so then the less protective of the two counts."""
    *system, (user, _) = files
    values: dict[str, bool | int | None] = {}
    for name, (key, read) in XFCE_KEYS.items():
        chosen = next((f[key] for f, _ in system if f is not None and key in f), None)
        mine = user.get(key) if user is not None else None
        if chosen is None and mine is None:
            continue
        if mine is None:
            values[name] = read(chosen)
        elif chosen is not None and chosen.kiosk:
            values[name] = _weaker(name, read(chosen), read(mine))
        else:
            values[name] = read(mine)
    return XfceSaver(**values)  # type: ignore[arg-type]


XS_USER = ".xscreensaver"
XS_SYSTEM = "/etc/X11/app-defaults/XScreenSaver"
XS_KEYS = ("mode", "timeout", "lock", "lockTimeout")


def _xscreensaver(scan: Scan, evidence: list[Evidence]) -> XScreenSaver | None:
    """The person's ~/.xscreensaver over the system's app-defaults file (xscreensaver(1));
    None when the person's file exists but cannot be read."""
    home = scan.host.platform.home.rstrip("/")
    mine_path = f"{home}/{XS_USER}"
    mine_text = scan.host.read_text(mine_path)
    if mine_text is None and not _ancestor_lacks(scan, mine_path, home):
        evidence.append(Evidence(mine_path, "could not be read, and is not shown to be absent"))
        return None
    system_text = scan.host.read_text(XS_SYSTEM)
    merged: dict[str, str] = {}
    source: dict[str, str] = {}
    for where, text in ((XS_SYSTEM, system_text), (mine_path, mine_text)):
        if text is None:
            evidence.append(Evidence(where, "absent or not readable: "
                                     + ("Debian 12's defaults apply" if where == XS_SYSTEM
                                        else "the system's settings apply")))
            continue
        values = {k: v for k, v in parse_xscreensaver(text).items() if k in XS_KEYS}
        evidence.append(Evidence(where, ", ".join(f"{k}: {v[:40]}" for k, v in values.items())
                                 or "sets none of the screen lock settings"))
        merged.update(values)
        source.update({k: where for k in values})
    defaults = XScreenSaver()
    return XScreenSaver(
        mode=merged["mode"].strip().lower() if "mode" in merged else defaults.mode,
        timeout=xs_seconds(merged["timeout"]) if "timeout" in merged else defaults.timeout,
        lock=xs_bool(merged["lock"]) if "lock" in merged else defaults.lock,
        lock_timeout=xs_seconds(merged["lockTimeout"]) if "lockTimeout" in merged
        else defaults.lock_timeout,
        source=source)


def gather_xfce(scan: Scan, desktop: str = "XFCE") -> Xfce:
    running = running_names(scan)
    locker = next((name for name in XFCE_LOCKERS if name in running), None)
    evidence = [Evidence("running", ", ".join(n for n in XFCE_LOCKERS if n in running)
                         or ("none of " + ", ".join(XFCE_LOCKERS) if running else
                             "no program could be listed"))]
    if locker == "light-locker":
        after = parse_gsettings_uint(
            _gsettings(scan, LIGHT_LOCKER, "lock-after-screensaver", evidence) or "")
        late = _gsettings(scan, LIGHT_LOCKER, "late-locking", evidence)
        return Xfce(evidence, locker, desktop, light_locker_after=after,
                    light_locker_late=parse_gsettings_bool(late) if late is not None else None)
    if locker == "xscreensaver":
        return Xfce(evidence, locker, desktop, xscreensaver=_xscreensaver(scan, evidence))
    if locker != "xfce4-screensaver":
        return Xfce(evidence, locker, desktop)
    env = scan.host.platform.env
    config = env.get("XDG_CONFIG_HOME") or f"{scan.host.platform.home}/.config"
    folders = [*xdg_config_dirs(env.get("XDG_CONFIG_DIRS")), config]
    files = [_xfconf_file(scan, folder, evidence) for folder in folders]
    if not all(ok for _, ok in files):
        return Xfce(evidence, locker, desktop, saver=None)
    saver = _xfce_saver(files)
    evidence.append(Evidence("xfce4-screensaver in effect", ", ".join(
        f"{key}={getattr(saver, name)}" for name, (key, _) in XFCE_KEYS.items())))
    return Xfce(evidence, locker, desktop, saver=saver)


# -- Wayland compositors' idle daemons ----------------------------------------------------

IDLE_DAEMONS = ("hypridle", "swayidle")
HYPRIDLE_FILE = "hypr/hypridle.conf"
SWAYIDLE_FILE = "swayidle/config"
SWAY_FILE = "sway/config"
SWAY_SYSTEM = "/etc/sway/config"


def _read_if_there(scan: Scan, path: str, stop: str, evidence: list[Evidence]
                   ) -> tuple[str | None, bool]:
    """(text or None when absent, readable?)."""
    text = scan.host.read_text(path)
    if text is not None:
        return text, True
    if _ancestor_lacks(scan, path, stop):
        evidence.append(Evidence(path, "absent"))
        return None, True
    evidence.append(Evidence(path, "could not be read, and is not shown to be absent"))
    return None, False


def _shown_rules(rules: IdleRules) -> str:
    parts = [f"timeout {s}: {c[:60]}" for s, c in rules.timeouts]
    if rules.lock_handler:
        parts.append(f"lock: {rules.lock_handler[:60]}")
    return "; ".join(parts) or "no timeout"


def gather_wayland_idle(scan: Scan, desktop: str) -> WaylandIdle:
    running = running_names(scan)
    daemon = next((d for d in IDLE_DAEMONS if d in running), None)
    evidence = [Evidence("running", daemon or ("none of " + ", ".join(IDLE_DAEMONS) if running
                                               else "no program could be listed"))]
    if daemon is None:
        return WaylandIdle(evidence, desktop, None)
    home = scan.host.platform.home.rstrip("/")
    config = (scan.host.platform.env.get("XDG_CONFIG_HOME") or f"{home}/.config").rstrip("/")
    if daemon == "hypridle":
        path = f"{config}/{HYPRIDLE_FILE}"
        text, ok = _read_if_there(scan, path, home, evidence)
        if not ok:
            return WaylandIdle(evidence, desktop, daemon)
        rules = parse_hypridle(text or "")  # no file: hypridle has no listener at all
    else:
        rules = _swayidle_rules(scan, config, home, evidence)
    if rules is not None:
        evidence.append(Evidence(f"{daemon} in effect", _shown_rules(rules)))
    return WaylandIdle(evidence, desktop, daemon, rules)


def _swayidle_rules(scan: Scan, config: str, home: str, evidence: list[Evidence]
                    ) -> IdleRules | None:
    """swayidle's own config file, else the swayidle line of sway's config (the person's,
    or the system's when they have none); None when neither says how it was started."""
    text, ok = _read_if_there(scan, f"{config}/{SWAYIDLE_FILE}", home, evidence)
    if text is not None:
        return parse_swayidle_config(text)
    if not ok:
        return None
    sway, ok = _read_if_there(scan, f"{config}/{SWAY_FILE}", home, evidence)
    if sway is None and ok:
        sway = scan.host.read_text(SWAY_SYSTEM)
        evidence.append(Evidence(SWAY_SYSTEM, "read" if sway is not None else "not read"))
    return swayidle_in_sway_config(sway) if sway is not None else None


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
