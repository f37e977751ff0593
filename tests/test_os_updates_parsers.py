"""Pure parsers behind os-updates and auto-updates: real formats and odd states."""

from __future__ import annotations

import plistlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.apt import (
    is_security_origin,
    list_security_sources,
    parse_apt_simulation,
)
from checks.catalog.os_updates.dnf import parse_dnf_check_update
from checks.catalog.os_updates.pacman import parse_pacman_qu
from checks.catalog.os_updates.snap import parse_snap_refresh_time
from checks.catalog.os_updates.zypper import parse_zypper_xml

UTC = timezone.utc
RAW = Path(__file__).resolve().parent / "fixtures" / "os_updates" / "raw"  # SOURCES.md

# -- apt ------------------------------------------------------------------------------

UBUNTU_SIM = """NOTE: This is only a simulation!
      apt-get needs root privileges for real execution.
      Keep also in mind that locking is deactivated,
      so don't depend on the relevance to the real current situation!
Reading package lists...
Building dependency tree...
Reading state information...
Calculating upgrade...
The following NEW packages will be installed:
  linux-image-6.8.0-49-generic
The following packages have been kept back:
  gnome-shell
The following packages will be upgraded:
  libc6 linux-generic tzdata
3 upgraded, 1 newly installed, 0 to remove and 1 not upgraded.
Inst libc6 [2.39-0ubuntu8.2] (2.39-0ubuntu8.3 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
Inst linux-image-6.8.0-49-generic (6.8.0-49.49 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
Inst linux-generic [6.8.0-48.48] (6.8.0-49.49 Ubuntu:24.04/noble-updates [amd64]) []
Inst tzdata [2024a-3ubuntu1.1] (2024b-0ubuntu0.24.04 Ubuntu:24.04/noble-updates [all])
Conf libc6 (2.39-0ubuntu8.3 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
"""


def test_apt_simulation_counts_security_by_origin() -> None:
    sim = parse_apt_simulation(UBUNTU_SIM)
    assert sim.complete and sim.summary == (3, 1, 0, 1)
    assert [p.name for p in sim.packages] == ["libc6", "linux-image-6.8.0-49-generic",
                                              "linux-generic", "tzdata"]
    assert [p.name for p in sim.security] == ["libc6", "linux-image-6.8.0-49-generic"]
    new_kernel = sim.packages[1]
    assert new_kernel.old == "" and new_kernel.new == "6.8.0-49.49"
    assert sim.packages[0].origins == ("Ubuntu:24.04/noble-updates",
                                       "Ubuntu:24.04/noble-security")
    assert sim.kept_back == 1


def test_apt_security_origins() -> None:
    assert is_security_origin("Debian-Security:12/stable-security")
    assert is_security_origin("Debian-Security:13/stable-security")
    assert is_security_origin("UbuntuESM:24.04/noble-infra-security")
    assert not is_security_origin("Debian:12.10/stable-updates")
    assert not is_security_origin("Ubuntu:24.04/noble-updates")
    assert not is_security_origin("localhost")


def test_apt_simulation_summary_in_another_language_still_counts() -> None:
    # LiveHost sets LC_ALL=C; should a translated apt answer anyway, the four numbers
    # still prove that the simulation finished.
    text = "Leyendo lista de paquetes...\n0 actualizados, 0 nuevos se instalarán, 0 para " \
           "eliminar y 5 no actualizados.\n"
    sim = parse_apt_simulation(text)
    assert sim.complete and sim.packages == () and sim.kept_back == 5


def test_apt_simulation_without_summary_is_incomplete() -> None:
    for text in ("", "Reading package lists...\n", "\x00\x13garbage Inst\n",
                 UBUNTU_SIM.split("3 upgraded")[0]):
        assert not parse_apt_simulation(text).complete


def test_security_sources_from_list_names() -> None:
    names = ["deb.debian.org_debian_dists_bookworm_InRelease",
             "deb.debian.org_debian-security_dists_bookworm-security_InRelease",
             "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_"
             "Packages.lz4", "lock"]
    assert list_security_sources(names) == [names[1]]


# -- pacman, dnf, zypper, snap, systemd -----------------------------------------------


