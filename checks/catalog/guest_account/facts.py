"""What the guest-account check read: the built-in Guest account (Windows), the login
window's guest setting or sysadminctl's answer (macOS), LightDM's guest session (Linux).
Pure: nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WindowsGuestFacts:
    ok: bool  # the PowerShell fact was read
    error: str  # why not
    value: Any  # the fact as read
    accounts: list[dict[str, Any]] | None  # parse_guest_fact's answer (None: not understood)


@dataclass(frozen=True)
class Sysadminctl:
    ran: bool
    text: str  # stderr, a newline, then stdout ("" when it did not run)
    described: str  # how the run went
    enabled: bool | None  # parse_sysadminctl_guest's answer


@dataclass(frozen=True)
class MacGuestFacts:
    plist: Mapping[str, Any] | None  # the login window's preferences (None: not read)
    why: str  # why they were not read
    sysadminctl: Sysadminctl | None  # asked only when the plist could not be read


@dataclass(frozen=True)
class LinuxGuestFacts:
    settings: Mapping[str, str]  # LightDM's effective seat settings
    paths: tuple[str, ...]  # the LightDM files they came from
    problems: tuple[tuple[str, str], ...]  # (file, why) for files that could not be used
    display_manager: str = ""  # display-manager.service's Id ("" when not known)
    script_candidates: tuple[str, ...] = ()  # where the guest-account script may be
    script_found: str = ""  # the first of them present ("" for none)
