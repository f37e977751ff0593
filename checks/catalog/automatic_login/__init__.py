"""automatic-login: does the computer sign someone in without asking for a password?

A login that needs no password cancels both disk encryption and the screen lock for anyone
who switches the computer on. Only whether it is on is read — never a stored password:
on Windows only the ``AutoAdminLogon`` value of the Winlogon key is requested (the Host
never returns ``DefaultPassword``), on macOS only ``autoLoginUser`` of the login window's
preferences is used (the password itself lives in /etc/kcpassword, which is never read).

Linux: the display manager in use (``display-manager.service``) and its settings: GDM
(``AutomaticLoginEnable``/``TimedLoginEnable`` in custom.conf or daemon.conf), LightDM
(``autologin-user``), SDDM (``[Autologin] User=``), greetd (``[initial_session]``), and a
console automatic login (``agetty --autologin``) on any console: full getty units and
drop-ins for getty@ttyN, autovt@, serial-getty@, container-getty@ and console-getty in
/etc/systemd/system, /run/systemd/system and the distribution's unit folders, and a SysV
/etc/inittab.
"""

from __future__ import annotations

from checks.catalog.automatic_login.decide import decide_linux, decide_macos, decide_windows
from checks.catalog.automatic_login.gather import (
    DEFAULT_DM_FILE,
    GDM_FILES,
    GREETD_CONFIG,
    INITTAB,
    LOGINWINDOW_PLIST,
    SDDM_DIRS,
    SDDM_MAIN,
    SYSTEMD_ADMIN,
    SYSTEMD_OTHER,
    gather_linux,
    gather_macos,
    gather_windows,
)
from checks.catalog.automatic_login.getty import GETTY_PREFIXES
from checks.catalog.readers.lightdm import LIGHTDM_DIRS, LIGHTDM_MAIN
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW
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
    "automatic-login", N_("Automatic login"),
    description=N_("Whether the computer signs in without asking for a password."),
    order=41,
    slot=6,
    systems={
        "linux": On(_linux, Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE),
        "macos": On(_macos, Status.PASS, Status.FAIL, Status.UNKNOWN),
        "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN),
    },
    commands=(SYSTEMCTL_SHOW,),
    files=(
        LOGINWINDOW_PLIST,
        *GDM_FILES,
        DEFAULT_DM_FILE,
        *LIGHTDM_DIRS, *SDDM_DIRS,  # listed for their drop-ins
        *(f"{d}/*.conf" for d in (*LIGHTDM_DIRS, *SDDM_DIRS)),
        LIGHTDM_MAIN,
        SDDM_MAIN,
        GREETD_CONFIG,
        SYSTEMD_ADMIN, *SYSTEMD_OTHER,  # listed for getty units and drop-ins
        *(f"{d}/{p}*" for d in (SYSTEMD_ADMIN, *SYSTEMD_OTHER) for p in GETTY_PREFIXES),
        *(f"{d}/{p}*/*.conf" for d in (SYSTEMD_ADMIN, *SYSTEMD_OTHER) for p in GETTY_PREFIXES),
        INITTAB,
    ),
    demos={
        "windows11-bitlocker-keepass": "automatic_login/windows_off.json",
        "windows11-home-remote-support": "automatic_login/windows_autologon.json",
        "macos12-no-filevault": "automatic_login/macos_autologin.json",
        "macos15-encrypting-screen-sharing": "automatic_login/macos_off.json",
        "linux-ubuntu2004-unencrypted": "automatic_login/linux_gdm_autologin.json",
        "linux-kubuntu-well-kept": "automatic_login/linux_sddm_off.json",
        "windows10-unencrypted-telegram": "automatic_login/windows_off.json",
        "macos-filevault-signal": "automatic_login/macos_off.json",
        "linux-luks-pending-updates": "automatic_login/linux_gdm_default.json",
    },
)
