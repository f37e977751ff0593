"""The browsers check: each fixture replays to its verdict (current, outdated, on ESR, ESR line
ended, absent, version unreadable, not tracked) on Linux, macOS and Windows; the finding says how
old its release data is; the data file is dated and sourced; versions are read from files, never
by running a browser."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from checks.catalog import browsers
from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.decide import decide
from checks.catalog.browsers.facts import Seen, load_browsers
from checks.catalog.readers import apps
from checks.catalog.tor_browser.facts import TorSearch
from checks.engine.datafile import load_data
from checks.engine.i18n import translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot
from tests.fixtures.browsers import build_fixtures as bf
from tests.trust_tools_support import assert_fixtures_current, en, run_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "browsers"


def details(f: Finding) -> str:
    return "\n".join(en(d) for d in f.details)


def run(name: str) -> Finding:
    return run_fixture(browsers.CHECK_ID, FIXTURES, name)


EXPECTED: dict[str, tuple[Status, Severity | None]] = {
    "linux_current": (Status.PASS, None),
    "linux_outdated": (Status.FAIL, Severity.MEDIUM),
    "linux_esr_ended": (Status.FAIL, Severity.MEDIUM),
    "linux_snap_firefox": (Status.PASS, None),
    "linux_version_unknown": (Status.UNKNOWN, None),
    "linux_untracked_and_current": (Status.ATTENTION, None),
    "linux_absent": (Status.UNKNOWN, None),
    "macos_current": (Status.PASS, None),
    "macos_outdated": (Status.FAIL, Severity.MEDIUM),
    "macos_esr": (Status.PASS, None),
    "macos_waterfox_safari": (Status.UNKNOWN, None),
    "linux_unknown_browser": (Status.ATTENTION, None),
    "windows_current": (Status.PASS, None),
    "windows_outdated": (Status.FAIL, Severity.MEDIUM),
    "windows_esr_ended": (Status.FAIL, Severity.MEDIUM),
    "macos_untracked_and_current": (Status.ATTENTION, None),
    "windows_untracked_and_current": (Status.ATTENTION, None),
    "windows_version_unknown": (Status.UNKNOWN, None),
}


def test_every_fixture_is_committed_and_up_to_date() -> None:
    assert_fixtures_current(FIXTURES, bf.FIXTURES, EXPECTED, browsers.CHECK_ID)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_verdict(name: str) -> None:
    f = run(name)
    assert (f.status, f.severity) == EXPECTED[name], en(f.summary)
    assert "was gathered on 2026-11-23" in details(f)  # always says how old the data is


def test_outdated_chrome_names_version_and_distance() -> None:
    f = run("linux_outdated")
    assert en(f.summary) == ("Google Chrome 150.0.7690.101 is out of date and no longer "
                             "receives security fixes.")
    assert "8 versions behind 158, the current one on 2026-11-17" in details(f)
    assert "Extended Support Release 153" in details(f)  # the ESR next to it is fine


def test_esr_is_supported_while_many_versions_behind() -> None:
    for name in ("linux_current", "macos_esr", "windows_current"):
        f = run(name)
        ff = [b for b in f.data["browsers"] if b["id"] == "firefox"]  # type: ignore[union-attr]
        assert ff and ff[0]["state"] == bv.ESR_SUPPORTED, name


def test_ended_esr_line_says_when_it_ended() -> None:
    f = run("windows_esr_ended")
    assert "its release line (140) received its last security fixes on 2026-09-15" in details(f)


def test_linux_versions_come_from_package_database_snap_and_flatpak() -> None:
    f = run("linux_current")
    hows = {(b["id"], b["how"]) for b in f.data["browsers"]}  # type: ignore[union-attr]
    assert ("firefox", "dpkg") in hows and ("chrome", "dpkg") in hows
    assert ("chromium", "flatpak") in hows
    assert len([b for b in f.data["browsers"] if b["id"] == "firefox"]) == 1  # type: ignore
    snap = run("linux_snap_firefox")
    assert snap.data["browsers"][0]["how"] == "snap"  # type: ignore[index]


def test_edge_webview_is_not_a_browser() -> None:
    f = run("windows_current")
    assert "WebView2" not in json.dumps(f.data)


def test_safari_is_left_to_the_os_update_check() -> None:
    f = run("macos_current")
    assert "updated together with the operating system" in details(f)
    assert "Safari" not in en(f.summary)


def test_no_command_is_ever_run() -> None:
    """Versions come from files: a scan of every fixture runs no command of its own."""
    for name in EXPECTED:
        snap = Snapshot.load(FIXTURES / f"{name}.json")
        host = ReplayHost(snap)
        ran: list[tuple[str, ...]] = []
        real_run = host.run

        def spy(argv, timeout=10.0, _real=real_run, _ran=ran):  # type: ignore[no-untyped-def]
            _ran.append(tuple(argv))
            return _real(argv, timeout)

        host.run = spy  # type: ignore[method-assign]
        browsers.browsers_check(Scan(host))
        assert [a for a in ran if a[0] not in ("systemd-detect-virt", "sysctl")] == [], name


def test_data_file_is_dated_and_sourced() -> None:
    data = load_data("browsers")
    assert data.gathered == date(2026, 11, 23)
    assert data.extra["max_behind"] == 2
    for e in data.entries:
        assert e["source"] and e["versions"]["source"], e["id"]
        scheme = e["versions"]["scheme"]
        assert scheme in ("firefox", "chromium", "brave", "tor", "untracked", "system")
        if scheme in ("firefox", "chromium", "brave"):
            assert isinstance(e["versions"]["current_major"], int)
            date.fromisoformat(e["versions"]["current_since"])
    ff = next(e for e in data.entries if e["id"] == "firefox")
    assert ff["versions"]["esr_supported"] == [153]


def test_old_data_is_said_plainly() -> None:
    data, items = load_browsers()
    seen = Seen("linux", apps.AppInventory("linux", (), (), ("x",), ("x",)), TorSearch(), [])
    f = decide(seen, items, data, datetime(2027, 6, 1, tzinfo=timezone.utc))
    assert "190 days ago" in details(f)


@pytest.mark.parametrize("name", ["linux_current", "macos_esr", "windows_current"])
def test_release_facts_older_than_six_months_never_say_up_to_date(name: str) -> None:
    """A year-old data file cannot show that a browser still gets fixes (Chrome has had some
    twenty releases since): unknown, saying why and how to check. Outdated stays a fail."""
    snap = Snapshot.load(FIXTURES / f"{name}.json")
    snap.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(snap)))  # type: ignore[arg-type]
    assert f.status is Status.UNKNOWN, en(f.summary)
    assert "more than six months old, too old to tell whether" in en(f.summary)
    assert "About page" in en(f.summary)
    assert f.data["data_stale"] is True
    for lang in ("es", "ar"):
        assert translator(lang).render(f.summary) != en(f.summary)
    old = Snapshot.load(FIXTURES / "windows_outdated.json")
    old.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(old)))  # type: ignore[arg-type]
    assert f.status is Status.FAIL


def test_release_facts_up_to_six_months_old_still_judge() -> None:
    snap = Snapshot.load(FIXTURES / "windows_current.json")
    snap.recorded_at = datetime(2027, 5, 22, tzinfo=timezone.utc)  # 180 days after gathering
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(snap)))  # type: ignore[arg-type]
    assert f.status is Status.PASS
    assert "180 days ago; newer versions may have come out since" in details(f)


# -- version judging ------------------------------------------------------------------------

FF = {"scheme": "firefox", "current_major": 157, "esr_supported": [153],
      "esr_ended": {"140": "2026-09-15"}}


@pytest.mark.parametrize("version,channel,state", [
    ("157.0.1", "", bv.CURRENT),
    ("155.0", "", bv.CURRENT),  # two behind: still fine
    ("154.0.2", "", bv.OUTDATED),  # three behind
    ("153.4.0", "", bv.ESR_SUPPORTED),  # ESR told apart by its minor version
    ("153.0", "esr", bv.ESR_SUPPORTED),
    ("153.4.0esr", "", bv.ESR_SUPPORTED),
    ("140.15.0esr", "", bv.ESR_ENDED),
    ("160.0", "", bv.CURRENT),  # newer than the data
])
def test_judge_firefox(version: str, channel: str, state: str) -> None:
    v = bv.parse_version(version)
    assert v is not None
    assert bv.judge("firefox", v, channel, FF, 2).state == state


def test_judge_chromium_brave_and_untracked() -> None:
    cr = {"current_major": 158}
    assert bv.judge("chromium", bv.parse_version("156.0.1"), "", cr, 2).state == bv.CURRENT
    assert bv.judge("chromium", bv.parse_version("155.0.1"), "", cr, 2).state == bv.OUTDATED
    assert bv.judge("brave", bv.parse_version("158.1.86.10"), "", cr, 2).state == bv.CURRENT
    assert bv.judge("brave", bv.parse_version("1.86.10"), "", cr, 2).state == bv.UNTRACKED
    assert bv.judge("untracked", bv.parse_version("7.7"), "", {}, 2).state == bv.UNTRACKED
    assert bv.judge("chromium", None, "", cr, 2).state == bv.NO_VERSION
    assert bv.judge("system", None, "", {}, 2).state == bv.SYSTEM


def test_an_unknown_browser_is_named_and_safari_alone_does_not_make_the_pass() -> None:
    # Issue 16: Waterfox (no release facts in Checkup's data) and Safari on a Mac.
    f = run("macos_waterfox_safari")
    assert f.status is Status.UNKNOWN
    assert "Waterfox" in en(f.summary) and "no release information" in en(f.summary)
    assert any("Waterfox 6.0.11" in e.line() for e in f.evidence)
    assert not any("Pages" in e.line() for e in f.evidence)  # not a browser: no web URL types
    names = {b["name"] for b in f.data["browsers"]}  # type: ignore[union-attr]
    assert names == {"Waterfox", "Safari"}


def test_linux_names_a_browser_the_system_registers_for_web_links() -> None:
    # Issue 16, the rule for every check: LibreWolf is not in Checkup's data; the system's
    # mimeinfo.cache says it opens https links, so it is named and the check does not pass on
    # Firefox ESR alone.
    f = run("linux_unknown_browser")
    assert f.status is Status.ATTENTION and "LibreWolf" in en(f.summary)
    names = {b["name"] for b in f.data["browsers"]}  # type: ignore[union-attr]
    assert names == {"Mozilla Firefox", "LibreWolf"}
