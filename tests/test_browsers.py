"""The browsers check: each fixture replays to its verdict (current, outdated, on ESR, ESR line
ended, absent, version unreadable, not tracked) on Linux, macOS and Windows; the finding says how
old its release data is; the data file is dated and sourced; versions are read from files, never
by running a browser."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest

from checks.catalog import browsers
from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.decide import decide
from checks.catalog.browsers.facts import Browser, Seen, browsers_from, load_browsers
from checks.catalog.browsers.release_lines import Clock, line_of
from checks.catalog.readers import apps
from checks.catalog.tor_browser.facts import TorSearch
from checks.engine.datafile import DataFile, load_data, parse_data
from checks.engine.i18n import translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.resources import resource_path
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot
from tests.fixtures.browsers import build_fixtures as bf
from tests.trust_tools_support import assert_fixtures_current, en, run_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "browsers"


def details(f: Finding) -> str:
    return "\n".join(en(d) for d in f.details)


def seen(f: Finding) -> list[dict[str, Any]]:
    """The browsers the check saw (its data), one dictionary each."""
    browsers_seen = f.data["browsers"]
    assert isinstance(browsers_seen, list) and all(isinstance(b, dict) for b in browsers_seen)
    return cast(list[dict[str, Any]], browsers_seen)


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
    "windows_chrome_only": (Status.PASS, None),
    "windows_edge_extended": (Status.ATTENTION, None),
    "macos_firefox_one_behind": (Status.FAIL, Severity.MEDIUM),
    "linux_chromium_update_waiting": (Status.ATTENTION, None),
    "linux_chromium_distribution_newest": (Status.PASS, None),
    "linux_esr_ended_nothing_offered": (Status.FAIL, Severity.MEDIUM),
}


def test_a_distribution_package_with_a_newer_version_waiting_is_never_a_pass() -> None:
    """Chromium 157 is within its grace days upstream, but Debian already offers 158."""
    f = run("linux_chromium_update_waiting")
    assert f.status is Status.ATTENTION
    assert en(f.summary).startswith("Your system's package sources offer a newer version "
                                    "of Chromium")
    assert "Your system's package sources offer Chromium 158.0.7810.55-1~deb13u1 " \
           "(chromium), not installed yet" in details(f)
    chromium = next(b for b in seen(f) if b["id"] == "chromium")
    assert chromium["state"] == bv.UPGRADE_WAITING
    assert chromium["offered"] == "158.0.7810.55-1~deb13u1"


def test_the_newest_a_distribution_offers_is_never_more_than_the_vendor_patches() -> None:
    newest = run("linux_chromium_distribution_newest")
    assert newest.status is Status.PASS
    assert "is also the newest version your system's package sources offer (chromium)" \
        in details(newest)
    ended = run("linux_esr_ended_nothing_offered")
    assert ended.status is Status.FAIL
    assert "is the newest version your system's package sources offer (firefox-esr), but " \
           "its maker no longer patches it" in details(ended)


def test_without_apt_s_answer_a_package_is_judged_as_upstream() -> None:
    f = run("linux_current")  # dpkg packages, no apt simulation recorded
    assert f.status is Status.PASS
    assert "package sources offer" not in details(f)


def test_one_major_behind_is_out_of_date_after_the_grace_days() -> None:
    """Mozilla patches only the newest Firefox (and the ESR): 156, ten days after 157 came
    out, is out of date, where the old rule let two majors behind pass."""
    f = run("macos_firefox_one_behind")
    assert "Mozilla Firefox 156.0.2 is out of date" in en(f.summary)
    assert "1 version behind 157, the current one on 2026-11-10" in details(f)


def test_a_major_just_replaced_still_counts_during_the_rollout() -> None:
    f = run("linux_current")  # Chromium 157, three days after 158
    assert f.status is Status.PASS
    assert "158 came out a few days ago and reaches people in stages" in details(f)
    chromium = next(b for b in seen(f) if b["id"] == "chromium")
    assert chromium["grace"] is True and chromium["state"] == bv.CURRENT


def test_extended_stable_major_is_attention_never_a_pass() -> None:
    f = run("windows_edge_extended")
    assert f.status is Status.ATTENTION
    assert "only if it was set to the Extended Stable channel" in en(f.summary)
    edge = next(b for b in seen(f) if b["id"] == "edge")
    assert edge["state"] == bv.EXTENDED


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
        ff = [b for b in seen(f) if b["id"] == "firefox"]
        assert ff and ff[0]["state"] == bv.ESR_SUPPORTED, name


def test_ended_esr_line_says_when_it_ended() -> None:
    f = run("windows_esr_ended")
    assert "its release line (140) received its last security fixes on 2026-09-15" in details(f)


def test_linux_versions_come_from_package_database_snap_and_flatpak() -> None:
    f = run("linux_current")
    hows = {(b["id"], b["how"]) for b in seen(f)}
    assert ("firefox", "dpkg") in hows and ("chrome", "dpkg") in hows
    assert ("chromium", "flatpak") in hows
    assert len([b for b in seen(f) if b["id"] == "firefox"]) == 1
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
    """Versions come from files: a scan of every fixture runs no command of its own but
    apt's simulation of an upgrade, when a browser came from a Debian or Ubuntu package."""
    for name in EXPECTED:
        snap = Snapshot.load(FIXTURES / f"{name}.json")
        host = ReplayHost(snap)
        ran: list[tuple[str, ...]] = []
        real_run = host.run

        def spy(argv, timeout=10.0, _real=real_run, _ran=ran):
            _ran.append(tuple(argv))
            return _real(argv, timeout)

        host.run = spy  # type: ignore[method-assign]
        browsers.browsers_check(Scan(host))
        # the one command: apt's simulation, only on Linux with a browser from a package
        others = [a for a in ran if a[0] not in ("systemd-detect-virt", "sysctl", "apt-get")]
        assert others == [], name
        if any(a[0] == "apt-get" for a in ran):
            assert name.startswith("linux_") and "/var/lib/dpkg/status" in snap.files, name


