"""firewall: is a firewall turned on that turns away unasked-for incoming connections?

Windows: each network profile's EnableFirewall in the registry (Group Policy wins over the
local setting), the firewall service's start type, and Windows Security Center's list of
third-party firewalls (workstations only). macOS: the application firewall's global state
from ``socketfilterfw --getglobalstate`` (1 = on for specific services, 2 = on, blocking
everything but essential services), stealth mode as evidence. Linux: the front ends
(ufw, firewalld, nftables.service, iptables services) through systemd and their readable
configuration. The kernel's live rules need administrator rights to read, so on Linux
service state is evidence, not proof: a running service whose rules cannot be read is
`unknown`, a ruleset that accepts everything is not a firewall.
"""

from __future__ import annotations

from checks.catalog.firewall.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.firewall.gather import (
    ALF_PLIST,
    FIREWALL_PRODUCTS,
    FIREWALLD_CONF,
    SOCKETFILTERFW,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW
from checks.engine.commands import Command
from checks.engine.i18n import N_
from checks.engine.model import Finding, Status
from checks.engine.registry import On, Scan, spec


def _windows(scan: Scan) -> Finding:
    return decide_windows(gather_windows(scan))


def _macos(scan: Scan) -> Finding:
    return decide_macos(gather_macos(scan))


def _linux(scan: Scan) -> Finding:
    return decide_linux(gather_linux(scan))


spec(
    "firewall", N_("Firewall"),
    description=N_("Whether a firewall turns away connections nobody asked for."),
    order=40,
    slot=5,
    systems={
        "linux": On(_linux, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(
        SYSTEMCTL_SHOW,
        Command("firewall-cmd", "--state",
                why="asks the local firewalld over D-Bus; a read-only query polkit allows users"),
        Command("firewall-cmd", "--get-default-zone",
                why="asks the local firewalld over D-Bus; a read-only query polkit allows users"),
        Command(SOCKETFILTERFW, "--getglobalstate",
                why="reads the application firewall's state; only setting it needs root"),
        Command(SOCKETFILTERFW, "--getstealthmode",
                why="reads the application firewall's stealth mode; only setting it needs root"),
    ),
    files=(
        "/etc/ufw/ufw.conf",
        "/etc/default/ufw",
        FIREWALLD_CONF,
        "/etc/nftables.conf",
        "/etc/sysconfig/nftables.conf",
        "/etc/iptables/rules.v4",
        "/etc/sysconfig/iptables",
        ALF_PLIST,
    ),
    ps_facts=(FIREWALL_PRODUCTS,),
    demos={
        "windows11-bitlocker-keepass": "firewall/windows_all_on.json",
        "windows11-home-remote-support": "firewall/windows_third_party.json",
        "macos12-no-filevault": "firewall/macos_off.json",
        "macos15-encrypting-screen-sharing": "firewall/macos_on.json",
        "linux-ubuntu2004-unencrypted": "firewall/linux_none.json",
        "linux-kubuntu-well-kept": "firewall/linux_ufw_on.json",
        "windows10-unencrypted-telegram": "firewall/windows_all_on.json",
        "macos-filevault-signal": "firewall/macos_on.json",
        "linux-luks-pending-updates": "firewall/linux_ufw_disabled.json",
    },
)
