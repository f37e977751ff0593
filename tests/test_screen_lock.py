"""screen-lock: replay fixtures on Linux (GNOME, Cinnamon, KDE), macOS and Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.readers.config_files import ini_junk
from checks.catalog.screen_lock.gsettings import (
    gsettings_memory_backend,
    parse_gsettings_bool,
    parse_gsettings_uint,
)
from checks.catalog.screen_lock.kscreenlocker import kde_daemon_keys, kde_settings, xdg_config_dirs
from checks.catalog.screen_lock.macos_tools import (
    parse_defaults_int,
    parse_pmset_custom,
    parse_pmset_displaysleep,
    parse_sysadminctl_screenlock,
)
from checks.catalog.screen_lock.powercfg import parse_powercfg_values
from tests.protections_support import assert_covered, case, cases, check_expected, english, replay

FOLDER = "screen_lock"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    assert_covered(FOLDER)


def test_gsettings_values() -> None:
    assert parse_gsettings_uint("uint32 300\n") == 300
    assert parse_gsettings_uint("0") == 0
    assert parse_gsettings_uint("uint32 -1") is None
    assert parse_gsettings_uint("") is None
    assert parse_gsettings_bool("true\n") is True
    assert parse_gsettings_bool("false") is False
    assert parse_gsettings_bool("'true'") is None


def test_sysadminctl_is_read_from_stderr_with_its_prefix() -> None:
    prefix = "2026-11-20 09:00:00.123 sysadminctl[812:10231] "
    assert parse_sysadminctl_screenlock(prefix + "screenLock delay is immediate") == 0
    assert parse_sysadminctl_screenlock(prefix + "screenLock delay is 300 seconds") == 300
    assert parse_sysadminctl_screenlock(prefix + "screenLock delay is -1.000000 seconds") == "off"
    assert parse_sysadminctl_screenlock(prefix + "screenLock is off") == "off"
    assert parse_sysadminctl_screenlock("Usage: sysadminctl ...") is None


def test_pmset_and_defaults() -> None:
    assert parse_pmset_displaysleep(" displaysleep         10 (display sleep prevented by "
                                    "Zoom)\n") == 10
    assert parse_pmset_displaysleep(" sleep 1\n") is None
    assert parse_defaults_int("300\n") == 300
    assert parse_defaults_int("The domain/default pair of (...) does not exist") is None


def test_powercfg_reads_hex_values_only() -> None:
    text = ("GUID de combinación de energía: 381b4222-f694-41f0-9685-ff5bb260df2e\n"
            "  GUID de configuración de energía: 29f6c1db-86da-48c5-9fdb-f2b67b1f44da\n"
            "  Configuración mínima posible: 0x00000000\n"
            "  Configuración máxima posible: 0xffffffff\n"
            "  Índice de configuración de corriente alterna actual: 0x00000258\n"
            "  Índice de configuración de corriente continua actual: 0x0000012c\n")
    assert parse_powercfg_values(text, "29f6c1db-86da-48c5-9fdb-f2b67b1f44da") == (600, 300)
    assert parse_powercfg_values(text, "3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e") is None
    assert parse_powercfg_values("Invalid Parameters -- try \"/?\" for help",
                                 "29f6c1db-86da-48c5-9fdb-f2b67b1f44da") is None


def test_kde_defaults_when_absent() -> None:
    d = kde_settings(None)
    assert (d["Autolock"], d["Timeout"], d["LockGrace"], d["RequirePassword"]) == \
        (True, 5.0, 5, True)
    d = kde_settings("[Daemon]\nAutolock=false\nTimeout=abc\n")
    assert d["Autolock"] is False and d["Timeout"] is None


def test_numbers_are_stated() -> None:
    _snap, finding = replay(case(FOLDER, "windows_long"))
    assert finding.data["lock_after_ac"] == 3600 and finding.data["lock_after_dc"] == 1800
    _snap, finding = replay(case(FOLDER, "linux_gnome_never"))
    assert finding.data["idle_delay"] == 0


def test_pmset_custom_lists_every_power_source() -> None:
    text = ("Battery Power:\n lidwake              1\n displaysleep         2\n"
            "AC Power:\n lidwake              1\n displaysleep         0\n")
    assert parse_pmset_custom(text) == {"Battery Power": 2, "AC Power": 0}
    assert parse_pmset_custom("AC Power:\n displaysleep 10\n") == {"AC Power": 10}
    assert parse_pmset_custom(" displaysleep 10\n") == {}  # no heading: not this layout


def test_gsettings_memory_fallback_is_recognised() -> None:
    assert gsettings_memory_backend("GLib-GIO-Message: 09:00:00.000: Using the \u201cmemory\u201d "
                                    "GSettings backend.  Your settings will not be saved")
    assert gsettings_memory_backend("(gsettings:12): GLib-GIO-WARNING **: Using the 'memory' "
                                    "GSettings backend.")
    assert not gsettings_memory_backend("")


def test_ini_junk_tells_settings_from_garbage() -> None:
    good = "# comment\n[$Version]\nupdate_info=kscreenlocker.upd:0.1-autolock\n\n[Daemon]\n" \
           "Timeout=30\nName[es]=Bloqueo\n"
    assert ini_junk(good) == []
    assert ini_junk("\x07\ufffd\x10 binary\n") != []
    assert ini_junk("[Daemon]\nthis is not a setting\n") == ["this is not a setting"]
    # KConfig and GKeyFile comments start with '#'; ';' does only in systemd units
    assert ini_junk(";8Zf0sJ7w ':60;Ut,9Jw") != []
    assert ini_junk("; a systemd comment", comments="#;") == []


def test_kde_system_settings_come_first() -> None:
    d = kde_settings("[Daemon]\nAutolock=false\nTimeout=2\n", "[Daemon]\nTimeout=3\n")
    assert d["Autolock"] is False and d["Timeout"] == 3.0


def test_a_pass_says_what_it_could_not_see() -> None:
    """The lock asks for the account's password; whether the account has one is not
    visible without administrator rights, so every pass says so (as automatic-login's)."""
    passes = [p for p in cases(FOLDER) if replay(p)[1].status.value == "pass"]
    assert len(passes) >= 5
    for path in passes:
        _snap, finding = replay(path)
        details = english(finding)[1]
        assert any("cannot see whether your account has a password" in d for d in details), \
            path.name


def test_kde_cascade_reads_xdg_config_dirs_last_folder_first() -> None:
    assert xdg_config_dirs(None) == ["/etc/xdg"]
    assert xdg_config_dirs("") == ["/etc/xdg"]
    assert xdg_config_dirs("relative:/etc/xdg/:/usr/share/p:/etc/xdg") == ["/etc/xdg",
                                                                           "/usr/share/p"]
    # least important first: a profile, then /etc/xdg, then the user's file
    d = kde_settings("[Daemon]\nAutolock=false\nTimeout=30\n", "[Daemon]\nTimeout=5\n",
                     "[Daemon]\nAutolock=true\n")
    assert d["Autolock"] is True and d["Timeout"] == 5.0 and d["source"] == {"Autolock": 2,
                                                                              "Timeout": 1}


def test_kde_immutable_marks_stop_later_files() -> None:
    assert kde_settings("[Daemon]\nAutolock[$i]=false\n", "[Daemon]\nAutolock=true\n"
                        )["Autolock"] is False
    d = kde_settings("[Daemon][$i]\nTimeout=30\n", "[Daemon]\nTimeout=3\nAutolock=false\n")
    assert d["Timeout"] == 30.0 and d["Autolock"] is True
    assert kde_settings("[$i]\n[Daemon]\nAutolock=false\n", "[Daemon]\nAutolock=true\n"
                        )["Autolock"] is False
    values, locked, whole = kde_daemon_keys("[Greeter][Wallpaper][org.kde.image][General]\n"
                                            "Image=x\n[Daemon]\nName[es]=Bloqueo\nTimeout=7\n")
    assert values == {"Timeout": "7"} and not locked and not whole


def test_kde_reads_the_user_file_where_xdg_config_home_points_and_says_so() -> None:
    import json

    from checks.engine.registry import Scan, get_check
    from checks.engine.runner import run_check
    from checks.engine.snapshot import ReplayHost, Snapshot

    data = json.loads(case(FOLDER, "linux_kde_30min").read_text(encoding="utf-8"))
    old, new = "/home/amira/.config", "/home/amira/alt-config"
    data["platform"]["env"]["XDG_CONFIG_HOME"] = new
    data["files"] = {p.replace(old, new): v for p, v in data["files"].items()}
    data["dirs"] = {p.replace(old, new): v for p, v in data["dirs"].items()}
    check = get_check("screen-lock")
    assert check is not None
    finding = run_check(check, Scan(ReplayHost(Snapshot.from_json(data))))
    lines = [e.line() for e in finding.evidence]
    assert finding.status.value == "fail" and finding.data["lock_after_seconds"] == 1810
    assert f"XDG_CONFIG_HOME: {new}" in lines
    assert any(line.startswith(f"{new}/kscreenlockerrc: ") for line in lines)
