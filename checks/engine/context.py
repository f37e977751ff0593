"""Platform context, detected once per scan: what kind of machine the checks look at.

Checks use it instead of guessing: a Qubes AppVM's disk is dom0's business, Tails is
amnesic by design, a container cannot see the host's disks. Inside an application sandbox
(Flatpak) the checks would see the sandbox, not the computer: ``sandbox`` names it, and the
runner turns every verdict into "could not check" (checks/engine/sandbox.py).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from checks.engine.commands import Command, declare
from checks.engine.host import Host
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence
from checks.engine.sandbox import describe_sandbox, detect_sandbox

COMMANDS = declare(
    "checks.engine.context",
    Command("systemd-detect-virt", "--container", why="inspects the local kernel and /proc"),
    Command("systemd-detect-virt", "--vm", why="inspects the local kernel and /proc"),
    Command("sysctl", "-n", "kern.hv_vmm_present",
            why="reads one kernel value: whether macOS runs under a hypervisor"),
)

PHYSICAL, VIRTUAL_MACHINE, CONTAINER, WSL, UNKNOWN = (
    "physical",
    "virtual_machine",
    "container",
    "wsl",
    "unknown",
)

_VM_VENDORS = {
    "qemu": "QEMU/KVM",
    "kvm": "KVM",
    "vmware": "VMware",
    "virtualbox": "VirtualBox",
    "innotek": "VirtualBox",
    "xen": "Xen",
    "parallels": "Parallels",
    "bochs": "Bochs",
    "bhyve": "bhyve",
    "microsoft corporation virtual machine": "Hyper-V",
    "virtual machine": "a hypervisor",
    "utm": "UTM",
    "apple virtualization": "Apple Virtualization",
}

KIND_LABELS = {
    PHYSICAL: N_("a physical computer"),
    VIRTUAL_MACHINE: N_("a virtual machine"),
    CONTAINER: N_("a container"),
    WSL: N_("Windows Subsystem for Linux"),
    UNKNOWN: N_("a computer of unknown kind"),
}


def parse_os_release(text: str | None) -> dict[str, str]:
    """Parse /etc/os-release (shell-style KEY=value lines); tolerant of junk lines."""
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        if not re.fullmatch(r"[A-Z0-9_]+", key):
            continue
        try:
            parts = shlex.split(value)
            out[key] = parts[0] if parts else ""
        except ValueError:
            out[key] = value.strip().strip("\"'")
    return out


@dataclass
class PlatformContext:
    family: str
    kind: str = UNKNOWN
    hypervisor: str = ""
    tails: bool = False
    qubes_vm: bool = False
    live_session: bool = False
    sandbox: str = ""  # "Flatpak" when Checkup itself runs in an application sandbox
    os_release: dict[str, str] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def describe(self) -> Message:
        if self.sandbox:
            return describe_sandbox(self.sandbox)
        if self.tails:
            return msg("Tails, the amnesic live system")
        if self.qubes_vm:
            return msg("a Qubes OS virtual machine")
        if self.kind == VIRTUAL_MACHINE and self.hypervisor:
            return msg("a virtual machine ({hypervisor})", hypervisor=self.hypervisor)
        if self.live_session:
            return msg("a live session started from a USB stick or DVD")
        return Message(KIND_LABELS[self.kind])

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "kind": self.kind,
            "hypervisor": self.hypervisor,
            "tails": self.tails,
            "qubes_vm": self.qubes_vm,
            "live_session": self.live_session,
            "sandbox": self.sandbox,
            "os": {k: self.os_release[k] for k in ("ID", "VERSION_ID", "NAME")
                   if k in self.os_release},
        }


def _vendor_name(text: str) -> str:
    low = text.lower()
    for key, name in _VM_VENDORS.items():
        if key in low:
            return name
    return ""


def detect_context(host: Host) -> PlatformContext:
    family = host.platform.family
    ctx = PlatformContext(family=family)
    try:
        if family == "linux":
            _detect_linux(host, ctx)
        elif family == "macos":
            _detect_macos(host, ctx)
        elif family == "windows":
            _detect_windows(host, ctx)
    except Exception as exc:  # context detection must never stop the scan
        ctx.evidence.append(Evidence("context", f"detection failed: {exc.__class__.__name__}"))
    return ctx


def _detect_linux(host: Host, ctx: PlatformContext) -> None:
    found = detect_sandbox(host)
    if found is not None:  # what follows would describe the sandbox, not the computer
        ctx.sandbox, line = found
        ctx.kind = CONTAINER
        ctx.evidence.append(line)
        return
    osr_text = host.read_text("/etc/os-release") or host.read_text("/usr/lib/os-release")
    ctx.os_release = parse_os_release(osr_text)
    osr = ctx.os_release
    if osr.get("ID") == "tails" or "TAILS_PRODUCT_NAME" in osr or osr.get("NAME") == "Tails":
        ctx.tails = True
        key = next(k for k in ("TAILS_PRODUCT_NAME", "ID", "NAME") if k in osr)
        ctx.evidence.append(Evidence("/etc/os-release", f"{key}={osr[key]}"))

    proc_version = host.read_text("/proc/version") or ""
    if "microsoft" in proc_version.lower() or "microsoft" in host.platform.release.lower():
        ctx.kind = WSL
        ctx.evidence.append(Evidence("/proc/version", proc_version.strip()[:120]))
        return

    container = ""
    for marker in ("/.dockerenv", "/run/.containerenv"):
        if host.stat(marker) is not None:
            container = marker
            break
    if not container:
        cgroup = host.read_text("/proc/1/cgroup") or ""
        for word in ("docker", "kubepods", "containerd", "lxc", "libpod"):
            if word in cgroup:
                container = f"/proc/1/cgroup mentions {word}"
                break
    if not container:
        res = host.run(["systemd-detect-virt", "--container"], timeout=5)
        if res.ran and res.stdout.strip() not in ("", "none"):
            container = f"systemd-detect-virt --container: {res.stdout.strip()}"
    if container:
        ctx.kind = CONTAINER
        ctx.evidence.append(Evidence("container", container))
        return

    if host.stat("/usr/share/qubes/marker-vm") is not None or host.stat("/run/qubes") is not None:
        ctx.qubes_vm = True
        ctx.kind = VIRTUAL_MACHINE
        ctx.hypervisor = "Xen (Qubes OS)"
        ctx.evidence.append(Evidence("/usr/share/qubes/marker-vm", "present"))

    if not ctx.qubes_vm:
        vm = ""
        res = host.run(["systemd-detect-virt", "--vm"], timeout=5)
        if res.ran and res.stdout.strip() not in ("", "none"):
            vm = res.stdout.strip()
            ctx.evidence.append(Evidence("systemd-detect-virt --vm", vm))
        for path in ("/sys/class/dmi/id/sys_vendor", "/sys/class/dmi/id/product_name"):
            text = (host.read_text(path) or "").strip()
            if text and _vendor_name(text):
                vm = vm or text
                ctx.evidence.append(Evidence(path, text))
                break
        if vm:
            ctx.kind = VIRTUAL_MACHINE
            ctx.hypervisor = _vendor_name(vm) or vm
        elif res.ran and res.stdout.strip() == "none":
            ctx.kind = PHYSICAL
            ctx.evidence.append(Evidence("systemd-detect-virt --vm", "none"))
        elif vendor := (host.read_text("/sys/class/dmi/id/sys_vendor") or "").strip():
            ctx.kind = PHYSICAL
            ctx.evidence.append(Evidence("/sys/class/dmi/id/sys_vendor", vendor))
        else:
            cpuinfo = host.read_text("/proc/cpuinfo") or ""
            if re.search(r"^flags\s*:.*\bhypervisor\b", cpuinfo, re.M):
                ctx.kind = VIRTUAL_MACHINE
                ctx.evidence.append(Evidence("/proc/cpuinfo", "hypervisor flag set"))
            elif cpuinfo:
                ctx.kind = PHYSICAL

    cmdline = host.read_text("/proc/cmdline") or ""
    if re.search(r"\bboot=(live|casper)\b|\brd\.live\.image\b|\bboot=live\b", cmdline):
        ctx.live_session = True
        ctx.evidence.append(Evidence("/proc/cmdline", "live boot parameters"))


def _detect_macos(host: Host, ctx: PlatformContext) -> None:
    res = host.run(["sysctl", "-n", "kern.hv_vmm_present"], timeout=5)
    if res.ok and res.stdout.strip() == "1":
        ctx.kind = VIRTUAL_MACHINE
        ctx.hypervisor = "a hypervisor"
        ctx.evidence.append(Evidence("sysctl kern.hv_vmm_present", "1"))
    elif res.ok and res.stdout.strip() == "0":
        ctx.kind = PHYSICAL
        ctx.evidence.append(Evidence("sysctl kern.hv_vmm_present", "0"))


def _detect_windows(host: Host, ctx: PlatformContext) -> None:
    values = host.registry_values(r"HKLM\HARDWARE\DESCRIPTION\System\BIOS") or {}
    maker = str(values.get("SystemManufacturer", ""))
    product = str(values.get("SystemProductName", ""))
    if maker or product:
        ctx.evidence.append(Evidence(r"HKLM\HARDWARE\DESCRIPTION\System\BIOS",
                                     f"{maker} {product}".strip()))
        name = _vendor_name(f"{maker} {product}")
        if name:
            ctx.kind = VIRTUAL_MACHINE
            ctx.hypervisor = name
        else:
            ctx.kind = PHYSICAL
