"""sharing: file sharing and network services that other machines can reach.

* File sharing: Windows shared folders (``LanmanServer\\Shares``); macOS SMB/AFP sharing
  (``launchctl print-disabled system``: com.apple.smbd / com.apple.AppleFileServer) and
  AirDrop set to Everyone (``defaults read com.apple.sharingd DiscoverableMode``); Linux
  Samba and NFS servers (processes, systemd units).
* Listening ports bound to non-loopback addresses: Linux ``ss -tulnp`` (or the kernel's
  /proc/net tables), macOS ``netstat -an`` (only an administrator may see which program
  listens there), Windows Get-NetTCPConnection/Get-NetUDPEndpoint through the scan's one
  PowerShell process. Programs are named where the OS lets an ordinary user see them.

A port that listens is reachable unless a firewall blocks it; the firewall check says
whether one is on. UDP ports are listed but not judged (most are for finding devices or
getting an address), except the Windows file-sharing ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checks.catalog.readers.launchd import LAUNCHCTL_PRINT_DISABLED, parse_launchctl_disabled
from checks.catalog.readers.listeners import (
    LISTENER_COMMANDS,
    LISTENING_FACT,
    USUAL_PORT_USE,
    Listener,
    listening_sockets,
)
from checks.catalog.readers.processes import running_names
from checks.catalog.readers.sentences import join_list
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, systemd_units
from checks.engine.commands import Command
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

WIN_SHARES = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Shares"
FILE_SHARING_PORTS = {139, 445, 548, 2049}
WINDOWS_SYSTEM_PROGRAMS = {"system", "svchost", "lsass", "wininit", "services", "spoolsv"}
WINDOWS_BASELINE_PORTS = {135, 139, 445, 5040, 5357, 7680, 2869}
MACOS_BASELINE_PORTS = {5000: "AirPlay Receiver", 7000: "AirPlay Receiver"}
LINUX_SHARING_UNITS = ("smbd.service", "samba.service", "nmbd.service", "nfs-server.service")


def parse_discoverable_mode(text: str) -> str | None:
    """``defaults read com.apple.sharingd DiscoverableMode``: "Everyone", "Contacts Only",
    "Off" (one line)."""
    value = text.strip()
    return value if value in ("Everyone", "Contacts Only", "Off") else None


def air_not_set(returncode: int | None, stderr: str) -> bool:
    """``defaults read`` of a key that was never written: exit status 1 and "The
    domain/default pair of (...) does not exist" (that text is not translated)."""
    return returncode == 1 and "does not exist" in stderr


def windows_shares(values: dict[str, Any]) -> list[str]:
    """Share names under LanmanServer\\Shares (each value is one share). The automatic
    administrative shares (C$, ADMIN$, IPC$) are not stored there."""
    return sorted(str(k) for k in values if str(k).strip())


def is_windows_baseline(item: Listener) -> bool:
    prog = item.program.lower().removesuffix(".exe")
    if prog not in WINDOWS_SYSTEM_PROGRAMS:
        return False
    return item.port in WINDOWS_BASELINE_PORTS or 49152 <= item.port <= 65535


def describe_listener(item: Listener) -> Message:
    if item.program:
        return msg("port {port} ({program})", port=item.port, program=item.program)
    usual = USUAL_PORT_USE.get(item.port)
    if usual:
        return msg("port {port} (program not shown; usually {service})", port=item.port,
                   service=usual)
    return msg("port {port} (program not shown)", port=item.port)


# What shares, as shown to the reader (the machine-readable key goes in the data).
SHARED_LABELS = {
    "smb": N_("file sharing (SMB)"),
    "afp": N_("file sharing (AFP)"),
    "airdrop": N_("AirDrop open to everyone"),
    "samba": N_("a Samba file server"),
    "nfs": N_("an NFS file server"),
    "netbios": N_("Windows file sharing (NetBIOS)"),
}
PORT_SHARED = {139: "netbios", 445: "smb", 548: "afp", 2049: "nfs"}
NAMES_NOTES = {
    "own": N_("Linux shows which program listens on a port only for your own programs."),
    "none": N_("The kernel's socket tables do not say which program listens on a port."),
    "admin": N_("macOS shows which program listens on a port only to an administrator."),
}


def _shares_windows(scan: Scan, procs: dict[str, str], evidence: list[Evidence],
                    shared: list[str], folders: list[str]) -> bool:
    """Windows' shared folders; False when they could not be read."""
    values = scan.host.registry_values(WIN_SHARES)
    if values is None:
        evidence.append(Evidence(WIN_SHARES, "not readable"))
        return False
    names = windows_shares(values)
    evidence.append(Evidence(WIN_SHARES, ", ".join(names) if names else "no shares"))
    if names:
        shared.append("folders")
        folders.extend(names)
    return True


