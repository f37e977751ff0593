"""What the firewall check knows about the machine: typed facts, and the evidence lines its
verdict rests on. Pure: nothing here reads the machine (``gather`` does)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checks.engine.i18n import Message
from checks.engine.model import Evidence

# What one Linux front end (ufw, firewalld, nftables, iptables) was found to do:
# "pass" (turns away what nobody asked for), "open_high" (a firewalld zone open above port
# 1024), "accept_all", "partial", "zone_unknown", "unknown_state" (ufw meant to start, no
# service state), "unknown", "off" or "absent".
FRONT_END_STATES = ("pass", "open_high", "accept_all", "partial", "zone_unknown",
                    "unknown_state", "unknown", "off", "absent")


@dataclass(frozen=True)
class WindowsFacts:
    """Each profile's EnableFirewall (0, 1, or None when absent or not a flag), the
    firewall service and Security Center's third-party firewalls."""
    profiles: Mapping[str, int | None]  # "Domain" / "Private" / "Public" -> the flag
    garbage: bool  # some EnableFirewall value was neither 0 nor 1
    service_disabled: bool  # MpsSvc Start = 4
    products: tuple[tuple[str, bool | None], ...]  # (name, on) from Security Center
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class MacFacts:
    """The application firewall's global state (0 off, 1 on, 2 block all; None unread)
    and stealth mode."""
    state: int | None
    stealth: bool | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class FrontEnd:
    state: str  # one of FRONT_END_STATES
    name: str  # "ufw", "firewalld", "nftables", "iptables"


@dataclass(frozen=True)
class LinuxFacts:
    """The platform context and, when the firewall is this system's own business, what
    each front end was found to do (``front_ends`` is empty in a container, WSL, a Qubes
    qube or Tails)."""
    kind: str
    qubes_vm: bool
    tails: bool
    context: Message | None  # the context described, when it rules the check out
    context_evidence: tuple[Evidence, ...]
    units_read: bool = True  # systemd answered
    front_ends: tuple[FrontEnd, ...] = ()
    evidence: tuple[Evidence, ...] = ()
