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
    assert all(f"| {p.name} |" in listed for p in RAW.glob("*.txt"))


def test_pmset_live_settings_give_the_display_sleep_minutes() -> None:
    assert parse_pmset_displaysleep(raw("pmset-g-live.txt")) == 28


def test_pmset_custom_cut_short_keeps_the_source_it_saw_whole() -> None:
    """A capture that stops at the mains heading: battery is known, mains is not made up."""
    assert parse_pmset_custom(raw("pmset-g-custom-cut-short.txt")) == {"Battery Power": 28}


def test_powercfg_in_spanish_gives_the_ac_and_dc_indexes() -> None:
    assert parse_powercfg_values(raw("powercfg-qh-standbyidle-es.txt")) == (600, 300)


def test_sysadminctl_with_its_log_prefix_says_off() -> None:
    assert parse_sysadminctl_screenlock(raw("sysadminctl-screenlock-off.txt")) == "off"


def test_empty_output_gives_no_value() -> None:
    text = raw("empty.txt")
    assert parse_pmset_displaysleep(text) is None
    assert parse_pmset_custom(text) == {}
    assert parse_powercfg_values(text) is None
    assert parse_sysadminctl_screenlock(text) is None
    assert parse_gsettings_uint(text) is None
