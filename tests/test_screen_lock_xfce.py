"""Screen lock on Xfce (issue 21): the locker that runs decides what is read.

xfce4-screensaver keeps its settings in xfconf's channel file xfce4-screensaver.xml (the
user's, over system defaults in each XDG_CONFIG_DIRS folder); its property names and defaults
are those of xfce4-screensaver's src/gs-prefs.h (saver and idle activation on, idle delay 5
minutes, lock on, lock with the screensaver on, lock delay 0 minutes), and its settings
dialog's labels those of src/xfce4-screensaver-preferences.ui. light-locker's keys are those
of apps.light-locker.gschema.xml (Debian 12, light-locker 1.8.0). The real channel files
under tests/fixtures/screen_lock/raw/ are listed with their origins in SOURCES.md; the
machines around them are written here with the fixture builder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from checks.catalog.screen_lock.xfconf import parse_channel, xfconf_bool, xfconf_int
from checks.engine.host import CommandResult, PlatformInfo
from checks.engine.i18n import translator
from checks.engine.model import Finding, Status
from tests.engine_support import run_on
from tools.snapshot_builder import Fixture, Meta, command, processes

RAW = Path(__file__).resolve().parent / "fixtures" / "screen_lock" / "raw"
HOME = "/home/amira"
USER_FILE = f"{HOME}/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml"
SYSTEM_FILE = "/etc/xdg/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml"
# folders shown, so an absent file is known to be absent
LISTINGS = {f"{HOME}/.config/xfce4/xfconf/xfce-perchannel-xml": ["xfce4-panel.xml"],
            "/etc/xdg/xfce4/xfconf/xfce-perchannel-xml": ["xfce4-session.xml"]}


def raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def _xfce(files: Mapping[str, str], running: Sequence[str] = ("xfce4-screensaver",),
          dirs: Mapping[str, Sequence[str]] | None = None,
          commands: Sequence[CommandResult] = ()) -> Finding:
    listings = dict(LISTINGS if dirs is None else dirs)
    for path in files:
        folder, _, name = path.rpartition("/")
        listings[folder] = sorted({*listings.get(folder, []), name})
    fx = Fixture(
        platform=PlatformInfo("Linux", "6.8.0-49-generic", "#49-Ubuntu SMP", "x86_64", HOME,
                              {"HOME": HOME, "XDG_CURRENT_DESKTOP": "XFCE"}),
        checks=["screen-lock"], recorded_at="2026-12-01T09:00:00+00:00",
        meta=Meta(name="xfce", source="see the module docstring"),
        commands=commands, files=dict(files), dirs=listings,
        processes=processes(["systemd", "xfce4-session", "xfwm4", *running]))
    return run_on(fx.snapshot(), "screen-lock")


def _say(f: Finding) -> str:
    return translator("en").render(f.summary)


def test_the_channel_parser_reads_nested_properties_by_path() -> None:
    values = parse_channel(raw("xfconf-xfce4-screensaver-10-plus-1.xml"), "xfce4-screensaver")
    assert values is not None
    assert xfconf_int(values["/saver/idle-activation/delay"]) == 10
    assert xfconf_int(values["/lock/saver-activation/delay"]) == 1
    assert xfconf_bool(values["/lock/sleep-activation"]) is True
    assert "/saver" not in values  # a property of type "empty" only holds others
    kiosk = parse_channel(raw("xfconf-xfce4-screensaver-system-lock-off.xml"),
                          "xfce4-screensaver")
    assert kiosk is not None and kiosk["/lock/enabled"].kiosk


@pytest.mark.parametrize("text", ["", "<channel", "<channel name='xfwm4'/>",
                                  raw("xfconf-entity.xml"), "<a>" * 40 + "</a>" * 40])
def test_what_is_not_such_a_channel_file_is_not_read(text: str) -> None:
    assert parse_channel(text, "xfce4-screensaver") is None


def test_with_no_file_the_defaults_lock_after_five_minutes() -> None:
    f = _xfce({})
    assert f.status is Status.PASS and "about 5 minutes" in _say(f), _say(f)


def test_a_real_file_that_turns_everything_off_fails() -> None:
    f = _xfce({USER_FILE: raw("xfconf-xfce4-screensaver-all-off.xml")})
    assert f.status is Status.FAIL and f.data["lock_after_seconds"] is None


def test_keys_xfce4_screensaver_does_not_have_leave_its_defaults_in_force() -> None:
    """The person (or a script) meant to turn the lock off; it still locks: say so."""
    f = _xfce({USER_FILE: raw("xfconf-xfce4-screensaver-flat-keys.xml")})
    assert f.status is Status.PASS and "about 5 minutes" in _say(f)


def test_idle_time_and_lock_delay_add_up() -> None:
    f = _xfce({USER_FILE: raw("xfconf-xfce4-screensaver-10-plus-1.xml")})
    assert f.status is Status.FAIL and "about 11 minutes" in _say(f)


def test_a_system_setting_under_the_kiosk_mark_is_not_undone_by_the_users_file() -> None:
    user_on = ('<channel name="xfce4-screensaver" version="1.0"><property name="lock" '
               'type="empty"><property name="enabled" type="bool" value="true"/></property>'
               '</channel>')
    f = _xfce({SYSTEM_FILE: raw("xfconf-xfce4-screensaver-system-lock-off.xml"),
               USER_FILE: user_on})
    assert f.status is Status.FAIL
    # without the kiosk mark the user's own setting wins
    plain = raw("xfconf-xfce4-screensaver-system-lock-off.xml").replace(' unlocked="root"', "")
    assert _xfce({SYSTEM_FILE: plain, USER_FILE: user_on}).status is Status.PASS
    assert _xfce({SYSTEM_FILE: plain}).status is Status.FAIL


def test_a_file_that_cannot_be_read_is_unknown_never_the_defaults() -> None:
    f = _xfce({}, dirs={})  # nothing listed: absent cannot be told from unreadable
    assert f.status is Status.UNKNOWN
    f = _xfce({USER_FILE: raw("xfconf-entity.xml")})
    assert f.status is Status.UNKNOWN


def test_light_locker_that_never_locks_after_blanking_fails_otherwise_unknown() -> None:
    def ll(after: str, late: str) -> list[CommandResult]:
        return [command(["gsettings", "get", "apps.light-locker", "lock-after-screensaver"],
                        f"{after}\n"),
                command(["gsettings", "get", "apps.light-locker", "late-locking"], f"{late}\n")]

    off = _xfce({}, running=["light-locker"], commands=ll("uint32 0", "false"))
    assert off.status is Status.FAIL
    default = _xfce({}, running=["light-locker"], commands=ll("uint32 5", "false"))
    assert default.status is Status.UNKNOWN and "power manager" in _say(default)


def test_no_locker_running_is_unknown_and_says_so() -> None:
    none = _xfce({}, running=[])
    assert none.status is Status.UNKNOWN and "No screen locker was seen" in _say(none)
    # XScreenSaver runs, but whether the person has their own file cannot be told
    unsure = _xfce({}, running=["xscreensaver"], dirs={})
    assert unsure.status is Status.UNKNOWN and "could not read" in _say(unsure)


# -- XScreenSaver (Xfce, LXQt, LXDE) --------------------------------------------------------
# Its options and their meaning: xscreensaver(1) of xscreensaver 6.06 (Debian 12); the
# system defaults those of that package's /etc/X11/app-defaults/XScreenSaver-nogl.

XS_USER = f"{HOME}/.xscreensaver"
XS_SYSTEM = "/etc/X11/app-defaults/XScreenSaver"
DEBIAN_APP_DEFAULTS = "*mode:\t\t\trandom\n*timeout:\t\t0:10:00\n*lockTimeout:\t\t0:00:00\n" \
                      "*lock:\t\t\tFalse\n"


def _xs(user: str | None, desktop_files: Mapping[str, str] | None = None) -> Finding:
    files = {XS_SYSTEM: DEBIAN_APP_DEFAULTS, **(desktop_files or {})}
    if user is not None:
        files[XS_USER] = user
    return _xfce(files, running=["xscreensaver"], dirs={HOME: ["Documents"]})


def test_the_xscreensaver_parser_skips_comments_and_continued_lines() -> None:
    from checks.catalog.screen_lock.xscreensaver import parse_xscreensaver, xs_seconds

    odd = parse_xscreensaver(raw("xscreensaver-odd-times.txt"))
    assert odd == {"timeout": "0:05", "lock": "True", "lockTimeout": "3"}
    assert xs_seconds(odd["timeout"]) == 5 and xs_seconds(odd["lockTimeout"]) == 180
    assert parse_xscreensaver(DEBIAN_APP_DEFAULTS)["lock"] == "False"
    assert [xs_seconds(v) for v in ("0:10:00", "1:00:00", "x", "", "1:2:3:4", "٣")] == [
        600, 3600, None, None, None, None]


def test_xscreensaver_that_locks_after_a_minute_passes() -> None:
    f = _xs(raw("xscreensaver-6.06-one-minute-lock.txt"))
    assert f.status is Status.PASS and "about 1 minute" in _say(f)


def test_xscreensaver_without_lock_fails_even_when_it_blanks_soon() -> None:
    f = _xs(raw("xscreensaver-6.09-no-lock.txt"))
    assert f.status is Status.FAIL and f.data["lock_after_seconds"] is None


def test_xscreensaver_in_mode_off_never_starts() -> None:
    f = _xs(raw("xscreensaver-mode-off.txt"))
    assert f.status is Status.FAIL and "never starts by itself" in _say(f)


def test_without_the_persons_file_debians_defaults_do_not_lock() -> None:
    f = _xs(None)
    assert f.status is Status.FAIL
    assert any(e.source == XS_SYSTEM and "lock: False" in e.text for e in f.evidence)


def test_times_in_minutes_and_seconds_add_up() -> None:
    f = _xs(raw("xscreensaver-odd-times.txt"))
    assert f.status is Status.PASS and "about 3 minutes" in _say(f)


def test_lxqt_is_read_by_the_locker_that_runs_too() -> None:
    fx_files = {XS_SYSTEM: DEBIAN_APP_DEFAULTS,
                XS_USER: raw("xscreensaver-6.06-one-minute-lock.txt")}
    listings = {HOME: [".xscreensaver"]}
    fx = Fixture(
        platform=PlatformInfo("Linux", "6.8.0-49-generic", "#49-Ubuntu SMP", "x86_64", HOME,
                              {"HOME": HOME, "XDG_CURRENT_DESKTOP": "LXQt"}),
        checks=["screen-lock"], recorded_at="2026-12-01T09:00:00+00:00",
        meta=Meta(name="lxqt", source="see the module docstring"), files=fx_files,
        dirs=listings, processes=processes(["lxqt-session", "xscreensaver"]))
    f = run_on(fx.snapshot(), "screen-lock")
    assert f.status is Status.PASS and f.data["desktop"] == "LXQt"
