"""Screen lock on sway, Hyprland and other Wayland compositors (issue 21): the idle program
that runs (hypridle or swayidle) decides, from what it was told.

Formats: swayidle(1) of swayidle 1.8 (Debian 12): events ``timeout <seconds> <command>``,
``lock <command>``..., as arguments or in $XDG_CONFIG_HOME/swayidle/config; hypridle's
``general { lock_cmd }`` and ``listener { timeout; on-timeout }`` blocks. The texts below
follow those formats (the sway line is swayidle(1)'s own example); synthetic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checks.catalog.screen_lock.wayland_idle import (
    IdleRules,
    lock_after,
    parse_hypridle,
    parse_swayidle_config,
    swayidle_in_sway_config,
)
from checks.engine.host import PlatformInfo
from checks.engine.i18n import translator
from checks.engine.model import Finding, Status
from tests.engine_support import run_on
from tools.snapshot_builder import Fixture, Meta, processes

HOME = "/home/amira"
HYPRIDLE = f"{HOME}/.config/hypr/hypridle.conf"
SWAYIDLE = f"{HOME}/.config/swayidle/config"
SWAY = f"{HOME}/.config/sway/config"

HYPRIDLE_CONF = """general {
    lock_cmd = pidof hyprlock || hyprlock       # avoid starting several hyprlock instances
    before_sleep_cmd = loginctl lock-session
}

listener {
    timeout = 150                                # 2.5 min
    on-timeout = brightnessctl -s set 10
    on-resume = brightnessctl -r
}

listener {
    timeout = 300
    on-timeout = loginctl lock-session
}

listener {
    timeout = 1800
    on-timeout = systemctl suspend
}
"""
SWAY_CONF = """# Idle configuration
exec swayidle -w \\
         timeout 300 'swaylock -f -c 000000' \\
         timeout 600 'swaymsg "output * power off"' resume 'swaymsg "output * power on"' \\
         before-sleep 'swaylock -f -c 000000'
"""


def _wayland(files: Mapping[str, str], running: Sequence[str],
             desktop: str = "Hyprland") -> Finding:
    dirs = {f"{HOME}/.config": sorted({p.split("/")[4] for p in files} | {"gtk-3.0"})}
    for path in files:
        folder, _, name = path.rpartition("/")
        dirs[folder] = sorted({*dirs.get(folder, []), name})
    fx = Fixture(
        platform=PlatformInfo("Linux", "6.12.1-arch1-1", "#1 SMP PREEMPT_DYNAMIC", "x86_64",
                              HOME, {"HOME": HOME, "XDG_CURRENT_DESKTOP": desktop}),
        checks=["screen-lock"], recorded_at="2026-12-01T09:00:00+00:00",
        meta=Meta(name="wayland", source="synthetic: see the module docstring"),
        files=dict(files), dirs=dirs, processes=processes(["systemd", desktop.lower(),
                                                           *running]))
    return run_on(fx.snapshot(), "screen-lock")


def _say(f: Finding) -> str:
    return translator("en").render(f.summary)


def test_the_parsers_read_timeouts_and_the_lock_handler() -> None:
    rules = parse_hypridle(HYPRIDLE_CONF)
    assert rules is not None and rules.timeouts[1] == (300, "loginctl lock-session")
    assert rules.lock_handler.startswith("pidof hyprlock") and lock_after(rules) == 300
    sway = swayidle_in_sway_config(SWAY_CONF)
    assert sway is not None and lock_after(sway) == 300
    assert parse_swayidle_config("timeout 'x\n") is None  # not shell words
    # logind's lock only counts when the lock handler runs a locker
    assert lock_after(IdleRules(((60, "loginctl lock-session"),), "")) is None
    # a command only naming a locker does not lock
    assert lock_after(IdleRules(((60, "notify-send 'swaylock soon'"),))) is None
    assert lock_after(IdleRules(((60, "env WAYLAND_DEBUG=0 exec /usr/bin/swaylock -f"),))) == 60
    assert lock_after(IdleRules(((60, "WAYLAND_DEBUG=0 exec /usr/bin/swaylock -f"),))) == 60


def test_hypridle_locking_through_logind_after_five_minutes_passes() -> None:
    f = _wayland({HYPRIDLE: HYPRIDLE_CONF}, ["hypridle"])
    assert f.status is Status.PASS and "about 5 minutes" in _say(f)


def test_hypridle_that_only_dims_and_suspends_fails() -> None:
    conf = HYPRIDLE_CONF.replace("on-timeout = loginctl lock-session", "on-timeout = true")
    assert _wayland({HYPRIDLE: conf}, ["hypridle"]).status is Status.FAIL
    # no file at all: hypridle has no listener, so nothing locks
    assert _wayland({f"{HOME}/.config/hypr/hyprland.conf": "monitor=,preferred,auto,1\n"},
                    ["hypridle"]).status is Status.FAIL


def test_swayidle_started_from_sways_config_is_read_there() -> None:
    f = _wayland({SWAY: SWAY_CONF}, ["swayidle"], desktop="sway")
    assert f.status is Status.PASS and "about 5 minutes" in _say(f)
    late = SWAY_CONF.replace("timeout 300", "timeout 1200")
    assert _wayland({SWAY: late}, ["swayidle"], desktop="sway").status is Status.FAIL


def test_swayidle_with_its_own_config_file() -> None:
    conf = "timeout 240 'swaylock -f'\nbefore-sleep 'swaylock -f'\n"
    f = _wayland({SWAYIDLE: conf, SWAY: "bar {\n}\n"}, ["swayidle"], desktop="sway")
    assert f.status is Status.PASS and "about 4 minutes" in _say(f)


def test_swayidle_whose_orders_cannot_be_seen_is_unknown() -> None:
    f = _wayland({SWAY: "exec waybar\n"}, ["swayidle"], desktop="sway")
    assert f.status is Status.UNKNOWN and "could not see what it was told" in _say(f)


def test_no_idle_program_running_is_unknown() -> None:
    f = _wayland({HYPRIDLE: HYPRIDLE_CONF}, [])
    assert f.status is Status.UNKNOWN and "No idle program" in _say(f)
