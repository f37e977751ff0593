"""os-supported: every fixture replays to its verdict; the date windows, stale data and the
extended programmes behave as a person would expect."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from checks.catalog import os_supported as mod
from checks.catalog.os_supported import coverage as coverage
from checks.catalog.os_supported.gather import UBUNTU_PRO_STATUS
from checks.engine.datafile import DataError
from checks.engine.i18n import PSEUDO_CLOSE, PSEUDO_OPEN, translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot
from tests.engine_support import replay, snapshot
from tests.fixtures.os_supported import build_fixtures as bf
from tools.snapshot_builder import Fixture

FIXTURES = Path(__file__).parent / "fixtures" / "os_supported"
EN = translator("en")

# -- cases only this file uses, built here rather than committed --------------------------
# The committed ones (tests/fixtures/os_supported/, written by its build_fixtures.py with the
# same helpers) are those the demo machines or other tests share. Only committed fixtures are
# replayed by the suite-wide tests (test_check_contract, test_i18n, test_guidance_states, the
# fuzz seeds), so a case was moved here only where a committed fixture gives the same
# verdict with the same sentences on the same system.

FEDORA_43 = """NAME="Fedora Linux"
VERSION="43 (Workstation Edition)"
RELEASE_TYPE=stable
ID=fedora
VERSION_ID=43
VERSION_CODENAME=""
PRETTY_NAME="Fedora Linux 43 (Workstation Edition)"
ANSI_COLOR="0;38;2;60;110;180"
LOGO=fedora-logo-icon
CPE_NAME="cpe:/o:fedoraproject:fedora:43"
DEFAULT_HOSTNAME="fedora"
HOME_URL="https://fedoraproject.org/"
DOCUMENTATION_URL="https://docs.fedoraproject.org/en-US/fedora/f43/"
SUPPORT_URL="https://ask.fedoraproject.org/"
BUG_REPORT_URL="https://bugzilla.redhat.com/"
REDHAT_BUGZILLA_PRODUCT="Fedora"
REDHAT_BUGZILLA_PRODUCT_VERSION=43
REDHAT_SUPPORT_PRODUCT="Fedora"
REDHAT_SUPPORT_PRODUCT_VERSION=43
SUPPORT_END=2026-12-02
VARIANT="Workstation Edition"
VARIANT_ID=workstation
"""

ALPINE = """NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.19.0
PRETTY_NAME="Alpine Linux v3.19"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
"""

MINT_213 = """NAME="Linux Mint"
VERSION="21.3 (Virginia)"
ID=linuxmint
ID_LIKE="ubuntu debian"
PRETTY_NAME="Linux Mint 21.3"
VERSION_ID="21.3"
HOME_URL="https://www.linuxmint.com/"
SUPPORT_URL="https://forums.linuxmint.com/"
BUG_REPORT_URL="http://linuxmint-troubleshooting-guide.readthedocs.io/en/latest/"
PRIVACY_POLICY_URL="https://www.linuxmint.com/"
VERSION_CODENAME=virginia
UBUNTU_CODENAME=jammy
"""

WIN11_23H2_ENT = {**bf.WIN11_ENT, "DisplayVersion": "23H2", "CurrentBuild": "22631",
                  "CurrentBuildNumber": "22631", "UBR": 6199, "BuildBranch": "ni_release",
                  "BuildLab": "22621.ni_release.220506-1250"}

BUILT: dict[str, Fixture] = {
    "debian-12-lts": bf.linux(
        "Debian 12 in LTS",
        "Regular security support ended 2026-07-11 (first announced for 2026-06-10).",
        bf.DEBIAN_12, {bf.DEBIAN_CSV_PATH: bf.DEBIAN_CSV}, source=bf.OS_RELEASE_SRC + bf.DID_SRC),
    "fedora-43-support-end": bf.linux(
        "Fedora 43", "SUPPORT_END=2026-12-02 in os-release; the schedule says 2026-12-09.",
        FEDORA_43, source="Fedora 43 Workstation's /etc/os-release as shipped, identical to "
                          "public copies (tests/fixtures/os_supported/raw/SOURCES.md)"),
    "alpine": bf.linux("Alpine Linux 3.19", "A distribution our data does not list.", ALPINE),
    "mint-213": bf.linux("Linux Mint 21.3", "Ubuntu 22.04 based.", MINT_213),
    "macos-26": bf.macos("macOS 26 Tahoe", "One version behind.", "26.6", "25G74"),
    "macos-14": bf.macos("macOS 14 Sonoma", "Three versions behind.", "14.8.2", "23J126"),
    "windows-10-22h2-home-esu": bf.windows(
        "Windows 10 22H2 Home, consumer ESU", "Enrolled in consumer ESU.", bf.WIN10_HOME,
        esu={"ESUEligibility": 3, "ESUEligibilityResult": 1}),
    "windows-11-23h2-enterprise": bf.windows("Windows 11 23H2 Enterprise", "Ended 2026-11-10.",
                                             WIN11_23H2_ENT),
}


def load(name: str) -> Snapshot:
    """The case ``name``: built above, or the committed fixture."""
    if name in BUILT:
        return BUILT[name].snapshot()
    return Snapshot.load(FIXTURES / f"{name}.json")


# case -> (status, severity, words in the English summary, words in the evidence lines)
EXPECTED: dict[str, tuple[Status, Severity | None, list[str], list[str]]] = {
    "ubuntu-2004-no-pro": (Status.FAIL, Severity.HIGH,
                           ["Ubuntu 20.04 LTS stopped receiving security updates on 2025-05-29"],
                           ["VERSION_ID=20.04", "status.json: attached=false"]),
    "ubuntu-2004-pro": (Status.ATTENTION, None,
                        ["covered by Ubuntu Pro", "until 2030-04-23"],
                        ["attached=true, enabled: esm-apps, esm-infra"]),
    "ubuntu-2404": (Status.PASS, None, ["Ubuntu 24.04 LTS still receives security updates, "
                                        "until 2029-05-31"], ["ubuntu-24.04"]),
    "debian-12-lts": (Status.FAIL, Severity.MEDIUM,
                      ["Debian LTS still brings fixes until 2028-06-30", "only for some"],
                      ["VERSION_ID=12", "debian-12: standard support until 2026-07-11"]),
    "debian-11-elts": (Status.FAIL, Severity.MEDIUM, ["Freexian Extended LTS", "2031-06-30"],
                       ["extended-lts configured"]),
    "debian-10": (Status.FAIL, Severity.HIGH, ["stopped receiving security updates on 2022-09-10"],
                  ["extended-lts not configured"]),
    "fedora-43-support-end": (Status.FAIL, Severity.MEDIUM,
                              ["stops receiving security updates on 2026-12-02, in 9 days"],
                              ["SUPPORT_END=2026-12-02", "fedora-43"]),
    "arch": (Status.NOT_APPLICABLE, None, ["rolling release", "installed updates"],
             ["BUILD_ID=rolling"]),
    "alpine": (Status.UNKNOWN, None, ["no support dates for Alpine Linux v3.19"],
               ["ID=alpine, VERSION_ID=3.19.0"]),
    "popos-2204": (Status.UNKNOWN, None, ["no support dates for Pop!_OS 22.04 LTS"],
                   ["UBUNTU_CODENAME=jammy"]),
    "mint-213": (Status.PASS, None, ["Linux Mint 21.x", "until 2027-04-01"], ["linuxmint-21"]),
    "garbage-os-release": (Status.UNKNOWN, None, ["could not tell which operating system"],
                           ["/etc/os-release: first line"]),
    "tails-current": (Status.PASS, None, ["built on 2026-11-03", "very probably current"],
                      ["/etc/amnesia/version: 7.12 - 20261103"]),
    "tails-old": (Status.FAIL, Severity.HIGH, ["built on 2026-03-26, 242 days ago"],
                  ["TAILS_VERSION_ID=7.6"]),
    "macos-27": (Status.PASS, None, ["macOS 27.1 is the newest macOS"], ["ProductVersion: 27.1"]),
    "macos-unidentified": (Status.UNKNOWN, None, ["could not tell which operating system"],
                           ["sw_vers: command not found"]),
    "macos-26": (Status.ATTENTION, None, ["only some of Apple's security fixes"],
                 ["1 version(s) behind (inferred)"]),
    "macos-15": (Status.ATTENTION, None, ["macOS 15.7.2 gets only some"],
                 ["ProductVersion: 15.7.2", "2 version(s) behind"]),
    "macos-14": (Status.FAIL, Severity.HIGH, ["macOS 14.8.2 no longer receives security updates"],
                 ["3 version(s) behind"]),
    "macos-12": (Status.FAIL, Severity.HIGH, ["macOS 12.7.6 no longer receives"],
                 ["BuildVersion: 21H1320"]),
    "windows-10-22h2-home": (Status.FAIL, Severity.HIGH,
                             ["Windows 10 22H2 (Home, Pro) stopped receiving security updates on "
                              "2025-10-14"],
                             ["EditionID=Core", "ConsumerESU: not present", "licensed: none"]),
    "windows-10-22h2-home-esu": (Status.ATTENTION, None,
                                 ["covered by Windows 10 Consumer Extended Security Updates",
                                  "until 2027-10-12"],
                                 ["ESUEligibility=3 (DeviceEnrolled)"]),
    "windows-10-22h2-enterprise-esu": (Status.ATTENTION, None,
                                       ["Extended Security Updates for organisations",
                                        "until 2027-10-12"],
                                       ["EditionID=Enterprise", "licensed: year 1, year 2"]),
    "windows-10-22h2-enterprise-year1-only": (Status.FAIL, Severity.HIGH,
                                              ["stopped receiving security updates on 2025-10-14"],
                                              ["licensed: year 1"]),
    "windows-10-22h2-enterprise-no-powershell": (Status.UNKNOWN, None,
                                                 ["could not check whether this computer has an "
                                                  "Extended Security Updates licence"],
                                                 ["could not be read"]),
    "windows-10-ltsc-2021": (Status.FAIL, Severity.MEDIUM,
                             ["Windows 10 Enterprise LTSC 2021 stops receiving security updates "
                              "on 2027-01-12, in 50 days"], ["EditionID=EnterpriseS"]),
    "windows-11-24h2-home": (Status.FAIL, Severity.HIGH,
                             ["Windows 11 24H2 (Home, Pro) stopped receiving security updates on "
                              "2026-10-13"],
                             ["ProductName=Windows 10 Home", "CurrentBuild=26100"]),
    "windows-11-24h2-enterprise": (Status.PASS, None,
                                   ["Windows 11 24H2 (Enterprise, Education) still receives "
                                    "security updates, until 2027-10-12"],
                                   ["ProductName=Windows 10 Enterprise", "CurrentBuild=26100"]),
    "windows-11-23h2-enterprise": (Status.FAIL, Severity.HIGH, ["on 2026-11-10"],
                                   ["CurrentBuild=22631"]),
    # Issue 20: Tails by the newest release the data knows, the build date as a fallback.
    "tails-behind-newest": (Status.FAIL, Severity.HIGH,
                            ["This is Tails 7.5. Tails 7.6 came out on 2026-03-26"], []),
    "tails-newer-old-build": (Status.ATTENTION, None,
                              ["Tails 7.10, newer than Checkup's information", "83 days ago"], []),
    # Issue 20: the earlier of the data's and the machine's own list's dates decides.
    "debian-12-older-list": (Status.FAIL, Severity.MEDIUM,
                             ["Debian 12", "2026-06-10"],
                             ["/usr/share/distro-info/debian.csv: 12,Bookworm,bookworm,"
                              "2021-08-14,2023-06-10,2026-06-10",
                              "debian-12: standard support until 2026-07-11"]),
    # Issue 20: servers by InstallationType and EditionID; Windows before 10 fails.
    "windows-server-2022-core": (Status.PASS, None,
                                 ["Windows Server 2022 still receives security updates, until "
                                  "2031-10-14"], ["InstallationType=Server Core"]),
    "windows-server-2025": (Status.PASS, None,
                            ["Windows Server 2025 still receives security updates, until "
                             "2034-11-14"], ["EditionID=ServerStandard", "CurrentBuild=26100"]),
    "windows-server-2012-r2": (Status.FAIL, Severity.HIGH,
                               ["Windows Server 2012 R2 stopped receiving security updates on "
                                "2023-10-10"], ["windows-server-2012-r2"]),
    "windows-81": (Status.FAIL, Severity.HIGH,
                   ["Windows 8.1 Pro no longer receives security updates", "2023-01-10"],
                   ["CurrentBuild=9600"]),
    "windows-7": (Status.FAIL, Severity.HIGH,
                  ["Windows 7 Professional no longer receives security updates"],
                  ["CurrentBuild=7601"]),
}


def run(snap: Snapshot, now: datetime | None = None) -> Finding:
    check = get_check(mod.CHECK_ID)
    assert check is not None
    return run_check(check, Scan(ReplayHost(snap, now=now)))


def text(finding: Finding) -> tuple[str, str, str]:
    return (EN.render(finding.summary), "\n".join(EN.render(d) for d in finding.details),
            "\n".join(e.line() for e in finding.evidence))


def test_every_case_has_an_expectation() -> None:
    committed = {p.stem for p in FIXTURES.glob("*.json")}
    assert committed | set(BUILT) == set(EXPECTED)
    assert not committed & set(BUILT), "a case is both committed and built here"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_replays_to_its_verdict(name: str) -> None:
    status, severity, summary_words, evidence_words = EXPECTED[name]
    finding = run(load(name))
    summary, details, evidence = text(finding)
    assert finding.status is status, (summary, details)
    assert finding.severity is severity
    for word in summary_words:
        assert word in summary
    for word in evidence_words:
        assert word in evidence
    assert finding.data["data_gathered"] == "2026-11-23"


def test_windows_10_lists_its_extended_options_from_the_data_file() -> None:
    finding = run(load("windows-10-22h2-home"))
    _, details, _ = text(finding)
    assert "Windows 10 Consumer Extended Security Updates (ESU): until 2027-10-12" in details
    assert "Extended Security Updates for organisations (ESU): until 2028-10-10" in details
    assert "only the most serious security fixes" in details
    assert "Upgrade to Windows 11" in details
    assert "another user account" in details  # it says what it cannot see


def test_windows_10_esu_dates_come_from_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    df, entries = mod.load_support()
    changed = []
    for e in entries:
        if e.id == "windows-10-22h2-home_pro":
            progs = tuple(p.__class__(**{**p.__dict__, "end": p.end.replace(year=2031)})
                          for p in e.extended)
            e = e.__class__(**{**e.__dict__, "extended": progs})
        changed.append(e)
    monkeypatch.setattr(mod, "load_support", lambda: (df, changed))
    _, details, _ = text(run(load("windows-10-22h2-home")))
    assert "Windows 10 Consumer Extended Security Updates (ESU): until 2031-10-12" in details


def test_ubuntu_without_pro_names_the_programme_and_what_to_do() -> None:
    _, details, _ = text(run(load("ubuntu-2004-no-pro")))
    assert "Ubuntu Pro (Expanded Security Maintenance): until 2030-04-23" in details
    assert "upgrade to a newer version" in details


def test_fedora_says_when_the_system_disagrees() -> None:
    """SUPPORT_END (2026-12-02) is earlier than the data (2026-12-09): the earlier decides,
    and the evidence shows both (issue 20; before, the data's date decided)."""
    finding = run(load("fedora-43-support-end"))
    summary, details, evidence = text(finding)
    assert "states that its support ends on 2026-12-02; our information says 2026-12-09" in details
    assert "Checkup goes by the earlier date." in details
    assert "on 2026-12-02, in 9 days" in summary
    assert "SUPPORT_END=2026-12-02" in evidence and "until 2026-12-09" in evidence
    assert finding.data["standard_end"] == "2026-12-02"
    assert finding.data["data_standard_end"] == "2026-12-09"


def test_distro_info_that_agrees_is_shown_and_changes_nothing() -> None:
    finding = run(load("debian-12-lts"))
    summary, details, evidence = text(finding)
    assert "/usr/share/distro-info/debian.csv: 12,Bookworm,bookworm,2021-08-14,2023-06-10," \
           "2026-07-11,2028-06-30,2033-06-30" in evidence
    assert "distro-info-data" not in details and "earlier date" not in details


def test_an_earlier_programme_end_on_the_machine_decides() -> None:
    """distro-info-data's eol-esm column ends Ubuntu Pro earlier than the data: the earlier
    date is the one the coverage runs to, and both are said."""
    snap = Snapshot.load(FIXTURES / "ubuntu-2004-pro.json")
    csv = "/usr/share/distro-info/ubuntu.csv"
    snap.files[csv]["text"] = snap.files[csv]["text"].replace(",2030-04-23,2032-04-27",
                                                              ",2030-04-02,2032-04-27")
    finding = run(snap)
    summary, details, _ = text(finding)
    assert finding.status is Status.ATTENTION and "until 2030-04-02" in summary
    assert "says Ubuntu Pro (Expanded Security Maintenance) ends on 2030-04-02; Checkup's " \
           "information says 2030-04-23" in details
    assert "Checkup goes by the earlier date." in details


def test_a_later_date_on_the_machine_never_extends_support() -> None:
    """A list on the machine that says later than the data: the data's date still decides."""
    snap = Snapshot.load(FIXTURES / "ubuntu-2004-no-pro.json")
    csv = "/usr/share/distro-info/ubuntu.csv"
    snap.files[csv]["text"] = snap.files[csv]["text"].replace(",2025-05-29,2025-05-29,",
                                                              ",2027-05-29,2027-05-29,")
    finding = run(snap)
    summary, details, evidence = text(finding)
    assert finding.status is Status.FAIL and "on 2025-05-29" in summary
    assert "says regular security support ends on 2027-05-29; Checkup's information says " \
           "2025-05-29" in details


def test_debian_lts_explains_partial_coverage() -> None:
    _, details, _ = text(run(load("debian-12-lts")))
    assert "only some of the software" in details
    assert "debian-security-support" in details


def test_derivative_not_in_data_names_its_base() -> None:
    _, details, _ = text(run(load("popos-2204")))
    assert "built on Ubuntu 22.04 LTS, whose standard security support ends on 2027-06-01" in details


# -- the clock ------------------------------------------------------------------------

GATHERED = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)


