"""What the os-updates check read from the machine, per system: the package manager's
listing and dates (Linux), softwareupdated's record and the install history (macOS), the
cumulative update, Windows Update's history, pause and restart marks (Windows). Each holds
the values the verdict rests on and the evidence lines they were read from. Pure: nothing
here reads the machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checks.catalog.os_updates import macos as um
from checks.catalog.os_updates import windows as uw
from checks.catalog.os_updates.snap import SnapRefresh
from checks.engine.model import Evidence

# -- Linux ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinuxUpdates:
    """What one package manager's own records say."""

    manager: str  # apt | dnf | pacman | zypper
    tool: str  # the listing command, for messages
    listing_ok: bool
    pending: tuple[str, ...]
    security: tuple[str, ...] | None  # None: the source does not label security fixes
    partial: bool  # the listing warned that some sources were skipped
    refreshed_at: datetime | None
    refresh_exact: bool  # refreshed_at is the real time (else a lower bound)
    never_refreshed: bool
    no_security_source: bool
    reboot: bool | None
    reboot_since: datetime | None
    kept_back: int | None  # apt only: packages the simulation kept back
    cache_needs_admin: bool  # dnf5 could not read its cache as an ordinary user
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class LinuxFacts:
    now: datetime
    evidence: tuple[Evidence, ...]  # identifying the system; why nothing else was read
    label: str
    os_id: str
    tails: bool
    ostree: bool
    updates: LinuxUpdates | None  # None: Tails, ostree or no known package manager
    snap: SnapRefresh | None = None
    flatpak: bool = False
    qubes: bool = False


# -- macOS ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MacFacts:
    now: datetime
    evidence: tuple[Evidence, ...]  # identifying the system
    full_version: str
    record: um.SoftwareUpdateRecord | None  # None: the plist is missing or unreadable
    history: tuple[um.InstallEntry, ...]


# -- Windows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowsBlockers:
    """What stops Windows Update, shared with the auto-updates check."""

    disabled: tuple[str, ...]  # services whose Start is 4
    services_readable: bool
    pause: uw.PauseState
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class WindowsFacts:
    now: datetime
    evidence: tuple[Evidence, ...]  # identifying the system
    build: int | None
    ubr: int | None
    blockers: WindowsBlockers
    cumulative: uw.CumulativeUpdate | None
    cumulative_evidence: Evidence | None
    history: tuple[uw.HistoryEntry, ...] | None  # None: not read or not understood
    history_read: bool  # the history fact was read (history may still be None: not understood)
    history_error: str  # why it was not read
    last_search: datetime | None
    au_state_keys: tuple[str, ...] | None  # None: the key could not be read
    cbs_keys: tuple[str, ...] | None
    metered: bool | None
    cost_evidence: Evidence | None
