"""What the screen-lock check read, per system (pure: nothing here reads the machine). Each
fact carries the evidence lines that show where it came from, in the order they were read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checks.catalog.screen_lock.wayland_idle import IdleRules
from checks.engine.model import Evidence

LIMIT_SECONDS = 600

# (powercfg subgroup alias, setting alias, setting GUID)
POWER_SETTINGS = {
    "sleep": ("SUB_SLEEP", "STANDBYIDLE", "29f6c1db-86da-48c5-9fdb-f2b67b1f44da"),
    "display": ("SUB_VIDEO", "VIDEOIDLE", "3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e"),
    "password_on_wake": ("SUB_NONE", "CONSOLELOCK", "0e796bdb-100d-47d6-a2d5-f7d2daa51f51"),
}


@dataclass(frozen=True)
class Gnome:
    """GNOME, Cinnamon or MATE, through gsettings. ``readable`` is False when lock-enabled
    itself could not be read (nothing else was asked then). ``idle`` and ``delay`` are in
    seconds whatever unit the desktop keeps them in (MATE: minutes)."""
    desktop: str
    evidence: list[Evidence]
    readable: bool = True
    enabled: bool | None = None
    idle: int | None = None
    delay: int | None = None
    # GNOME's lockdown key: False (a clear "false", or no such key on Cinnamon), True, or
    # None when it could not be read or understood
    disabled_by_lockdown: bool | None = False
    # MATE's idle-activation-enabled: False means the screensaver, and so the lock, never
    # starts by itself (GNOME and Cinnamon lock on idle without such a switch: True)
    idle_activation: bool | None = True


@dataclass(frozen=True)
class Kde:
    """KDE Plasma's kscreenlockerrc cascade; ``settings`` is kscreenlocker.kde_settings of
    the texts read (None when a file could not be read)."""
    config_dirs: list[str]
    evidence: list[Evidence]
    settings: dict[str, Any] | None


@dataclass(frozen=True)
class XfceSaver:
    """xfce4-screensaver's settings in effect (defaults where no file sets them); a value
    is None when a file sets it to something that is not of its type. Delays in minutes."""
    saver_enabled: bool | None = True
    idle_activation: bool | None = True
    idle_delay: int | None = 5
    lock_enabled: bool | None = True
    lock_with_saver: bool | None = True
    lock_delay: int | None = 0


@dataclass(frozen=True)
class XScreenSaver:
    """XScreenSaver's settings in effect: the person's file over the system's resource file
    (``source`` says which set each); None where a value is not of its kind."""
    mode: str | None = "random"
    timeout: int | None = 600  # seconds of idle before it blanks
    lock: bool | None = False  # Debian 12's app-defaults (xscreensaver 6.06): no lock
    lock_timeout: int | None = 0  # seconds after blanking before it locks
    source: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Xfce:
    """Xfce, LXQt or LXDE: which screen locker runs (``locker``: "xfce4-screensaver",
    "light-locker", "xscreensaver", or None when none of them was seen running), and its
    settings: ``saver`` for xfce4-screensaver and ``xscreensaver`` for XScreenSaver (None when
    their files could not be read), and light-locker's own seconds-after-blanking and
    late-locking switch."""
    evidence: list[Evidence]
    locker: str | None
    desktop: str = "XFCE"
    xscreensaver: XScreenSaver | None = None
    saver: XfceSaver | None = None
    light_locker_after: int | None = None
    light_locker_late: bool | None = None


@dataclass(frozen=True)
class WaylandIdle:
    """A Wayland compositor (sway, Hyprland, ...) whose idle daemon does the locking:
    ``daemon`` is "hypridle" or "swayidle" (None when neither was seen running); ``rules``
    what it was told (None when that could not be read or seen)."""
    evidence: list[Evidence]
    desktop: str
    daemon: str | None
    rules: IdleRules | None = None


@dataclass(frozen=True)
class OtherDesktop:
    desktop: str  # XDG_CURRENT_DESKTOP as found ("" when unset)


@dataclass(frozen=True)
class Mac:
    """``lock`` is sysadminctl's answer (seconds of delay, "off" or None); the display and
    screen-saver times are read only when it is a delay."""
    evidence: list[Evidence]
    lock: int | str | None
    display_by_source: dict[str, int] = field(default_factory=dict)
    display: int | None = None  # minutes; 0 = never (on some power source)
    idle: int | None = None  # screen saver, seconds


@dataclass(frozen=True)
class Windows:
    evidence: list[Evidence]
    saver: int | None  # seconds after which a password-protected screen saver starts
    saver_read: bool
    system_read: bool  # the machine's Policies\System key
    inactivity: int | None  # the machine inactivity limit in seconds (0 = none)
    power: dict[str, tuple[int, int] | None]  # POWER_SETTINGS name -> (AC, DC) indexes
