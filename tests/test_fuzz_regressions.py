"""Inputs the fuzz tests (tests/test_fuzz_parsers.py) found to crash a parser, kept as plain
tests so each stays fixed whatever Hypothesis draws next time.

Python refuses to turn a text of more than 4 300 digits into an ``int`` (a ``ValueError``),
so a parser that converts any run of digits a tool printed crashed on one; a date pattern
that matched but named no real day did too. Each now reads such input as unrecognised.
"""

from __future__ import annotations

from checks.catalog.firewall.socketfilterfw import parse_alf_state
from checks.catalog.os_updates.apt import parse_apt_simulation
from checks.catalog.os_updates.macos import RecommendedUpdate, still_pending, version_tuple
from checks.catalog.os_updates.windows import parse_iso_utc

HUGE = "9" * 5000


def test_alf_state_with_a_huge_number_is_unrecognised() -> None:
    assert parse_alf_state(f"Firewall is enabled. (State = {HUGE})") is None
    assert parse_alf_state("Firewall is enabled. (State = 1234567890)") is None
    assert parse_alf_state("Firewall is enabled. (State = 1)") == 1  # unchanged


def test_macos_version_with_a_huge_part_is_no_version() -> None:
    assert version_tuple(f"14.{HUGE}") is None
    assert version_tuple("14.5.1234567890") is None
    assert version_tuple("14.5.1") == (14, 5, 1)
    update = RecommendedUpdate(name="macOS Sonoma 14.6", version=f"14.{HUGE}",
                               product_key="MSU_UPDATE_23G80_patch_14.6")
    assert still_pending((update,), "14.5") == [update]  # kept: nothing says it is installed


def test_apt_summary_with_a_huge_count_is_no_summary() -> None:
    sim = parse_apt_simulation(f"{HUGE} upgraded, 0 newly installed, 0 to remove and 0 not "
                               "upgraded.\n")
    assert sim.summary is None
    sim = parse_apt_simulation("3 upgraded, 0 newly installed, 0 to remove and 1 not "
                               "upgraded.\n")
    assert sim.summary == (3, 0, 0, 1)


def test_windows_date_that_does_not_exist_is_none() -> None:
    assert parse_iso_utc("2025-02-31 garbage") is None
    assert parse_iso_utc("2025-13-01T00:00:00 x") is None
    assert parse_iso_utc("2025-02-28T10:00:00Z") is not None


def test_gsettings_uint_with_a_huge_number_is_unrecognised() -> None:
    from checks.catalog.screen_lock.gsettings import parse_gsettings_uint

    assert parse_gsettings_uint(f"uint32 {HUGE}") is None
    assert parse_gsettings_uint("uint32 ٣٠٠") is None  # digits of another script: not gsettings
    assert parse_gsettings_uint("uint32 300") == 300  # unchanged


def test_every_parser_reads_a_huge_number_as_unrecognised() -> None:
    """The rest of the catalogue's parsers that turned a run of digits into an int (found by
    feeding each parser a 5 000-digit number, not by the random fuzz): each now answers as for
    any text it does not understand, and ordinary numbers read as before."""
    from checks.catalog.auto_updates.apt_config import periodic_interval_on
    from checks.catalog.browsers.versions import parse_version
    from checks.catalog.disk_encryption.bitlocker import interpret_value
    from checks.catalog.disk_encryption.lsblk import ParseError, parse_lsblk_json
    from checks.catalog.firewall.socketfilterfw import alf_plist_is_the_setting
    from checks.catalog.screen_lock.macos_tools import (
        parse_defaults_int,
        parse_pmset_custom,
        parse_pmset_displaysleep,
        parse_sysadminctl_screenlock,
    )

    assert parse_defaults_int(HUGE) is None and parse_defaults_int(f"-{HUGE}") is None
    assert parse_defaults_int(" 300\n") == 300
    assert parse_pmset_displaysleep(f" displaysleep {HUGE}\n") is None
    assert parse_pmset_displaysleep(" displaysleep 10\n") == 10
    assert parse_pmset_custom(f"AC Power:\n displaysleep {HUGE}\n") == {}
    assert parse_pmset_custom("AC Power:\n displaysleep 10\n") == {"AC Power": 10}
    assert parse_sysadminctl_screenlock(f"screenLock delay is {HUGE} seconds") is None
    assert parse_sysadminctl_screenlock("screenLock delay is 5 seconds") == 5
    assert periodic_interval_on(HUGE) is None and periodic_interval_on("1") is True
    assert alf_plist_is_the_setting(f"{HUGE}.0.0") is False
    assert alf_plist_is_the_setting("23.6.0") is True
    assert parse_version(HUGE) is None and parse_version(f"1.{HUGE}") is None
    version = parse_version("131.0.6778.85-1")
    assert version is not None and version.parts == (131, 0, 6778, 85)
    assert interpret_value(HUGE).value is None
    assert interpret_value("1").value == 1
    try:
        parse_lsblk_json('{"blockdevices": [{"name": "sda", "size": ' + HUGE + "}]}")
    except ParseError:
        pass
    else:
        raise AssertionError("a 5 000-digit number in lsblk's JSON must be refused")


