"""secure-boot: replay fixtures on Linux, macOS and Windows, and the pure parsers."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.secure_boot.efivars import parse_efivar_bool
from checks.catalog.secure_boot.mokutil import parse_mokutil
from checks.catalog.secure_boot.nvram import parse_apple_policy
from tests.protections_support import assert_covered, case, cases, check_expected, english, replay

FOLDER = "secure_boot"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_every_os_has_pass_fail_unknown_and_garbage() -> None:
    # macOS: Intel Macs with T2 pass or fail; Apple silicon is unknown
    assert_covered(FOLDER)


def test_efivar() -> None:
    assert parse_efivar_bool(bytes([6, 0, 0, 0, 1])) is True
    assert parse_efivar_bool(bytes([7, 0, 0, 0, 0])) is False
    assert parse_efivar_bool(bytes([6, 0, 0, 0])) is None
    assert parse_efivar_bool(bytes([6, 0, 0, 0, 2])) is None
    assert parse_efivar_bool(b"") is None


def test_mokutil() -> None:
    assert parse_mokutil("SecureBoot enabled\n") is True
    assert parse_mokutil("SecureBoot disabled\nPlatform is in Setup Mode\n") is False
    assert parse_mokutil("SecureBoot enabled\nSecureBoot validation is disabled in shim\n") \
        is False
    assert parse_mokutil("This system doesn't support Secure Boot\n") == "unsupported"
    assert parse_mokutil("EFI variables are not supported on this system\n") == "unsupported"
    assert parse_mokutil("Cannot determine secure boot state.\n") is None
    assert parse_mokutil("") is None


def test_apple_policy() -> None:
    var = "94b73556-2197-4702-82a8-3e1337dafbfb:AppleSecureBootPolicy"
    assert parse_apple_policy(f"{var}\t%02\n") == 2
    assert parse_apple_policy(f"{var}\t%00") == 0
    assert parse_apple_policy("nvram: Error getting variable") is None


def test_legacy_bios_gives_the_reason_and_vm_is_said() -> None:
    _s, finding = replay(case(FOLDER, "linux_legacy_bios"))
    summary, details, _ev = english(finding)
    assert "legacy BIOS" in summary and finding.data["legacy_bios"] is True
    assert any("reinstalled" in d for d in details)
    _s, finding = replay(case(FOLDER, "linux_vm_on"))
    _summary, details, _ev = english(finding)
    assert any("virtual machine" in d for d in details)
