"""screen-lock: does the screen lock by itself after a short idle time, asking for the
password on wake?

Linux: GNOME and Cinnamon through ``gsettings`` (lock-enabled, lock-delay, the session's
idle-delay; GNOME's lockdown disable-lock-screen, which must read a clear "false" for a
pass); MATE likewise (org.mate.screensaver and org.mate.session, delays in minutes, and
idle-activation-enabled, without which the screensaver never starts by itself); Xfce by
the locker that runs: xfce4-screensaver's xfconf channel file (xfce4-screensaver.xml in the
user's and the system's config folders, its defaults where they set nothing), light-locker
through gsettings (only "never locks" can be told: when the screen blanks is the power
manager's); LXQt and LXDE likewise, and XScreenSaver wherever it runs (the person's
~/.xscreensaver over /etc/X11/app-defaults/XScreenSaver, whose Debian default is not to
lock); sway, Hyprland and other Wayland compositors by their idle program (hypridle's
hypridle.conf; swayidle's own config or the swayidle line of sway's config): the shortest
timeout that runs a screen locker, or asks logind to lock while the lock handler runs one), KDE Plasma through kscreenlockerrc (Autolock, Timeout in minutes, LockGrace in
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

from checks.catalog.screen_lock.decide import (
    decide_gnome,
    decide_kde,
    decide_macos,
    decide_other_desktop,
    decide_wayland_idle,
    decide_windows,
    decide_xfce,
)
from checks.catalog.screen_lock.facts import POWER_SETTINGS, OtherDesktop
from checks.catalog.screen_lock.gather import (
    gather_gnome,
    gather_kde,
    gather_macos,
    gather_mate,
    gather_windows,
)
from checks.catalog.screen_lock.gather_lockers import (
    XFCE_FILE,
    XFCE_FOLDER,
    gather_wayland_idle,
    gather_xfce,
)
from checks.catalog.screen_lock.kscreenlocker import KDE_FILE
from checks.engine.commands import Command, Value
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec

GNOME_LIKE = {"gnome", "unity", "ubuntu", "budgie", "gnome-classic", "gnome-flashback"}


def _linux(scan: Scan) -> Finding:
    desktop = scan.host.platform.env.get("XDG_CURRENT_DESKTOP", "")
    parts = {p.strip().lower() for p in desktop.split(":") if p.strip()}
    if "kde" in parts:
        return decide_kde(gather_kde(scan))
    if parts & {"x-cinnamon", "cinnamon"}:
        return decide_gnome(gather_gnome(scan, desktop, "org.cinnamon.desktop.screensaver",
                                         "org.cinnamon.desktop.session", None))
    wayland = parts & {"sway", "hyprland", "river", "niri", "labwc", "wayfire"}
    if wayland:
        return decide_wayland_idle(gather_wayland_idle(scan, desktop))
    for name in ("xfce", "lxqt", "lxde"):  # the locker that runs decides (gather_xfce)
        if name in parts:
            return decide_xfce(gather_xfce(scan, name.upper() if name != "lxqt" else "LXQt"))
    if "mate" in parts:
        return decide_gnome(gather_mate(scan, "MATE"))
    if parts & GNOME_LIKE or (scan.context.tails and not desktop):  # Tails runs GNOME
        return decide_gnome(gather_gnome(scan, desktop or "GNOME",
                                         "org.gnome.desktop.screensaver",
                                         "org.gnome.desktop.session",
                                         "org.gnome.desktop.lockdown"))
    return decide_other_desktop(OtherDesktop(desktop))


def _macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


def _windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


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
                                r"|org\.gnome\.desktop\.lockdown|org\.mate\.(?:screensaver|session)"
                                r"|apps\.light-locker"),
                Value("key", r"lock-enabled|lock-delay|idle-delay|disable-lock-screen"
                             r"|idle-activation-enabled|lock-after-screensaver|late-locking"),
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
           "/etc/xdg", "/etc/xdg/*",
           # Xfce's xfce4-screensaver channel in each of those folders, and the folders on
           # the way to it (to tell an absent file from an unreadable one)
           f"~/.config/{XFCE_FOLDER}/{XFCE_FILE}", f"/**/{XFCE_FOLDER}/{XFCE_FILE}",
           "~/.config/xfce4", "~/.config/xfce4/xfconf", f"~/.config/{XFCE_FOLDER}",
           "/**/xfce4", "/**/xfce4/xfconf", f"/**/{XFCE_FOLDER}",
           # XScreenSaver's: the person's own file and the system-wide resource file
           "~/.xscreensaver", "~", "/etc/X11/app-defaults/XScreenSaver",
           # Wayland compositors' idle daemons: hypridle's and swayidle's files, sway's
           # config, and the folders on the way to them (anywhere XDG_CONFIG_HOME points)
           "~/.config/hypr/hypridle.conf", "~/.config/swayidle/config", "~/.config/sway/config",
           "~/.config/hypr", "~/.config/swayidle", "~/.config/sway", "/etc/sway/config",
           "/**/hypr/hypridle.conf", "/**/swayidle/config", "/**/sway/config", "/**/hypr",
           "/**/swayidle", "/**/sway"),
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