def test_stale_data_pass_says_how_old_our_information_is() -> None:
    snap = load("ubuntu-2404")
    fresh = run(snap, now=GATHERED + timedelta(days=180))
    assert fresh.status is Status.PASS
    assert "our information" not in EN.render(fresh.summary)
    stale = run(snap, now=GATHERED + timedelta(days=181))
    assert stale.status is Status.PASS
    assert "according to our information from 2026-11-23" in EN.render(stale.summary)


def test_stale_data_macos_newest_says_so() -> None:
    stale = run(load("macos-27"), now=GATHERED + timedelta(days=200))
    assert stale.status is Status.PASS
    assert "our information, which is from 2026-11-23" in EN.render(stale.summary)


def test_sixty_day_window() -> None:
    snap = load("ubuntu-2404")  # standard support until 2029-05-31
    end = datetime(2029, 5, 31, 12, tzinfo=timezone.utc)
    before = run(snap, now=end - timedelta(days=61))
    assert before.status is Status.PASS
    inside = run(snap, now=end - timedelta(days=60))
    assert (inside.status, inside.severity) == (Status.FAIL, Severity.MEDIUM)
    assert "stops receiving security updates on 2029-05-31, in 60 days" in EN.render(inside.summary)
    last_day = run(snap, now=end)
    assert "in 0 days" in EN.render(last_day.summary)
    after = run(snap, now=end + timedelta(days=1))
    assert (after.status, after.severity) == (Status.FAIL, Severity.HIGH)
    assert "stopped receiving security updates on 2029-05-31" in EN.render(after.summary)