def test_pacman_qu() -> None:
    text = "linux 6.17.7.arch1-1 -> 6.17.8.arch1-1\nfirefox 144.0-1 -> 145.0-1 [ignored]\n"
    assert parse_pacman_qu(text) == [("linux", "6.17.7.arch1-1", "6.17.8.arch1-1"),
                                        ("firefox", "144.0-1", "145.0-1")]
    assert parse_pacman_qu("") == []
    assert parse_pacman_qu("error: failed to init transaction\n") is None


def test_dnf_check_update_skips_obsoletes_and_duplicates() -> None:
    text = ("\nkernel.x86_64                 6.11.7-300.fc41      updates\n"
            "kernel.x86_64                 6.11.8-300.fc41      updates\n"
            "python3-libs.x86_64           3.13.0-2.fc41        updates\n"
            "Obsoleting Packages\n"
            "grub2-tools.x86_64            1:2.12-9.fc41        updates\n"
            "    grub2-tools.x86_64        1:2.12-8.fc41        @updates\n"
            "Last metadata expiration check: 0:12:01 ago on Mon Nov 18.\n")
    names = [p[0] for p in parse_dnf_check_update(text)]
    assert names == ["kernel.x86_64", "python3-libs.x86_64", "grub2-tools.x86_64"]
    assert parse_dnf_check_update("Error: Cache-only enabled but no cache\n") == []


def test_zypper_xml() -> None:
    text = ("<?xml version='1.0'?>\n<stream>\n<message type=\"warning\">Repository 'x' is "
            "out-of-date.</message>\n<update-status version=\"0.6\">\n<update-list>\n"
            "<update kind=\"patch\" name=\"openSUSE-2026-1\" status=\"needed\" "
            "category=\"security\"/>\n</update-list>\n</update-status>\n</stream>\n")
    parsed = parse_zypper_xml(text)
    assert parsed is not None and parsed.complete
    assert parsed.updates[0]["category"] == "security"
    assert parsed.warnings == ("Repository 'x' is out-of-date.",)
    assert parse_zypper_xml("Root privileges are required") is None
    empty = parse_zypper_xml("<?xml version='1.0'?><stream><message type=\"info\">x"
                                "</message></stream>")
    assert empty is not None and not empty.complete


def test_snap_refresh_time() -> None:
    snap = parse_snap_refresh_time(
        "timer: 00:00~24:00/4\nlast: 2026-11-20T06:12:44Z\nhold: forever\nnext: n/a\n")
    assert snap is not None and snap.hold_forever
    assert snap.last == datetime(2026, 11, 20, 6, 12, 44, tzinfo=UTC)
    never = parse_snap_refresh_time("schedule: 00:00-24:00\nlast: n/a\nnext: n/a\n")
    assert never is not None and never.last is None
    assert parse_snap_refresh_time("error: cannot communicate with server") is None


# -- macOS ----------------------------------------------------------------------------


def test_software_update_plist_binary_and_pending() -> None:
    data = plistlib.dumps({
        "LastSuccessfulDate": datetime(2026, 1, 19, 15, 0),
        "LastRecommendedUpdatesAvailable": 2,
        "AutomaticCheckEnabled": True, "AutomaticallyInstallMacOSUpdates": 0,
        "RecommendedUpdates": [
            {"Display Name": "macOS Sequoia 15.2", "Display Version": "15.2",
             "Product Key": "MSU_UPDATE_24C101_patch_15.2_minor"},
            {"Display Name": "macOS Sequoia 15.3", "Display Version": "15.3",
             "Product Key": "MSU_UPDATE_24D60_patch_15.3_minor"},
            {"Display Name": "Safari", "Display Version": "18.3", "Product Key": "072-1"},
        ]}, fmt=plistlib.FMT_BINARY)
    plist = um.load_plist(data)
    assert plist is not None
    rec = um.parse_software_update(plist)
    assert rec.last_check == datetime(2026, 1, 19, 15, 0, tzinfo=UTC)
    assert rec.switches == {"AutomaticCheckEnabled": True,
                            "AutomaticallyInstallMacOSUpdates": False}
    assert rec.recommended is not None
    pending = um.still_pending(rec.recommended, "15.2")
    assert [u.name for u in pending] == ["macOS Sequoia 15.3", "Safari"]


def test_major_upgrade_on_offer_is_not_a_pending_update() -> None:
    offered = (um.RecommendedUpdate("macOS Sequoia 15.1", "15.1", "MSU_UPDATE_24B83_major"),
               um.RecommendedUpdate("macOS Sonoma 14.7.1", "14.7.1",
                                    "MSU_UPDATE_23H222_patch_14.7.1_minor"))
    assert [u.name for u in um.still_pending(offered, "14.7")] == ["macOS Sonoma 14.7.1"]


