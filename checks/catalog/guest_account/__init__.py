"""guest-account: can someone use this computer through a guest account, without a password?

macOS: the login window's guest setting (``GuestEnabled`` in
/Library/Preferences/com.apple.loginwindow.plist; ``sysadminctl -guestAccount status``,
which prints on stderr, when the file cannot be read). Windows: the built-in Guest account,
found by its well-known relative identifier 500+1 (a SID ending in -501) because its name
is translated on localised systems ("Invitado", "Invité", "ضيف"...), through
Win32_UserAccount in the scan's PowerShell process. Linux desktops have no guest session
unless LightDM offers one (``allow-guest`` with its guest-account script present);
otherwise the check does not apply. Accounts with an empty password would need
administrator rights to detect and are not looked for.
"""

from __future__ import annotations

from checks.catalog.guest_account.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.guest_account.gather import (
    COMMANDS,
    FILES,
    GUEST_FACT,
    gather_linux,
    gather_macos,
    gather_windows,
)
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
    "guest-account", N_("Guest account"),
    description=N_("Whether someone can use this computer as a guest, without a password."),
    order=46,
    slot=11,
    systems={
        "linux": On(_linux, Status.FAIL, Status.NOT_APPLICABLE, Status.UNKNOWN),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=COMMANDS,
    files=FILES,
    ps_facts=(GUEST_FACT,),
    demos={
        "windows11-bitlocker-keepass": "guest_account/windows_guest_disabled.json",
        "windows11-home-remote-support": "guest_account/windows_guest_disabled.json",
        "macos12-no-filevault": "guest_account/macos_guest_on.json",
        "macos15-encrypting-screen-sharing": "guest_account/macos_guest_off.json",
        "linux-ubuntu2004-unencrypted": "guest_account/linux_no_lightdm.json",
        "linux-kubuntu-well-kept": "guest_account/linux_no_lightdm.json",
        "windows10-unencrypted-telegram": "guest_account/windows_guest_disabled.json",
        "macos-filevault-signal": "guest_account/macos_guest_off.json",
        "linux-luks-pending-updates": "guest_account/linux_no_lightdm.json",
    },
)
