"""disk-encryption: every fixture replays to the verdict, severity, evidence and wording a
person would see."""

from __future__ import annotations

import json

import pytest

from checks.engine.i18n import PSEUDO_CLOSE, PSEUDO_OPEN, translator
from checks.engine.model import Finding, Severity, Status
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from tests import protections_support
from tests.fixtures.disk_encryption import build_fixtures as bf
from tools.snapshot_builder import Fixture

FIXTURES = protections_support.FIXTURES / "disk_encryption"
P, A, F, U, NA = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                  Status.NOT_APPLICABLE)
H, M = Severity.HIGH, Severity.MEDIUM

# fixture -> (status, severity, evidence substring, English summary substring)
CASES: dict[str, tuple[Status, Severity | None, str, str]] = {
    # Linux
    "linux_luks_root": (P, None, "(crypt, ext4) <- nvme0n1p3 (part, crypto_LUKS)",
                        "Your system disk is encrypted (LUKS)."),
    "linux_lvm_on_luks": (P, None, "vgubuntu-root (lvm, ext4) <- sda3_crypt (crypt",
                          "Your system disk is encrypted (LUKS)."),
    "linux_luks_data_plain_root": (F, H, "encrypted volume luks-data (/media/ana/data) is not "
                                   "under /", "Your disk is not encrypted: anyone who takes"),
    "linux_home_ecryptfs": (F, M, "ecryptfs from /home/.ecryptfs/ana/.Private",
                            "Only your home folder is encrypted (eCryptfs)"),
    "linux_home_fscrypt": (F, M, "fscrypt status /home/ana: encrypted",
                           "Only your home folder is encrypted (fscrypt)"),
    "linux_unencrypted": (F, H, "/: sda2 (part, ext4) <- sda (disk)",
                          "Your disk is not encrypted: anyone who takes this computer can "
                          "read your files."),
    "linux_plain_swap": (F, M, "/dev/nvme0n1p3 (partition): nvme0n1p3 (part, swap)",
                         "but your swap space (/dev/nvme0n1p3) is not"),
    "linux_plain_swap_hibernate": (F, H, "259:3 (hibernation writes memory to /dev/nvme0n1p3)",
                                   "but your swap space (/dev/nvme0n1p3) is not"),
    "linux_zram_swap": (P, None, "/dev/zram0 (partition): zram0 (compressed memory)",
                        "Your system disk is encrypted (LUKS)."),
    "linux_qubes_appvm": (NA, None, "/usr/share/qubes/marker-vm", "Qubes OS virtual machine"),
    "linux_container": (U, None, "/.dockerenv", "running inside a container"),
    "linux_sysfs_fallback": (P, None, "dm-0=CRYPT-LUKS2", "Your system disk is encrypted (LUKS)."),
    "linux_lsblk_garbage": (U, None, "lsblk output is not JSON",
                            "could not read what lsblk printed"),
    "linux_lsblk_empty": (U, None, "lsblk printed nothing", "could not read what lsblk printed"),
    "linux_old_lsblk": (P, None, "vgubuntu-root (lvm, ext4) <- sda3_crypt",
                        "Your system disk is encrypted (LUKS)."),
    "linux_tails_persistent": (P, None, "TailsData_unlocked (crypt, ext4) <- sdb2",
                               "Tails forgets everything at shutdown, and your Persistent "
                               "Storage is encrypted (LUKS)."),
    "linux_live_overlay": (P, None, "changes kept in /run/live/overlay/rw <- /run/live/overlay "
                           "(tmpfs", "This live system keeps your work in memory only"),
    "linux_wsl": (U, None, "microsoft-standard-WSL2", "runs inside Windows (WSL)"),
    "linux_zfs_encrypted": (P, None, "encryption=aes-256-gcm",
                            "Your system disk is encrypted (ZFS native encryption)."),
    "linux_home_partition_plain": (F, H, "/home/ana: nvme0n1p3 (part, ext4)",
                                   "Your home folder (/home/ana), where your files are, is on"),
    "linux_recorded_container": (U, None, "container", "running inside a container"),
    # macOS
    "macos_on": (P, None, "fdesetup status: FileVault is On.",
                 "Your disk is encrypted (FileVault is on)."),
    "macos_off": (F, H, "fdesetup status: FileVault is Off.",
                  "Your disk is not encrypted: anyone who takes this Mac can read your files."),
    "macos_encrypting": (A, None, "Encryption in progress: Percent completed = 42.1",
                         "FileVault is encrypting your disk (42.1% done)"),
    "macos_encrypting_pending": (A, None, "Encryption in progress: Pending",
                                 "encryption has not finished yet (macOS says: Pending)"),
    "macos_decrypting": (F, H, "Decryption in progress: Percent completed = 73.4",
                         "your disk is being decrypted (73.4% done)"),
    "macos_encrypted_at_rest_off": (F, H, "fdesetup status: FileVault is Off.",
                                    "Your disk is not encrypted"),
    "macos_garbage": (U, None, "internal error 0xE00002C2",
                      "could not understand what fdesetup said"),
    "macos_error": (U, None, "Unable to get status (-69808)", "fdesetup reported an error"),
    "macos_deferred_off": (F, H, "Deferred enablement appears to be active for user 'ana'.",
                           "set to be turned on when ana next logs in or out"),
    "macos_deferred_on": (P, None, "FileVault is On. / Deferred enablement",
                          "Your disk is encrypted (FileVault is on). macOS also still lists"),
    "macos_pending_restart": (F, H, "will be enabled after the next restart",
                              "FileVault will be turned on at the next restart"),
    "macos_fdesetup_missing": (U, None, "command not found", "the fdesetup tool did not run"),
    # Windows
    "windows_bitlocker_on": (P, None, "System.Volume.BitLockerProtection (C:): 1",
                             "Your system disk is encrypted (BitLocker)."),
    "windows_off": (F, H, "System.Volume.BitLockerProtection (C:): 2",
                    "Your disk is not encrypted: anyone who takes this computer"),
    "windows_suspended": (F, H, "System.Volume.BitLockerProtection (C:): 5",
                          "BitLocker protection is suspended"),
    "windows_encrypting": (A, None, "System.Volume.BitLockerProtection (C:): 3",
                           "Windows is encrypting your system disk"),
    "windows_decrypting": (F, H, "System.Volume.BitLockerProtection (C:): 4",
                           "your system disk is being decrypted"),
    "windows_device_encryption_home": (A, None, "EditionID=Core",
                                       "recovery key is kept in your Microsoft account"),
    "windows_waiting_activation": (F, H, "System.Volume.BitLockerProtection (C:): 8",
                                   "the encryption was never activated"),
    "windows_unmapped_value": (U, None, "System.Volume.BitLockerProtection (C:): 7",
                               "Windows reported BitLocker state 7 for drive C:"),
    "windows_locked_value": (U, None, "System.Volume.BitLockerProtection (C:): 6",
                             "Windows reported BitLocker state 6 for drive C:"),
    "windows_empty_value": (U, None, "System.Volume.BitLockerProtection (C:): (empty)",
                            "did not report any BitLocker state for drive C:"),
    "windows_veracrypt": (U, None, r"Services\veracrypt: present",
                          "BitLocker is off, but VeraCrypt is installed"),
    "windows_powershell_missing": (U, None, "command not found",
                                   "because PowerShell did not answer"),
    "windows_powershell_garbage": (U, None, "PowerShell printed no readable facts",
                                   "but could not read PowerShell's answer"),
    "windows_fact_error": (U, None, "null-valued expression",
                           "reading its BitLocker state failed"),
}

