"""Reading the screen lockers that run on their own: Xfce's, LXQt's and LXDE's
(xfce4-screensaver's xfconf channel, light-locker through gsettings, XScreenSaver's files)
and the idle programs of Wayland compositors (hypridle, swayidle). Facts and their evidence
only; no verdicts. Which locker runs is told by the process list (readers/processes.py)."""

from __future__ import annotations

from checks.catalog.readers.processes import running_names
from checks.catalog.screen_lock.facts import WaylandIdle, Xfce, XfceSaver, XScreenSaver
from checks.catalog.screen_lock.gather import gsettings_value, read_if_there
from checks.catalog.screen_lock.gsettings import parse_gsettings_bool, parse_gsettings_uint
from checks.catalog.screen_lock.kscreenlocker import xdg_config_dirs
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


def _xfconf_file(scan: Scan, folder: str, evidence: list[Evidence]
                 ) -> tuple[dict[str, XfconfValue] | None, bool]:
    """(properties of folder's xfce4-screensaver.xml or None when absent, readable?)."""
    path = f"{folder.rstrip('/')}/{XFCE_FOLDER}/{XFCE_FILE}"
    text, readable = read_if_there(scan, path, folder, evidence)
    if text is None:
        return None, readable
    values = parse_channel(text, XFCE_CHANNEL)
    if values is None:
        evidence.append(Evidence(path, "not an xfconf file of the xfce4-screensaver channel"))
        return None, False
    shown = ", ".join(f"{k}={v.value}" for k, v in values.items()
                      if k in {key for key, _ in XFCE_KEYS.values()})
    evidence.append(Evidence(path, shown or "sets none of the screen lock settings"))
    return values, True


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
    mine_text, readable = read_if_there(scan, mine_path, home, evidence)
    if not readable:
        return None
    system_text = scan.host.read_text(XS_SYSTEM)
    merged: dict[str, str] = {}
    source: dict[str, str] = {}
    for where, text in ((XS_SYSTEM, system_text), (mine_path, mine_text)):
        if text is None:
            if where == XS_SYSTEM:
                evidence.append(Evidence(where, "absent or not readable: Debian 12's defaults "
                                                "apply"))
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
            gsettings_value(scan, LIGHT_LOCKER, "lock-after-screensaver", evidence) or "")
        late = gsettings_value(scan, LIGHT_LOCKER, "late-locking", evidence)
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
        text, ok = read_if_there(scan, path, home, evidence)
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
    text, ok = read_if_there(scan, f"{config}/{SWAYIDLE_FILE}", home, evidence)
    if text is not None:
        return parse_swayidle_config(text)
    if not ok:
        return None
    sway, ok = read_if_there(scan, f"{config}/{SWAY_FILE}", home, evidence)
    if sway is None and ok:
        sway = scan.host.read_text(SWAY_SYSTEM)
        evidence.append(Evidence(SWAY_SYSTEM, "read" if sway is not None else "not read"))
    return swayidle_in_sway_config(sway) if sway is not None else None
