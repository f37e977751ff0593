"""Reading the machine for the disk-encryption check: the platform context and the Linux
disk layout (``linux_probe``), ``fdesetup status`` on macOS, the BitLocker property and
three registry keys on Windows. No verdicts here."""

from __future__ import annotations

from collections.abc import Mapping

from checks.catalog.disk_encryption.bitlocker import interpret_fact
from checks.catalog.disk_encryption.facts import (
    LinuxFacts,
    MacFacts,
    WindowsFacts,
    clean_text,
)
from checks.catalog.disk_encryption.fdesetup import parse_fdesetup_status
from checks.catalog.disk_encryption.linux_probe import probe_linux
from checks.engine.context import CONTAINER, WSL
from checks.engine.host import RegistryValue
from checks.engine.model import Evidence
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

FDESETUP_STATUS = ["fdesetup", "status"]
BITLOCKER_FACT = ps_fact(
    "bitlocker_protection",
    # The system drive's BitLocker state as a number (language-independent, no admin).
    "$d = $env:SystemDrive; if (-not $d) { $d = 'C:' }; "
    "$p = (New-Object -ComObject Shell.Application).NameSpace($d + '\\').Self"
    ".ExtendedProperty('System.Volume.BitLockerProtection'); "
    "[ordered]@{ drive = $d; protection = $p }",
)
CURRENT_VERSION = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
VERACRYPT_SERVICE = r"HKLM\SYSTEM\CurrentControlSet\Services\veracrypt"
BITLOCKER_CONTROL = r"HKLM\SYSTEM\CurrentControlSet\Control\BitLocker"


def gather_linux(scan: Scan) -> LinuxFacts:
    """The context first: a Qubes AppVM, a container or WSL is not probed at all."""
    ctx = scan.context
    probe = not (ctx.qubes_vm or ctx.kind in (CONTAINER, WSL))
    return LinuxFacts(ctx.kind, ctx.qubes_vm, ctx.tails, tuple(ctx.evidence),
                      probe_linux(scan) if probe else None)


def gather_macos(scan: Scan) -> MacFacts:
    res = scan.run(FDESETUP_STATUS)
    return MacFacts(res.ran, res.returncode, res.describe(), res.stdout, res.stderr,
                    parse_fdesetup_status(res.stdout))


def _registry_evidence(edition: str, veracrypt: bool,
                       bl_control: Mapping[str, RegistryValue] | None) -> list[Evidence]:
    ev: list[Evidence] = []
    if edition:
        ev.append(Evidence(CURRENT_VERSION, f"EditionID={edition}"))
    if veracrypt:
        ev.append(Evidence(VERACRYPT_SERVICE, "present (VeraCrypt driver installed)"))
    if bl_control:
        shown = ", ".join(f"{k}={v}" for k, v in sorted(bl_control.items())
                          if not isinstance(v, bytes))
        if shown:
            ev.append(Evidence(BITLOCKER_CONTROL, shown[:200]))
    return ev


def gather_windows(scan: Scan) -> WindowsFacts:
    host = scan.host
    fact = scan.fact(BITLOCKER_FACT)
    cv = host.registry_values(CURRENT_VERSION, names=["EditionID"]) or {}
    edition = str(cv.get("EditionID") or "")
    veracrypt = host.registry_values(VERACRYPT_SERVICE) is not None
    evidence = tuple(_registry_evidence(edition, veracrypt,
                                        host.registry_values(BITLOCKER_CONTROL)))
    if fact.ok:
        return WindowsFacts(edition, veracrypt, evidence, interpret_fact(fact.value))
    if scan.windows.available:
        powershell = "available"
    elif scan.windows.result is not None and scan.windows.result.ran:
        powershell = "unreadable"
    else:
        powershell = "silent"
    return WindowsFacts(edition, veracrypt, evidence, None, clean_text(fact.error, 200),
                        powershell)
