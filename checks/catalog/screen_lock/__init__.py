"""screen-lock: does the screen lock by itself after a short idle time, asking for the
password on wake?

Linux: GNOME and Cinnamon through ``gsettings`` (lock-enabled, lock-delay, the session's
idle-delay; GNOME's lockdown disable-lock-screen, which must read a clear "false" for a
pass), KDE Plasma through kscreenlockerrc (Autolock, Timeout in minutes, LockGrace in
seconds, RequirePassword) read in KConfig's cascade: every folder of XDG_CONFIG_DIRS (the
distribution's defaults; /etc/xdg when unset), the last first, then the user's own file,
with KConfig's immutable mark [$i] respected; KDE's defaults only where every file was
read and none sets a key. macOS: ``sysadminctl -screenLock status`` (it prints on
stderr), the display-sleep minutes from ``pmset -g`` and the screen saver's idle time.
Windows: the secure screen saver (HKCU Control Panel\\Desktop and its policy), the machine
inactivity limit, and sleep with "require a password on wakeup" from ``powercfg /qh``
(only its hexadecimal values are read: the labels are translated). Pass at ten minutes or
less; an idle delay of 0 means never.
"""

from __future__ import annotations

import math
import re
from typing import Any

from checks.catalog.readers.config_files import ini_junk, parse_bool
from checks.catalog.readers.sentences import unreadable
from checks.catalog.readers.settings_db import moved_settings_database
from checks.engine.commands import Command, Value
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

LIMIT_SECONDS = 600

WIN_DESKTOP = r"HKCU\Control Panel\Desktop"
WIN_DESKTOP_POLICY = r"HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop"
WIN_SYSTEM_POLICY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System"
WIN_POWER_POLICY = r"HKLM\SOFTWARE\Policies\Microsoft\Power\PowerSettings"
SCREENSAVER_NAMES = ("ScreenSaveActive", "ScreenSaverIsSecure", "ScreenSaveTimeOut",
                     "SCRNSAVE.EXE")
# (powercfg subgroup alias, setting alias, setting GUID)
POWER_SETTINGS = {
    "sleep": ("SUB_SLEEP", "STANDBYIDLE", "29f6c1db-86da-48c5-9fdb-f2b67b1f44da"),
    "display": ("SUB_VIDEO", "VIDEOIDLE", "3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e"),
    "password_on_wake": ("SUB_NONE", "CONSOLELOCK", "0e796bdb-100d-47d6-a2d5-f7d2daa51f51"),
}


# --------------------------------------------------------------------------------------
# Pure parsers
# --------------------------------------------------------------------------------------


def parse_gsettings_uint(text: str) -> int | None:
    """``gsettings get`` of a uint32: "uint32 300" (or "300")."""
    m = re.fullmatch(r"\s*(?:uint32\s+)?([0-9]{1,10})\s*", text)  # a uint32 has 10 digits at most
    return int(m.group(1)) if m else None


def parse_gsettings_bool(text: str) -> bool | None:
    value = text.strip()
    return {"true": True, "false": False}.get(value)


def parse_sysadminctl_screenlock(text: str) -> int | None | str:
    """``sysadminctl -screenLock status`` (stderr, with an NSLog prefix) -> seconds of
    delay (0 = immediately), "off", or None when not understood."""
    if re.search(r"screenLock is off\b", text):
        return "off"
    if re.search(r"screenLock delay is immediate\b", text):
        return 0
    m = re.search(r"screenLock delay is (-?\d+(?:\.\d+)?) seconds?\b", text)
    if m:
        value = float(m.group(1))
        return "off" if value < 0 else int(value)
    return None


def parse_pmset_displaysleep(text: str) -> int | None:
    """``pmset -g``: the " displaysleep   10" line, in minutes (0 = never)."""
    m = re.search(r"^\s*displaysleep\s+(\d+)\b", text, re.M)
    return int(m.group(1)) if m else None


