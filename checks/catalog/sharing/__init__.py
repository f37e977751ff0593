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

from checks.catalog.readers.launchd import LAUNCHCTL_PRINT_DISABLED
from checks.catalog.readers.listeners import LISTENER_COMMANDS, LISTENING_FACT
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW
from checks.catalog.sharing.decide import decide
from checks.catalog.sharing.gather import AIRDROP, gather_linux, gather_macos, gather_windows
from checks.engine.commands import Command
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec


def sharing_linux(scan: Scan) -> Finding:
    return decide(gather_linux(scan))


def sharing_macos(scan: Scan) -> Finding:
    return decide(gather_macos(scan))


def sharing_windows(scan: Scan) -> Finding:
    return decide(gather_windows(scan))


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
        Command(*AIRDROP,
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
