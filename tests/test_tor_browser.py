"""The tor-browser check: informational. Absent is never a failure (not applicable, neutral
wording); present and on a supported release passes; present on a Firefox line that ended
fails (medium); present with an unreadable version is unknown. Found on Linux (tarball,
torbrowser-launcher, a registered desktop entry), macOS and Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.catalog import tor_browser
from checks.engine.i18n import translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot
from tests.fixtures.tor_browser import build_fixtures as bf
from tests.trust_tools_support import assert_fixtures_current, en, run_fixture
from tools.snapshot_builder import Fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tor_browser"


# -- cases only this file uses, built here rather than committed --------------------------
# (with the helpers of tests/fixtures/tor_browser/build_fixtures.py; linux_tarball_current
# gives the same verdict and sentences on Linux, so the suite-wide replays lose nothing)

def linux_registered_desktop() -> Fixture:
    base = f"{bf.LHOME}/apps/tor-browser"
    files, dirs = bf.tor_dir(base, "16.0.3", "153.4.0")
    files[f"{bf.LHOME}/.local/share/applications/start-tor-browser.desktop"] = (
        "[Desktop Entry]\nType=Application\nName=Tor Browser\nGenericName=Web Browser\n"
        "Categories=Network;WebBrowser;Security;\n"
        f"Exec=sh -c '\"{base}/Browser/start-tor-browser\" --detach || ([ !  -x "
        f"\"{base}/Browser/start-tor-browser\" ] && \"$(dirname \"$*\")\"/Browser/"
        "start-tor-browser --detach)' dummy %k\n"
        f"X-TorBrowser-ExecShell=./Browser/start-tor-browser --detach\nIcon={base}/Browser/"
        "browser/chrome/icons/default/default128.png\nStartupWMClass=Tor Browser\n")
    return bf.linux("linux_registered_desktop", "Tor Browser in ~/apps, registered with "
                    "--register-app", files=files, dirs=dirs,
                    user_apps=["start-tor-browser.desktop"])


BUILT: dict[str, Fixture] = {"linux_registered_desktop": linux_registered_desktop()}


def run(name: str) -> Finding:
    return run_fixture(tor_browser.CHECK_ID, FIXTURES, name, BUILT)


EXPECTED: dict[str, tuple[Status, Severity | None]] = {
    "linux_tarball_current": (Status.PASS, None),
    "linux_launcher_outdated": (Status.FAIL, Severity.MEDIUM),
    "linux_registered_desktop": (Status.PASS, None),
    "linux_no_version": (Status.UNKNOWN, None),
    "linux_other_bundle": (Status.UNKNOWN, None),
    "linux_absent": (Status.NOT_APPLICABLE, None),
    "macos_current": (Status.PASS, None),
    "macos_old_series": (Status.FAIL, Severity.MEDIUM),
    "windows_desktop_current": (Status.PASS, None),
    "windows_absent": (Status.NOT_APPLICABLE, None),
    "macos_absent": (Status.NOT_APPLICABLE, None),
    "macos_no_version": (Status.UNKNOWN, None),
    "windows_outdated": (Status.FAIL, Severity.MEDIUM),
    "windows_no_version": (Status.UNKNOWN, None),
}


def test_every_fixture_is_committed_and_up_to_date() -> None:
    assert_fixtures_current(FIXTURES, bf.FIXTURES, EXPECTED, tor_browser.CHECK_ID, BUILT)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(name: str) -> None:
    f = run(name)
    assert (f.status, f.severity) == EXPECTED[name], en(f.summary)


@pytest.mark.parametrize("name", ["linux_absent", "windows_absent"])
def test_absence_is_neutral_and_explains_both_sides(name: str) -> None:
    f = run(name)
    assert f.status is Status.NOT_APPLICABLE and f.severity is None
    summary = en(f.summary)
    assert "was not found" in summary and "depends on your situation" in summary
    assert any("draw attention" in en(d) for d in f.details)


def test_current_names_version_and_base() -> None:
    f = run("linux_tarball_current")
    assert en(f.summary) == "Tor Browser 16.0.3 is installed and still receives security fixes."
    assert any("/home/amina/tor-browser" in en(d) and "Firefox 153" in en(d) for d in f.details)
    assert any("application.ini" in e.source for e in f.evidence)


def test_archive_next_to_the_folder_is_not_an_install() -> None:
    f = run("linux_tarball_current")
    assert [i["where"] for i in f.data["installs"]] == ["/home/amina/tor-browser"]  # type: ignore


def test_registered_desktop_entry_leads_to_its_folder() -> None:
    f = run("linux_registered_desktop")
    assert f.data["installs"][0]["where"] == "/home/amina/apps/tor-browser"  # type: ignore


def test_outdated_says_when_its_firefox_line_ended() -> None:
    f = run("linux_launcher_outdated")
    assert "Tor Browser 15.0.9" in en(f.summary)
    assert any("received its last security fixes on 2026-09-15" in en(d) for d in f.details)


def test_browsers_check_also_judges_tor_browser() -> None:
    from checks.catalog import browsers

    snap = Snapshot.load(FIXTURES / "linux_launcher_outdated.json")
    f = browsers.browsers_check(Scan(ReplayHost(snap)))
    assert f.status is Status.FAIL and "Tor Browser 15.0.9" in en(f.summary)


def test_release_facts_over_six_months_old_never_call_it_current() -> None:
    # Tor Browser follows Firefox ESR lines, which end: a year after the data was gathered,
    # "still receives security fixes" would be a guess.
    from datetime import datetime, timezone

    snap = Snapshot.load(FIXTURES / "linux_tarball_current.json")
    snap.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    check = get_check(tor_browser.CHECK_ID)
    assert check is not None
    f = run_check(check, Scan(ReplayHost(snap)))
    assert f.status is Status.UNKNOWN and f.data["data_stale"] is True
    assert "more than six months old" in en(f.summary)
    assert "Help, About Tor Browser" in en(f.summary)
    for lang in ("es", "ar"):
        assert translator(lang).render(f.summary) != en(f.summary)
    old = Snapshot.load(FIXTURES / "linux_launcher_outdated.json")
    old.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    assert run_check(check, Scan(ReplayHost(old))).status is Status.FAIL


def test_a_bundle_laid_out_like_tor_browser_but_naming_another_vendor_is_not_credited() -> None:
    # Issue 16: Browser/application.ini says Vendor=Mozilla, Name=Firefox (Firefox's own
    # values); Tor Browser's say Vendor=Tor Project, Name=Firefox.
    f = run("linux_other_bundle")
    assert f.status is Status.UNKNOWN
    assert "not Tor Browser" in en(f.summary) and "Mozilla Firefox" in en(f.summary)
    assert f.data["installs"] == []
    assert any("Vendor=Mozilla, Name=Firefox" in e.line() for e in f.evidence)
    # The browsers check names it as a browser it cannot judge, and does not pass on it.
    from checks.catalog import browsers

    snap = Snapshot.load(FIXTURES / "linux_other_bundle.json")
    b = browsers.browsers_check(Scan(ReplayHost(snap)))
    assert b.status is not Status.PASS and "Mozilla Firefox" in en(b.summary)
    assert "Tor Browser" not in en(b.summary)


def test_tor_browser_is_recognised_by_vendor_and_name() -> None:
    from checks.catalog.tor_browser import facts as tb
    from checks.catalog.tor_browser.identity import identity_of

    assert identity_of({"Vendor": "Tor Project", "Name": "Firefox"}) == tb.TOR_VERIFIED
    assert identity_of({"Vendor": "Mozilla", "Name": "Firefox"}) == tb.TOR_OTHER
    assert identity_of({"Vendor": "Tor Project", "Name": "MullvadBrowser"}) == tb.TOR_OTHER
    assert identity_of({}) == tb.TOR_OTHER
    assert identity_of(None) == tb.TOR_UNVERIFIED
