"""remote-access: the pure matching fed plain files of machine text
(tests/fixtures/remote_access/raw, origins in SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.readers.apps import parse_desktop_entry
from checks.catalog.remote_access.matching import runs, starts_at_login

RAW = Path(__file__).parent / "fixtures" / "remote_access" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_every_raw_file_is_listed_in_sources() -> None:
    listed = _raw("SOURCES.md")
    for path in RAW.iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in listed, path.name


@pytest.mark.parametrize("name, starts", [
    ("autostart-x11vnc.desktop", True),
    ("autostart-anydesk-system.desktop", True),
    ("autostart-anydesk-user-override.desktop", False),
])
def test_autostart_entries(name: str, starts: bool) -> None:
    assert starts_at_login(parse_desktop_entry(_raw(name))) is starts


def test_gnome_switch_turns_an_entry_off() -> None:
    entry = parse_desktop_entry(_raw("autostart-x11vnc.desktop")
                                + "X-GNOME-Autostart-enabled=false\n")
    assert not starts_at_login(entry)


@pytest.mark.parametrize("name, exe, started", [
    ("run-value-anydesk.txt", "AnyDesk.exe", True),
    ("run-value-anydesk.txt", "anydesk.exe", True),  # compared without case
    ("run-value-anydesk.txt", "Desk.exe", False),  # by whole file name
    ("run-value-onedrive.txt", "AnyDesk.exe", False),
    ("run-value-onedrive.txt", "OneDrive.exe", True),
])
def test_run_values(name: str, exe: str, started: bool) -> None:
    assert runs(_raw(name), exe) is started
