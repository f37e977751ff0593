"""os-updates and auto-updates replayed from snapshot fixtures: the verdicts a person sees."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from checks.engine.host import DEFAULT_TIMEOUT, CommandResult
from checks.engine.i18n import PSEUDO_CLOSE, PSEUDO_OPEN, translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.runner import run_scan, select_checks
from checks.engine.snapshot import ReplayHost, Snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "os_updates"
S, F, A, U, N = Status.PASS, Status.FAIL, Status.ATTENTION, Status.UNKNOWN, \
    Status.NOT_APPLICABLE
H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW

# fixture: (os-updates status, severity), (auto-updates status, severity), summary words
EXPECTED: dict[str, tuple[tuple[Status, Severity | None], tuple[Status, Severity | None],
                          str]] = {
    "ubuntu-24.04-up-to-date": ((S, None), (S, None), "No updates are waiting"),
    "debian-12-security-pending": ((F, H), (F, M), "3 security updates are waiting"),
    "debian-12-container-recorded": ((F, M), (F, M), "No source of security updates"),
    "debian-12-reboot-waiting": ((F, L), (S, None), "waiting 12 days for a restart"),
    "ubuntu-22.04-reboot-pending": ((A, None), (S, None), "must restart"),
    "ubuntu-24.04-apt-failed": ((U, None), (U, None), "could not read which updates"),
    "ubuntu-24.04-apt-garbage": ((U, None), (U, None), "could not read which updates"),
    "ubuntu-24.04-cache-45-days": ((F, M), (F, M), "45 days ago"),
    "fedora-43-security-pending": ((F, H), (F, M), "2 security updates are waiting"),
    "fedora-43-no-cache": ((U, None), (S, None), "dnf5 -C check-upgrade"),
    "arch-pending": ((F, M), (F, M), "4 updates are waiting"),
    "arch-garbage": ((U, None), (F, M), "pacman -Qu gave no usable answer"),
    "leap-15.6-security-patch": ((F, H), (F, M), "1 security update is waiting"),
    "mint-22-automation": ((A, None), (S, None), "1 update is waiting to be installed"),
    "kubuntu-24.04-discover": ((S, None), (U, None), "No updates are waiting"),
    "slackware-unknown": ((U, None), (U, None), "does not know how Slackware"),
    "tails-6": ((N, None), (N, None), "Tails"),
    "macos-15-recommended-updates": ((F, M), (S, None), "macOS Sequoia 15.3"),
    "macos-14-install-off": ((S, None), (F, M), "No updates were waiting"),
    "macos-15-defaults-stale": ((F, M), (A, None), "60 days ago"),
    "macos-15-check-off": ((U, None), (F, H), "does not list which updates"),
    "windows-10-22h2-recent": ((S, None), (S, None), "installed the latest monthly update on "
                                                     "2025-09-10"),
    "windows-11-paused": ((F, M), (F, M), "paused until 2026-03-29"),
    "windows-11-policy-off": ((F, H), (F, H), "50 days"),
    "windows-10-service-disabled": ((F, H), (F, H), "service is turned off"),
    "windows-11-no-powershell": ((A, None), (S, None), "must restart"),
    "windows-11-metered": ((S, None), (A, None), "installed the latest monthly update"),
    "windows-garbage": ((U, None), (U, None), "could not find when Windows last"),
    "ubuntu-24.04-dates-in-future": ((U, None), (S, None), "could not tell when this "
                                                           "computer last looked"),
    "fedora-43-dnf-garbage": ((U, None), (S, None), "dnf5 -C check-upgrade gave no usable"),
    "macos-14-count-without-list": ((U, None), (S, None), "does not list which updates"),
    "windows-11-history-only": ((U, None), (S, None), "could not confirm that it was the "
                                                      "monthly security update"),
    "windows-11-restart-unknown": ((S, None), (S, None), "installed the latest monthly "
                                                         "update on 2026-11-11."),
    "debian-12-unattended-no-scheduler": ((S, None), (U, None), "No updates are waiting"),
    "debian-12-unattended-cron": ((S, None), (S, None), "No updates are waiting"),
    "windows-11-service-start-garbage": ((S, None), (U, None), "installed the latest monthly"),
    "ubuntu-24.04-lists-not-refreshed": ((S, None), (A, None), "No updates are waiting"),
    "macos-15-settings-unreadable": ((U, None), (U, None), "could not read macOS's software "
                                                          "update record"),
}


def _scan(name: str, shift: timedelta | None = None) -> dict[str, Finding]:
    snap = Snapshot.load(FIXTURES / f"{name}.json")
    now = snap.recorded_at + shift if shift else None
    result = run_scan(ReplayHost(snap, now=now), select_checks(["os-updates", "auto-updates"]))
    return {f.check_id: f for f in result.findings}


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("*.json")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_replays_to_its_verdicts(name: str) -> None:
    (os_status, os_sev), (auto_status, auto_sev), words = EXPECTED[name]
    found = _scan(name)
    en = translator("en")
    os_f, auto_f = found["os-updates"], found["auto-updates"]
    assert (os_f.status, os_f.severity) == (os_status, os_sev), en.render(os_f.summary)
    assert (auto_f.status, auto_f.severity) == (auto_status, auto_sev), \
        en.render(auto_f.summary)
    assert words in en.render(os_f.summary)
    # Every finding says what it was decided on.
    assert os_f.evidence and auto_f.evidence


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_user_visible_string_is_translated(name: str) -> None:
    qps = translator("qps")
    for f in _scan(name).values():
        for message in (f.summary, *f.details):
            text = qps.render(message)
            assert text.startswith(PSEUDO_OPEN) and text.endswith(PSEUDO_CLOSE), text


# The generated fixtures are recorded for os-supported too, so each gives all three update
# findings. (debian-12-container-recorded is a real recording made without os-supported.)
SUPPORTED: dict[str, tuple[Status, Severity | None]] = {
    "arch-garbage": (N, None), "arch-pending": (N, None),
    "debian-12-reboot-waiting": (F, M), "debian-12-security-pending": (F, M),
    "debian-12-unattended-cron": (F, M), "debian-12-unattended-no-scheduler": (F, M),
    "fedora-43-dnf-garbage": (F, M), "fedora-43-no-cache": (F, M),
    "fedora-43-security-pending": (F, M), "kubuntu-24.04-discover": (S, None),
    "leap-15.6-security-patch": (U, None), "macos-14-count-without-list": (F, H),
    "macos-14-install-off": (F, H), "macos-15-check-off": (A, None),
    "macos-15-defaults-stale": (A, None), "macos-15-recommended-updates": (A, None),
    # tails-6: Tails 6.9, older than 7.6, the newest the data knows (issue 20; was unknown)
    "mint-22-automation": (S, None), "slackware-unknown": (U, None), "tails-6": (F, H),
    "ubuntu-22.04-reboot-pending": (S, None), "ubuntu-24.04-apt-failed": (S, None),
    "ubuntu-24.04-apt-garbage": (S, None), "ubuntu-24.04-cache-45-days": (S, None),
    "ubuntu-24.04-dates-in-future": (S, None), "ubuntu-24.04-up-to-date": (S, None),
    "windows-10-22h2-recent": (F, M), "windows-10-service-disabled": (S, None),
    "windows-11-history-only": (F, H), "windows-11-metered": (F, H),
    "windows-11-no-powershell": (S, None), "windows-11-paused": (S, None),
    "windows-11-policy-off": (S, None), "windows-11-restart-unknown": (F, H),
    "windows-11-service-start-garbage": (F, H), "windows-garbage": (F, H),
    "ubuntu-24.04-lists-not-refreshed": (S, None), "macos-15-settings-unreadable": (A, None),
}


def _scan_all(name: str) -> dict[str, Finding]:
    snap = Snapshot.load(FIXTURES / f"{name}.json")
    result = run_scan(ReplayHost(snap), select_checks(["os-supported", "os-updates",
                                                       "auto-updates"]))
    return {f.check_id: f for f in result.findings}


def test_generated_fixtures_are_recorded_for_all_three_update_checks() -> None:
    assert set(SUPPORTED) == set(EXPECTED) - {"debian-12-container-recorded"}


@pytest.mark.parametrize("name", sorted(SUPPORTED))
def test_fixture_gives_the_three_update_findings(name: str) -> None:
    found = _scan_all(name)
    en = translator("en")
    assert set(found) == {"os-supported", "os-updates", "auto-updates"}
    sup = found["os-supported"]
    assert (sup.status, sup.severity) == SUPPORTED[name], en.render(sup.summary)
    assert "Not recorded" not in en.render(sup.summary)
    for f in found.values():
        assert f.evidence, f.check_id


def test_debian_12_with_security_updates_waiting_in_its_lts_period() -> None:
    found = _scan_all("debian-12-security-pending")
    en = translator("en")
    assert "3 security updates are waiting" in en.render(found["os-updates"].summary)
    assert "Debian LTS still brings fixes until 2028-06-30, but only for some of its " \
           "software" in en.render(found["os-supported"].summary)


def test_fedora_cache_only_with_a_support_end_that_disagrees() -> None:
    found = _scan_all("fedora-43-security-pending")
    en = translator("en")
    updates = "\n".join(e.line() for e in found["os-updates"].evidence)
    assert "dnf5 -C -q --no-plugins check-upgrade --security: 2 security updates" in updates
    details = "\n".join(en.render(d) for d in found["os-supported"].details)
    assert "states that its support ends on 2026-12-02; our information says 2026-12-09" \
        in details


@pytest.mark.parametrize("name", ["windows-11-paused", "windows-11-policy-off",
                                  "windows-11-metered"])
def test_windows_11_saying_windows_10_is_windows_11_everywhere(name: str) -> None:
    from checks.reports.report import report_text

    snap = Snapshot.load(FIXTURES / f"{name}.json")
    result = run_scan(ReplayHost(snap), select_checks(["os-supported", "os-updates"]))
    text = report_text(result, "en", redact=False)
    assert "ProductName=Windows 10" in text  # what the registry says ...
    assert "Scanned system: Windows 11" in text  # ... and what the person reads
    sup = next(f for f in result.findings if f.check_id == "os-supported")
    assert translator("en").render(sup.summary).startswith("Windows 11 24H2")


def test_synthetic_fixtures_name_their_source() -> None:
    for path in FIXTURES.glob("*.json"):
        snap = Snapshot.load(path)
        assert snap.meta.get("origin") in ("synthetic", "recorded"), path.name
        if snap.meta["origin"] == "synthetic":
            assert snap.meta.get("source"), path.name


def test_security_updates_are_named_in_the_evidence() -> None:
    f = _scan("debian-12-security-pending")["os-updates"]
    lines = [e.line() for e in f.evidence]
    assert any("libssl3" in line and "openssl" in line and "firefox-esr" in line
               for line in lines if line.startswith("security updates"))
    assert not any("tzdata" in line for line in lines if line.startswith("security updates"))


def test_age_is_measured_from_the_scan_clock() -> None:
    # The same up-to-date Ubuntu, seen 10 days later: the list is no longer recent.
    later = _scan("ubuntu-24.04-up-to-date", timedelta(days=10))["os-updates"]
    assert later.status is Status.UNKNOWN
    assert "10 days ago" in translator("en").render(later.summary)
    # 40 days later: stale, a failure.
    stale = _scan("ubuntu-24.04-up-to-date", timedelta(days=40))["os-updates"]
    assert (stale.status, stale.severity) == (Status.FAIL, Severity.MEDIUM)


def test_restart_pending_for_days_becomes_a_low_failure() -> None:
    found = _scan("ubuntu-22.04-reboot-pending", timedelta(days=6))["os-updates"]
    assert (found.status, found.severity) == (Status.FAIL, Severity.LOW)


def test_windows_next_month_without_the_new_update_fails() -> None:
    # Five weeks after the recording, the October release (14 Oct 2025) is a week old and
    # the last update is 43 days old.
    later = _scan("windows-10-22h2-recent", timedelta(days=35))["os-updates"]
    assert (later.status, later.severity) == (Status.FAIL, Severity.HIGH)
    assert "43 days" in translator("en").render(later.summary)


def test_windows_missing_this_months_release_fails_even_when_recent() -> None:
    # The last cumulative update went in late (30 Sep); on 23 Oct the 14 Oct release is
    # due and missing although the last install is only 23 days old.
    data = json.loads((FIXTURES / "windows-10-22h2-recent.json").read_text("utf-8"))
    key = next(k for k in data["registry"] if "Package_for_RollupFix" in k and "6332" in k)
    ticks = int((datetime(2025, 9, 30, tzinfo=timezone.utc)
                 - datetime(1601, 1, 1, tzinfo=timezone.utc)).total_seconds() * 10**7)
    data["registry"][key]["values"].update(InstallTimeHigh=ticks >> 32,
                                           InstallTimeLow=ticks & 0xFFFFFFFF)
    snap = Snapshot.from_json(data)
    host = ReplayHost(snap, now=datetime(2025, 10, 23, 12, tzinfo=timezone.utc))
    f = run_scan(host, select_checks(["os-updates"])).findings[0]
    assert (f.status, f.severity) == (Status.FAIL, Severity.HIGH)
    text = translator("en").render(f.summary)
    assert "released on 2025-10-14" in text and "2025-09-30" in text


def test_windows_pause_over_is_no_longer_a_failure_of_auto_updates() -> None:
    found = _scan("windows-11-paused", timedelta(days=30))
    assert found["auto-updates"].status is Status.PASS


def test_gnome_software_counts_for_apps_only() -> None:
    f = _scan("fedora-43-security-pending")["auto-updates"]
    en = translator("en")
    assert "Only apps from Flatpak" in en.render(f.summary)
    assert f.status is Status.FAIL


def test_macos_leftover_entry_for_the_installed_version_is_ignored() -> None:
    f = _scan("macos-15-recommended-updates")["os-updates"]
    text = translator("en").render(f.summary)
    assert "2 updates" in text and "15.2" not in text.split(":", 1)[1]


def test_missing_macos_install_key_is_not_a_pass() -> None:
    f = _scan("macos-15-defaults-stale")["auto-updates"]
    assert f.status is Status.ATTENTION
    assert "Install macOS updates" in translator("en").render(f.summary)


def test_spanish_and_arabic_render_translated_summaries() -> None:
    found = _scan("debian-12-security-pending")["os-updates"]
    es = translator("es").render(found.summary)
    ar = translator("ar").render(found.summary)
    assert "security" not in es and "3" in es
    assert "security" not in ar and "3" in ar


# -- nothing contacts a server ------------------------------------------------------------

class _SpyHost(ReplayHost):
    def __init__(self, snap: Snapshot) -> None:
        super().__init__(snap)
        self.argvs: list[tuple[str, ...]] = []

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        self.argvs.append(tuple(argv))
        return super().run(argv, timeout)


FORBIDDEN_PREFIXES = [
    ("apt-get", "update"), ("apt", "update"), ("apt-get", "upgrade"), ("checkupdates",),
    ("pro",), ("ua",), ("softwareupdate",), ("flatpak",), ("pacman", "-Sy"),
    ("pacman", "-Syu"), ("zypper", "refresh"), ("dnf", "makecache"), ("dnf5", "makecache"),
]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_command_contacts_a_server(name: str) -> None:
    host = _SpyHost(Snapshot.load(FIXTURES / f"{name}.json"))
    run_scan(host, select_checks(["os-updates", "auto-updates"]))
    for argv in host.argvs:
        for bad in FORBIDDEN_PREFIXES:
            assert tuple(argv[: len(bad)]) != bad, argv
        if argv[0] in ("dnf", "dnf5"):
            assert "-C" in argv, argv
        if argv[0] == "zypper":
            assert "--no-refresh" in argv, argv
        if argv[0] == "apt-get":
            assert "-s" in argv, argv
        if argv[0] == "snap":
            assert argv[1:3] == ("refresh", "--time"), argv


def test_unattended_upgrades_needs_something_that_runs_it() -> None:
    en = translator("en")
    found = _scan("debian-12-unattended-no-scheduler")["auto-updates"]
    assert "could not confirm that anything runs it every day" in en.render(found.summary)
    assert any("cron daemon running: none seen" in e.text for e in found.evidence)
    found = _scan("debian-12-unattended-cron")["auto-updates"]
    assert any("cron daemon running: cron" in e.text for e in found.evidence)


def test_a_systemctl_answer_must_be_a_state_systemd_knows() -> None:
    from checks.catalog.auto_updates.systemctl import UNIT_FILE_STATES

    assert {"enabled", "disabled", "masked", "static", "not-found"} <= UNIT_FILE_STATES
    assert "banana" not in UNIT_FILE_STATES and "" not in UNIT_FILE_STATES


def test_a_known_missing_security_update_weighs_the_same_on_linux_and_windows() -> None:
    linux = _scan("debian-12-security-pending")["os-updates"]
    windows = _scan("windows-11-policy-off")["os-updates"]
    assert linux.status is windows.status is Status.FAIL
    assert linux.severity is windows.severity is Severity.HIGH
