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

import re
from typing import Any

from checks.catalog.readers.sentences import unreadable
from checks.engine.commands import Command
from checks.engine.context import CONTAINER, WSL
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

EFI_DIR = "/sys/firmware/efi"
EFIVARS = "/sys/firmware/efi/efivars"
SECUREBOOT_VAR = "SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"
SETUPMODE_VAR = "SetupMode-8be4df61-93ca-11d2-aa0d-00e098032b8c"
# shim's runtime copy of its MokSBState: present only when `mokutil --disable-validation`
# told shim to start anything, signed or not (mokutil prints "SecureBoot validation is
# disabled in shim" when this variable exists).
MOKSB_VAR = "MokSBStateRT-605dab50-e046-4300-abb6-3dd810dd8b23"
WIN_STATE = r"HKLM\SYSTEM\CurrentControlSet\Control\SecureBoot\State"
WIN_CONTROL = r"HKLM\SYSTEM\CurrentControlSet\Control"
APPLE_POLICY_VAR = "94b73556-2197-4702-82a8-3e1337dafbfb:AppleSecureBootPolicy"


def parse_efivar_bool(data: bytes) -> bool | None:
    """An efivarfs boolean: 4 attribute bytes then one value byte (0 or 1)."""
    if len(data) != 5 or data[4] not in (0, 1):
        return None
    return data[4] == 1


