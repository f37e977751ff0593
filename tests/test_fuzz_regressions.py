"""Inputs the fuzz tests (tests/test_fuzz_parsers.py) found to crash a parser, kept as plain
tests so each stays fixed whatever Hypothesis draws next time.

Python refuses to turn a text of more than 4 300 digits into an ``int`` (a ``ValueError``),
so a parser that converts any run of digits a tool printed crashed on one; a date pattern
that matched but named no real day did too. Each now reads such input as unrecognised.
"""

from __future__ import annotations

from checks.catalog.firewall.socketfilterfw import parse_alf_state
from checks.catalog.os_updates.linux import parse_apt_simulation
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
    from checks.catalog.screen_lock import parse_gsettings_uint

    assert parse_gsettings_uint(f"uint32 {HUGE}") is None
    assert parse_gsettings_uint("uint32 ٣٠٠") is None  # digits of another script: not gsettings
    assert parse_gsettings_uint("uint32 300") == 300  # unchanged
