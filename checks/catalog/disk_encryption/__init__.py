"""The ``disk-encryption`` check: is the system disk encrypted, on every OS?

- Linux: the block devices behind /, the home folder and active swap, walked up through
  their parents (``linux_probe``, over the parsers ``lsblk``, ``sysblock``, ``proc`` and
  ``native`` and the walk in ``trace``); each must sit on dm-crypt/LUKS or be encrypted
  natively (eCryptfs, fscrypt, ZFS). Platform context first: a Qubes AppVM is dom0's
  business, a container and WSL cannot see the disk that holds them, Tails is amnesic.
- macOS: ``fdesetup status`` (``fdesetup``).
- Windows: the Shell property System.Volume.BitLockerProtection of the system drive,
  through the scan's single PowerShell process (``bitlocker`` for the values), the
  edition (Home = Device Encryption) and VeraCrypt's driver from the registry.

Verdicts (and why):
- An unencrypted system disk is a HIGH fail: whoever holds the laptop reads everything.
- Only the home folder encrypted (eCryptfs/fscrypt) with a plain system: MEDIUM fail — the
  person's files are protected, but copies outside home (temporary files, logs, caches,
  print spool) are not.
- Encrypted system with unencrypted disk swap: a fail, not a caveat, because swap receives
  whatever memory holds (passwords, open documents). MEDIUM, or HIGH when the machine
  hibernates to that swap (/sys/power/resume), which writes the disk key itself in clear.
- Encryption under way: attention (nothing to do but let it finish). Decryption under
  way, BitLocker suspended or waiting for activation: HIGH fail (the key is, or soon will
  be, readable from the disk).
- Device Encryption on Windows Home: attention, because the recovery key is held by the
  Microsoft account.
"""

from __future__ import annotations

from checks.catalog.disk_encryption.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.disk_encryption.gather import (
    BITLOCKER_FACT,
    FDESETUP_STATUS,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.catalog.disk_encryption.linux_probe import LINUX_COMMANDS, LINUX_FILES
from checks.engine.commands import Command
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec

CHECK_ID = "disk-encryption"


def check_linux(scan: Scan) -> Finding:
    return decide_linux(gather_linux(scan))


def check_macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


def check_windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


spec(
    CHECK_ID, N_("Disk encryption"),
    description=N_("Whether someone who takes this computer could read your files."),
    order=10,
    slot=0,
    systems={
        "linux": On(check_linux, Status.PASS, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(check_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(check_windows, Status.PASS, Status.ATTENTION, Status.FAIL,
                      Status.UNKNOWN),
    },
    commands=(
        *LINUX_COMMANDS,
        Command(*FDESETUP_STATUS, why="fdesetup(8): status reads FileVault's state "
                                      "without root"),
    ),
    files=LINUX_FILES,
    ps_facts=(BITLOCKER_FACT,),
    demos={
        "windows10-unencrypted-telegram": "disk_encryption/windows_off.json",
        "macos-filevault-signal": "disk_encryption/macos_on.json",
        "linux-luks-pending-updates": "disk_encryption/linux_luks_root.json",
        "windows11-bitlocker-keepass": "disk_encryption/windows_bitlocker_on.json",
        "windows11-home-remote-support": "disk_encryption/windows_device_encryption_home.json",
        "macos12-no-filevault": "disk_encryption/macos_off.json",
        "macos15-encrypting-screen-sharing": "disk_encryption/macos_encrypting.json",
        "linux-ubuntu2004-unencrypted": "disk_encryption/linux_unencrypted.json",
        "linux-kubuntu-well-kept": "disk_encryption/linux_lvm_on_luks.json",
    },
)
