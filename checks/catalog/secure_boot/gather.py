"""Reading the machine for the secure-boot check: /sys/firmware and the UEFI variables
(every user may read them), mokutil when the variable says nothing (Linux); the SecureBoot
State and Control registry keys (Windows); one NVRAM variable (macOS). No verdicts here."""

from __future__ import annotations

from checks.catalog.secure_boot.efivars import parse_efivar_bool
from checks.catalog.secure_boot.facts import (
    LinuxBootFacts,
    MacBootFacts,
    Mokutil,
    WindowsBootFacts,
)
from checks.catalog.secure_boot.mokutil import parse_mokutil
from checks.catalog.secure_boot.nvram import parse_apple_policy
from checks.engine.commands import Command
from checks.engine.context import CONTAINER, WSL
from checks.engine.registry import Scan

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


def _hypervisor(scan: Scan) -> str | None:
    ctx = scan.context
    return (ctx.hypervisor or "?") if ctx.kind == "virtual_machine" else None


def _mokutil(scan: Scan) -> Mokutil:
    res = scan.run(["mokutil", "--sb-state"])
    said = (res.stdout.strip() or res.stderr.strip()) if res.ran else ""
    return Mokutil(res.ran, said, res.describe(), parse_mokutil(said) if res.ran else None)


def gather_linux(scan: Scan) -> LinuxBootFacts:
    ctx, host = scan.context, scan.host
    vm = _hypervisor(scan)
    if ctx.kind in (CONTAINER, WSL) or ctx.qubes_vm:
        return LinuxBootFacts(vm, inside=ctx.describe(), context_evidence=tuple(ctx.evidence))
    if host.list_dir(EFI_DIR) is None and host.stat(EFI_DIR) is None:
        # /sys/firmware exists on every Linux; only then is a missing efi folder telling.
        readable = host.list_dir("/sys/firmware") is not None or \
            host.stat("/sys/firmware") is not None
        return LinuxBootFacts(vm, firmware_readable=readable, efi=False)
    raw = host.read_bytes(f"{EFIVARS}/{SECUREBOOT_VAR}")
    value = parse_efivar_bool(raw) if raw is not None else None
    setup = host.read_bytes(f"{EFIVARS}/{SETUPMODE_VAR}")
    listing = host.list_dir(EFIVARS)
    return LinuxBootFacts(
        vm, efi=True, secure_boot_var=raw, secure_boot=value,
        setup_mode=parse_efivar_bool(setup) if setup is not None else None,
        mokutil=_mokutil(scan) if value is None else None,
        efivars=None if listing is None else tuple(listing))


def gather_windows(scan: Scan) -> WindowsBootFacts:
    control = scan.host.registry_values(WIN_CONTROL, names=["PEFirmwareType"])
    state = scan.host.registry_values(WIN_STATE, names=["UEFISecureBootEnabled"])
    return WindowsBootFacts(_hypervisor(scan), (control or {}).get("PEFirmwareType"),
                            state is not None, (state or {}).get("UEFISecureBootEnabled"))


def gather_macos(scan: Scan) -> MacBootFacts:
    res = scan.run(["nvram", APPLE_POLICY_VAR])
    return MacBootFacts(_hypervisor(scan), res.ok,
                        res.stdout.strip()[:120] if res.ok else res.describe(),
                        parse_apple_policy(res.stdout) if res.ok else None,
                        scan.host.platform.machine)


COMMANDS = (
    Command("mokutil", "--sb-state",
            why="reads the UEFI variables, which every user may read; changes nothing"),
    Command("nvram", APPLE_POLICY_VAR,
            why="reads one firmware variable, without root; writing would need it"),
)
FILES = ("/sys/firmware", EFI_DIR, EFIVARS, f"{EFIVARS}/*")
