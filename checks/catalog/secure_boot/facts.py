"""What the secure-boot check read: the boot mode and UEFI variables (and mokutil's answer
when they say nothing) on Linux, two registry values on Windows, one NVRAM variable on
macOS; and whether this is a virtual machine. Pure: nothing here reads the machine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checks.engine.i18n import Message
from checks.engine.model import Evidence


@dataclass(frozen=True)
class Mokutil:
    ran: bool
    said: str  # stdout, else stderr, stripped ("" when it did not run)
    described: str  # how the run went, when it did not run
    state: bool | str | None  # parse_mokutil's answer


@dataclass(frozen=True)
class LinuxBootFacts:
    hypervisor: str | None  # a virtual machine's hypervisor ("?" if unnamed); None: not one
    inside: Message | None = None  # the container, WSL or Qubes VM this runs in, described
    context_evidence: tuple[Evidence, ...] = ()
    firmware_readable: bool = True  # /sys/firmware (present on every Linux)
    efi: bool = False  # /sys/firmware/efi: started in UEFI mode
    secure_boot_var: bytes | None = None  # the SecureBoot variable's file
    secure_boot: bool | None = None  # its value
    setup_mode: bool | None = None  # the SetupMode variable's value (None: not read)
    mokutil: Mokutil | None = None  # asked only when the variable says nothing
    efivars: tuple[str, ...] | None = None  # the variables listed (None: not listed)


@dataclass(frozen=True)
class WindowsBootFacts:
    hypervisor: str | None
    firmware: Any  # PEFirmwareType (1 legacy BIOS, 2 UEFI), None when absent
    state_readable: bool  # the SecureBoot\State key
    enabled: Any  # UEFISecureBootEnabled, None when absent


@dataclass(frozen=True)
class MacBootFacts:
    hypervisor: str | None
    ok: bool  # nvram answered
    shown: str  # its answer, or how the run went
    level: int | None  # 2 full, 1 medium, 0 none
    machine: str  # arm64 on Apple silicon
