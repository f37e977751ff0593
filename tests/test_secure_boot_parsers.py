"""The secure-boot parsers fed plain files of their input
(tests/fixtures/secure_boot/raw/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from checks.catalog.secure_boot.efivars import parse_efivar_bool
from checks.catalog.secure_boot.mokutil import parse_mokutil
from checks.catalog.secure_boot.nvram import parse_apple_policy

RAW = Path(__file__).resolve().parent / "fixtures" / "secure_boot" / "raw"


def test_efivarfs_secure_boot_variable() -> None:
    on = (RAW / "efivar-SecureBoot-on.bin").read_bytes()
    assert on[:4] == bytes([6, 0, 0, 0]) and parse_efivar_bool(on) is True
    assert parse_efivar_bool((RAW / "efivar-SecureBoot-off.bin").read_bytes()) is False
    assert parse_efivar_bool(on[:4]) is None  # the attributes without a value


def test_mokutil_sb_state() -> None:
    assert parse_mokutil((RAW / "mokutil-sb-state-enabled.txt").read_text()) is True
    # enabled in the firmware, but shim told to start anything: off in effect
    assert parse_mokutil(
        (RAW / "mokutil-sb-state-shim-validation-disabled.txt").read_text()) is False


def test_nvram_apple_secure_boot_policy() -> None:
    levels = {name: parse_apple_policy(
        (RAW / f"nvram-AppleSecureBootPolicy-{name}.txt").read_text())
        for name in ("full", "medium", "none")}
    assert levels == {"full": 2, "medium": 1, "none": 0}