def parse_pmset_custom(text: str) -> dict[str, int]:
    """``pmset -g custom``: the display-sleep minutes of each power source ("Battery
    Power", "AC Power", "UPS Power"), each listed under its own heading; 0 = never.
    ``pmset -g`` alone shows only the source in use right now."""
    out: dict[str, int] = {}
    source = ""
    for line in text.splitlines():
        head = re.fullmatch(r"\s*([A-Za-z ]+ Power):\s*", line)
        if head:
            source = head.group(1)
            continue
        m = re.match(r"^\s*displaysleep\s+(\d+)\b", line)
        if m and source:
            out[source] = int(m.group(1))
    return out


def gsettings_memory_backend(stderr: str) -> bool:
    """GLib falls back to an in-memory store, printing its defaults instead of the user's
    settings, when the real backend (dconf) cannot be loaded; it says so on stderr."""
    return re.search(r"memory.{0,3} GSettings backend", stderr) is not None


def parse_defaults_int(text: str) -> int | None:
    m = re.fullmatch(r"\s*(-?\d+)\s*", text)
    return int(m.group(1)) if m else None


def parse_powercfg_values(text: str) -> tuple[int, int] | None:
    """``powercfg /qh SCHEME_CURRENT <sub> <setting>``: the last two lines ending in a
    hexadecimal value are the current AC and DC indexes (labels are translated, so only
    the values are read)."""
    values = re.findall(r":\s*0x([0-9a-fA-F]{1,8})\s*$", text, re.M)
    if len(values) < 2 or "-" not in text:  # a real answer names the setting's GUID
        return None
    return int(values[-2], 16), int(values[-1], 16)


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


# --------------------------------------------------------------------------------------
# Verdict helpers
# --------------------------------------------------------------------------------------


def _minutes(seconds: int) -> int:
    """Whole minutes, rounded half up; at least 1 (a few seconds of grace do not count)."""
    return max(1, math.floor(seconds / 60 + 0.5))


def _within_limit(seconds: int) -> bool:
    return seconds == 0 or _minutes(seconds) <= LIMIT_SECONDS // 60


def _locks_after(seconds: int, evidence: list[Evidence], data: dict[str, Any],
                 details: list[Message] | None = None) -> Finding:
    data = {**data, "lock_after_seconds": seconds}
    if _within_limit(seconds):
        summary = msg("The screen locks by itself right away when the computer is left idle, "
                      "and asks for the password.") if seconds == 0 else msg_n(
            "The screen locks by itself after about {n} minute of inactivity and asks for "
            "the password.",
            "The screen locks by itself after about {n} minutes of inactivity and asks for "
            "the password.", _minutes(seconds))
        # The lock asks for the account's password: whether the account has one at all
        # needs administrator rights to see, so the person is told so.
        caveat = msg("Checkup cannot see whether your account has a password: an account "
                     "without one still opens without asking.")
        return Finding(Status.PASS, summary, evidence=evidence,
                       details=[*(details or []), caveat], data=data)
    return Finding(Status.FAIL, msg_n(
        "The screen locks only after about {n} minute of inactivity. Ten minutes or less "
        "is safer.",
        "The screen locks only after about {n} minutes of inactivity. Ten minutes or less "
        "is safer.", _minutes(seconds)),
        severity=Severity.LOW, evidence=evidence, details=details or [], data=data)