def test_data_file_is_dated_and_sourced() -> None:
    data = load_data("browsers")
    assert data.gathered == date(2026, 11, 23)
    assert "max_behind" not in data.extra  # "two majors behind passes" is gone (issue 20)
    assert data.extra["stale_after_days"] == 180
    for e in data.entries:
        assert e["source"] and e["versions"]["source"], e["id"]
        scheme = e["versions"]["scheme"]
        assert scheme in ("firefox", "chromium", "brave", "tor", "untracked", "system")
        if scheme in ("firefox", "chromium", "brave"):
            assert isinstance(e["versions"]["current_major"], int)
            date.fromisoformat(e["versions"]["current_since"])
            assert e["versions"]["cadence_days"] in (14, 28), e["id"]
            assert e["versions"]["grace_days"] == 7, e["id"]
            assert any("cadence_days" in s for s in e["versions"]["source"]), e["id"]
    ff = next(e for e in data.entries if e["id"] == "firefox")
    assert ff["versions"]["esr_supported"] == [153]


def test_old_data_is_said_plainly() -> None:
    data, items = load_browsers()
    seen = Seen("linux", apps.AppInventory("linux", (), (), ("x",), ("x",)), TorSearch(), [])
    f = decide(seen, items, data, datetime(2027, 6, 1, tzinfo=timezone.utc))
    assert "190 days ago" in details(f)


@pytest.mark.parametrize("name", ["linux_snap_firefox", "macos_esr", "windows_current"])
def test_release_facts_older_than_six_months_never_say_up_to_date(name: str) -> None:
    """A year-old data file cannot show that a browser still gets fixes (Chrome has had some
    twenty releases since): unknown, saying why and how to check. Outdated stays a fail."""
    snap = Snapshot.load(FIXTURES / f"{name}.json")
    snap.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(snap)))  # type: ignore[arg-type]
    assert f.status is Status.UNKNOWN, en(f.summary)
    assert "more than six months old, too old to tell whether" in en(f.summary)
    assert "older than the 180 days it can be relied on" in details(f)
    assert "About page" in en(f.summary)
    assert f.data["data_stale"] is True
    for lang in ("es", "ar"):
        assert translator(lang).render(f.summary) != en(f.summary)
    old = Snapshot.load(FIXTURES / "windows_outdated.json")
    old.recorded_at = datetime(2027, 11, 30, tzinfo=timezone.utc)
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(old)))  # type: ignore[arg-type]
    assert f.status is Status.FAIL


