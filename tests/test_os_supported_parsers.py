"""The os-supported parsers on files as they are on disk (tests/fixtures/os_supported/raw/,
origins in SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.os_supported.coverage import elts_configured

RAW = Path(__file__).resolve().parent / "fixtures" / "os_supported" / "raw"


def test_freexian_extended_lts_list_is_seen() -> None:
    assert elts_configured([(RAW / "extended-lts.list").read_text("utf-8")])


def test_a_plain_debian_sources_list_is_not_elts() -> None:
    assert not elts_configured([(RAW / "sources.list-squeeze-opening").read_text("utf-8")])
    both = [(RAW / name).read_text("utf-8")
            for name in ("sources.list-squeeze-opening", "extended-lts.list")]
    assert elts_configured(both)
