"""sharing: the pure parsers fed plain files of tool output
(tests/fixtures/sharing/raw, origins in SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.sharing.sharingd import air_not_set, parse_discoverable_mode

RAW = Path(__file__).parent / "fixtures" / "sharing" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_every_raw_file_is_listed_in_sources() -> None:
    listed = _raw("SOURCES.md")
    for path in RAW.iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in listed, path.name


@pytest.mark.parametrize("name, mode", [
    ("defaults-read-discoverablemode-everyone.txt", "Everyone"),
    ("defaults-read-discoverablemode-contacts-only.txt", "Contacts Only"),
])
def test_discoverable_mode(name: str, mode: str) -> None:
    assert parse_discoverable_mode(_raw(name)) == mode


@pytest.mark.parametrize("name", [
    "defaults-read-discoverablemode-not-set.stderr.txt",
    "defaults-read-key-missing.stderr.txt",
])
def test_a_key_never_written(name: str) -> None:
    text = _raw(name)
    assert air_not_set(1, text)
    assert not air_not_set(0, text)  # the message only counts with exit status 1
    assert parse_discoverable_mode(text) is None
