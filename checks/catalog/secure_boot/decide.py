"""The secure-boot verdicts from what was read (pure: nothing here reads the machine)."""

from __future__ import annotations

from typing import Any

from checks.catalog.readers.sentences import unreadable
from checks.catalog.secure_boot import messages as say
from checks.catalog.secure_boot.facts import LinuxBootFacts, MacBootFacts, WindowsBootFacts
from checks.catalog.secure_boot.gather import (
    APPLE_POLICY_VAR,
    EFI_DIR,
    EFIVARS,
    MOKSB_VAR,
    SECUREBOOT_VAR,
    SETUPMODE_VAR,
    WIN_CONTROL,
    WIN_STATE,
)
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _vm_note(hypervisor: str | None) -> list[Message]:
    return [say.vm_setting(hypervisor)] if hypervisor is not None else []


def _pass(summary: Message, evidence: list[Evidence], hypervisor: str | None,
          data: dict[str, Any]) -> Finding:
    return Finding(Status.PASS, summary, evidence=evidence, details=_vm_note(hypervisor),
                   data={**data, "secure_boot": True})


def _off(summary: Message, evidence: list[Evidence], hypervisor: str | None,
         data: dict[str, Any], legacy: bool = False) -> Finding:
    details = [say.what_it_does()]
    if legacy:
        details.append(say.legacy_conversion())
    return Finding(Status.FAIL, summary, severity=Severity.LOW, evidence=evidence,
                   details=details + _vm_note(hypervisor),
                   data={**data, "secure_boot": False, "legacy_bios": legacy})


# -- Linux --------------------------------------------------------------------------------

def _variable(f: LinuxBootFacts, evidence: list[Evidence]) -> bool | None:
    """The SecureBoot variable's value; off in setup mode."""
    value = f.secure_boot
    if f.secure_boot_var is not None:
        evidence.append(Evidence(f"{EFIVARS}/{SECUREBOOT_VAR}",
                                 " ".join(f"{b:02x}" for b in f.secure_boot_var[:8]) +
                                 ("" if value is not None else " (unexpected)")))
    if value is True and f.setup_mode is True:
        evidence.append(Evidence(f"{EFIVARS}/{SETUPMODE_VAR}", "01 (setup mode)"))
        value = False
    return value


def _from_mokutil(f: LinuxBootFacts, evidence: list[Evidence],
                  data: dict[str, Any]) -> bool | Finding | None:
    """What mokutil (and the variables listed) say when the variable said nothing."""
    mok = f.mokutil
    assert mok is not None
    evidence.append(Evidence("mokutil --sb-state",
                             mok.said.replace("\n", " / ")[:160] if mok.ran else mok.described))
    value: bool | None = None
    if mok.state == "unsupported":
        if f.efivars:
            return _off(say.not_offered(), evidence, f.hypervisor, data)
    elif isinstance(mok.state, bool):
        value = mok.state
    if value is None and f.secure_boot_var is None:
        if f.efivars and not any(n.startswith("SecureBoot-") for n in f.efivars):
            evidence.append(Evidence(EFIVARS, "no SecureBoot variable"))
            return _off(say.not_offered(), evidence, f.hypervisor, data)
    return value


def _shim(f: LinuxBootFacts, evidence: list[Evidence], data: dict[str, Any]) -> Finding | None:
    """The firmware's variable says on; shim (the first boot loader of most Linux systems)
    can still have been told to skip its own signature checks."""
    if f.efivars is None:
        evidence.append(Evidence(EFIVARS, "not listed: whether shim checks signatures is "
                                          "not known"))
        return unreadable(say.unreadable(), say.linux_how(), evidence, data)
    if MOKSB_VAR in f.efivars:
        evidence.append(Evidence(f"{EFIVARS}/{MOKSB_VAR}",
                                 "present: validation is disabled in shim"))
        return _off(say.shim_not_checking(), evidence, f.hypervisor,
                    {**data, "shim_validation": False})
    evidence.append(Evidence(EFIVARS, "no MokSBStateRT: shim checks signatures"))
    return None


