"""The disk-encryption verdicts from what was gathered (pure: nothing here reads the machine).

See the package docstring for why each verdict is what it is."""

from __future__ import annotations

from collections.abc import Sequence

from checks.catalog.disk_encryption import bitlocker, fdesetup
from checks.catalog.disk_encryption import messages as say
from checks.catalog.disk_encryption.bitlocker import is_home_edition
from checks.catalog.disk_encryption.facts import (
    ENCRYPTED,
    MEMORY,
    PLAIN,
    UNKNOWN,
    Component,
    LinuxFacts,
    LinuxReport,
    MacFacts,
    WindowsFacts,
    clean_text,
)
from checks.engine.context import CONTAINER, VIRTUAL_MACHINE, WSL
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _fail(summary: Message, severity: Severity, evidence: Sequence[Evidence],
          details: Sequence[Message] = (), data: dict[str, str] | None = None) -> Finding:
    return Finding(Status.FAIL, summary, severity, list(evidence), list(details), dict(data or {}))


# =============================================================================== Linux
def decide_linux(seen: LinuxFacts) -> Finding:
    """``not_applicable`` in a Qubes AppVM, ``unknown`` in a container or WSL; otherwise the
    verdict on the disk layout (Tails judged on its persistence and swap only)."""
    ev = list(seen.context_evidence)
    if seen.qubes_vm:
        return Finding(Status.NOT_APPLICABLE, say.qubes_vm(), evidence=ev,
                       data={"context": "qubes_vm"})
    if seen.kind == CONTAINER:
        return Finding(Status.UNKNOWN, say.container(), evidence=ev, data={"reason": "container"})
    if seen.kind == WSL or seen.report is None:
        return Finding(Status.UNKNOWN, say.wsl(), evidence=ev, data={"reason": "wsl"})
    report = seen.report
    details: list[Message] = []
    if seen.kind == VIRTUAL_MACHINE:
        details.append(say.virtual_machine())
    if report.other_crypt:
        details.append(say.other_crypt(", ".join(report.other_crypt)))
    if seen.tails:
        return _tails(report, report.evidence, details)
    return _linux_verdict(report, report.evidence, details,
                          {"source": report.source or "none"})


def _persistence_plain(persist: Sequence[Component], evidence: list[Evidence],
                       details: list[Message]) -> Finding | None:
    for p in persist:
        if p.state == PLAIN:
            return _fail(say.persistence_plain(p.target), Severity.HIGH, evidence, details,
                         data={"state": "persistence_plain"})
    return None


def _first_unknown(components: Sequence[Component], evidence: list[Evidence],
                   details: list[Message], data: dict[str, str]) -> Finding | None:
    for c in components:
        if c.state == UNKNOWN:
            return Finding(Status.UNKNOWN, say.unknown_reason(c), evidence=evidence,
                           details=[*details, say.linux_how_to()],
                           data={**data, "reason": c.reason, "target": c.target})
    return None


def _plain_system(root: Component, home: Component | None, evidence: list[Evidence],
                  details: list[Message]) -> Finding:
    if home is not None and home.state == ENCRYPTED:
        return _fail(say.home_only(home.method), Severity.MEDIUM, evidence, details,
                     data={"state": "home_only"})
    return _fail(say.computer_plain(), Severity.HIGH, evidence, details,
                 data={"state": "plain"})


def _plain_swap(report: LinuxReport, root: Component, plain_swap: Sequence[Component],
                evidence: list[Evidence], details: list[Message]) -> Finding:
    names = ", ".join(s.target for s in plain_swap)
    severity = Severity.MEDIUM
    if report.hibernate_to_plain_swap:
        severity = Severity.HIGH
        details.insert(0, say.hibernates_to_plain_swap())
    if root.state == ENCRYPTED:
        summary = say.plain_swap_under_encrypted(root.method, names)
    else:
        summary = say.plain_swap(names)
    return _fail(summary, severity, evidence, details, data={"state": "plain_swap"})