def test_extended_programme_ending_soon_is_medium() -> None:
    snap = load("ubuntu-2004-pro")  # ESM until 2030-04-23
    finding = run(snap, now=datetime(2030, 3, 1, tzinfo=timezone.utc))
    assert (finding.status, finding.severity) == (Status.FAIL, Severity.MEDIUM)
    assert "only through Ubuntu Pro" in EN.render(finding.summary)
    assert "2030-04-23, in 53 days" in EN.render(finding.summary)


def test_commercial_esu_year_two_runs_out() -> None:
    snap = load("windows-10-22h2-enterprise-esu")  # years 1 and 2
    finding = run(snap, now=datetime(2027, 10, 13, 12, tzinfo=timezone.utc))
    assert (finding.status, finding.severity) == (Status.FAIL, Severity.HIGH)


def test_macos_newer_than_our_information() -> None:
    snap = load("macos-27")
    snap.commands[0]["stdout"] = snap.commands[0]["stdout"].replace("27.1", "28.0")
    finding = run(snap)
    assert finding.status is Status.PASS
    assert "newer than any macOS in our information" in EN.render(finding.summary)
    old = run(snap, now=GATHERED + timedelta(days=400))
    assert old.status is Status.ATTENTION


# -- odd inputs -----------------------------------------------------------------------