def decide_linux(f: LinuxBootFacts) -> Finding:
    """``not_applicable`` inside a container, WSL or a Qubes VM; ``fail`` (LOW) for legacy
    BIOS, Secure Boot off or not offered, or shim not checking; ``pass`` when on."""
    if f.inside is not None:
        return Finding(Status.NOT_APPLICABLE, say.inside(f.inside),
                       evidence=list(f.context_evidence))
    if not f.efi:
        if not f.firmware_readable:
            return unreadable(say.start_unreadable(), say.linux_how(),
                              [Evidence("/sys/firmware", "not readable")], {})
        return _off(say.legacy_bios(), [Evidence(EFI_DIR, "absent: the system was started "
                                                          "in legacy BIOS mode")],
                    f.hypervisor, {}, legacy=True)
    evidence = [Evidence(EFI_DIR, "present: started in UEFI mode")]
    data: dict[str, Any] = {"uefi": True}
    value = _variable(f, evidence)
    if f.mokutil is not None:
        said = _from_mokutil(f, evidence, data)
        if isinstance(said, Finding):
            return said
        value = said
    if value is True and f.secure_boot_var is not None:
        shim = _shim(f, evidence, data)
        if shim is not None:
            return shim
    if value is True:
        return _pass(say.on(), evidence, f.hypervisor, data)
    if value is False:
        return _off(say.off(), evidence, f.hypervisor, data)
    return unreadable(say.unreadable(), say.linux_how(), evidence, data)


# -- Windows ------------------------------------------------------------------------------

def decide_windows(f: WindowsBootFacts) -> Finding:
    """PEFirmwareType 1 is legacy BIOS; UEFISecureBootEnabled 1 on, 0 off."""
    evidence: list[Evidence] = []
    if f.firmware is not None:
        evidence.append(Evidence(WIN_CONTROL, f"PEFirmwareType = {f.firmware!r}"))
    evidence.append(Evidence(WIN_STATE, f"UEFISecureBootEnabled = {f.enabled!r}"
                             if f.enabled is not None else
                             ("not readable" if not f.state_readable
                              else "no UEFISecureBootEnabled")))
    data: dict[str, Any] = {"firmware_type": f.firmware if isinstance(f.firmware, int)
                            else None}
    if f.firmware == 1:
        return _off(say.legacy_bios(), evidence, f.hypervisor, data, legacy=True)
    if f.enabled == 1 and not isinstance(f.enabled, bool):
        return _pass(say.on(), evidence, f.hypervisor, data)
    if f.enabled == 0 and not isinstance(f.enabled, bool):
        return _off(say.off(), evidence, f.hypervisor, data)
    return unreadable(say.unreadable(), say.windows_how(), evidence, data)


# -- macOS --------------------------------------------------------------------------------

def decide_macos(f: MacBootFacts) -> Finding:
    """AppleSecureBootPolicy 2 full (``pass``), 1 medium (``attention``), 0 none
    (``fail``); unreadable otherwise, as on every Apple silicon Mac."""
    evidence = [Evidence(f"nvram {APPLE_POLICY_VAR}", f.shown)]
    data: dict[str, Any] = {"apple_policy": f.level}
    if f.level == 2:
        return _pass(say.full_security(), evidence, f.hypervisor, data)
    if f.level == 1:
        return Finding(Status.ATTENTION, say.medium_security(), evidence=evidence,
                       data={**data, "secure_boot": True})
    if f.level == 0:
        return _off(say.no_security(), evidence, f.hypervisor, data)
    if f.machine == "arm64":
        return unreadable(say.apple_silicon(), say.macos_how(), evidence, data)
    return unreadable(say.mac_unreadable(), say.macos_how(), evidence, data)
