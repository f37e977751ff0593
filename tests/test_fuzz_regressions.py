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