def _linux(os_release: str, **files: str) -> Snapshot:
    return replay(snapshot([mod.CHECK_ID], files={"/etc/os-release": os_release, **files})).snapshot


def test_fedora_not_in_data_shows_its_own_end_date() -> None:
    snap = _linux('NAME="Fedora Linux"\nID=fedora\nVERSION_ID=45\nSUPPORT_END=2027-12-08\n')
    finding = run(snap)
    assert finding.status is Status.UNKNOWN
    assert "states that its support ends on 2027-12-08" in text(finding)[1]
    ended = run(_linux('NAME="Fedora Linux"\nID=fedora\nVERSION_ID=45\nSUPPORT_END=2026-01-08\n'))
    assert (ended.status, ended.severity) == (Status.FAIL, Severity.HIGH)


def test_debian_testing_without_version_is_unknown() -> None:
    finding = run(_linux('PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\n'
                         'VERSION_CODENAME=trixie\nID=debian\n'))
    assert finding.status is Status.UNKNOWN


def test_qubes_dom0() -> None:
    current = run(_linux('NAME=Qubes\nVERSION="4.3.1 (R4.3)"\nID=qubes\nVERSION_ID=4.3.1\n'))
    assert current.status is Status.PASS
    assert "no end date has been announced" in EN.render(current.summary)
    old = run(_linux('NAME=Qubes\nID=qubes\nVERSION_ID=4.2.4\n'))
    assert (old.status, old.severity) == (Status.FAIL, Severity.HIGH)


