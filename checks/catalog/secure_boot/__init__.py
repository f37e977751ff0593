"""secure-boot: does the firmware refuse to start an operating system that is not signed?

Linux: the UEFI ``SecureBoot`` variable in efivarfs (4 attribute bytes, then the value
byte: 1 on, 0 off; the file is readable by every user), else ``mokutil --sb-state``; no
/sys/firmware/efi means the machine started in legacy BIOS mode. Windows:
``HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State`` UEFISecureBootEnabled, and
``PEFirmwareType`` (1 = legacy BIOS, 2 = UEFI). macOS: on Intel Macs with a T2 chip the
NVRAM variable ``AppleSecureBootPolicy`` can be read without administrator rights (%02 full,
%01 medium, %00 off); otherwise `unknown` — Apple silicon Macs always verify the system they
start, but the level can only be read with administrator rights.
"""

from __future__ import annotations

from checks.catalog.secure_boot.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.secure_boot.gather import (
    COMMANDS,
    FILES,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec


def _linux(scan: Scan) -> Finding:
    return decide_linux(gather_linux(scan))


def _windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


def _macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


spec(
    "secure-boot", N_("Secure Boot"),
    description=N_("Whether the computer refuses to start tampered system software."),
    order=45,
    slot=10,
    systems={
        "linux": On(_linux, Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=COMMANDS,
    files=FILES,
    demos={
        "windows11-bitlocker-keepass": "secure_boot/windows_on.json",
        "windows11-home-remote-support": "secure_boot/windows_on.json",
        "macos12-no-filevault": "secure_boot/macos_t2_none.json",
        "macos15-encrypting-screen-sharing": "secure_boot/macos_t2_medium.json",
        "linux-ubuntu2004-unencrypted": "secure_boot/linux_legacy_bios.json",
        "linux-kubuntu-well-kept": "secure_boot/linux_on.json",
        "windows10-unencrypted-telegram": "secure_boot/windows_on.json",
        "macos-filevault-signal": "secure_boot/macos_apple_silicon.json",
        "linux-luks-pending-updates": "secure_boot/linux_on.json",
    },
)