# Found by `make fuzz` (300 examples): a software-update preferences plist with one offset
# changed makes plistlib return a dictionary that holds itself under the key None.
SELF_HOLDING_PLIST = (
    b"bplist00\xd9\x01\x02\x03\x04\x05\x06\x07\x08\t\x00\n\n\n\n\n\x00\x00\x00\x00\x10\x15"
    b"AutomaticCheckEnabled_\x10\x11AutomaticDownload_\x10 AutomaticallyInstallMacOSUpdates_"
    b"\x10\x11ConfigDataInstall_\x10\x15CriticalUpdateInstall_\x10\x18LastAttemptSystemVersion_"
    b"\x10\x1fLastRecommendedUpdatesAvailable_\x10\x12LastSuccessfulDate_\x10\x12"
    b"RecommendedUpdates\t\\27.1 (26B82)\x10\x003A\xc8W\xb8\xc8\x00\x00\x00\xa0\x00\x08\x00"
    b"\x1b\x003\x00G\x00j\x00~\x00\x96\x00\xb1\x00\xd3\x00\xe8\x00\xfd\x00\xfe\x01\x0b\x01\r"
    b"\x01\x16\x00\x00\x00\x00\x00\x00\x02\x01\x00\x00\x00\x00\x00\x00\x00\x0f\x00\x00\x00"
    b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x17")


def test_a_plist_that_holds_itself_is_unreadable_everywhere() -> None:
    import plistlib

    import pytest

    from checks.catalog.os_updates.macos import load_plist
    from checks.catalog.readers.apps import parse_info_plist
    from checks.catalog.readers.plist import PlistError, parse_plist
    from checks.engine.osinfo import parse_system_version_plist
    from checks.engine.plist_data import PlistDataError, loads
    from checks.engine.ui_language import read_global_preferences

    raw = plistlib.loads(SELF_HOLDING_PLIST)  # what the standard library makes of it
    assert raw.get(None) is raw
    with pytest.raises(PlistDataError, match="not text|refers to itself"):
        loads(SELF_HOLDING_PLIST)
    assert load_plist(SELF_HOLDING_PLIST) is None
    assert parse_info_plist(SELF_HOLDING_PLIST) is None
    assert parse_system_version_plist(SELF_HOLDING_PLIST) == {}
    assert read_global_preferences(SELF_HOLDING_PLIST) == {}
    with pytest.raises(PlistError):
        parse_plist(SELF_HOLDING_PLIST)


def test_plists_nested_too_deep_or_keyed_by_numbers_are_unreadable() -> None:
    import plistlib

    import pytest

    from checks.engine.plist_data import MAX_DEPTH, PlistDataError, loads

    deep: object = "x"
    for _ in range(MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(PlistDataError, match="too deeply"):
        loads(plistlib.dumps({"a": deep}))
    shared = {"k": 1}  # the same object twice is fine: binary plists share objects
    assert loads(plistlib.dumps({"a": shared, "b": shared}, fmt=plistlib.FMT_BINARY)) == {
        "a": {"k": 1}, "b": {"k": 1}}