def test_release_facts_up_to_six_months_old_still_judge() -> None:
    """Within the limit an ESR is judged on the data (its line is known to last): pass."""
    snap = Snapshot.load(FIXTURES / "macos_esr.json")
    snap.recorded_at = datetime(2027, 5, 22, tzinfo=timezone.utc)  # 180 days after gathering
    f = run_check(get_check(browsers.CHECK_ID), Scan(ReplayHost(snap)))  # type: ignore[arg-type]
    assert f.status is Status.PASS
    assert "180 days ago; newer versions may have come out since" in details(f)


# -- version judging ------------------------------------------------------------------------

FF = {"scheme": "firefox", "current_major": 157, "current_since": "2026-11-10",
      "cadence_days": 28, "grace_days": 7, "esr_supported": [153],
      "esr_ended": {"140": "2026-09-15"}}
GATHERED = date(2026, 11, 23)
FRESH = Clock(GATHERED, GATHERED)  # scanned the day the data was gathered


@pytest.mark.parametrize("version,channel,state", [
    ("157.0.1", "", bv.CURRENT),
    ("156.0", "", bv.OUTDATED),  # one behind, 13 days after 157: Mozilla no longer patches it
    ("155.0", "", bv.OUTDATED),  # two behind: no longer "still fine" (issue 20)
    ("153.4.0", "", bv.ESR_SUPPORTED),  # ESR told apart by its minor version
    ("153.0", "esr", bv.ESR_SUPPORTED),
    ("153.4.0esr", "", bv.ESR_SUPPORTED),
    ("140.15.0esr", "", bv.ESR_ENDED),
    ("160.0", "", bv.CURRENT),  # newer than the data
])
def test_judge_firefox(version: str, channel: str, state: str) -> None:
    v = bv.parse_version(version)
    assert v is not None
    assert bv.judge("firefox", v, channel, FF, FRESH).state == state


def test_judge_chromium_brave_and_untracked() -> None:
    cr = {"current_major": 158, "current_since": "2026-11-17", "cadence_days": 14}
    assert bv.judge("chromium", bv.parse_version("158.0.1"), "", cr, FRESH).state == bv.CURRENT
    assert bv.judge("chromium", bv.parse_version("157.0.1"), "", cr, FRESH).state == bv.CURRENT
    assert bv.judge("chromium", bv.parse_version("156.0.1"), "", cr, FRESH).state == bv.OUTDATED
    assert bv.judge("brave", bv.parse_version("158.1.86.10"), "", cr, FRESH).state == bv.CURRENT
    assert bv.judge("brave", bv.parse_version("1.86.10"), "", cr, FRESH).state == bv.UNTRACKED
    assert bv.judge("untracked", bv.parse_version("7.7"), "", {}, FRESH).state == bv.UNTRACKED
    assert bv.judge("chromium", None, "", cr, FRESH).state == bv.NO_VERSION
    assert bv.judge("system", None, "", {}, FRESH).state == bv.SYSTEM


CHROME = {"current_major": 158, "current_since": "2026-11-17", "cadence_days": 14,
          "grace_days": 7, "extended_major": 155, "extended_until": "2026-12-01"}


@pytest.mark.parametrize("today,major,state", [
    (date(2026, 11, 24), 157, bv.CURRENT),  # 7 days after 158: still in its grace days
    (date(2026, 11, 25), 157, bv.OUTDATED),  # 8 days: Google patches only 158 now
    (date(2026, 11, 25), 155, bv.EXTENDED),  # the Extended Stable major
    (date(2026, 12, 9), 155, bv.OUTDATED),  # its eight weeks and the grace are over
    (date(2026, 12, 6), 158, bv.CURRENT),  # 13 days: no newer major can be out yet
    (date(2026, 12, 7), 158, bv.MAY_BE_OUTDATED),  # 14 days: 159 can be out
    (date(2026, 12, 7), 159, bv.CURRENT),  # as new as the projection
    (date(2026, 12, 21), 158, bv.LIKELY_OUTDATED),  # 28 days: 160 expected, two behind
    (date(2027, 5, 23), 160, bv.DATA_TOO_OLD),  # past the 180 days: cannot tell
    (date(2027, 5, 23), 150, bv.OUTDATED),  # behind the data itself: still certain
])
def test_chrome_is_judged_by_what_google_patches(today: date, major: int, state: str) -> None:
    j = bv.judge_rapid(major, line_of(CHROME), Clock(GATHERED, today))
    assert j.state == state