def _shares_macos(scan: Scan, procs: dict[str, str], evidence: list[Evidence],
                  shared: list[str], folders: list[str]) -> bool:
    """File Sharing (SMB, AFP) and AirDrop; False when a setting could not be read."""
    sharing_read = True
    res = scan.run(["launchctl", "print-disabled", "system"])
    disabled = parse_launchctl_disabled(res.stdout) if res.ok else None
    if disabled is None:
        sharing_read = False
        evidence.append(Evidence("launchctl print-disabled system",
                                 res.describe() if not res.ok else "unexpected output"))
    else:
        for label, what in (("com.apple.smbd", "smb"), ("com.apple.AppleFileServer", "afp")):
            if disabled.get(label) is False:
                shared.append(what)
                evidence.append(Evidence("launchctl print-disabled system",
                                         f'"{label}" is enabled'))
        if not shared:
            evidence.append(Evidence("launchctl print-disabled system",
                                     "com.apple.smbd and com.apple.AppleFileServer not "
                                     "enabled"))
    air = scan.run(["defaults", "read", "com.apple.sharingd", "DiscoverableMode"])
    mode = parse_discoverable_mode(air.stdout) if air.ok else None
    source = "defaults read com.apple.sharingd DiscoverableMode"
    if mode is not None:
        evidence.append(Evidence(source, mode))
    elif air_not_set(air.returncode if air.ran else None, air.stderr):
        evidence.append(Evidence(source, "not set (AirDrop's default: Contacts Only)"))
    else:
        # a failure, a timeout or an answer not understood: AirDrop's setting is unknown
        sharing_read = False
        evidence.append(Evidence(source, (air.stdout.strip()[:60] or "(no output)")
                                 if air.ok else air.describe()))
    if mode == "Everyone":
        shared.append("airdrop")
    return sharing_read


def _shares_linux(scan: Scan, procs: dict[str, str], evidence: list[Evidence],
                  shared: list[str], folders: list[str]) -> bool:
    """Samba and NFS servers; False when neither systemd nor the process list answered."""
    units, why = systemd_units(scan, LINUX_SHARING_UNITS)
    for proc, what in (("smbd", "samba"), ("nfsd", "nfs")):
        if proc in procs:
            shared.append(what)
            evidence.append(Evidence("running processes", f"{proc} is running"))
    if units is not None:
        for name in LINUX_SHARING_UNITS:
            state = units[name]
            if state.exists:
                evidence.append(Evidence(f"systemctl show {name}", state.describe()))
                if state.running and name != "nmbd.service":
                    key = "nfs" if name.startswith("nfs") else "samba"
                    if key not in shared:
                        shared.append(key)
    elif not procs:
        evidence.append(Evidence("systemctl show", why))
        return False
    return True


SharesReader = Callable[[Scan, dict[str, str], list[Evidence], list[str], list[str]], bool]


def sharing_linux(scan: Scan) -> Finding:
    return _sharing(scan, _shares_linux)


def sharing_macos(scan: Scan) -> Finding:
    return _sharing(scan, _shares_macos)


def sharing_windows(scan: Scan) -> Finding:
    return _sharing(scan, _shares_windows)


