"""os-updates: are the updates the system knows about installed?

Local state only — nothing here makes the machine contact a server, and nothing needs
administrator rights:

- Linux: the package manager's cache as it is (``apt-get -s`` simulation, ``dnf -C``,
  ``pacman -Qu`` against the local sync database, ``zypper --no-refresh``), how old that
  cache is, and whether a restart is pending. Flatpak updates are not listed: flatpak can
  only list them by asking its servers.
- macOS: what ``softwareupdated`` recorded in /Library/Preferences/com.apple.SoftwareUpdate
  .plist at its last check (a dated hint) and /Library/Receipts/InstallHistory.plist.
- Windows: the monthly cumulative update installed (Component Based Servicing registry),
  Windows Update's local history (``QueryHistory``, not a search), pending restart, pause,
  and a disabled update service.

Verdicts, and why:
- ``fail`` HIGH: security updates known and not installed (on Windows: the monthly
  security release, due a week after Patch Tuesday, is not installed); the update service
  disabled (nothing arrives until someone notices, with no time limit).
- ``fail`` MEDIUM: updates paused (Windows limits a pause to five weeks and then resumes by
  itself, so the gap is bounded — serious, not open-ended); nothing refreshed or installed
  for more than 30 days; updates waiting whose security relevance the system does not say
  (Arch, macOS: any of them may be a security fix); no security source configured.
- ``attention``: updates waiting that the system marks as not security fixes; updates
  installed but waiting for a restart (the fix is on disk, one restart away).
- ``fail`` LOW: a restart has been pending for more than a week (old, vulnerable code
  keeps running all that time).
- ``pass``: the system's own records show it looked for updates within the last week and
  nothing is waiting. Anything else is ``unknown`` with the reason.
"""

from __future__ import annotations

from checks.catalog.os_updates.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.os_updates.gather import (
    COMMANDS,
    COST_FACT,
    FILES,
    HISTORY_FACT,
    RESULTS_FACT,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec


def _linux(scan: Scan) -> Finding:
    return decide_linux(gather_linux(scan))


def _macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


def _windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


spec(
    "os-updates", N_("Updates installed"),
    description=N_("Are the updates your system knows about installed?"),
    order=21,
    slot=2,
    systems={
        "linux": On(_linux, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    commands=COMMANDS,
    files=FILES,
    ps_facts=(HISTORY_FACT, RESULTS_FACT, COST_FACT),
    demos={
        "windows10-unencrypted-telegram": "os_updates/windows-10-22h2-recent.json",
        "macos-filevault-signal": "desktop/scenario_sources/macos-up-to-date.json",
        "linux-luks-pending-updates":
            "desktop/scenario_sources/ubuntu-pending-security-updates.json",
        "windows11-bitlocker-keepass": "os_updates/windows-11-metered.json",
        "windows11-home-remote-support": "os_updates/windows-11-paused.json",
        "macos12-no-filevault": "os_updates/macos-14-install-off.json",
        "macos15-encrypting-screen-sharing": "os_updates/macos-15-recommended-updates.json",
        "linux-ubuntu2004-unencrypted": "os_updates/ubuntu-24.04-cache-45-days.json",
        "linux-kubuntu-well-kept": "os_updates/kubuntu-24.04-discover.json",
    },
)