def test_plist_garbage_is_unreadable() -> None:
    assert um.load_plist(b"bplist00\x00\x01garbage") is None
    assert um.load_plist(None) is None
    assert um.load_plist(plistlib.dumps([1, 2])) is None
    assert um.load_plist_list(plistlib.dumps({"a": 1})) is None


def test_install_history() -> None:
    items = [
        {"date": datetime(2026, 1, 1), "displayName": "XProtectPlistConfigData",
         "displayVersion": "5286", "processName": "softwareupdated",
         "contentType": "config-data"},
        {"date": datetime(2025, 12, 11), "displayName": "macOS Sequoia 15.2",
         "displayVersion": "15.2", "processName": "softwareupdated"},
        {"date": datetime(2026, 1, 5), "displayName": "Pages", "processName":
         "appstoreagent"},
        {"displayName": "no date"},
    ]
    entries = um.parse_install_history(items)
    assert len(entries) == 3
    assert um.last_system_install(entries).name == "XProtectPlistConfigData"  # type: ignore[union-attr]
    assert um.last_os_update(entries).name == "macOS Sequoia 15.2"  # type: ignore[union-attr]


def test_effective_switches_managed_first() -> None:
    sw = um.effective_switches({"AutomaticCheckEnabled": True, "AutomaticDownload": False},
                               {"AutomaticDownload": True})
    assert sw["AutomaticDownload"] == (True, "managed")
    assert sw["AutomaticCheckEnabled"] == (True, "local")
    assert sw["CriticalUpdateInstall"] == (None, "default")


# -- Windows --------------------------------------------------------------------------


def test_patch_tuesday() -> None:
    assert uw.patch_tuesday(2025, 9) == date(2025, 9, 9)
    assert uw.patch_tuesday(2026, 11) == date(2026, 11, 10)
    assert uw.patch_tuesday(2026, 9) == date(2026, 9, 8)
    # A week's grace: on 15 Oct 2025 the 14 Oct release is not yet expected.
    assert uw.expected_patch_tuesday(datetime(2025, 10, 15, tzinfo=UTC)) == date(2025, 9, 9)
    assert uw.expected_patch_tuesday(datetime(2025, 10, 21, tzinfo=UTC)) == date(2025, 10, 14)
    assert uw.expected_patch_tuesday(datetime(2026, 1, 5, tzinfo=UTC)) == date(2025, 12, 9)


def test_filetime() -> None:
    when = datetime(2025, 9, 10, 2, 14, tzinfo=UTC)
    ticks = int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10**7)
    assert uw.filetime_to_datetime(ticks >> 32, ticks & 0xFFFFFFFF) == when
    assert uw.filetime_to_datetime(None, 5) is None
    assert uw.filetime_to_datetime(0, 0) is None


def test_rollup_package_names() -> None:
    names = ["Package_for_KB5011048~31bf3856ad364e35~amd64~~10.0.19041.1",
             "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.6332.1.7",
             "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.6216.1.11",
             "Package_for_RollupFix~31bf3856ad364e35~arm64~~26100.2894.1.7"]
    assert uw.rollup_packages(names) == [
        (names[2], 19041, 6216), (names[1], 19041, 6332), (names[3], 26100, 2894)]


def test_pause_state() -> None:
    now = datetime(2026, 3, 20, tzinfo=UTC)
    p = uw.pause_state({"PauseUpdatesExpiryTime": "2026-03-29T09:12:44Z"}, None, None, now)
    assert p.paused_until == datetime(2026, 3, 29, 9, 12, 44, tzinfo=UTC)
    over = uw.pause_state({"PauseUpdatesExpiryTime": "2026-03-01T00:00:00Z"}, None, None, now)
    assert over.paused_until is None
    feature = uw.pause_state({"PauseFeatureUpdatesEndTime": "2026-04-01T00:00:00Z"}, None,
                             None, now)
    assert feature.paused_until is None and feature.feature_paused_until is not None
    policy = uw.pause_state(None, None, {"PauseQualityUpdatesStartTime": "2026-03-01"}, now)
    assert policy.paused_until == datetime(2026, 4, 5, tzinfo=UTC)
    status = uw.pause_state(None, {"PausedQualityStatus": 1,
                                   "PausedQualityDate": "2026-03-10T00:00:00Z"}, None, now)
    assert status.paused_until == datetime(2026, 3, 10, tzinfo=UTC) + timedelta(days=35)
    assert uw.pause_state({"PauseUpdatesExpiryTime": "garbage"}, None, None, now) \
        .paused_until is None


