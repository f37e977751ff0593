"""The ``disk-encryption`` check: is the system disk encrypted, on every OS?

- Linux: the block devices behind /, the home folder and active swap, walked up through
  their parents (``linux_probe``); each must sit on dm-crypt/LUKS or be encrypted
  natively (eCryptfs, fscrypt, ZFS). Platform context first: a Qubes AppVM is dom0's
  business, a container and WSL cannot see the disk that holds them, Tails is amnesic.
- macOS: ``fdesetup status`` (``macos``).
- Windows: the Shell property System.Volume.BitLockerProtection of the system drive,
  through the scan's single PowerShell process (``windows`` for the values), the
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

from collections.abc import Sequence

from checks.catalog.disk_encryption.linux import ENCRYPTED, MEMORY, PLAIN, UNKNOWN, clean_text
from checks.catalog.disk_encryption.linux_probe import (
    LINUX_COMMANDS,
    LINUX_FILES,
    Component,
    LinuxReport,
    probe_linux,
)
from checks.catalog.disk_encryption.macos import (
    DECRYPTING,
    ENCRYPTING,
    OFF,
    ON,
    PENDING_RESTART,
    parse_fdesetup_status,
)
from checks.catalog.disk_encryption.windows import interpret_fact, is_home_edition
from checks.engine.commands import Command
from checks.engine.context import CONTAINER, VIRTUAL_MACHINE, WSL
from checks.engine.i18n import N_, Message, msg
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec
from checks.engine.winfacts import ps_fact

CHECK_ID = "disk-encryption"

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


def _fail(summary: Message, severity: Severity, evidence: Sequence[Evidence],
          details: Sequence[Message] = (), data: dict[str, str] | None = None) -> Finding:
    return Finding(Status.FAIL, summary, severity, list(evidence), list(details), dict(data or {}))


# =============================================================================== Linux
def _target(c: Component) -> Message:
    if c.role == "root":
        return msg("your system (/)")
    if c.role == "home":
        return msg("your home folder ({path})", path=c.target)
    if c.role == "persistence":
        return msg("your persistent storage ({path})", path=c.target)
    return msg("your swap space ({path})", path=c.target)


def _unknown_reason(c: Component) -> Message:
    target = _target(c)
    reasons: dict[str, Message] = {
        "no_block_info": msg("Checkup could not find out which disk holds {target}: the lsblk "
                             "tool is missing and /sys/block could not be read.", target=target),
        "lsblk_failed": msg("Checkup could not list the disks: lsblk failed and /sys/block "
                            "could not be read.", target=target),
        "lsblk_unreadable": msg("Checkup could not read what lsblk printed about the disks, so "
                                "it cannot tell whether {target} is encrypted.", target=target),
        "no_mount_info": msg("Checkup could not find out which disk holds {target}.",
                             target=target),
        "device_not_found": msg("Checkup could not match {target} to a disk it knows, so it "
                                "cannot tell whether it is encrypted.", target=target),
        "untraceable": msg("Checkup could not follow the disk layout under {target} all the way "
                           "down, so it cannot tell whether it is encrypted.", target=target),
        "loop": msg("Checkup found {target} inside a file (a loop device) that it could not "
                    "locate, so it cannot tell whether it is encrypted.", target=target),
        "overlay": msg("This system runs from a live image, and Checkup could not find where it "
                       "keeps your changes.", target=target),
        "overlay_ro": msg("Your system (/) is a read-only image, and Checkup could not find "
                          "the disk it comes from.", target=target),
        "network_fs": msg("Checkup found {target} on network storage: whether it is "
                          "encrypted is decided on the server, which Checkup cannot see.",
                          target=target),
        "fs_unsupported": msg("Checkup cannot tell whether {target} is encrypted: it uses a "
                              "file system with its own encryption, which Checkup cannot "
                              "check.", target=target),
        "zfs_unknown": msg("Checkup found {target} on ZFS, but could not ask ZFS whether it "
                           "is encrypted (the zfs command did not answer).", target=target),
        "zfs_pool": msg("Checkup found {target} on ZFS without ZFS encryption, and could not "
                        "tell whether the disks under it are encrypted.", target=target),
        "swaps_unreadable": msg("Checkup could not read the list of swap areas (/proc/swaps).",
                                target=target),
    }
    return reasons.get(c.reason, msg("Checkup could not tell whether {target} is encrypted.",
                                     target=target))


LINUX_HOW_TO = N_("To check by hand, open a terminal and run: lsblk -o NAME,TYPE,MOUNTPOINT — "
                  "the line for / (and for your swap) should sit under a line of type "
                  "\"crypt\".")


def check_linux(scan: Scan) -> Finding:
    ctx = scan.context
    ev = list(ctx.evidence)
    if ctx.qubes_vm:
        return Finding(Status.NOT_APPLICABLE, msg(
            "This is a Qubes OS virtual machine: its disk is stored and encrypted by Qubes "
            "itself (in dom0), not inside this machine. Check disk encryption from dom0: Qubes "
            "encrypts it when you choose encryption at installation."), evidence=ev,
            data={"context": "qubes_vm"})
    if ctx.kind == CONTAINER:
        return Finding(Status.UNKNOWN, msg(
            "Checkup is running inside a container, which cannot see the disks of the computer "
            "it runs on. Run Checkup directly on that computer to check its disk encryption."),
            evidence=ev, data={"reason": "container"})
    if ctx.kind == WSL:
        return Finding(Status.UNKNOWN, msg(
            "This Linux runs inside Windows (WSL): its files are stored on the Windows disk, so "
            "BitLocker or Device Encryption on the Windows side decides whether they are "
            "protected. Run Checkup on Windows itself to check that."),
            evidence=ev, data={"reason": "wsl"})

    report = probe_linux(scan)
    evidence = report.evidence
    details: list[Message] = []
    if ctx.kind == VIRTUAL_MACHINE:
        details.append(msg("This is a virtual machine: its virtual disk is a file on the host "
                           "computer, whose own encryption Checkup cannot see from here."))
    data = {"source": report.source or "none"}
    if report.other_crypt:
        details.append(msg("Checkup found an encrypted volume elsewhere on this computer "
                           "({names}). It protects only the files stored on it, not your "
                           "system.", names=", ".join(report.other_crypt)))
    if ctx.tails:
        return _tails(report, evidence, details)
    return _linux_verdict(report, evidence, details, data)


def _linux_verdict(report: LinuxReport, evidence: list[Evidence], details: list[Message],
                   data: dict[str, str]) -> Finding:
    root = report.role("root")[0]
    homes = report.role("home")
    swaps = report.role("swap")
    persist = report.role("persistence")
    home = homes[0] if homes else None

    if root.state == PLAIN:
        if home is not None and home.state == ENCRYPTED:
            return _fail(msg(
                "Only your home folder is encrypted ({method}); the rest of the system disk is "
                "not. Temporary files, logs and other copies of your data kept outside your "
                "home folder can be read by anyone who takes this computer.",
                method=home.method), Severity.MEDIUM, evidence, details, data={"state": "home_only"})
        return _fail(msg("Your disk is not encrypted: anyone who takes this computer can read "
                         "your files."), Severity.HIGH, evidence, details, data={"state": "plain"})
    if home is not None and home.state == PLAIN:
        return _fail(msg("Your home folder ({path}), where your files are, is on a part of the "
                         "disk that is not encrypted: anyone who takes this computer can read "
                         "your files.", path=home.target),
                     Severity.HIGH, evidence, details, data={"state": "home_plain"})
    for p in persist:
        if p.state == PLAIN:
            return _fail(msg("Your persistent storage ({path}) is not encrypted: anyone who "
                             "takes the disk can read it.", path=p.target),
                         Severity.HIGH, evidence, details, data={"state": "persistence_plain"})
    plain_swap = [s for s in swaps if s.state == PLAIN]
    if plain_swap:
        names = ", ".join(s.target for s in plain_swap)
        severity = Severity.MEDIUM
        if report.hibernate_to_plain_swap:
            severity = Severity.HIGH
            details.insert(0, msg(
                "This computer hibernates to that swap space: everything in memory, including "
                "the key that unlocks your encrypted disk, is then written there in clear."))
        if root.state == ENCRYPTED:
            summary = msg("Your system disk is encrypted ({method}), but your swap space "
                          "({swap}) is not: parts of memory, which can hold passwords and open "
                          "documents, are written to the disk in clear.",
                          method=root.method, swap=names)
        else:
            summary = msg("Your swap space ({swap}) is not encrypted: parts of memory, which "
                          "can hold passwords and open documents, are written to the disk in "
                          "clear.", swap=names)
        return _fail(summary, severity, evidence, details, data={"state": "plain_swap"})

    for c in [root, *homes, *persist, *swaps]:
        if c.state == UNKNOWN:
            return Finding(Status.UNKNOWN, _unknown_reason(c), evidence=evidence,
                           details=[*details, Message(LINUX_HOW_TO)],
                           data={**data, "reason": c.reason, "target": c.target})

    if root.state == MEMORY:
        return Finding(Status.PASS, msg(
            "This live system keeps your work in memory only: nothing is written to the disk, "
            "and everything is forgotten at shutdown."), evidence=evidence, details=details,
            data={**data, "state": "live"})
    method = root.method or "dm-crypt"
    return Finding(Status.PASS, msg("Your system disk is encrypted ({method}).", method=method),
                   evidence=evidence, details=details, data={**data, "method": method})


def _tails(report: LinuxReport, evidence: list[Evidence], details: list[Message]) -> Finding:
    persist = report.role("persistence")
    swaps = report.role("swap")
    for p in persist:
        if p.state == PLAIN:
            return _fail(msg("Your persistent storage ({path}) is not encrypted: anyone who "
                             "takes the disk can read it.", path=p.target),
                         Severity.HIGH, evidence, details, data={"state": "persistence_plain"})
    plain_swap = [s for s in swaps if s.state == PLAIN]
    if plain_swap:
        return _fail(msg("Your swap space ({swap}) is not encrypted: parts of memory, which "
                         "can hold passwords and open documents, are written to the disk in "
                         "clear.", swap=", ".join(s.target for s in plain_swap)),
                     Severity.MEDIUM, evidence, details, data={"state": "plain_swap"})
    for c in [*persist, *swaps]:
        if c.state == UNKNOWN:
            return Finding(Status.UNKNOWN, _unknown_reason(c), evidence=evidence,
                           details=[*details, Message(LINUX_HOW_TO)],
                           data={"context": "tails", "reason": c.reason, "target": c.target})
    details = [*details, msg("Files you save outside the Persistent Storage, for example on "
                             "another USB stick, are not protected by Tails.")]
    unlocked = [p for p in persist if p.state == ENCRYPTED]
    if unlocked:
        return Finding(Status.PASS, msg(
            "Tails forgets everything at shutdown, and your Persistent Storage is encrypted "
            "({method}).", method=unlocked[0].method or "LUKS"), evidence=evidence,
            details=details, data={"context": "tails", "persistence": "encrypted"})
    return Finding(Status.PASS, msg(
        "Tails forgets everything at shutdown: nothing you do is written to this computer's "
        "disk, except in a Persistent Storage, which Tails always encrypts."),
        evidence=evidence, details=details, data={"context": "tails", "persistence": "none"})


# =============================================================================== macOS
MACOS_HOW_TO = N_("To check by hand: open System Settings, then Privacy & Security, and look "
                  "at FileVault.")


def check_macos(scan: Scan) -> Finding:
    res = scan.run(["fdesetup", "status"])
    if not res.ran:
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not ask macOS whether FileVault is on (the fdesetup tool did not "
            "run)."), evidence=[Evidence("fdesetup status", res.describe().split(": ", 1)[-1])],
            details=[Message(MACOS_HOW_TO)], data={"reason": "fdesetup_missing"})
    shown = " / ".join(clean_text(ln) for ln in res.stdout.splitlines() if ln.strip())
    ev = [Evidence("fdesetup status",
                   clean_text(shown) or f"(no output; exit status {res.returncode})")]
    if res.stderr.strip():
        ev.append(Evidence("fdesetup status (errors)", clean_text(res.stderr, 200)))
    st = parse_fdesetup_status(res.stdout)
    if st.state == ON and st.deferred:
        return Finding(Status.PASS, msg(
            "Your disk is encrypted (FileVault is on). macOS also still lists a request to turn "
            "FileVault on at a user's next login; it does not weaken your protection."),
            evidence=ev, data={"state": "on_deferred"})
    if st.state == ON:
        return Finding(Status.PASS, msg("Your disk is encrypted (FileVault is on)."),
                       evidence=ev, data={"state": "on"})
    if st.state == ENCRYPTING:
        if st.percent:
            summary = msg("FileVault is encrypting your disk ({percent}% done). Your files are "
                          "not fully protected until it finishes: keep the Mac plugged in.",
                          percent=st.percent)
        else:
            summary = msg("FileVault is switched on, but encryption has not finished yet "
                          "(macOS says: {note}). Your files are not fully protected until it "
                          "does: keep the Mac plugged in.", note=st.progress_note or "?")
        return Finding(Status.ATTENTION, summary, evidence=ev,
                       data={"state": "encrypting", "percent": st.percent})
    if st.state == DECRYPTING:
        return _fail(msg("FileVault is being turned off: your disk is being decrypted "
                         "({percent}% done), and soon anyone who takes this Mac can read your "
                         "files.", percent=st.percent or "?"),
                     Severity.HIGH, ev, data={"state": "decrypting"})
    if st.state == PENDING_RESTART:
        return _fail(msg("FileVault will be turned on at the next restart, but your disk is not "
                         "encrypted yet. Restart the Mac to start encryption."),
                     Severity.HIGH, ev, data={"state": "pending_restart"})
    if st.state == OFF and st.deferred:
        return _fail(msg("FileVault is off. It is set to be turned on when {user} next logs in "
                         "or out, but until then your disk is not encrypted: anyone who takes "
                         "this Mac can read your files.", user=st.deferred_user or "?"),
                     Severity.HIGH, ev, data={"state": "off_deferred"})
    if st.state == OFF:
        return _fail(msg("Your disk is not encrypted: anyone who takes this Mac can read your "
                         "files."), Severity.HIGH, ev, data={"state": "off"})
    if res.returncode != 0 and not st.unrecognised:
        return Finding(Status.UNKNOWN, msg(
            "Checkup could not ask macOS whether FileVault is on: fdesetup reported an error."),
            evidence=ev, details=[Message(MACOS_HOW_TO)], data={"reason": "fdesetup_error"})
    return Finding(Status.UNKNOWN, msg(
        "Checkup could not understand what fdesetup said about FileVault, so it cannot tell "
        "whether your disk is encrypted."), evidence=ev, details=[Message(MACOS_HOW_TO)],
        data={"reason": "fdesetup_unrecognised"})


# ============================================================================= Windows
WINDOWS_HOW_TO = N_("To check by hand: open Settings, search for \"Device encryption\" or "
                    "\"BitLocker\", and see whether it is on for drive {drive}.")


def check_windows(scan: Scan) -> Finding:
    host = scan.host
    fact = scan.fact(BITLOCKER_FACT)
    cv = host.registry_values(CURRENT_VERSION, names=["EditionID"]) or {}
    edition = str(cv.get("EditionID") or "")
    veracrypt = host.registry_values(VERACRYPT_SERVICE)
    bl_control = host.registry_values(BITLOCKER_CONTROL)
    ev: list[Evidence] = []
    if edition:
        ev.append(Evidence(CURRENT_VERSION, f"EditionID={edition}"))
    if veracrypt is not None:
        ev.append(Evidence(VERACRYPT_SERVICE, "present (VeraCrypt driver installed)"))
    if bl_control:
        shown = ", ".join(f"{k}={v}" for k, v in sorted(bl_control.items())
                          if not isinstance(v, bytes))
        if shown:
            ev.append(Evidence(BITLOCKER_CONTROL, shown[:200]))
    home = is_home_edition(edition)

    if not fact.ok:
        ev.insert(0, Evidence("System.Volume.BitLockerProtection",
                              f"not read: {clean_text(fact.error, 200)}"))
        if scan.windows.available:
            summary = msg("Windows did not tell Checkup whether your system drive is encrypted "
                          "(reading its BitLocker state failed).")
        elif scan.windows.result is not None and scan.windows.result.ran:
            summary = msg("Checkup asked Windows through PowerShell whether your disk is "
                          "encrypted, but could not read PowerShell's answer.")
        else:
            summary = msg("Checkup could not ask Windows whether your disk is encrypted, "
                          "because PowerShell did not answer.")
        return Finding(Status.UNKNOWN, summary, evidence=ev,
                       details=[Message(WINDOWS_HOW_TO, {"drive": "C:"})],
                       data={"reason": "powershell" if not scan.windows.available
                             else "fact_failed"})
    reading = interpret_fact(fact.value)
    ev.insert(0, Evidence(f"System.Volume.BitLockerProtection ({reading.drive})", reading.raw))
    how_to = Message(WINDOWS_HOW_TO, {"drive": reading.drive})
    data = {"bitlocker_value": reading.raw, "state": reading.state,
            "edition": edition or "unknown"}
    state = reading.state

    if veracrypt is not None and state in ("off", "none"):
        return Finding(Status.UNKNOWN, msg(
            "BitLocker is off, but VeraCrypt is installed. VeraCrypt may be encrypting your "
            "system disk, but Checkup cannot confirm that without administrator rights. Open "
            "VeraCrypt and look at the System menu: if system encryption is active, your disk "
            "is protected."), evidence=ev, data={**data, "reason": "veracrypt"})
    if state == "on" and home:
        return Finding(Status.ATTENTION, msg(
            "Your disk is encrypted (Device Encryption), but its recovery key is kept in your "
            "Microsoft account. Anyone who gets into that account, and anyone Microsoft hands "
            "the key to, for example on a legal order, can unlock this disk."),
            evidence=ev, data={**data, "method": "device_encryption"})
    if state == "on":
        return Finding(Status.PASS, msg("Your system disk is encrypted (BitLocker)."),
                       evidence=ev, details=[msg(
                           "Keep your BitLocker recovery key somewhere safe and private: "
                           "whoever has it can unlock this disk. If you sign in to Windows "
                           "with a Microsoft account, Windows may also have saved a copy of "
                           "the key there.")],
                       data={**data, "method": "bitlocker"})
    if state == "encrypting":
        return Finding(Status.ATTENTION, msg(
            "Windows is encrypting your system disk. Your files are not fully protected until "
            "it finishes: keep the computer plugged in."), evidence=ev, data=data)
    if state == "off":
        return _fail(msg("Your disk is not encrypted: anyone who takes this computer can read "
                         "your files."), Severity.HIGH, ev, data=data)
    if state == "decrypting":
        return _fail(msg("Encryption is being turned off: your system disk is being decrypted, "
                         "and soon anyone who takes this computer can read your files."),
                     Severity.HIGH, ev, data=data)
    if state == "suspended":
        return _fail(msg("Your disk is encrypted, but BitLocker protection is suspended: the "
                         "key is stored unprotected on the disk, so anyone who takes this "
                         "computer can read your files until protection is resumed."),
                     Severity.HIGH, ev, data=data)
    if state == "waiting_activation":
        details = [msg("On Windows Home, Device Encryption is activated only once you sign in "
                       "with a Microsoft account, which then keeps the recovery key.")] if home \
            else []
        return _fail(msg("Your disk is encrypted, but the encryption was never activated: the "
                         "key is stored unprotected on the disk, so anyone who takes this "
                         "computer can read your files."), Severity.HIGH, ev, details, data=data)
    if state == "none":
        return Finding(Status.UNKNOWN, msg(
            "Windows did not report any BitLocker state for drive {drive}, so Checkup cannot "
            "tell whether it is encrypted.", drive=reading.drive), evidence=ev,
            details=[how_to], data={**data, "reason": "no_value"})
    return Finding(Status.UNKNOWN, msg(
        "Windows reported BitLocker state {value} for drive {drive}. Checkup does not know "
        "what that number means for certain, so it does not say whether your disk is "
        "protected.", value=reading.raw, drive=reading.drive), evidence=ev,
        details=[how_to], data={**data, "reason": "unmapped_value"})


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
        Command("fdesetup", "status", why="fdesetup(8): status reads FileVault's state "
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