def _never(reason: Message, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    return Finding(Status.FAIL, reason, severity=Severity.MEDIUM, evidence=evidence,
                   data={**data, "lock_after_seconds": None})


# --------------------------------------------------------------------------------------
# Linux
# --------------------------------------------------------------------------------------


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


def _gnome_like(scan: Scan, desktop: str, screensaver: str, session: str,
                lockdown: str | None) -> Finding:
    evidence: list[Evidence] = []
    data: dict[str, Any] = {"desktop": desktop}
    how = msg("Open Settings, then Privacy (or Privacy & Security), then Screen Lock, and "
              "check the automatic lock and the blank-screen delay.")
    enabled_text = _gsettings(scan, screensaver, "lock-enabled", evidence)
    if enabled_text is None:
        return unreadable(msg("Checkup could not read the screen lock settings of this "
                              "desktop."), how, evidence, data)
    enabled = parse_gsettings_bool(enabled_text)
    idle = parse_gsettings_uint(_gsettings(scan, session, "idle-delay", evidence) or "")
    delay = parse_gsettings_uint(_gsettings(scan, screensaver, "lock-delay", evidence) or "")
    # GNOME's lockdown key turns the lock screen off whatever lock-enabled says. Only a
    # clear "false" lets a pass through: an answer that failed, timed out or is not a
    # boolean leaves the lock unknown, never "not disabled".
    disabled_by_lockdown: bool | None = False
    if lockdown:
        text = _gsettings(scan, lockdown, "disable-lock-screen", evidence)
        disabled_by_lockdown = parse_gsettings_bool(text) if text is not None else None
    data.update({"lock_enabled": enabled, "idle_delay": idle, "lock_delay": delay,
                 "lock_screen_disabled": disabled_by_lockdown})
    if enabled is False or disabled_by_lockdown:
        return _never(msg("The screen never locks by itself: automatic screen lock is off."),
                      evidence, data)
    if enabled is None or idle is None or delay is None:
        return unreadable(msg("Checkup could not understand the screen lock settings of this "
                              "desktop."), how, evidence, data)
    if idle == 0:
        return _never(msg("The screen never goes blank by itself (the idle delay is set to "
                          "never), so it never locks."), evidence, data)
    if disabled_by_lockdown is None and _within_limit(idle + delay):
        return unreadable(msg("The screen is set to lock by itself, but Checkup could not "
                              "read whether locking the screen is switched off altogether "
                              "(the desktop's lockdown setting)."), msg(
            "To check, press Super+L (the Windows key and L): if the screen does not lock, "
            "locking is switched off. The setting is "
            "org.gnome.desktop.lockdown disable-lock-screen; it should be false."),
            evidence, data)
    return _locks_after(idle + delay, evidence, data)


KDE_FILE = "kscreenlockerrc"
KDE_KEYS = ("Autolock", "Timeout", "LockGrace", "RequirePassword")


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


def _kde(scan: Scan) -> Finding:
    home = scan.host.platform.home
    env = scan.host.platform.env
    config = env.get("XDG_CONFIG_HOME") or f"{home}/.config"
    path = f"{config.rstrip('/')}/{KDE_FILE}"
    system_dirs = xdg_config_dirs(env.get("XDG_CONFIG_DIRS"))
    evidence: list[Evidence] = [Evidence(
        "XDG_CONFIG_DIRS", env["XDG_CONFIG_DIRS"] if env.get("XDG_CONFIG_DIRS") else
        "(not set: /etc/xdg)")]
    if env.get("XDG_CONFIG_HOME"):  # moves the user's own settings folder
        evidence.append(Evidence("XDG_CONFIG_HOME", env["XDG_CONFIG_HOME"]))
    # KConfig reads the least important folder first and the user's own file last.
    order = [*reversed(system_dirs), config]
    texts: list[str | None] = []
    paths: list[str] = []
    readable = True
    for folder in order:
        text, ok = _kde_read(scan, folder, evidence)
        readable = readable and ok
        texts.append(text)
        paths.append(f"{folder.rstrip('/')}/{KDE_FILE}")
    data: dict[str, Any] = {"desktop": "KDE", "config_dirs": system_dirs}
    how = msg("Open System Settings, then Screen Locking, and check \u201cLock screen "
              "automatically\u201d.")
    if not readable:
        return unreadable(msg("Checkup could not read the screen lock settings of this "
                              "desktop."), how, evidence, data)
    for where, text in zip(paths, texts, strict=True):
        if text is not None:
            evidence.append(Evidence(where, _kde_shown(text) + (
                "" if where == path else " (distribution or system defaults)")))
    settings = kde_settings(*texts)
    if settings["explicit"]:
        came_from = {k: paths[i] for k, i in settings["source"].items() if k in KDE_KEYS}
        evidence.append(Evidence("in effect", ", ".join(
            f"{k}={settings[k]}" + (f" (from {came_from[k]})" if k in came_from else
                                    " (KDE's default)") for k in KDE_KEYS)))
    else:
        # absent everywhere (proven by the listings) or without any screen-lock key
        evidence.append(Evidence(path, ("absent" if texts[-1] is None else "no screen-lock "
                                        "settings in it") +
                                 ": KDE's defaults apply (Autolock=true, Timeout=5)"))
    data["kde"] = {k: v for k, v in settings.items() if k not in ("explicit", "source")}
    data["kde_defaults"] = not settings["explicit"]
    if settings["Autolock"] is False or settings["RequirePassword"] is False:
        return _never(msg("The screen never locks by itself: automatic screen lock is off."),
                      evidence, data)
    timeout, grace = settings["Timeout"], settings["LockGrace"]
    if settings["Autolock"] is None or settings["RequirePassword"] is None or timeout is None \
            or grace is None:
        return unreadable(msg("Checkup could not understand the screen lock settings of this "
                              "desktop."), how, evidence, data)
    if timeout <= 0:
        return _never(msg("The screen never goes blank by itself (the idle delay is set to "
                          "never), so it never locks."), evidence, data)
    return _locks_after(int(timeout * 60) + max(0, grace), evidence, data)


def _linux(scan: Scan) -> Finding:
    desktop = scan.host.platform.env.get("XDG_CURRENT_DESKTOP", "")
    parts = {p.strip().lower() for p in desktop.split(":") if p.strip()}
    if "kde" in parts:
        return _kde(scan)
    if parts & {"x-cinnamon", "cinnamon"}:
        return _gnome_like(scan, desktop, "org.cinnamon.desktop.screensaver",
                           "org.cinnamon.desktop.session", None)
    if parts & {"gnome", "unity", "ubuntu", "budgie", "gnome-classic", "gnome-flashback"} \
            or (scan.context.tails and not desktop):  # Tails runs GNOME
        return _gnome_like(scan, desktop or "GNOME", "org.gnome.desktop.screensaver",
                           "org.gnome.desktop.session", "org.gnome.desktop.lockdown")
    evidence = [Evidence("XDG_CURRENT_DESKTOP", desktop or "(not set)")]
    if not desktop:
        reason = msg("Checkup could not tell which desktop is in use, so it could not read "
                     "its screen lock settings.")
    else:
        reason = msg("Checkup does not yet know how to read the screen lock settings of the "
                     "{desktop} desktop.", desktop=desktop)
    return unreadable(reason, msg("Look in your desktop's settings for \u201cScreen lock\u201d "
                                  "or \u201cScreensaver\u201d: it should lock after ten minutes "
                                  "or less and ask for your password."),
                      evidence, {"desktop": desktop})


# --------------------------------------------------------------------------------------
# macOS
# --------------------------------------------------------------------------------------


def _macos(scan: Scan) -> Finding:
    evidence: list[Evidence] = []
    data: dict[str, Any] = {}
    how = msg("Open System Settings, then Lock Screen: \u201cRequire password after screen "
              "saver begins or display is turned off\u201d should be immediate or short, and "
              "the display should turn off after ten minutes or less.")
    res = scan.run(["sysadminctl", "-screenLock", "status"])
    said = (res.stderr + "\n" + res.stdout).strip()
    lock = parse_sysadminctl_screenlock(said) if res.ran else None
    shown = re.sub(r"^\S+ \S+ sysadminctl\[[^\]]*\]\s*", "", said.splitlines()[-1]) \
        if said else "(no output)"
    evidence.append(Evidence("sysadminctl -screenLock status",
                             shown[:160] if res.ran else res.describe()))
    data["screen_lock"] = lock
    if lock == "off":
        return _never(msg("This Mac does not ask for the password when the screen saver "
                          "starts or the display turns off."), evidence, data)
    if lock is None:
        return unreadable(msg("Checkup could not read whether this Mac asks for the password "
                              "after the display turns off."), how, evidence, data)
    delay = int(lock)
    # Every power source: a display that sleeps after 2 minutes on battery but never on
    # mains power does not lock a Mac left plugged in. 0 (never) anywhere means never.
    pm = scan.run(["pmset", "-g", "custom"])
    sources = parse_pmset_custom(pm.stdout) if pm.ok else {}
    display: int | None = None
    if sources:
        values = list(sources.values())
        display = 0 if 0 in values else max(values)
        data["display_sleep_by_source"] = sources
    evidence.append(Evidence("pmset -g custom", ", ".join(
        f"{k}: displaysleep {v}" for k, v in sources.items()) if sources
        else (pm.describe() if not pm.ok else "no displaysleep line")))
    ss = scan.run(["defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime"])
    idle = parse_defaults_int(ss.stdout) if ss.ok else None
    evidence.append(Evidence("defaults -currentHost read com.apple.screensaver idleTime",
                             str(idle) if idle is not None else
                             (ss.stdout.strip()[:80] or "not set")))
    data.update({"lock_delay": delay, "display_sleep_minutes": display,
                 "screensaver_idle_seconds": idle})
    known = [v for v in ((display * 60) if display else None, idle if idle else None)
             if v is not None and v > 0]
    if known and min(known) + delay <= LIMIT_SECONDS:
        return _locks_after(min(known) + delay, evidence, data)
    if display is not None and idle is not None:
        if not known:
            return _never(msg("The display never turns off and the screen saver never starts, "
                              "so the screen never locks by itself."), evidence, data)
        return _locks_after(min(known) + delay, evidence, data)
    return unreadable(msg("Checkup could not read how soon the display turns off or the screen "
                          "saver starts."), how, evidence, data)


# --------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------


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


def _windows_power(scan: Scan, evidence: list[Evidence]
                   ) -> dict[str, tuple[int, int] | None]:
    out: dict[str, tuple[int, int] | None] = {}
    for name, (sub, alias, guid) in POWER_SETTINGS.items():
        res = scan.run(["powercfg", "/qh", "SCHEME_CURRENT", sub, alias])
        values = parse_powercfg_values(res.stdout) if res.ok else None
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


def _display_may_lock(per_source: list[int | None], display: tuple[int, int] | None,
                      lockwake: tuple[int, int] | None) -> int | None:
    """When sleep, the screen saver and the inactivity limit leave some power source (mains,
    battery) unlocked for more than ten minutes, but on each such source the screen turns off
    within ten minutes with the password asked on wake: the longest of those display times.
    Otherwise None (the verdict does not depend on what turning the screen off does)."""
    if display is None or lockwake is None:
        return None
    open_sources = [i for i in (0, 1)
                    if per_source[i] is None or not _within_limit(per_source[i] or 0)]
    if not open_sources:
        return None
    if all(0 < display[i] and _within_limit(display[i]) and lockwake[i] == 1
           for i in open_sources):
        return max(display[i] for i in open_sources)
    return None


def _windows(scan: Scan) -> Finding:
    evidence: list[Evidence] = []
    how = msg("Open Settings, then Accounts, then Sign-in options, and set \u201cIf you've "
              "been away, when should Windows require you to sign in again?\u201d; then, under "
              "System, Power, set the screen and sleep times to ten minutes or less.")
    saver, saver_read = _windows_screensaver(scan, evidence)
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
    power = _windows_power(scan, evidence)
    data: dict[str, Any] = {"screensaver_seconds": saver, "inactivity_seconds": inactivity,
                            "power": {k: list(v) if v else None for k, v in power.items()}}
    fixed = [v for v in (saver, inactivity) if v and v > 0]
    sleep, lockwake = power["sleep"], power["password_on_wake"]
    per_source: list[int | None] = []
    power_known = sleep is not None and lockwake is not None
    for i in (0, 1):  # AC, DC
        candidates = list(fixed)
        if sleep is not None and lockwake is not None and sleep[i] > 0 and lockwake[i] == 1:
            candidates.append(sleep[i])
        per_source.append(min(candidates) if candidates else None)
    data["lock_after_ac"], data["lock_after_dc"] = per_source
    if fixed and min(fixed) <= LIMIT_SECONDS:
        # A locking screen saver or the inactivity limit works on battery and mains alike.
        return _locks_after(max(x for x in per_source if x is not None), evidence, data)
    if power_known:
        display = power["display"]
        short_display = _display_may_lock(per_source, display, lockwake)
        if short_display is not None:
            # Laptops with Modern Standby go to sleep, and so lock, when the screen turns off;
            # others lock only when they sleep. Windows tells the two apart only in localised
            # text (powercfg /a), so the verdict stays open rather than a wrong fail.
            data.update({"display_off_seconds": short_display, "reason": "display_off_only"})
            return Finding(Status.UNKNOWN, msg_n(
                "The screen turns off after about {n} minute and Windows asks for the password "
                "when it wakes. On many newer laptops turning the screen off also locks them; "
                "on others only sleep does, later or never. Checkup cannot tell which kind "
                "this computer is.",
                "The screen turns off after about {n} minutes and Windows asks for the password "
                "when it wakes. On many newer laptops turning the screen off also locks them; "
                "on others only sleep does, later or never. Checkup cannot tell which kind "
                "this computer is.", _minutes(short_display)),
                evidence=evidence, details=[msg(
                    "To find out, leave the computer alone until the screen turns off, then "
                    "press a key: if it asks for your password, it locks. If it does not, set "
                    "it to sleep after ten minutes or less (Settings, System, Power).")],
                data=data)
        if all(x is not None for x in per_source):
            return _locks_after(max(x for x in per_source if x is not None), evidence, data)
        if not saver_read and system is None:
            return unreadable(msg("Checkup could not read all of this computer's lock settings."),
                              how, evidence, data)
        return _never(msg("Windows does not always lock by itself when left alone: on battery "
                          "or when plugged in, no sleep with sign-in on wake, no locking "
                          "screen saver and no inactivity limit is set."), evidence, data)
    return unreadable(msg("Checkup could not read this computer's sleep and lock settings."),
                      how, evidence, data)


spec(
    "screen-lock", N_("Screen lock"),
    description=N_("Whether the screen locks by itself soon after you step away."),
    order=42,
    slot=7,
    systems={
        "linux": On(_linux, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(
        Command("gsettings", "get",
                Value("schema", r"org\.(?:gnome|cinnamon)\.desktop\.(?:screensaver|session)"
                                r"|org\.gnome\.desktop\.lockdown"),
                Value("key", r"lock-enabled|lock-delay|idle-delay|disable-lock-screen"),
                why="reads one of the user's own desktop settings from dconf; changes nothing"),
        Command("sysadminctl", "-screenLock", "status",
                why="the status form reads the local screen lock setting without a password"),
        Command("pmset", "-g", "custom", why="prints the local power settings; no root"),
        Command("defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime",
                why="reads one of the user's own local preferences"),
        Command("powercfg", "/qh", "SCHEME_CURRENT",
                Value("subgroup", "|".join(sub for sub, _, _ in POWER_SETTINGS.values())),
                Value("setting", "|".join(alias for _, alias, _ in POWER_SETTINGS.values())),
                why="queries the local power scheme; only changing it would need rights"),
    ),
    # KDE's file in each folder XDG_CONFIG_HOME and XDG_CONFIG_DIRS name (anywhere), and
    # whether such a folder exists, asked of its parent for its own name only
    files=(f"~/.config/{KDE_FILE}", f"/etc/xdg/{KDE_FILE}", f"/**/{KDE_FILE}", "~/.config",
           "/etc/xdg", "/etc/xdg/*"),
    demos={
        "windows11-bitlocker-keepass": "screen_lock/windows_screensaver.json",
        "windows11-home-remote-support": "screen_lock/windows_no_password_on_wake.json",
        "macos12-no-filevault": "screen_lock/macos_lock_off.json",
        "macos15-encrypting-screen-sharing": "screen_lock/macos_30min.json",
        "linux-ubuntu2004-unencrypted": "screen_lock/linux_gnome_never.json",
        "linux-kubuntu-well-kept": "screen_lock/linux_kde_defaults.json",
        "windows10-unencrypted-telegram": "screen_lock/windows_long.json",
        "macos-filevault-signal": "screen_lock/macos_immediate_5min.json",
        "linux-luks-pending-updates": "screen_lock/linux_gnome_5min.json",
    },
)
