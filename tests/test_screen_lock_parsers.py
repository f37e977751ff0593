"""The screen-lock parsers on plain files of tool output (tests/fixtures/screen_lock/raw/,
origins in its SOURCES.md), not only through whole snapshots."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.screen_lock.gsettings import parse_gsettings_uint
from checks.catalog.screen_lock.macos_tools import (
    parse_pmset_custom,
    parse_pmset_displaysleep,
    parse_sysadminctl_screenlock,
)
from checks.catalog.screen_lock.powercfg import parse_powercfg_values

RAW = Path(__file__).resolve().parent / "fixtures" / "screen_lock" / "raw"


def raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_every_raw_file_has_its_origin_listed() -> None:
    listed = (RAW / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {p.name} |" in listed for p in RAW.iterdir() if p.name != "SOURCES.md")


def test_pmset_live_settings_give_the_display_sleep_minutes() -> None:
    assert parse_pmset_displaysleep(raw("pmset-g-live.txt")) == 28


def test_pmset_custom_cut_short_keeps_the_source_it_saw_whole() -> None:
    """A capture that stops at the mains heading: battery is known, mains is not made up."""
    assert parse_pmset_custom(raw("pmset-g-custom-cut-short.txt")) == {"Battery Power": 28}


SLEEP_AFTER = "29f6c1db-86da-48c5-9fdb-f2b67b1f44da"
DISK_IDLE = "6738e2c4-e8a5-4a42-b16a-e040e769756e"
JS_TIMER = "4c793e7d-a264-42e1-87d3-7a0d2f523ccd"


def test_powercfg_in_spanish_gives_the_ac_and_dc_indexes() -> None:
    assert parse_powercfg_values(raw("powercfg-qh-standbyidle-es.txt"), SLEEP_AFTER) == (600, 300)


def test_powercfg_values_are_those_of_the_setting_asked_for_wherever_it_stands() -> None:
    """By GUID, not by position: the last values printed belong to another setting."""
    two = raw("powercfg-qh-sub-sleep-two-settings.txt")
    assert parse_powercfg_values(two, SLEEP_AFTER) == (900, 300)
    assert parse_powercfg_values(two, SLEEP_AFTER.upper()) == (900, 300)
    everything = raw("powercfg-q-all-cut-short.txt")
    assert parse_powercfg_values(everything, DISK_IDLE) == (0, 1200)
    # a setting with named choices, cut short after its AC value: nothing is made up
    assert parse_powercfg_values(everything, JS_TIMER) is None
    # the sleep setting is not in this output at all
    assert parse_powercfg_values(everything, SLEEP_AFTER) is None


def test_sysadminctl_with_its_log_prefix_says_off() -> None:
    assert parse_sysadminctl_screenlock(raw("sysadminctl-screenlock-off.txt")) == "off"


def test_empty_output_gives_no_value() -> None:
    text = raw("empty.txt")
    assert parse_pmset_displaysleep(text) is None
    assert parse_pmset_custom(text) == {}
    assert parse_powercfg_values(text, SLEEP_AFTER) is None
    assert parse_sysadminctl_screenlock(text) is None
    assert parse_gsettings_uint(text) is None
