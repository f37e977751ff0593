"""The password-manager check: a standalone password manager installed passes; none found is
unknown (a browser's built-in manager may be in use; Checkup never opens browser profiles)
and points to the self-assessment question; a discontinued one is attention."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog import password_manager as pm
from checks.catalog.password_manager.facts import DATA_NAME
from checks.engine.datafile import load_data
from checks.engine.model import Finding, Status
from tests.fixtures.password_manager import build_fixtures as bf
from tests.trust_tools_support import assert_fixtures_current, en, run_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "password_manager"


def run(name: str) -> Finding:
    return run_fixture(pm.CHECK_ID, FIXTURES, name)


EXPECTED = {
    "linux_keepassxc_flatpak": Status.PASS,
    "linux_keepassx_only": Status.ATTENTION,
    "linux_none": Status.UNKNOWN,
    "linux_apps_unlistable": Status.UNKNOWN,
    "macos_bitwarden_1password": Status.PASS,
    "macos_none": Status.UNKNOWN,
    "macos_keepassx_only": Status.ATTENTION,
    "windows_keepassx_only": Status.ATTENTION,
    "windows_keepass": Status.PASS,
    "windows_1password_user_folder": Status.PASS,
    "windows_none": Status.UNKNOWN,
}


def test_every_fixture_is_committed_and_up_to_date() -> None:
    assert_fixtures_current(FIXTURES, bf.FIXTURES, EXPECTED, pm.CHECK_ID)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(name: str) -> None:
    assert run(name).status is EXPECTED[name]


def test_pass_names_the_manager() -> None:
    f = run("macos_bitwarden_1password")
    assert en(f.summary).startswith("Password managers are installed: Bitwarden, 1Password.")
    assert f.data["found"][0]["id"] == "bitwarden"  # type: ignore[index]


def test_none_found_explains_browser_managers_and_asks() -> None:
    f = run("windows_none")
    text = " ".join(en(d) for d in f.details)
    assert "never opens browser profiles" in text and "self-assessment" in text
    assert "Dashlane" in text  # browser-only services are named, not looked for
    assert f.data["question"] == "password-manager"
    assert "Settings > Apps > Installed apps" in text


def test_discontinued_points_to_the_successor() -> None:
    f = run("linux_keepassx_only")
    assert any("KeePassXC opens the same password files" in en(d) for d in f.details)


def test_data_file_kinds_and_sources() -> None:
    data = load_data(DATA_NAME)
    for e in data.entries:
        assert e["kind"] in ("standalone", "discontinued", "browser_only") and e["source"]
        if e["kind"] != "browser_only":
            assert e["match"], e["id"]
    names = {e["name"] for e in data.entries}
    assert {"KeePassXC", "Bitwarden", "1Password", "Proton Pass"} <= names