def _shifted(value: Any, days: int) -> Any:
    """Every ISO date in the data moved ``days`` earlier (the data "dated days earlier")."""
    if isinstance(value, dict):
        return {k: _shifted(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, days) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return (date.fromisoformat(value) - timedelta(days=days)).isoformat()
        except ValueError:
            return value
    return value


def _data_dated_earlier(days: int) -> tuple[DataFile, list[Browser]]:
    raw = json.loads(resource_path("data", "browsers.json").read_text(encoding="utf-8"))
    data = parse_data("browsers", _shifted(raw, days), required=("id", "name", "versions"))
    return data, browsers_from(data)


def _predicted(major: int, current: int, cadence: int, age: int) -> Status:
    """The projection rule, written out: the newest major that can be out ``age`` days
    after the data's date is current + age // cadence; at it, pass; one behind, attention;
    more, fail; past the 180 days, unknown (nothing here is behind the data itself)."""
    if age > 180:
        return Status.UNKNOWN
    behind = current + age // cadence - major
    return Status.PASS if behind <= 0 else Status.ATTENTION if behind == 1 else Status.FAIL


@pytest.mark.parametrize("days", [1, 20, 60, 150, 200])
@pytest.mark.parametrize("fixture,installed", [
    ("macos_untracked_and_current", None),  # Firefox 157 and Vivaldi
    ("linux_snap_firefox", (157, 157, 28)),  # Firefox 157 (snap)
    ("windows_chrome_only", (158, 158, 14)),  # Chrome 158
])
def test_projection_from_old_data(monkeypatch: pytest.MonkeyPatch, days: int, fixture: str,
                                  installed: tuple[int, int, int] | None) -> None:
    """The same machine, with the data dated 1, 20, 60, 150 and 200 days before the scan:
    each verdict is the one the projection rule predicts, and none passes once the browser
    is behind the projection."""
    monkeypatch.setattr(browsers, "load_browsers", lambda: _data_dated_earlier(
        (date(2026, 11, 23) - date(2026, 11, 20)).days + days))
    f = run(fixture)
    assert f.data["data_age_days"] == days
    if installed is None:  # Firefox 157 next to an untracked browser: never a pass
        major, current, cadence = 157, 157, 28
        expected = _predicted(major, current, cadence, days)
        assert f.status is (Status.ATTENTION if expected is Status.PASS else expected)
        return
    major, current, cadence = installed
    expected = _predicted(major, current, cadence, days)
    assert f.status is expected, (days, en(f.summary))
    if current + days // cadence > major:
        assert f.status is not Status.PASS
    if days > 180:
        assert "older than the 180 days it can be relied on" in details(f)


def test_an_unknown_browser_is_named_and_safari_alone_does_not_make_the_pass() -> None:
    # Issue 16: Waterfox (no release facts in Checkup's data) and Safari on a Mac.
    f = run("macos_waterfox_safari")
    assert f.status is Status.UNKNOWN
    assert "Waterfox" in en(f.summary) and "no release information" in en(f.summary)
    assert any("Waterfox 6.0.11" in e.line() for e in f.evidence)
    assert not any("Pages" in e.line() for e in f.evidence)  # not a browser: no web URL types
    names = {b["name"] for b in seen(f)}
    assert names == {"Waterfox", "Safari"}


def test_linux_names_a_browser_the_system_registers_for_web_links() -> None:
    # Issue 16, the rule for every check: LibreWolf is not in Checkup's data; the system's
    # mimeinfo.cache says it opens https links, so it is named and the check does not pass on
    # Firefox ESR alone.
    f = run("linux_unknown_browser")
    assert f.status is Status.ATTENTION and "LibreWolf" in en(f.summary)
    names = {b["name"] for b in seen(f)}
    assert names == {"Mozilla Firefox", "LibreWolf"}