EN = translator("en")

# -- cases only this file uses, built here rather than committed --------------------------
# (with the helpers of tests/fixtures/disk_encryption/build_fixtures.py; on each one's system
# a committed fixture gives the same verdict and sentences, so the suite-wide replays of the
# committed fixtures lose nothing)

# `diskutil apfs list` on an Apple silicon Mac with FileVault off: every volume is still
# "Encrypted at rest" (the hardware encrypts it), which says nothing about FileVault.
DISKUTIL_APFS = """APFS Containers (1 found)
|
+-- Container disk3 5C6A2E51-0D4B-4C0A-9D36-3B0F1E2D6A77
    ====================================================
    APFS Container Reference:     disk3
    Size (Capacity Ceiling):      494384795648 B (494.4 GB)
    Capacity In Use By Volumes:   201326592000 B (201.3 GB) (40.7% used)
    Capacity Not Allocated:       293058203648 B (293.1 GB) (59.3% free)
    |
    +-< Physical Store disk0s2 0D1E6A7B-3C52-4A8E-9F0B-2F6C1D8E7A41
    |   -----------------------------------------------------------
    |   APFS Physical Store Disk:   disk0s2
    |   Size:                       494384795648 B (494.4 GB)
    |
    +-> Volume disk3s1 9A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9
    |   ---------------------------------------------------
    |   APFS Volume Disk (Role):   disk3s1 (System)
    |   Name:                      Macintosh HD (Case-insensitive)
    |   Mount Point:               /System/Volumes/Update/mnt1
    |   Capacity Consumed:         10254655488 B (10.3 GB)
    |   Sealed:                    Broken
    |   FileVault:                 No (Encrypted at rest)
    |
    +-> Volume disk3s5 1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9
        ---------------------------------------------------
        APFS Volume Disk (Role):   disk3s5 (Data)
        Name:                      Macintosh HD - Data (Case-insensitive)
        Mount Point:               /System/Volumes/Data
        Capacity Consumed:         185643192320 B (185.6 GB)
        Sealed:                    No
        FileVault:                 No (Encrypted at rest)
"""