def _sharing(scan: Scan, read_shares: SharesReader) -> Finding:
    evidence: list[Evidence] = []
    shared: list[str] = []  # what shares files: keys of SHARED_LABELS, or "folders"
    folders: list[str] = []  # Windows share names
    baseline: list[Listener] = []
    sockets = listening_sockets(scan)
    procs = running_names(scan)
    sharing_read = read_shares(scan, procs, evidence, shared, folders)

    listeners = sockets.listeners
    open_tcp: list[Listener] = []
    udp: list[Listener] = []
    # What was seen: everything when the listing is complete; otherwise the sockets of the
    # tables that could be read, which prove that something listens but never that
    # nothing else does (the verdict then cannot pass).
    seen = listeners if listeners is not None else sockets.partial
    if listeners is None:
        evidence.append(Evidence(sockets.source or "listening sockets",
                                 f"not readable: {sockets.note}"))
    reachable = [s for s in seen if not s.loopback]
    if listeners is not None or seen:
        evidence.append(Evidence(sockets.source if listeners is not None else "/proc/net",
                                 f"{len(seen)} listening sockets, {len(reachable)} on "
                                 f"network addresses" + ("" if listeners is not None else
                                                         " (in the tables that were read)")))
    if reachable:
        for item in reachable:
            if scan.family == "windows" and is_windows_baseline(item):
                if item.port in (139, 445) and shared:
                    open_tcp.append(item)
                else:
                    baseline.append(item)
                continue
            if scan.family == "macos" and item.port in MACOS_BASELINE_PORTS:
                baseline.append(item)
                continue
            if item.proto == "tcp":
                open_tcp.append(item)
            else:
                udp.append(item)
        found_by_setting = bool(shared)
        for item in open_tcp:
            evidence.append(Evidence("listening", item.label()))
            if item.port in FILE_SHARING_PORTS and scan.family != "windows" \
                    and not found_by_setting and PORT_SHARED[item.port] not in shared:
                shared.append(PORT_SHARED[item.port])
        for item in udp:
            if item.port in (137, 138) and scan.family != "windows" and not found_by_setting \
                    and "netbios" not in shared:
                shared.append("netbios")
    if udp:
        evidence.append(Evidence("listening (UDP, not judged)",
                                 ", ".join(sorted({str(u.port) for u in udp}, key=int))[:200]))

    data: dict[str, Any] = {
        "shared": shared,
        "shared_folders": folders,
        "open_tcp": [{"port": s.port, "address": s.address, "program": s.program or None}
                     for s in open_tcp],
        "udp_ports": sorted({s.port for s in udp}),
        "system_ports": sorted({s.port for s in baseline}),
        "sockets_readable": listeners is not None,
    }
    details: list[Message] = []
    if sockets.names in NAMES_NOTES and open_tcp:
        details.append(Message(NAMES_NOTES[sockets.names]))
    if listeners is None and open_tcp:
        details.append(msg("Checkup could not read every list of network connections, so "
                           "other programs may accept connections too."))
    if baseline and scan.family == "windows":
        details.append(msg("Windows' own services listen on ports {ports}; the Windows firewall "
                           "normally keeps other computers away from them.",
                           ports=", ".join(str(p) for p in sorted({b.port for b in baseline})
                                           if p < 49152) or "49152+"))
    if baseline and scan.family == "macos":
        details.append(msg("AirPlay Receiver listens on ports 5000 and 7000 so that nearby "
                           "devices can show things on this Mac; you can turn it off in "
                           "System Settings, General, AirDrop & Handoff."))

    if shared:
        shared_text = join_list([msg("shared folders ({names})", names=", ".join(folders))
                          if key == "folders" else Message(SHARED_LABELS[key])
                          for key in shared])
        return Finding(Status.FAIL, msg("This computer shares with other computers on the "
                                        "network: {what}.", what=shared_text),
                       severity=Severity.MEDIUM, evidence=evidence,
                       details=[msg("Anyone on the same network (a café, a hotel, an office) "
                                    "may be able to see or copy what is shared.")] + details,
                       data=data)
    if open_tcp:
        shown: list[str | Message] = [describe_listener(s) for s in open_tcp[:8]]
        if len(open_tcp) > 8:
            # every one is in the evidence lines; the sentence says how many it leaves out
            # TRANSLATORS: the end of a list of network ports, e.g. "port 22, port 80, 3 more".
            shown.append(msg_n("{n} more", "{n} more", len(open_tcp) - 8))
        listing = join_list(shown)
        return Finding(Status.FAIL, msg_n(
            "{n} program accepts connections from other computers: {list}.",
            "{n} programs accept connections from other computers: {list}.",
            len({s.port for s in open_tcp}), list=listing),
            severity=Severity.LOW, evidence=evidence,
            details=[msg("A firewall can keep other computers away from these ports; if you "
                         "do not need a service, switching it off is safer.")] + details,
            data=data)
    if listeners is None or not sharing_read:
        return Finding(Status.UNKNOWN,
                       msg("Checkup could not read which programs accept connections from "
                           "other computers, or whether files are shared."),
                       evidence=evidence,
                       details=[msg("Check your system's Sharing settings (file sharing, "
                                    "screen sharing, printer sharing) and turn off what you do "
                                    "not use.")] + details,
                       data={**data, "reason": "unreadable"})
    return Finding(Status.PASS, msg("Nothing is shared and no program accepts connections from "
                                    "other computers."),
                   evidence=evidence, details=details, data=data)


_STATUSES = (Status.PASS, Status.FAIL, Status.UNKNOWN)

spec(
    "sharing", N_("Sharing and network services"),
    description=N_("Whether files are shared or programs accept connections from other "
                   "computers."),
    order=44,
    slot=9,
    systems={
        "linux": On(sharing_linux, *_STATUSES),
        "macos": On(sharing_macos, *_STATUSES),
        "windows": On(sharing_windows, *_STATUSES),
    },
    commands=(
        SYSTEMCTL_SHOW, *LISTENER_COMMANDS, LAUNCHCTL_PRINT_DISABLED,
        Command("defaults", "read", "com.apple.sharingd", "DiscoverableMode",
                why="reads AirDrop's setting from the user's own local preferences"),
    ),
    # Linux, when ss cannot answer: the kernel's socket tables
    files=("/proc/net", "/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"),
    ps_facts=(LISTENING_FACT,),
    demos={
        "windows10-unencrypted-telegram": "sharing/windows_baseline.json",
        "macos-filevault-signal": "sharing/macos_nothing.json",
        "linux-luks-pending-updates": "sharing/linux_nothing.json",
        "windows11-bitlocker-keepass": "sharing/windows_baseline.json",
        "windows11-home-remote-support": "sharing/windows_shared_folders.json",
        "macos12-no-filevault": "sharing/macos_file_sharing.json",
        "macos15-encrypting-screen-sharing": "sharing/macos_airdrop_everyone.json",
        "linux-ubuntu2004-unencrypted": "sharing/linux_samba.json",
        "linux-kubuntu-well-kept": "sharing/linux_nothing.json",
    },
)
