"""automatic-login: the pure readers fed plain settings files
(tests/fixtures/automatic_login/raw, origins in SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.automatic_login.display_managers import gdm_autologin, sddm_autologin
from checks.catalog.automatic_login.getty import getty_autologin, inittab_autologin

RAW = Path(__file__).parent / "fixtures" / "automatic_login" / "raw"


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_every_raw_file_is_listed_in_sources() -> None:
    listed = _raw("SOURCES.md")
    for path in RAW.iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in listed, path.name


@pytest.mark.parametrize("name, expected", [
    ("gdm3-custom-autologin.conf", ("on", "amira")),
    ("gdm3-custom-default.conf", ("off", "")),  # commented-out settings count for nothing
])
def test_gdm_custom_conf(name: str, expected: tuple[str, str]) -> None:
    assert gdm_autologin(_raw(name)) == expected


def test_sddm_later_file_wins() -> None:
    on, off = _raw("sddm-autologin.conf"), _raw("sddm-kde-settings-off.conf")
    assert sddm_autologin([on]) == ("on", "amira")
    assert sddm_autologin([off]) == ("off", "")
    assert sddm_autologin([on, off]) == ("off", "")
    assert sddm_autologin([off, on]) == ("on", "amira")


@pytest.mark.parametrize("name, user", [
    ("getty-tty1-override.conf", "amira"),
    ("serial-getty-ttyS0-autologin.conf", "amira"),
    ("getty@.service-edited.txt", "root"),
])
def test_getty_units_and_drop_ins(name: str, user: str) -> None:
    assert getty_autologin(_raw(name)) == user


def test_inittab() -> None:
    assert inittab_autologin(_raw("inittab-autologin.txt")) == "amira"
    assert getty_autologin(_raw("inittab-autologin.txt")) is None  # no ExecStart= lines