def parse_mokutil(text: str) -> bool | str | None:
    """``mokutil --sb-state`` -> True (enabled), False (disabled), "unsupported"
    (legacy BIOS or no Secure Boot in the firmware) or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if first == "SecureBoot enabled":
        if any(line == "SecureBoot validation is disabled in shim" for line in lines):
            return False
        return True
    if first == "SecureBoot disabled":
        return False
    if first in ("This system doesn't support Secure Boot",
                 "EFI variables are not supported on this system"):
        return "unsupported"
    return None


def parse_apple_policy(text: str) -> int | None:
    """``nvram 94b73556-...:AppleSecureBootPolicy`` -> 2 full, 1 medium, 0 none."""
    m = re.search(r"AppleSecureBootPolicy\s+%0([0-2])\s*$", text.strip())
    return int(m.group(1)) if m else None


def _vm_note(scan: Scan) -> list[Message]:
    ctx = scan.context
    if ctx.kind == "virtual_machine":
        return [msg("This is a virtual machine ({hypervisor}): Secure Boot is a setting of the "
                    "virtual machine, changed in the program that runs it.",
                    hypervisor=ctx.hypervisor or "?")]
    return []


def _pass(summary: Message, evidence: list[Evidence], scan: Scan,
          data: dict[str, Any]) -> Finding:
    return Finding(Status.PASS, summary, evidence=evidence, details=_vm_note(scan),
                   data={**data, "secure_boot": True})


def _off(summary: Message, evidence: list[Evidence], scan: Scan, data: dict[str, Any],
         legacy: bool = False) -> Finding:
    details = [msg("Secure Boot stops a tampered start-up program from loading before the "
                   "system. It is switched on in the computer's firmware settings (UEFI/BIOS).")]
    if legacy:
        details.append(msg("Changing from legacy BIOS to UEFI start-up usually needs the "
                           "system to be reinstalled or converted: get help before trying it."))
    return Finding(Status.FAIL, summary, severity=Severity.LOW, evidence=evidence,
                   details=details + _vm_note(scan),
                   data={**data, "secure_boot": False, "legacy_bios": legacy})


def _linux(scan: Scan) -> Finding:
    ctx = scan.context
    if ctx.kind in (CONTAINER, WSL) or ctx.qubes_vm:
        return Finding(Status.NOT_APPLICABLE,
                       msg("This system runs inside {kind}: how the computer starts is decided "
                           "outside it.", kind=ctx.describe()), evidence=list(ctx.evidence))
    how = msg("Run \u201cmokutil --sb-state\u201d in a terminal, or look in the computer's "
              "firmware settings (UEFI/BIOS) for Secure Boot.")
    evidence: list[Evidence] = []
    efi = scan.host.list_dir(EFI_DIR)
    if efi is None and scan.host.stat(EFI_DIR) is None:
        # /sys/firmware exists on every Linux; only then is a missing efi folder telling.
        if scan.host.list_dir("/sys/firmware") is None and scan.host.stat("/sys/firmware") is None:
            return unreadable(msg("Checkup could not read how this computer started."),
                              how, [Evidence("/sys/firmware", "not readable")], {})
        evidence.append(Evidence(EFI_DIR, "absent: the system was started in legacy BIOS mode"))
        return _off(msg("This computer starts in legacy BIOS mode, which has no Secure Boot."),
                    evidence, scan, {}, legacy=True)
    evidence.append(Evidence(EFI_DIR, "present: started in UEFI mode"))
    data: dict[str, Any] = {"uefi": True}
    raw = scan.host.read_bytes(f"{EFIVARS}/{SECUREBOOT_VAR}")
    value: bool | None = None
    if raw is not None:
        value = parse_efivar_bool(raw)
        evidence.append(Evidence(f"{EFIVARS}/{SECUREBOOT_VAR}",
                                 " ".join(f"{b:02x}" for b in raw[:8]) +
                                 ("" if value is not None else " (unexpected)")))
    setup = scan.host.read_bytes(f"{EFIVARS}/{SETUPMODE_VAR}")
    if value is True and setup is not None and parse_efivar_bool(setup) is True:
        evidence.append(Evidence(f"{EFIVARS}/{SETUPMODE_VAR}", "01 (setup mode)"))
        value = False
    if value is None:
        res = scan.run(["mokutil", "--sb-state"])
        said = (res.stdout.strip() or res.stderr.strip()) if res.ran else ""
        state = parse_mokutil(said) if res.ran else None
        evidence.append(Evidence("mokutil --sb-state",
                                 said.replace("\n", " / ")[:160] if res.ran else res.describe()))
        if state == "unsupported":
            listing = scan.host.list_dir(EFIVARS)
            if listing:
                return _off(msg("This computer's firmware does not offer Secure Boot."),
                            evidence, scan, data)
        elif isinstance(state, bool):
            value = state
        if value is None and raw is None:
            listing = scan.host.list_dir(EFIVARS)
            if listing and not any(n.startswith("SecureBoot-") for n in listing):
                evidence.append(Evidence(EFIVARS, "no SecureBoot variable"))
                return _off(msg("This computer's firmware does not offer Secure Boot."),
                            evidence, scan, data)
    if value is True and raw is not None:
        # The firmware's variable says on; shim (the first boot loader of most Linux
        # systems) can still have been told to skip its own signature checks.
        listing = scan.host.list_dir(EFIVARS)
        if listing is None:
            evidence.append(Evidence(EFIVARS, "not listed: whether shim checks signatures is "
                                              "not known"))
            return unreadable(msg("Checkup could not read whether Secure Boot is on."),
                              how, evidence, data)
        if MOKSB_VAR in listing:
            evidence.append(Evidence(f"{EFIVARS}/{MOKSB_VAR}",
                                     "present: validation is disabled in shim"))
            return _off(msg("Secure Boot is on in the firmware, but the shim boot loader has "
                            "been told not to check what it starts, so unsigned software can "
                            "start."), evidence, scan, {**data, "shim_validation": False})
        evidence.append(Evidence(EFIVARS, "no MokSBStateRT: shim checks signatures"))
    if value is True:
        return _pass(msg("Secure Boot is on."), evidence, scan, data)
    if value is False:
        return _off(msg("Secure Boot is off."), evidence, scan, data)
    return unreadable(msg("Checkup could not read whether Secure Boot is on."), how, evidence, data)


def _windows(scan: Scan) -> Finding:
    how = msg("Press Windows+R, type \u201cmsinfo32\u201d and look at \u201cSecure Boot "
              "State\u201d and \u201cBIOS Mode\u201d.")
    evidence: list[Evidence] = []
    control = scan.host.registry_values(WIN_CONTROL, names=["PEFirmwareType"])
    firmware = (control or {}).get("PEFirmwareType")
    if firmware is not None:
        evidence.append(Evidence(WIN_CONTROL, f"PEFirmwareType = {firmware!r}"))
    state = scan.host.registry_values(WIN_STATE, names=["UEFISecureBootEnabled"])
    enabled = (state or {}).get("UEFISecureBootEnabled")
    evidence.append(Evidence(WIN_STATE, f"UEFISecureBootEnabled = {enabled!r}"
                             if enabled is not None else
                             ("not readable" if state is None else "no UEFISecureBootEnabled")))
    data: dict[str, Any] = {"firmware_type": firmware if isinstance(firmware, int) else None}
    if firmware == 1:
        return _off(msg("This computer starts in legacy BIOS mode, which has no Secure Boot."),
                    evidence, scan, data, legacy=True)
    if enabled == 1 and not isinstance(enabled, bool):
        return _pass(msg("Secure Boot is on."), evidence, scan, data)
    if enabled == 0 and not isinstance(enabled, bool):
        return _off(msg("Secure Boot is off."), evidence, scan, data)
    return unreadable(msg("Checkup could not read whether Secure Boot is on."), how, evidence, data)


def _macos(scan: Scan) -> Finding:
    how = msg("Start the Mac from Recovery and open Startup Security Utility to see its "
              "security level.")
    res = scan.run(["nvram", APPLE_POLICY_VAR])
    level = parse_apple_policy(res.stdout) if res.ok else None
    evidence = [Evidence(f"nvram {APPLE_POLICY_VAR}",
                         res.stdout.strip()[:120] if res.ok else res.describe())]
    data: dict[str, Any] = {"apple_policy": level}
    if level == 2:
        return _pass(msg("Secure Boot is set to Full Security."), evidence, scan, data)
    if level == 1:
        return Finding(Status.ATTENTION,
                       msg("Secure Boot is on at Medium Security: older, still-signed versions "
                           "of macOS may start too."), evidence=evidence,
                       data={**data, "secure_boot": True})
    if level == 0:
        return _off(msg("Secure Boot is off (No Security)."), evidence, scan, data)
    machine = scan.host.platform.machine
    if machine == "arm64":
        return unreadable(msg("Macs with Apple silicon always check the system they start, but "
                              "the security level can only be read with administrator rights."),
                          how, evidence, data)
    return unreadable(msg("Checkup could not read this Mac's start-up security setting."),
                      how, evidence, data)


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
    commands=(
        Command("mokutil", "--sb-state",
                why="reads the UEFI variables, which every user may read; changes nothing"),
        Command("nvram", APPLE_POLICY_VAR,
                why="reads one firmware variable, without root; writing would need it"),
    ),
    files=("/sys/firmware", EFI_DIR, EFIVARS, f"{EFIVARS}/*"),
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
