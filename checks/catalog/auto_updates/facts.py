"""What the auto-updates check read from the machine: the timers and settings that install
the system's updates on Linux (per package manager) and what the desktop's software centre
does on top, the software-update switches on macOS, the update policy on Windows. Pure:
nothing here reads the machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checks.catalog.os_updates.facts import WindowsBlockers
from checks.engine.model import Evidence

# -- Linux ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitState:
    """systemd's state word for a unit ("enabled", "disabled", "masked", ...), or
    "not-found" / "unknown", and where it was read."""

    state: str
    evidence: Evidence | None


@dataclass(frozen=True)
class AptCron:
    """What runs apt's daily jobs on a system not started by systemd."""

    systemd_booted: bool
    apt_cron: bool  # /etc/cron.daily/apt-compat present
    daemons: tuple[str, ...]  # cron daemons running (read only without systemd)


@dataclass(frozen=True)
class AptAuto:
    mint: UnitState | None  # Linux Mint's Update Manager timer (read on Linux Mint only)
    conf: Mapping[str, list[str]] | None  # apt's configuration, lower-cased keys
    conf_evidence: Evidence
    installed: bool  # /usr/bin/unattended-upgrade present
    timer: UnitState  # apt-daily-upgrade.timer
    cron: AptCron


@dataclass(frozen=True)
class DnfAuto:
    timers: tuple[tuple[str, UnitState], ...]  # the dnf-automatic timers, in order
    conf_text: str | None  # /etc/dnf/automatic.conf (None: unreadable)
    # yum-cron on EL7 and its clones: its service's state and /etc/yum/yum-cron.conf (None:
    # unreadable, or not asked because there is no such service)
    yum_cron: UnitState = UnitState("not-found", None)
    yum_cron_conf: str | None = None


@dataclass(frozen=True)
class ZypperAuto:
    timer: UnitState  # transactional-update.timer


@dataclass(frozen=True)
class LinuxAutoFacts:
    evidence: tuple[Evidence, ...]  # identifying the system; why nothing else was read
    label: str
    tails: bool
    ostree: bool
    manager: str | None  # apt | dnf | pacman | zypper
    system: AptAuto | DnfAuto | ZypperAuto | None  # None: pacman or nothing read
    gnome: bool | None = None  # GNOME Software's download-updates
    gnome_evidence: Evidence | None = None
    discover: bool | None = None  # KDE Discover's UseUnattendedUpdates
    discover_evidence: Evidence | None = None


# -- macOS ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MacAutoFacts:
    evidence: tuple[Evidence, ...]  # identifying the system
    local: Mapping[str, Any] | None  # com.apple.SoftwareUpdate
    managed: Mapping[str, Any] | None  # the same, from device management
    commerce: Mapping[str, Any] | None  # com.apple.commerce (App Store)


# -- Windows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowsAutoFacts:
    evidence: tuple[Evidence, ...]  # identifying the system
    blockers: WindowsBlockers
    au_policy: Mapping[str, Any] | None  # ...\WindowsUpdate\AU
    wu_policy: Mapping[str, Any]  # ...\WindowsUpdate (empty when absent)
    metered: bool | None
    cost_evidence: Evidence | None