def _linux_verdict(report: LinuxReport, evidence: list[Evidence], details: list[Message],
                   data: dict[str, str]) -> Finding:
    root = report.role("root")[0]
    homes = report.role("home")
    swaps = report.role("swap")
    persist = report.role("persistence")
    home = homes[0] if homes else None

    if root.state == PLAIN:
        return _plain_system(root, home, evidence, details)
    if home is not None and home.state == PLAIN:
        return _fail(say.home_plain(home.target), Severity.HIGH, evidence, details,
                     data={"state": "home_plain"})
    if (found := _persistence_plain(persist, evidence, details)) is not None:
        return found
    plain_swap = [s for s in swaps if s.state == PLAIN]
    if plain_swap:
        return _plain_swap(report, root, plain_swap, evidence, details)
    if (found := _first_unknown([root, *homes, *persist, *swaps], evidence, details,
                                data)) is not None:
        return found
    if root.state == MEMORY:
        return Finding(Status.PASS, say.live_memory_only(), evidence=evidence, details=details,
                       data={**data, "state": "live"})
    method = root.method or "dm-crypt"
    return Finding(Status.PASS, say.linux_encrypted(method), evidence=evidence,
                   details=details, data={**data, "method": method})


def _tails(report: LinuxReport, evidence: list[Evidence], details: list[Message]) -> Finding:
    persist = report.role("persistence")
    swaps = report.role("swap")
    if (found := _persistence_plain(persist, evidence, details)) is not None:
        return found
    plain_swap = [s for s in swaps if s.state == PLAIN]
    if plain_swap:
        return _fail(say.plain_swap(", ".join(s.target for s in plain_swap)),
                     Severity.MEDIUM, evidence, details, data={"state": "plain_swap"})
    if (found := _first_unknown([*persist, *swaps], evidence, details,
                                {"context": "tails"})) is not None:
        return found
    details = [*details, say.tails_outside_persistence()]
    unlocked = [p for p in persist if p.state == ENCRYPTED]
    if unlocked:
        return Finding(Status.PASS, say.tails_persistence_encrypted(unlocked[0].method or "LUKS"),
                       evidence=evidence, details=details,
                       data={"context": "tails", "persistence": "encrypted"})
    return Finding(Status.PASS, say.tails_amnesic(), evidence=evidence, details=details,
                   data={"context": "tails", "persistence": "none"})


# =============================================================================== macOS
def _fdesetup_evidence(seen: MacFacts) -> list[Evidence]:
    shown = " / ".join(clean_text(ln) for ln in seen.stdout.splitlines() if ln.strip())
    ev = [Evidence("fdesetup status",
                   clean_text(shown) or f"(no output; exit status {seen.returncode})")]
    if seen.stderr.strip():
        ev.append(Evidence("fdesetup status (errors)", clean_text(seen.stderr, 200)))
    return ev


def _filevault_converting(st: fdesetup.FileVaultStatus, ev: list[Evidence]) -> Finding:
    if st.state == fdesetup.ENCRYPTING:
        if st.percent:
            summary = say.filevault_encrypting(st.percent)
        else:
            summary = say.filevault_encrypting_note(st.progress_note or "?")
        return Finding(Status.ATTENTION, summary, evidence=ev,
                       data={"state": "encrypting", "percent": st.percent})
    return _fail(say.filevault_decrypting(st.percent or "?"), Severity.HIGH, ev,
                 data={"state": "decrypting"})


def _filevault_unknown(seen: MacFacts, ev: list[Evidence]) -> Finding:
    if seen.returncode != 0 and not seen.status.unrecognised:
        return Finding(Status.UNKNOWN, say.fdesetup_error(), evidence=ev,
                       details=[say.macos_how_to()], data={"reason": "fdesetup_error"})
    return Finding(Status.UNKNOWN, say.fdesetup_unrecognised(), evidence=ev,
                   details=[say.macos_how_to()], data={"reason": "fdesetup_unrecognised"})


def decide_macos(seen: MacFacts) -> Finding:
    """``pass`` when FileVault is on, ``attention`` while it encrypts, ``fail`` when it is
    off, decrypting or waiting for a restart, ``unknown`` when fdesetup did not say."""
    if not seen.ran:
        return Finding(Status.UNKNOWN, say.fdesetup_missing(),
                       evidence=[Evidence("fdesetup status", seen.described.split(": ", 1)[-1])],
                       details=[say.macos_how_to()], data={"reason": "fdesetup_missing"})
    ev = _fdesetup_evidence(seen)
    st = seen.status
    if st.state == fdesetup.ON and st.deferred:
        return Finding(Status.PASS, say.filevault_on_deferred(), evidence=ev,
                       data={"state": "on_deferred"})
    if st.state == fdesetup.ON:
        return Finding(Status.PASS, say.filevault_on(), evidence=ev, data={"state": "on"})
    if st.state in (fdesetup.ENCRYPTING, fdesetup.DECRYPTING):
        return _filevault_converting(st, ev)
    if st.state == fdesetup.PENDING_RESTART:
        return _fail(say.filevault_pending_restart(), Severity.HIGH, ev,
                     data={"state": "pending_restart"})
    if st.state == fdesetup.OFF and st.deferred:
        return _fail(say.filevault_off_deferred(st.deferred_user or "?"), Severity.HIGH, ev,
                     data={"state": "off_deferred"})
    if st.state == fdesetup.OFF:
        return _fail(say.filevault_off(), Severity.HIGH, ev, data={"state": "off"})
    return _filevault_unknown(seen, ev)


