"""remote-access: can someone see or control this computer from elsewhere?

Two kinds of remote access are looked for:

* remote-desktop and remote-control tools (TeamViewer, AnyDesk, RustDesk, Chrome Remote
  Desktop, VNC servers, Splashtop, ScreenConnect, LogMeIn, ...), from the dated data file
  resources/data/remote-tools.json: running processes, services or start-up entries that
  start them, and where they are installed;
* the system's own remote access: Windows Remote Desktop (``fDenyTSConnections`` = 0) and
  the OpenSSH server service; macOS Remote Login, Screen Sharing and Remote Management
  (``launchctl print-disabled system``, the ARDAgent process, listening ports 22, 5900 and
  3283 from ``netstat -an``); on Linux an SSH server, xrdp, GNOME Remote Desktop, KDE's
  krfb or Vino (processes, systemd units, listening ports).

These tools are legitimate and useful, and also a favourite of scammers and of abusive
partners: the wording stays calm and the guidance says what to do before removing one.
"""

from __future__ import annotations

from checks.catalog.readers.apps import FILES as APP_FILES
from checks.catalog.readers.launchd import LAUNCHCTL_PRINT_DISABLED
from checks.catalog.readers.listeners import LISTENER_COMMANDS, LISTENING_FACT
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW
from checks.catalog.remote_access import messages as say
from checks.catalog.remote_access.decide import decide
from checks.catalog.remote_access.gather import gather, load_tools
from checks.engine.datafile import DataError
from checks.engine.i18n import N_
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import On, Scan, spec


def _remote_access(scan: Scan) -> Finding:
    try:
        tools = load_tools()
    except DataError as exc:
        return Finding(Status.UNKNOWN, say.data_unloadable(),
                       evidence=[Evidence("resources/data/remote-tools.json", str(exc))],
                       data={"reason": "data_error"})
    return decide(gather(scan, tools))


def remote_access_linux(scan: Scan) -> Finding:
    return _remote_access(scan)


def remote_access_macos(scan: Scan) -> Finding:
    return _remote_access(scan)


def remote_access_windows(scan: Scan) -> Finding:
    return _remote_access(scan)


_STATUSES = (Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN)

spec(
    "remote-access", N_("Remote access"),
    description=N_("Whether someone could see or control this computer from elsewhere."),
    order=43,
    slot=8,
    systems={
        "linux": On(remote_access_linux, *_STATUSES),
        "macos": On(remote_access_macos, *_STATUSES),
        "windows": On(remote_access_windows, *_STATUSES),
    },
    commands=(SYSTEMCTL_SHOW, *LISTENER_COMMANDS, LAUNCHCTL_PRINT_DISABLED),
    files=(
        *APP_FILES,  # the app inventory (checks/catalog/readers/apps.py)
        # Linux: install paths and folders from resources/data/remote-tools.json, the XDG
        # autostart entries, and the kernel's socket tables when ss cannot answer
        "/opt", "/opt/*", "/opt/google/chrome-remote-desktop", "/usr/bin/*", "/usr/local/bin/*",
        "/usr/sbin/dropbear",
        "/etc/init.d/dropbear", "/usr/share/*", "/usr/NX/bin/nxserver",
        "/usr/local/sunlogin", "/usr/local/mesh_services/meshagent",
        "~/.config/chrome-remote-desktop", "~/.config/autostart", "~/.config/autostart/*.desktop",
        "/etc/xdg/autostart", "/etc/xdg/autostart/*.desktop", "/proc/net", "/proc/net/tcp",
        "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6",
        # macOS: applications and launchd folders
        "/Applications", "/Applications/*", "/Applications/*/*.app", "~/Applications",
        "/Library/LaunchDaemons",
        "/Library/LaunchAgents", "~/Library/LaunchAgents",
        "/Library/PrivilegedHelperTools/ChromeRemoteDesktopHost.app",
    ),
    ps_facts=(LISTENING_FACT,),
    demos={
        "windows10-unencrypted-telegram": "remote_access/windows_clean.json",
        "macos-filevault-signal": "remote_access/macos_clean.json",
        "linux-luks-pending-updates": "remote_access/linux_clean.json",
        "windows11-bitlocker-keepass": "remote_access/windows_clean.json",
        "windows11-home-remote-support": "remote_access/windows_screenconnect.json",
        "macos12-no-filevault": "remote_access/macos_teamviewer.json",
        "macos15-encrypting-screen-sharing": "remote_access/macos_screen_sharing.json",
        "linux-ubuntu2004-unencrypted": "remote_access/linux_anydesk.json",
        "linux-kubuntu-well-kept": "remote_access/linux_clean.json",
    },
)
