"""guest-account: replay fixtures on macOS, Windows (by SID, not name) and Linux (LightDM)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog.guest_account.sysadminctl import parse_sysadminctl_guest
from checks.catalog.guest_account.win32_useraccount import parse_guest_fact
from checks.engine.winfacts import registered_facts
from tests.protections_support import assert_covered, case, cases, check_expected, replay

FOLDER = "guest_account"


@pytest.mark.parametrize("path", cases(FOLDER), ids=lambda p: p.stem)
def test_fixture_replays_to_expected_verdict(path: Path) -> None:
    check_expected(path)


def test_each_os_covered_and_garbage() -> None:
    assert_covered(FOLDER, ("macos", "windows"))
    assert_covered(FOLDER, ("linux",), ("fail", "not_applicable", "unknown"))


def test_guest_found_by_sid_not_name() -> None:
    script = registered_facts()["guest_account"]
    assert "-501" in script and "Guest" not in script.replace("builtin_guest", "")
    assert parse_guest_fact([{"name": "ضيف", "disabled": True, "builtin_guest": True}]) == \
        [{"name": "ضيف", "disabled": True}]
    assert parse_guest_fact({"name": "Gast", "disabled": False}) == \
        [{"name": "Gast", "disabled": False}]
    assert parse_guest_fact([{"name": "x", "disabled": "no"}]) is None
    assert parse_guest_fact(None) == []


def test_sysadminctl_guest() -> None:
    assert parse_sysadminctl_guest("2020-12-30 sysadminctl[1:2] Guest account disabled.") is False
    assert parse_sysadminctl_guest("Guest account enabled.") is True
    assert parse_sysadminctl_guest("???") is None


def test_a_guest_login_weighs_the_same_on_every_system() -> None:
    """The same situation (anyone can use the computer without a password, without seeing
    the owner's files) gets the same severity on Windows, macOS and Linux."""
    severities = set()
    for stem in ("windows_guest_enabled", "macos_guest_on", "linux_lightdm_guest"):
        _snap, finding = replay(case(FOLDER, stem))
        assert finding.status.value == "fail", stem
        severities.add(finding.severity)
    assert len(severities) == 1