# ============================================================================= Windows
def _unread(seen: WindowsFacts) -> Finding:
    ev = [Evidence("System.Volume.BitLockerProtection", f"not read: {seen.fact_error}"),
          *seen.evidence]
    if seen.powershell == "available":
        summary = say.bitlocker_state_failed()
    elif seen.powershell == "unreadable":
        summary = say.powershell_unreadable()
    else:
        summary = say.powershell_silent()
    return Finding(Status.UNKNOWN, summary, evidence=ev, details=[say.windows_how_to("C:")],
                   data={"reason": "fact_failed" if seen.powershell == "available"
                         else "powershell"})


def _protected(state: str, home: bool, ev: list[Evidence], data: dict[str, str]) -> Finding:
    """The drive is encrypted and its key protected, or on its way there."""
    if state == bitlocker.ON and home:
        return Finding(Status.ATTENTION, say.device_encryption_home(), evidence=ev,
                       data={**data, "method": "device_encryption"})
    if state == bitlocker.ON:
        return Finding(Status.PASS, say.bitlocker_on(), evidence=ev,
                       details=[say.keep_recovery_key()], data={**data, "method": "bitlocker"})
    return Finding(Status.ATTENTION, say.windows_encrypting(), evidence=ev, data=data)


def _exposed(state: str, home: bool, ev: list[Evidence], data: dict[str, str]) -> Finding:
    """Anyone who takes the computer can read the drive, now or soon."""
    if state == bitlocker.OFF:
        return _fail(say.computer_plain(), Severity.HIGH, ev, data=data)
    if state == bitlocker.DECRYPTING:
        return _fail(say.windows_decrypting(), Severity.HIGH, ev, data=data)
    if state == bitlocker.SUSPENDED:
        return _fail(say.bitlocker_suspended(), Severity.HIGH, ev, data=data)
    details = [say.home_activation_needs_account()] if home else []
    return _fail(say.waiting_activation(), Severity.HIGH, ev, details, data=data)


def decide_windows(seen: WindowsFacts) -> Finding:
    """``pass`` for BitLocker on, ``attention`` for Device Encryption on Home (the key is
    with Microsoft) or encryption under way, ``fail`` when off, decrypting, suspended or
    never activated, ``unknown`` for VeraCrypt, no value or a value not mapped."""
    reading = seen.reading
    if reading is None:
        return _unread(seen)
    ev = [Evidence(f"System.Volume.BitLockerProtection ({reading.drive})", reading.raw),
          *seen.evidence]
    data = {"bitlocker_value": reading.raw, "state": reading.state,
            "edition": seen.edition or "unknown"}
    state = reading.state
    home = is_home_edition(seen.edition)
    if seen.veracrypt and state in (bitlocker.OFF, bitlocker.NONE):
        return Finding(Status.UNKNOWN, say.veracrypt_maybe(), evidence=ev,
                       data={**data, "reason": "veracrypt"})
    if state in (bitlocker.ON, bitlocker.ENCRYPTING):
        return _protected(state, home, ev, data)
    if state in (bitlocker.OFF, bitlocker.DECRYPTING, bitlocker.SUSPENDED, bitlocker.WAITING):
        return _exposed(state, home, ev, data)
    how_to = say.windows_how_to(reading.drive)
    if state == bitlocker.NONE:
        return Finding(Status.UNKNOWN, say.no_bitlocker_value(reading.drive), evidence=ev,
                       details=[how_to], data={**data, "reason": "no_value"})
    return Finding(Status.UNKNOWN, say.unmapped_value(reading.raw, reading.drive), evidence=ev,
                   details=[how_to], data={**data, "reason": "unmapped_value"})