def test_qubes_vm_is_judged_by_its_template_and_says_so() -> None:
    snap = load("debian-12-lts")
    snap.stats["/usr/share/qubes/marker-vm"] = {"mode": 0o100644, "size": 0, "mtime": 0, "uid": 0}
    finding = run(snap)
    assert finding.status is Status.FAIL
    assert "this qube's software comes from its template" in text(finding)[1]


def test_unknown_windows_edition_with_different_dates_is_unknown() -> None:
    snap = load("windows-11-24h2-home")
    values = snap.registry[r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"]["values"]
    values["EditionID"] = "SomethingNew"
    finding = run(snap)
    assert finding.status is Status.UNKNOWN
    assert "could not tell the Windows edition" in EN.render(finding.summary)


def test_tails_just_behind_a_new_release_passes_during_the_grace_days() -> None:
    snap = Snapshot.load(FIXTURES / "tails-behind-newest.json")
    waiting = run(snap, now=datetime(2026, 4, 9, tzinfo=timezone.utc))  # 14 days after 7.6
    assert waiting.status is Status.PASS
    assert "upgrade when Tails offers it" in text(waiting)[0]
    late = run(snap, now=datetime(2026, 4, 10, tzinfo=timezone.utc))
    assert (late.status, late.severity) == (Status.FAIL, Severity.HIGH)


def test_tails_newer_than_the_data_never_fails() -> None:
    snap = Snapshot.load(FIXTURES / "tails-newer-old-build.json")
    for days in (30, 200, 400):
        finding = run(snap, now=datetime(2026, 9, 1, tzinfo=timezone.utc) + timedelta(days=days))
        assert finding.status is not Status.FAIL, days
    assert run(snap, now=datetime(2026, 9, 20, tzinfo=timezone.utc)).status is Status.PASS


def test_server_is_told_by_installation_type_not_build() -> None:
    """Server 2025 and Windows 11 24H2 share build 26100: the same build with a client's
    InstallationType and EditionID is judged as Windows 11 (whose 24H2 Home has ended)."""
    snap = Snapshot.load(FIXTURES / "windows-server-2025.json")
    values = snap.registry[r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"]["values"]
    values.update({"InstallationType": "Client", "EditionID": "Core",
                   "ProductName": "Windows 10 Home"})
    client = run(snap)
    assert client.status is Status.FAIL and "Windows 11 24H2" in text(client)[0]
    values.update({"InstallationType": "Server Core", "EditionID": "ServerDatacenter",
                   "ProductName": "Windows 10 Home"})  # a misleading name: the type decides
    assert run(snap).status is Status.PASS


def test_an_old_windows_build_not_named_still_fails() -> None:
    snap = Snapshot.load(FIXTURES / "windows-7.json")
    values = snap.registry[r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"]["values"]
    values.update({"CurrentBuild": "6002", "CurrentBuildNumber": "6002",
                   "ProductName": "Windows Vista Business"})
    finding = run(snap)
    assert (finding.status, finding.severity) == (Status.FAIL, Severity.HIGH)
    assert "Windows (build 6002) no longer receives security updates" in text(finding)[0]


def test_data_past_its_limit_says_so_and_marks_announced_dates() -> None:
    """Past the 180 days, a verdict on the support data says in its own sentence that the
    data is older than its limit; an end date after the data's date is marked as announced,
    one before it is not (it had already happened)."""
    later = run(Snapshot.load(FIXTURES / "ubuntu-2404.json"), now=GATHERED + timedelta(days=200))
    summary, details, evidence = text(later)
    assert "gathered on 2026-11-23, 200 days ago: older than the 180 days" in details
    assert "until 2029-05-31; as announced by 2026-11-23, 200 days before this scan" in evidence
    ended = run(Snapshot.load(FIXTURES / "debian-10.json"), now=GATHERED + timedelta(days=200))
    assert "older than the 180 days" in text(ended)[1]
    assert "as announced by" not in text(ended)[2]
    fresh = run(Snapshot.load(FIXTURES / "ubuntu-2404.json"), now=GATHERED + timedelta(days=30))
    assert "older than the" not in text(fresh)[1] and "as announced" not in text(fresh)[2]


def test_windows_build_not_in_data_is_unknown_naming_it() -> None:
    snap = load("windows-11-24h2-enterprise")
    values = snap.registry[r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"]["values"]
    values["CurrentBuild"] = "27842"
    finding = run(snap)
    assert finding.status is Status.UNKNOWN
    assert "CurrentBuild=27842" in text(finding)[2]


def test_unreadable_data_file_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise DataError("data file 'os-support' is not valid JSON: Expecting value")

    monkeypatch.setattr(mod, "load_support", broken)
    finding = run(load("ubuntu-2404"))
    assert finding.status is Status.UNKNOWN
    assert "could not be read" in EN.render(finding.summary)
    assert "not valid JSON" in text(finding)[2]


@pytest.mark.parametrize("name", ["windows-10-22h2-home", "ubuntu-2004-pro", "debian-12-lts",
                                  "macos-15", "tails-old", "fedora-43-support-end", "arch"])
def test_every_sentence_goes_through_translation(name: str) -> None:
    finding = run(load(name))
    qps = translator("qps")
    for message in (finding.summary, *finding.details):
        rendered = qps.render(message)
        assert rendered.startswith(PSEUDO_OPEN) and rendered.endswith(PSEUDO_CLOSE), rendered


# -- pure parsers -------------------------------------------------------------------------

def test_parse_pro_status() -> None:
    st = coverage.parse_pro_status(
        load("ubuntu-2004-pro").files[UBUNTU_PRO_STATUS]["text"])
    assert st.attached and "esm-infra" in st.enabled and st.expires is not None
    assert st.covers(GATHERED.date())
    assert coverage.parse_pro_status(None).problem == "not found"
    assert coverage.parse_pro_status("{trunc").problem == "not valid JSON"
    assert coverage.parse_pro_status('{"attached": false}').covers(GATHERED.date()) is False
    expired = coverage.parse_pro_status('{"attached": true, "expires": "2026-01-01T00:00:00+00:00", '
                                   '"services": [{"name": "esm-infra", "status": "enabled"}]}')
    assert not expired.covers(GATHERED.date())
    disabled = coverage.parse_pro_status('{"attached": true, "expires": null, "services": '
                                    '[{"name": "esm-infra", "status": "disabled"}]}')
    assert not disabled.covers(GATHERED.date())


def test_elts_and_licences() -> None:
    assert coverage.elts_configured(["deb http://deb.freexian.com/extended-lts buster-lts main\n"])
    assert not coverage.elts_configured(["# deb http://deb.freexian.com/extended-lts buster-lts main\n"])
    assert not coverage.elts_configured([""])
    one = {"ID": "F520E45E-7413-4A34-A497-D2765967D094", "LicenseStatus": 1}
    assert coverage.licensed_esu_years(one) == {"f520e45e-7413-4a34-a497-d2765967d094"}
    assert coverage.licensed_esu_years([{**one, "LicenseStatus": 0}]) == set()
    assert coverage.licensed_esu_years(None) == set()


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_shipped_languages_translate_every_verdict(lang: str) -> None:
    tr = translator(lang)
    for name in sorted(EXPECTED):
        finding = run(load(name))
        for message in (finding.summary, *finding.details):
            assert tr.render(message) != EN.render(message), (name, message.msgid)


def test_debian_lts_does_not_cover_other_architectures() -> None:
    snap = load("debian-12-lts")
    snap.platform = snap.platform.__class__(**{**snap.platform.to_json(), "machine": "ppc64le"})
    finding = run(snap)
    assert (finding.status, finding.severity) == (Status.FAIL, Severity.HIGH)
    assert "ppc64le (ppc64le) is not among Debian LTS's" in text(finding)[2]