def test_history_fact_shapes() -> None:
    one = {"date": "2025-09-10T02:14:00", "operation": 1, "result": 2,
           "title": "2025-09 Cumulative Update for Windows 10 (KB5065429)"}
    assert len(uw.parse_history(one) or []) == 1
    assert uw.parse_history(None) == []
    assert uw.parse_history("junk") is None
    entries = uw.parse_history([
        one,
        {"date": "2025-09-17T02:00:00", "operation": 1, "result": 2,
         "title": "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602"},
        {"date": "2025-09-16T02:00:00", "operation": 1, "result": 4,
         "title": "2025-09 Update (KB5066666)"},
        {"date": "2025-09-15T02:00:00", "operation": 1, "result": 2,
         "title": "Intel - Display - 31.0.101.5522"},
        {"date": "not a date", "operation": 1, "result": 2, "title": "x (KB1234567)"},
    ])
    assert entries is not None and len(entries) == 4
    last = uw.last_windows_install(entries)
    assert last is not None and last.kb == "KB5065429"


def test_au_policy_values() -> None:
    assert uw.au_policy({"NoAutoUpdate": 1, "AUOptions": "3"}) == (1, 3)
    assert uw.au_policy(None) == (None, None)


# -- plain files of tool output (tests/fixtures/os_updates/raw/SOURCES.md) ---------------


def _raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_raw_apt_simulation_recorded_on_debian_12() -> None:
    """Real output: 106 upgrades from the main archive only, so none is a security fix."""
    sim = parse_apt_simulation(_raw("apt-get-s-dist-upgrade-debian12.txt"))
    assert sim.complete and sim.summary == (106, 0, 0, 0)
    assert len(sim.packages) == 106 and sim.kept_back == 0
    assert sim.security == ()
    assert {o for p in sim.packages for o in p.origins} == {"Debian:12.15/oldstable"}
    first = sim.packages[0]
    assert (first.name, first.old, first.new) == ("base-files", "12.4+deb12u11",
                                                  "12.4+deb12u15")


def test_raw_pacman_qu() -> None:
    listed = parse_pacman_qu(_raw("pacman-Qu-pending.txt"))
    assert listed is not None and [p[0] for p in listed] == ["firefox", "linux", "openssl",
                                                             "systemd"]
    assert listed[1] == ("linux", "6.17.7.arch1-1", "6.17.8.arch1-1")


def test_raw_dnf5_check_upgrade_and_its_security_listing() -> None:
    pending = parse_dnf_check_update(_raw("dnf5-check-upgrade-pending.txt"))
    assert [p[0] for p in pending] == ["firefox.x86_64", "kernel.x86_64", "kernel-core.x86_64",
                                       "mesa-dri-drivers.x86_64", "nss.x86_64"]
    assert pending[0] == ("firefox.x86_64", "145.0.1-1.fc43", "updates")
    security = parse_dnf_check_update(_raw("dnf5-check-upgrade-security.txt"))
    assert [p[0] for p in security] == ["firefox.x86_64", "nss.x86_64"]


def test_raw_zypper_streams() -> None:
    updates = parse_zypper_xml(_raw("zypper-list-updates.xml"))
    assert updates is not None and updates.complete and not updates.warnings
    assert [u["name"] for u in updates.updates] == ["libopenssl3", "vim"]
    patches = parse_zypper_xml(_raw("zypper-list-patches-security.xml"))
    assert patches is not None and patches.complete
    assert [(u["kind"], u["status"], u["category"]) for u in patches.updates] == [
        ("patch", "needed", "security")]


def test_raw_snap_refresh_time() -> None:
    snap = parse_snap_refresh_time(_raw("snap-refresh-time-abs.txt"))
    assert snap is not None and not snap.hold_forever and snap.hold_until is None
    assert snap.last == datetime(2026, 11, 20, 6, 12, 44, tzinfo=UTC)
    assert snap.raw["timer"] == "00:00~24:00/4"
