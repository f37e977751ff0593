"""The screen-lock verdicts from what was read (pure: nothing here reads the machine). Pass
when the screen locks, asking for the password, within ten minutes of inactivity; an idle
delay of 0 means never."""

from __future__ import annotations

import math
from typing import Any

from checks.catalog.readers.sentences import unreadable
from checks.catalog.screen_lock import messages as say
from checks.catalog.screen_lock.facts import (
    LIMIT_SECONDS,
    Gnome,
    Kde,
    Mac,
    OtherDesktop,
    WaylandIdle,
    Windows,
    Xfce,
)
from checks.catalog.screen_lock.wayland_idle import lock_after
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

# -- any system ---------------------------------------------------------------------------


def minutes(seconds: int) -> int:
    """Whole minutes, rounded half up; at least 1 (a few seconds of grace do not count)."""
    return max(1, math.floor(seconds / 60 + 0.5))


def within_limit(seconds: int) -> bool:
    return seconds == 0 or minutes(seconds) <= LIMIT_SECONDS // 60


def locks_after(seconds: int, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    data = {**data, "lock_after_seconds": seconds}
    if within_limit(seconds):
        summary = say.locks_right_away() if seconds == 0 else say.locks_after(minutes(seconds))
        return Finding(Status.PASS, summary, evidence=evidence,
                       details=[say.account_password_unseen()], data=data)
    return Finding(Status.FAIL, say.locks_too_late(minutes(seconds)), severity=Severity.LOW,
                   evidence=evidence, details=[], data=data)


def never(reason: Message, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    return Finding(Status.FAIL, reason, severity=Severity.MEDIUM, evidence=evidence,
                   data={**data, "lock_after_seconds": None})


# -- Linux --------------------------------------------------------------------------------


def decide_gnome(seen: Gnome) -> Finding:
    """GNOME, Cinnamon and MATE (their settings are alike; only the advice differs)."""
    mate = seen.desktop.upper() == "MATE"
    evidence, how = list(seen.evidence), say.mate_how() if mate else say.gnome_how()
    data: dict[str, Any] = {"desktop": seen.desktop}
    if not seen.readable:
        return unreadable(say.desktop_unreadable(), how, evidence, data)
    data.update({"lock_enabled": seen.enabled, "idle_delay": seen.idle,
                 "lock_delay": seen.delay, "lock_screen_disabled": seen.disabled_by_lockdown})
    if mate:
        data["idle_activation"] = seen.idle_activation
    if seen.enabled is False or seen.disabled_by_lockdown:
        return never(say.auto_lock_off(), evidence, data)
    if seen.enabled is None or seen.idle is None or seen.delay is None \
            or seen.idle_activation is None:
        return unreadable(say.desktop_not_understood(), how, evidence, data)
    if seen.idle_activation is False:
        return never(say.screensaver_never_starts(), evidence, data)
    if seen.idle == 0:
        return never(say.never_blanks(), evidence, data)
    if seen.disabled_by_lockdown is None and within_limit(seen.idle + seen.delay):
        return unreadable(say.lockdown_unread(), say.lockdown_how(), evidence, data)
    return locks_after(seen.idle + seen.delay, evidence, data)


def decide_kde(seen: Kde) -> Finding:
    evidence, how = list(seen.evidence), say.kde_how()
    data: dict[str, Any] = {"desktop": "KDE", "config_dirs": seen.config_dirs}
    settings = seen.settings
    if settings is None:
        return unreadable(say.desktop_unreadable(), how, evidence, data)
    data["kde"] = {k: v for k, v in settings.items() if k not in ("explicit", "source")}
    data["kde_defaults"] = not settings["explicit"]
    if settings["Autolock"] is False or settings["RequirePassword"] is False:
        return never(say.auto_lock_off(), evidence, data)
    timeout, grace = settings["Timeout"], settings["LockGrace"]
    if settings["Autolock"] is None or settings["RequirePassword"] is None or timeout is None \
            or grace is None:
        return unreadable(say.desktop_not_understood(), how, evidence, data)
    if timeout <= 0:
        return never(say.never_blanks(), evidence, data)
    return locks_after(int(timeout * 60) + max(0, grace), evidence, data)


def decide_xfce(seen: Xfce) -> Finding:
    evidence = list(seen.evidence)
    data: dict[str, Any] = {"desktop": seen.desktop, "locker": seen.locker}
    if seen.locker == "light-locker":
        return _light_locker(seen, evidence, data)
    if seen.locker == "xscreensaver":
        return _xscreensaver(seen, evidence, data)
    if seen.locker is None:
        return Finding(Status.UNKNOWN, say.no_locker_seen(), evidence=evidence,
                       details=[say.xfce_how() if seen.desktop == "XFCE"
                                else say.other_desktop_how()],
                       data={**data, "reason": "no_locker"})
    saver = seen.saver
    if saver is None:
        return unreadable(say.desktop_unreadable(), say.xfce_how(), evidence, data)
    data["xfce4_screensaver"] = {k: getattr(saver, k) for k in (
        "saver_enabled", "idle_activation", "idle_delay", "lock_enabled", "lock_with_saver",
        "lock_delay")}
    if saver.lock_enabled is False or saver.lock_with_saver is False:
        return never(say.auto_lock_off(), evidence, data)
    if saver.saver_enabled is False or saver.idle_activation is False:
        return never(say.screensaver_never_starts(), evidence, data)
    if None in data["xfce4_screensaver"].values():
        return unreadable(say.desktop_not_understood(), say.xfce_how(), evidence, data)
    assert saver.idle_delay is not None and saver.lock_delay is not None
    if saver.idle_delay <= 0:
        return never(say.never_blanks(), evidence, data)
    return locks_after((saver.idle_delay + max(0, saver.lock_delay)) * 60, evidence, data)


def _xscreensaver(seen: Xfce, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    xs = seen.xscreensaver
    if xs is None:
        return unreadable(say.desktop_unreadable(), say.xscreensaver_how(), evidence, data)
    data["xscreensaver"] = {"mode": xs.mode, "timeout": xs.timeout, "lock": xs.lock,
                            "lock_timeout": xs.lock_timeout}
    if xs.mode == "off":
        return never(say.screensaver_never_starts(), evidence, data)
    if xs.lock is False:
        return never(say.auto_lock_off(), evidence, data)
    if xs.lock is None or xs.timeout is None or xs.lock_timeout is None:
        return unreadable(say.desktop_not_understood(), say.xscreensaver_how(), evidence, data)
    if xs.timeout <= 0:
        return never(say.never_blanks(), evidence, data)
    return locks_after(xs.timeout + max(0, xs.lock_timeout), evidence, data)


def _light_locker(seen: Xfce, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    """light-locker locks a set time after the screen blanks (or when blanking ends); when
    the screen blanks is the X server's screensaver time, which Xfce's power manager sets
    and Checkup does not read yet."""
    after, late = seen.light_locker_after, seen.light_locker_late
    data.update({"lock_after_screensaver": after, "late_locking": late})
    if after == 0 and late is False:
        return never(say.auto_lock_off(), evidence, data)
    if after is None or late is None:
        return unreadable(say.desktop_not_understood(), say.light_locker_how(), evidence, data)
    return Finding(Status.UNKNOWN, say.light_locker_blank_time_unknown(), evidence=evidence,
                   details=[say.light_locker_how()], data={**data, "reason": "blank_time"})


def decide_wayland_idle(seen: WaylandIdle) -> Finding:
    evidence = list(seen.evidence)
    data: dict[str, Any] = {"desktop": seen.desktop, "idle_daemon": seen.daemon}
    if seen.daemon is None:
        return Finding(Status.UNKNOWN, say.no_idle_daemon(), evidence=evidence,
                       details=[say.wayland_how()], data={**data, "reason": "no_idle_daemon"})
    if seen.rules is None:
        return unreadable(say.idle_daemon_unseen(seen.daemon), say.wayland_how(), evidence,
                          data)
    seconds = lock_after(seen.rules)
    if seconds is None:
        return never(say.auto_lock_off(), evidence, data)
    return locks_after(seconds, evidence, data)


def decide_other_desktop(seen: OtherDesktop) -> Finding:
    desktop = seen.desktop
    evidence = [Evidence("XDG_CURRENT_DESKTOP", desktop or "(not set)")]
    reason = say.desktop_unsupported(desktop) if desktop else say.desktop_unknown()
    return unreadable(reason, say.other_desktop_how(), evidence, {"desktop": desktop})


# -- macOS --------------------------------------------------------------------------------


def decide_macos(seen: Mac) -> Finding:
    evidence, how = list(seen.evidence), say.macos_how()
    data: dict[str, Any] = {"screen_lock": seen.lock}
    if seen.lock == "off":
        return never(say.macos_no_password(), evidence, data)
    if seen.lock is None:
        return unreadable(say.macos_password_unread(), how, evidence, data)
    delay, display, idle = int(seen.lock), seen.display, seen.idle
    if seen.display_by_source:
        data["display_sleep_by_source"] = seen.display_by_source
    data.update({"lock_delay": delay, "display_sleep_minutes": display,
                 "screensaver_idle_seconds": idle})
    known = [v for v in ((display * 60) if display else None, idle if idle else None)
             if v is not None and v > 0]
    if known and min(known) + delay <= LIMIT_SECONDS:
        return locks_after(min(known) + delay, evidence, data)
    if display is not None and idle is not None:
        if not known:
            return never(say.macos_never_idle(), evidence, data)
        return locks_after(min(known) + delay, evidence, data)
    return unreadable(say.macos_idle_unread(), how, evidence, data)


# -- Windows ------------------------------------------------------------------------------


def _display_may_lock(per_source: list[int | None], display: tuple[int, int] | None,
                      lockwake: tuple[int, int] | None) -> int | None:
    """When sleep, the screen saver and the inactivity limit leave some power source (mains,
    battery) unlocked for more than ten minutes, but on each such source the screen turns off
    within ten minutes with the password asked on wake: the longest of those display times.
    Otherwise None (the verdict does not depend on what turning the screen off does)."""
    if display is None or lockwake is None:
        return None
    open_sources = [i for i in (0, 1)
                    if per_source[i] is None or not within_limit(per_source[i] or 0)]
    if not open_sources:
        return None
    if all(0 < display[i] and within_limit(display[i]) and lockwake[i] == 1
           for i in open_sources):
        return max(display[i] for i in open_sources)
    return None


def _lock_per_source(seen: Windows) -> list[int | None]:
    """Seconds until the computer locks on mains (AC) and on battery (DC), or None."""
    fixed = [v for v in (seen.saver, seen.inactivity) if v and v > 0]
    sleep, lockwake = seen.power["sleep"], seen.power["password_on_wake"]
    out: list[int | None] = []
    for i in (0, 1):
        candidates = list(fixed)
        if sleep is not None and lockwake is not None and sleep[i] > 0 and lockwake[i] == 1:
            candidates.append(sleep[i])
        out.append(min(candidates) if candidates else None)
    return out


def _display_off_only(seconds: int, evidence: list[Evidence], data: dict[str, Any]) -> Finding:
    # Laptops with Modern Standby go to sleep, and so lock, when the screen turns off; others
    # lock only when they sleep. Windows tells the two apart only in localised text
    # (powercfg /a), so the verdict stays open rather than a wrong fail.
    data.update({"display_off_seconds": seconds, "reason": "display_off_only"})
    return Finding(Status.UNKNOWN, say.display_off_only(minutes(seconds)), evidence=evidence,
                   details=[say.display_off_how()], data=data)


def decide_windows(seen: Windows) -> Finding:
    evidence, how = list(seen.evidence), say.windows_how()
    data: dict[str, Any] = {"screensaver_seconds": seen.saver,
                            "inactivity_seconds": seen.inactivity,
                            "power": {k: list(v) if v else None for k, v in seen.power.items()}}
    fixed = [v for v in (seen.saver, seen.inactivity) if v and v > 0]
    per_source = _lock_per_source(seen)
    data["lock_after_ac"], data["lock_after_dc"] = per_source
    if fixed and min(fixed) <= LIMIT_SECONDS:
        # A locking screen saver or the inactivity limit works on battery and mains alike.
        return locks_after(max(x for x in per_source if x is not None), evidence, data)
    lockwake = seen.power["password_on_wake"]
    if seen.power["sleep"] is None or lockwake is None:
        return unreadable(say.windows_power_unread(), how, evidence, data)
    short_display = _display_may_lock(per_source, seen.power["display"], lockwake)
    if short_display is not None:
        return _display_off_only(short_display, evidence, data)
    if all(x is not None for x in per_source):
        return locks_after(max(x for x in per_source if x is not None), evidence, data)
    if not seen.saver_read and not seen.system_read:
        return unreadable(say.windows_lock_settings_unread(), how, evidence, data)
    return never(say.windows_never_locks(), evidence, data)
