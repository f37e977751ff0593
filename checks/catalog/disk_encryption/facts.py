"""What the disk-encryption check knows about the machine: typed facts, and the evidence
strings its verdict rests on. Pure: nothing here reads the machine (``gather`` and
``linux_probe`` do)."""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.catalog.disk_encryption.bitlocker import BitLockerReading
from checks.catalog.disk_encryption.fdesetup import FileVaultStatus
from checks.engine.model import Evidence

# What protects one part of a Linux system.
ENCRYPTED, PLAIN, MEMORY, UNKNOWN = "encrypted", "plain", "memory", "unknown"


def clean_text(text: str, limit: int = 300) -> str:
    """Tool output made safe for an evidence line: one line, control characters shown as
    escapes, at most ``limit`` characters."""
    out = "".join(ch if ch.isprintable() or ch == " " else
                  (" " if ch in "\t\r\n" else f"\\x{ord(ch):02x}") for ch in text)
    out = " ".join(out.split())
    return out if len(out) <= limit else out[: limit - 1] + "…"


# =============================================================================== Linux
@dataclass(frozen=True)
class Component:
    role: str  # "root" | "home" | "swap" | "persistence"
    target: str  # "/", the home path, the swap file or device
    state: str  # ENCRYPTED, PLAIN, MEMORY, UNKNOWN
    method: str = ""  # "LUKS", "dm-crypt", "ZFS", "eCryptfs", "fscrypt", "zram", "tmpfs"
    reason: str = ""  # for UNKNOWN (see messages.unknown_reason)
    detail: str = ""  # untranslated: the chain of devices, the dataset, …
    live: bool = False  # decided through a live system's overlay
    majmin: str = ""
    via: str = ""  # where ``detail`` was read ("lsblk", "sysfs", "zfs get", …)


@dataclass
class LinuxReport:
    """What ``linux_probe`` found, filled in as it reads (so not frozen)."""
    components: list[Component] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    problem: str = ""  # a reason code when the block devices could not be read at all
    problem_detail: str = ""
    source: str = ""  # "lsblk" | "sysfs"
    other_crypt: list[str] = field(default_factory=list)
    hibernate_to_plain_swap: str = ""  # the plain swap area /sys/power/resume points at

    def role(self, role: str) -> list[Component]:
        return [c for c in self.components if c.role == role]


@dataclass(frozen=True)
class LinuxFacts:
    """The platform context, and the disk layout when the context lets it be probed
    (``report`` is None in a Qubes AppVM, a container or WSL)."""
    kind: str  # the context's kind (checks.engine.context)
    qubes_vm: bool
    tails: bool
    context_evidence: tuple[Evidence, ...]
    report: LinuxReport | None = None


# =============================================================================== macOS
@dataclass(frozen=True)
class MacFacts:
    """``fdesetup status``: whether it ran, what it printed, and the parsed status."""
    ran: bool
    returncode: int | None
    described: str  # the run described (for evidence when it did not run)
    stdout: str
    stderr: str
    status: FileVaultStatus


# ============================================================================= Windows
@dataclass(frozen=True)
class WindowsFacts:
    """The BitLocker property (or why it could not be read), the edition, VeraCrypt's
    driver and the BitLocker control key, with the evidence lines they make."""
    edition: str
    veracrypt: bool
    evidence: tuple[Evidence, ...]  # the registry lines, before the BitLocker line
    reading: BitLockerReading | None  # None when the fact could not be read
    fact_error: str = ""
    powershell: str = ""  # "available" | "unreadable" (ran, answer not read) | "silent"
