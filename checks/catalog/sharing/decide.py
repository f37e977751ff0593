"""The sharing verdict from what was gathered (pure: nothing here reads the machine).

A port that listens is reachable unless a firewall blocks it. UDP ports are listed but not
judged, except the Windows file-sharing ones; each system's own services' ports
(``baseline``) are listed apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from checks.catalog.readers.listeners import Listener, ListenerScan
from checks.catalog.sharing import messages as say
from checks.catalog.sharing.baseline import (
    FILE_SHARING_PORTS,
    MACOS_BASELINE_PORTS,
    is_windows_baseline,
)
from checks.catalog.sharing.facts import SharingFacts
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

PORT_SHARED = {139: "netbios", 445: "smb", 548: "afp", 2049: "nfs"}


@dataclass
class _Exposure:
    """What shares and what listens, as the verdict sees it."""
    shared: list[str]  # keys of messages.SHARED_LABELS, or "folders"
    open_tcp: list[Listener] = field(default_factory=list)
    udp: list[Listener] = field(default_factory=list)
    baseline: list[Listener] = field(default_factory=list)


def _classify(family: str, reachable: Sequence[Listener], exp: _Exposure) -> None:
    for item in reachable:
        if family == "windows" and is_windows_baseline(item):
            if item.port in (139, 445) and exp.shared:
                exp.open_tcp.append(item)
            else:
                exp.baseline.append(item)
            continue
        if family == "macos" and item.port in MACOS_BASELINE_PORTS:
            exp.baseline.append(item)
            continue
        if item.proto == "tcp":
            exp.open_tcp.append(item)
        else:
            exp.udp.append(item)


def _shared_by_port(family: str, exp: _Exposure, evidence: list[Evidence]) -> None:
    """Outside Windows, a file-sharing port that listens shows sharing that the settings
    did not (only when they showed none)."""
    found_by_setting = bool(exp.shared)
    for item in exp.open_tcp:
        evidence.append(Evidence("listening", item.label()))
        if item.port in FILE_SHARING_PORTS and family != "windows" \
                and not found_by_setting and PORT_SHARED[item.port] not in exp.shared:
            exp.shared.append(PORT_SHARED[item.port])
    for item in exp.udp:
        if item.port in (137, 138) and family != "windows" and not found_by_setting \
                and "netbios" not in exp.shared:
            exp.shared.append("netbios")


def _listening(seen: SharingFacts, evidence: list[Evidence]) -> _Exposure:
    """What was seen: everything when the listing is complete; otherwise the sockets of the
    tables that could be read, which prove that something listens but never that nothing
    else does (the verdict then cannot pass)."""
    sockets = seen.sockets
    listeners = sockets.listeners
    exp = _Exposure(list(seen.shares.shared))
    heard = listeners if listeners is not None else sockets.partial
    if listeners is None:
        evidence.append(Evidence(sockets.source or "listening sockets",
                                 f"not readable: {sockets.note}"))
    reachable = [s for s in heard if not s.loopback]
    if listeners is not None or heard:
        evidence.append(Evidence(sockets.source if listeners is not None else "/proc/net",
                                 f"{len(heard)} listening sockets, {len(reachable)} on "
                                 f"network addresses" + ("" if listeners is not None else
                                                         " (in the tables that were read)")))
    if reachable:
        _classify(seen.family, reachable, exp)
        _shared_by_port(seen.family, exp, evidence)
    if exp.udp:
        evidence.append(Evidence("listening (UDP, not judged)",
                                 ", ".join(sorted({str(u.port) for u in exp.udp}, key=int))[:200]))
    return exp


def _data(seen: SharingFacts, exp: _Exposure) -> dict[str, Any]:
    return {
        "shared": exp.shared,
        "shared_folders": list(seen.shares.folders),
        "open_tcp": [{"port": s.port, "address": s.address, "program": s.program or None}
                     for s in exp.open_tcp],
        "udp_ports": sorted({s.port for s in exp.udp}),
        "system_ports": sorted({s.port for s in exp.baseline}),
        "sockets_readable": seen.sockets.listeners is not None,
    }


def _details(family: str, sockets: ListenerScan, exp: _Exposure) -> list[Message]:
    details: list[Message] = []
    if sockets.names in say.NAMES_NOTES and exp.open_tcp:
        details.append(say.names_note(sockets.names))
    if sockets.listeners is None and exp.open_tcp:
        details.append(say.sockets_incomplete())
    if exp.baseline and family == "windows":
        details.append(say.windows_services(
            ", ".join(str(p) for p in sorted({b.port for b in exp.baseline}) if p < 49152)
            or "49152+"))
    if exp.baseline and family == "macos":
        details.append(say.airplay_receiver())
    return details


def decide(seen: SharingFacts) -> Finding:
    """``fail`` (medium) when something is shared, ``fail`` (low) when programs accept
    connections, ``unknown`` when the sockets or a setting could not be read, else
    ``pass``."""
    evidence = list(seen.shares.evidence)
    exp = _listening(seen, evidence)
    data = _data(seen, exp)
    details = _details(seen.family, seen.sockets, exp)
    if exp.shared:
        return Finding(Status.FAIL, say.shares(exp.shared, seen.shares.folders),
                       severity=Severity.MEDIUM, evidence=evidence,
                       details=[say.anyone_on_the_network()] + details, data=data)
    if exp.open_tcp:
        return Finding(Status.FAIL, say.programs_accept(exp.open_tcp), severity=Severity.LOW,
                       evidence=evidence, details=[say.firewall_or_switch_off()] + details,
                       data=data)
    if seen.sockets.listeners is None or not seen.shares.read:
        return Finding(Status.UNKNOWN, say.unreadable(), evidence=evidence,
                       details=[say.check_sharing_settings()] + details,
                       data={**data, "reason": "unreadable"})
    return Finding(Status.PASS, say.nothing_shared(), evidence=evidence, details=details,
                   data=data)
