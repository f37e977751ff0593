"""Reading the machine for the guest-account check: the ``guest_account`` PowerShell fact
(Windows), the login window's plist and, when it cannot be read, sysadminctl (macOS);
LightDM's settings, the display manager and the guest-account script (Linux). No verdicts
here."""

from __future__ import annotations

from checks.catalog.guest_account.facts import (
    LinuxGuestFacts,
    MacGuestFacts,
    Sysadminctl,
    WindowsGuestFacts,
)
from checks.catalog.guest_account.sysadminctl import parse_sysadminctl_guest
from checks.catalog.guest_account.win32_useraccount import parse_guest_fact
from checks.catalog.readers.lightdm import LIGHTDM_DIRS, LIGHTDM_MAIN, read_lightdm
from checks.catalog.readers.plist import read_plist
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, systemd_units
from checks.engine.commands import Command
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

LOGINWINDOW_PLIST = "/Library/Preferences/com.apple.loginwindow.plist"
GUEST_SCRIPT_DIRS = ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin",
                     "/bin")

GUEST_FACT = ps_fact(
    "guest_account",
    r"""
$u = Get-CimInstance -ClassName Win32_UserAccount -Filter "LocalAccount=True AND SID LIKE '%-501'" -ErrorAction Stop
,@($u | ForEach-Object { [ordered]@{ name = [string]$_.Name; disabled = [bool]$_.Disabled; builtin_guest = ([string]$_.SID).EndsWith('-501') } })
""",
)


def gather_windows(scan: Scan) -> WindowsGuestFacts:
    fact = scan.fact(GUEST_FACT)
    return WindowsGuestFacts(fact.ok, fact.error, fact.value,
                             parse_guest_fact(fact.value) if fact.ok else None)


def gather_macos(scan: Scan) -> MacGuestFacts:
    plist, why = read_plist(scan, LOGINWINDOW_PLIST)
    if plist is not None:
        return MacGuestFacts(plist, why, None)
    res = scan.run(["sysadminctl", "-guestAccount", "status"])
    text = (res.stderr + "\n" + res.stdout) if res.ran else ""
    return MacGuestFacts(None, why, Sysadminctl(res.ran, text, res.describe(),
                                                parse_sysadminctl_guest(text)))


def gather_linux(scan: Scan) -> LinuxGuestFacts:
    settings, conf = read_lightdm(scan)
    facts = LinuxGuestFacts(settings, tuple(conf.paths), tuple(conf.problems))
    if not conf.paths and not conf.problems:
        return facts  # no LightDM settings: nothing else is read
    units, _why = systemd_units(scan, ["display-manager.service"])
    script = settings.get("guest-account-script", "guest-account").strip()
    candidates = (script,) if script.startswith("/") else \
        tuple(f"{d}/{script}" for d in GUEST_SCRIPT_DIRS)
    found = next((c for c in candidates if scan.host.stat(c) is not None), "")
    return LinuxGuestFacts(settings, facts.paths, facts.problems,
                           units["display-manager.service"].id if units else "",
                           candidates, found)


COMMANDS = (
    Command("sysadminctl", "-guestAccount", "status",
            why="the status form reads the local login window setting without a password"),
    SYSTEMCTL_SHOW,
)
FILES = (
    LOGINWINDOW_PLIST,
    *LIGHTDM_DIRS,  # listed for their drop-ins
    *(f"{d}/*.conf" for d in LIGHTDM_DIRS),
    LIGHTDM_MAIN,
    *(f"{d}/*" for d in GUEST_SCRIPT_DIRS),
)