BUILT: dict[str, Fixture] = {
    "linux_lsblk_empty": bf.linux(
        "linux_lsblk_empty", "lsblk exits 0 and prints nothing", bf.SRC_LSBLK,
        commands=[bf.cmd(bf.LSBLK_ARGV, "")],
        files={"/proc/self/mountinfo": bf.LVM_MOUNTINFO,
               "/proc/swaps": bf.swaps(("/dev/dm-2", "partition", 4003836))}),
    "macos_encrypted_at_rest_off": bf.macos(
        "macos_encrypted_at_rest_off", "Apple silicon Mac: diskutil says 'Encrypted at "
        "rest' (hardware encryption), but FileVault is off", "FileVault is Off.\n",
        extra=[bf.cmd(["diskutil", "apfs", "list"], DISKUTIL_APFS)]),
    "windows_unmapped_value": bf.windows(
        "windows_unmapped_value", "Windows 11 Pro, an unmapped value (7)", stdout=bf.fact(7)),
}


def replay(name: str) -> Finding:
    """The case ``name`` (built above, or the committed fixture) replayed."""
    if name in BUILT:
        return protections_support.replay_snapshot(BUILT[name].snapshot())[1]
    return protections_support.replay(FIXTURES / f"{name}.json")[1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_replays_to_its_verdict(name: str) -> None:
    status, severity, evidence, summary = CASES[name]
    f = replay(name)
    lines = [e.line() for e in f.evidence]
    assert f.status is status, (f.status, EN.render(f.summary), lines)
    assert f.severity is severity
    assert any(evidence in line for line in lines), lines
    assert summary in EN.render(f.summary)
    assert f.check_id == "disk-encryption"


def test_every_case_is_in_the_table_and_says_where_it_comes_from() -> None:
    names = {p.stem for p in FIXTURES.glob("*.json")}
    assert names | set(BUILT) == set(CASES)
    assert not names & set(BUILT), "a case is both committed and built here"
    metas = {name: json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["meta"]
             for name in names}
    metas.update((name, fx.meta.to_json()) for name, fx in BUILT.items())
    for name, meta in metas.items():
        assert meta["origin"] in ("synthetic", "recorded"), name
        if meta["origin"] == "synthetic":
            assert meta.get("source"), name
    recorded = json.loads((FIXTURES / "linux_recorded_container.json").read_text())
    assert recorded["meta"]["origin"] == "recorded"


def test_a_luks_volume_elsewhere_proves_nothing_about_root() -> None:
    f = replay("linux_luks_data_plain_root")
    assert f.status is F and f.severity is H
    details = " ".join(EN.render(d) for d in f.details)
    assert "luks-data" in details and "not your system" in details


def test_encrypted_at_rest_is_not_filevault() -> None:
    """On Apple silicon diskutil says "Encrypted at rest" even with FileVault off: the
    fixture carries that output, and the verdict still follows fdesetup."""
    fx = BUILT["macos_encrypted_at_rest_off"]
    assert any("Encrypted at rest" in c.stdout for c in fx.commands)
    f = replay("macos_encrypted_at_rest_off")
    assert f.status is F
    assert all("Encrypted at rest" not in e.line() for e in f.evidence)


def test_veracrypt_with_bitlocker_off_is_never_a_fail() -> None:
    assert replay("windows_veracrypt").status is U
    assert replay("windows_off").status is F  # the same machine without VeraCrypt


def test_hibernating_to_plain_swap_explains_why_it_is_worse() -> None:
    f = replay("linux_plain_swap_hibernate")
    assert "key that unlocks your encrypted disk" in EN.render(f.details[0])
    assert not any("hibernat" in EN.render(d) for d in replay("linux_plain_swap").details)


def test_unknown_findings_tell_how_to_check_by_hand() -> None:
    for name, (status, *_rest) in CASES.items():
        if status is not U or name in ("linux_container", "linux_wsl",
                                       "linux_recorded_container", "windows_veracrypt"):
            continue
        f = replay(name)
        assert any("check by hand" in EN.render(d) for d in f.details), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_message_goes_through_translation(name: str) -> None:
    """The pseudo-locale wraps every translated string: nothing escapes gettext."""
    f = replay(name)
    qps = translator("qps")
    for m in [f.summary, *f.details]:
        text = qps.render(m)
        assert text.startswith(PSEUDO_OPEN) and text.rstrip().endswith(PSEUDO_CLOSE), text


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_summaries_are_translated(lang: str) -> None:
    tr = translator(lang)
    for name in CASES:
        f = replay(name)
        for m in [f.summary, *f.details]:
            assert tr.render(m) != EN.render(m), (lang, name, EN.render(m))


def test_full_scan_of_a_fixture_reports_disk_encryption() -> None:
    snap = Snapshot.load(FIXTURES / "linux_lvm_on_luks.json")
    result = run_scan(ReplayHost(snap))
    mine = [f for f in result.findings if f.check_id == "disk-encryption"]
    assert len(mine) == 1 and mine[0].status is P
    others = [f for f in result.findings if f.check_id != "disk-encryption"]
    assert all(f.status is U and f.json_data().get("reason") == "not_recorded" for f in others)
