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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checks.catalog.readers.apps import FILES as APP_FILES
from checks.catalog.readers.apps import (
    AppSignature,
    app_inventory,
    desktop_entry_hidden,
    match_apps,
    parse_desktop_entry,
)
from checks.catalog.readers.launchd import LAUNCHCTL_PRINT_DISABLED, parse_launchctl_disabled
from checks.catalog.readers.listeners import LISTENER_COMMANDS, LISTENING_FACT, listening_sockets
from checks.catalog.readers.processes import running_names
from checks.catalog.readers.sentences import join_list
from checks.catalog.readers.systemd import SYSTEMCTL_SHOW, UnitState, systemd_units
from checks.engine.datafile import DataError, DataFile, load_data
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.registry import On, Scan, spec

WIN_SERVICES = r"HKLM\SYSTEM\CurrentControlSet\Services"
WIN_TS = r"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server"
WIN_TS_POLICY = r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services"
WIN_UNINSTALL = (
    r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
    r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall",
)
LINUX_OS_UNITS = ("ssh.service", "sshd.service", "ssh.socket", "xrdp.service",
                  "dropbear.service", "dropbear.socket")
REMOTE_PORTS = {22: "SSH server", 3389: "Remote Desktop (RDP)", 5900: "VNC / screen sharing",
                3283: "Apple Remote Desktop", 5938: "TeamViewer", 7070: "AnyDesk",
                21118: "RustDesk"}


# The systems' own remote-access features, as the reader's system names them.
SYSTEM_LABELS = {
    "SSH server": N_("SSH server"),
    "Dropbear SSH server": N_("Dropbear SSH server"),
    "xrdp (Remote Desktop server)": N_("xrdp (Remote Desktop server)"),
    "KDE desktop sharing (krfb)": N_("KDE desktop sharing (krfb)"),
    "GNOME desktop sharing (Vino)": N_("GNOME desktop sharing (Vino)"),
    "Remote Login (SSH)": N_("Remote Login (SSH)"),
    "Screen Sharing": N_("Screen Sharing"),
    "Remote Management (Apple Remote Desktop)": N_("Remote Management (Apple Remote Desktop)"),
    "Remote Desktop": N_("Remote Desktop"),
    "OpenSSH server": N_("OpenSSH server"),
}


@dataclass
class Hit:
    name: str  # a product name, or a key of SYSTEM_LABELS
    kind: str  # "tool" or "system"
    running: bool = False
    autostart: bool = False
    installed: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.running or self.autostart

    @property
    def display(self) -> str | Message:
        label = SYSTEM_LABELS.get(self.name)
        return Message(label) if label else self.name

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "running": self.running,
                "starts_automatically": self.autostart, "installed": self.installed}


def _names(values: Any) -> list[str]:
    return [str(v) for v in values] if isinstance(values, list) else []


def match_processes(spec: dict[str, Any], procs: dict[str, str]) -> list[str]:
    """Process names from the data file that are running (compared without case)."""
    return [procs[p.lower()] for p in _names(spec.get("processes")) if p.lower() in procs]


def match_prefixes(names: list[str], prefixes: list[str]) -> list[str]:
    low = [p.lower() for p in prefixes]
    return [n for n in names if any(n.lower().startswith(p) for p in low)]


# --------------------------------------------------------------------------------------
# Gathering per OS
# --------------------------------------------------------------------------------------


def xdg_autostart_entries(scan: Scan) -> dict[str, tuple[str, bool]]:
    """Desktop-entry id -> (path, starts?) from the XDG autostart folders: the user's
    ~/.config/autostart first (an entry there with the same name overrides the system's,
    and Hidden=true or X-GNOME-Autostart-enabled=false there switches it off), then
    /etc/xdg/autostart (XDG Autostart Specification)."""
    env = scan.host.platform.env
    config = env.get("XDG_CONFIG_HOME") or f"{scan.host.platform.home}/.config"
    out: dict[str, tuple[str, bool]] = {}
    for folder in (f"{config.rstrip('/')}/autostart", "/etc/xdg/autostart"):
        for name in scan.host.list_dir(folder) or []:
            if not name.endswith(".desktop") or name[:-8] in out:
                continue
            path = f"{folder}/{name}"
            entry = parse_desktop_entry(scan.host.read_text(path))
            off = desktop_entry_hidden(entry) or \
                entry.get("X-GNOME-Autostart-enabled", "").strip().lower() == "false"
            out[name[:-8]] = (path, not off)
    return out


def _linux_tools(scan: Scan, df: DataFile, procs: dict[str, str],
                 units: dict[str, UnitState] | None) -> list[Hit]:
    hits: list[Hit] = []
    home = scan.host.platform.home
    opt = scan.host.list_dir("/opt") or []
    autostart = xdg_autostart_entries(scan)
    for entry in df.entries:
        spec = entry.get("linux")
        if not isinstance(spec, dict):
            continue
        hit = Hit(str(entry["name"]), "tool")
        for p in match_processes(spec, procs):
            hit.running = True
            hit.evidence.append(Evidence("running processes", f"{p} is running"))
        for unit_name in _names(spec.get("units")):
            state = units.get(unit_name) if units else None
            if state is not None and state.exists:
                hit.installed = True
                hit.running |= state.running
                hit.autostart |= state.enabled
                hit.evidence.append(Evidence(f"systemctl show {unit_name}", state.describe()))
        for path in _names(spec.get("paths")):
            if scan.host.stat(path) is not None:
                hit.installed = True
                hit.evidence.append(Evidence(path, "present"))
        for prefix in _names(spec.get("path_prefixes")):
            folder, _, start = prefix.rpartition("/")
            if folder == "/opt":
                for name in match_prefixes(opt, [start]):
                    hit.installed = True
                    hit.evidence.append(Evidence(f"/opt/{name}", "present"))
        for ident in _names(spec.get("desktop_ids")) + _names(spec.get("flatpak")):
            found = autostart.get(ident)
            if found is not None and found[1]:
                hit.installed = True
                hit.autostart = True
                hit.evidence.append(Evidence(found[0], "starts at login"))
        for folder in _names(spec.get("config_dirs")):
            path = folder.replace("~", home, 1)
            listing = scan.host.list_dir(path) or []
            hosts = [n for n in listing if n.startswith("host#") and n.endswith(".json")]
            if hosts:
                hit.installed = True
                hit.autostart = True
                hit.evidence.append(Evidence(path, f"{hosts[0]} (set up to accept connections)"))
        if hit.running or hit.autostart or hit.installed:
            hits.append(hit)
    return hits


# The Linux systems' own remote-access servers: (label, process names, systemd units, port,
# files that show it is installed). Dropbear is the small SSH server of embedded systems and
# of initramfs unlockers (Debian's dropbear package); it is known by its process, its units
# and its binary as well as by port 22, so it is seen when the socket tables cannot be read.
LINUX_SERVERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], int | None, tuple[str, ...]],
                     ...] = (
    ("Dropbear SSH server", ("dropbear",), ("dropbear.service", "dropbear.socket"), 22,
     ("/usr/sbin/dropbear", "/usr/bin/dropbear", "/etc/init.d/dropbear")),
    ("SSH server", ("sshd",), ("ssh.service", "sshd.service", "ssh.socket"), 22, ()),
    ("xrdp (Remote Desktop server)", ("xrdp",), ("xrdp.service",), None, ()),
)


def _linux_system(scan: Scan, procs: dict[str, str], units: dict[str, UnitState] | None,
                  ports: set[int]) -> list[Hit]:
    hits: list[Hit] = []
    claimed: set[int] = set()  # ports already explained by a server seen running
    for label, names, unit_names, port, files in LINUX_SERVERS:
        hit = Hit(label, "system")
        for proc in names:
            if proc in procs:
                hit.running = True
                hit.evidence.append(Evidence("running processes", f"{procs[proc]} is running"))
        for name in unit_names:
            state = units.get(name) if units else None
            if state is not None and state.exists and (state.running or state.enabled):
                hit.running |= state.running
                hit.autostart |= state.enabled
                hit.evidence.append(Evidence(f"systemctl show {name}", state.describe()))
        if port is not None and port in ports and port not in claimed and \
                (hit.active or not files):
            hit.running = True
            claimed.add(port)
            hit.evidence.append(Evidence("listening sockets", f"port {port} accepts connections"))
        if not hit.active:
            for path in files:
                if scan.host.stat(path) is not None:
                    hit.installed = True
                    hit.evidence.append(Evidence(path, "present"))
                    break
        if hit.active or hit.installed:
            hits.append(hit)
    for proc, label in (("gnome-remote-desktop-daemon", "GNOME Remote Desktop"),
                        ("krfb", "KDE desktop sharing (krfb)"),
                        ("vino-server", "GNOME desktop sharing (Vino)")):
        if proc in procs:
            hits.append(Hit(label, "system", running=True,
                            evidence=[Evidence("running processes", f"{procs[proc]} is running")]))
    return hits


MACOS_LAUNCHD_DIRS = ("/Library/LaunchDaemons", "/Library/LaunchAgents")


def _macos_tools(scan: Scan, df: DataFile, procs: dict[str, str]
                 ) -> tuple[list[Hit], list[str]]:
    """Hits, and the system launchd folders that could not be listed (every Mac has them:
    while one is unreadable, what starts by itself is not known)."""
    home = scan.host.platform.home
    apps = (scan.host.list_dir("/Applications") or []) + \
        (scan.host.list_dir(f"{home}/Applications") or [])
    launchd: list[tuple[str, str]] = []
    unread: list[str] = []
    for folder in (*MACOS_LAUNCHD_DIRS, f"{home}/Library/LaunchAgents"):
        names = scan.host.list_dir(folder)
        if names is None and folder in MACOS_LAUNCHD_DIRS:
            unread.append(folder)
        launchd.extend((folder, n) for n in names or [])
    hits: list[Hit] = []
    for entry in df.entries:
        spec = entry.get("macos")
        if not isinstance(spec, dict):
            continue
        hit = Hit(str(entry["name"]), "tool")
        for p in match_processes(spec, procs):
            hit.running = True
            hit.evidence.append(Evidence("running processes", f"{p} is running"))
        for app in _names(spec.get("apps")):
            if "/" in app:
                if scan.host.stat(f"/Applications/{app}") is not None:
                    hit.installed = True
                    hit.evidence.append(Evidence(f"/Applications/{app}", "present"))
            elif app in apps:
                hit.installed = True
                hit.evidence.append(Evidence("/Applications", f"{app} present"))
        for path in _names(spec.get("paths")):
            if scan.host.stat(path) is not None:
                hit.installed = True
                hit.evidence.append(Evidence(path, "present"))
        prefixes = [p.lower() for p in _names(spec.get("launchd"))]
        for folder, name in launchd:
            if any(name.lower().startswith(p) for p in prefixes):
                hit.installed = True
                hit.autostart = True
                hit.evidence.append(Evidence(folder, f"{name} (starts automatically)"))
        if hit.running or hit.autostart or hit.installed:
            hits.append(hit)
    return hits, unread


def _macos_system(scan: Scan, procs: dict[str, str], ports: set[int]
                  ) -> tuple[list[Hit], bool]:
    hits: list[Hit] = []
    res = scan.run(["launchctl", "print-disabled", "system"])
    disabled = parse_launchctl_disabled(res.stdout) if res.ok else None
    read = disabled is not None
    for label, name, port in (("com.openssh.sshd", "Remote Login (SSH)", 22),
                              ("com.apple.screensharing", "Screen Sharing", 5900)):
        hit = Hit(name, "system")
        if disabled is not None and disabled.get(label) is False:
            hit.autostart = True
            hit.evidence.append(Evidence("launchctl print-disabled system",
                                         f'"{label}" is enabled'))
        if port in ports:
            hit.running = True
            hit.evidence.append(Evidence("netstat -an", f"port {port} accepts connections"))
        if hit.active:
            hits.append(hit)
    ard = Hit("Remote Management (Apple Remote Desktop)", "system")
    if "ardagent" in procs:
        ard.running = True
        ard.evidence.append(Evidence("running processes", "ARDAgent is running"))
    if 3283 in ports:
        ard.running = True
        ard.evidence.append(Evidence("netstat -an", "port 3283 accepts connections"))
    if ard.active:
        hits.append(ard)
    if disabled is None:
        hits_note = res.describe() if not res.ok else "unexpected output"
        hits.append(Hit("", "note", evidence=[Evidence("launchctl print-disabled system",
                                                        hits_note)]))
    return hits, read


def _win_services(scan: Scan) -> list[str] | None:
    """The names of the installed services; None when the key could not be read."""
    return scan.memo(_read_win_services)


def _read_win_services(scan: Scan) -> list[str] | None:
    return scan.host.registry_subkeys(WIN_SERVICES)


WIN_RUN_KEYS = (
    r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run",
    r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run",
    r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Run",
)
WIN_STARTUP_APPROVED = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved"


def _run_entries(scan: Scan) -> list[tuple[str, str, str, bool]]:
    """(key, value name, command line, enabled?) of the Run keys: programs Windows starts at
    sign-in. Task Manager's Startup tab switches an entry off in StartupApproved (first
    byte 3 or 7 = disabled)."""
    out: list[tuple[str, str, str, bool]] = []
    for key in WIN_RUN_KEYS:
        values = scan.host.registry_values(key) or {}
        hive = key.split("\\", 1)[0]
        sub = "Run32" if "WOW6432Node" in key else "Run"
        approved = scan.host.registry_values(f"{hive}\\{WIN_STARTUP_APPROVED}\\{sub}") or {}
        for name, command in values.items():
            if not isinstance(command, str):
                continue
            flag = approved.get(name)
            off = isinstance(flag, bytes) and len(flag) > 0 and flag[0] in (3, 7)
            out.append((key, str(name), command, not off))
    return out


def _runs(command: str, exe: str) -> bool:
    """Whether a Run command line starts ``exe`` (compared without case, by file name)."""
    low = command.lower().replace("/", "\\")
    name = exe.lower()
    return re.search(r'(^|[\\"\s])' + re.escape(name) + r'($|["\s])', low) is not None


def _windows_tools(scan: Scan, df: DataFile, procs: dict[str, str]) -> list[Hit]:
    services = _win_services(scan) or []
    by_lower = {s.lower(): s for s in services}
    run_entries = _run_entries(scan)
    hits: list[Hit] = []
    for entry in df.entries:
        spec = entry.get("windows")
        if not isinstance(spec, dict):
            continue
        hit = Hit(str(entry["name"]), "tool")
        for p in match_processes(spec, procs):
            hit.running = True
            hit.evidence.append(Evidence("running processes", f"{p} is running"))
        found = [by_lower[s.lower()] for s in _names(spec.get("services")) if s.lower() in by_lower]
        found += match_prefixes(services, _names(spec.get("service_prefixes")))
        for svc in dict.fromkeys(found):
            values = scan.host.registry_values(f"{WIN_SERVICES}\\{svc}", names=["Start"]) or {}
            start = values.get("Start")
            hit.installed = True
            hit.autostart |= start == 2
            hit.evidence.append(Evidence(f"{WIN_SERVICES}\\{svc}",
                                         f"Start = {start!r}" + (" (automatic)" if start == 2
                                                                 else "")))
        for key, name, command, enabled in run_entries:
            if any(_runs(command, exe) for exe in _names(spec.get("processes"))):
                hit.installed = True
                hit.autostart |= enabled
                hit.evidence.append(Evidence(key, f"{name} = {command[:120]}" + (
                    "" if enabled else " (switched off in Startup apps)")))
        if hit.running or hit.autostart or hit.installed:
            hits.append(hit)
    return hits


def _windows_system(scan: Scan, ports: set[int]) -> tuple[list[Hit], bool]:
    hits: list[Hit] = []
    ts = scan.host.registry_values(WIN_TS, names=["fDenyTSConnections"])
    policy = scan.host.registry_values(WIN_TS_POLICY, names=["fDenyTSConnections"]) or {}
    value = policy.get("fDenyTSConnections", (ts or {}).get("fDenyTSConnections"))
    source = WIN_TS_POLICY if "fDenyTSConnections" in policy else WIN_TS
    read = value in (0, 1) and not isinstance(value, bool)
    rdp = Hit("Remote Desktop", "system")
    if read and value == 0:
        rdp.autostart = True
        rdp.evidence.append(Evidence(source, "fDenyTSConnections = 0 (connections allowed)"))
    elif ts is not None or policy:
        rdp.evidence.append(Evidence(source, f"fDenyTSConnections = {value!r}"))
    if 3389 in ports:
        rdp.running = True
        rdp.evidence.append(Evidence("listening sockets", "port 3389 accepts connections"))
    if rdp.active:
        hits.append(rdp)
    elif not read:
        hits.append(Hit("", "note", evidence=rdp.evidence or [Evidence(WIN_TS, "not readable")]))
    services = {s.lower(): s for s in _win_services(scan) or []}
    if "sshd" in services:
        values = scan.host.registry_values(f"{WIN_SERVICES}\\{services['sshd']}",
                                           names=["Start"]) or {}
        ssh = Hit("OpenSSH server", "system", autostart=values.get("Start") == 2,
                  running=22 in ports,
                  evidence=[Evidence(f"{WIN_SERVICES}\\sshd", f"Start = {values.get('Start')!r}")])
        if ssh.active:
            hits.append(ssh)
    return hits, read


def signature(spec: dict[str, Any], family: str) -> AppSignature:
    """How a tool's install shows in the shared application inventory (checks/catalog/readers/apps.py):
    Linux .desktop ids, Flatpak ids and snaps; macOS bundle ids and .app names; Windows
    uninstall display names. Processes are matched by this module itself."""
    if family == "linux":
        return AppSignature(desktop_ids=tuple(_names(spec.get("desktop_ids"))),
                            flatpak_ids=tuple(_names(spec.get("flatpak"))),
                            snap_names=tuple(_names(spec.get("snap"))))
    if family == "macos":
        return AppSignature(bundle_ids=tuple(_names(spec.get("bundle_ids"))),
                            bundle_names=tuple(a for a in _names(spec.get("apps"))
                                               if "/" not in a))
    return AppSignature(display_names=tuple(_names(spec.get("uninstall"))))


def _inventory_hits(scan: Scan, df: DataFile, hits: list[Hit]) -> list[Hit]:
    """Add installs found by the shared application inventory to ``hits``."""
    family = scan.family
    specs = {str(e["id"]): e for e in df.entries if isinstance(e.get(family), dict)}
    sigs = {k: signature(e[family], family) for k, e in specs.items()}
    found = match_apps(app_inventory(scan), sigs, read_text=scan.host.read_text)
    by_name = {h.name: h for h in hits}
    for key, match in found.items():
        if not match.installs:
            continue
        name = str(specs[key]["name"])
        hit = by_name.get(name)
        if hit is None:
            hit = Hit(name, "tool")
            hits.append(hit)
            by_name[name] = hit
        hit.installed = True
        app = match.installs[0]
        hit.evidence.append(Evidence(app.location, f"{app.name} installed"))
    return hits


# --------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------


# What each system's gatherer returns: (tools, system features, whether the system's own
# settings were read, whether what starts by itself could be seen).
Gathered = tuple[list[Hit], list[Hit], bool, bool]


def _gather_windows(scan: Scan, df: DataFile, procs: dict[str, str], ports: set[int],
                    evidence: list[Evidence]) -> Gathered:
    tools = _windows_tools(scan, df, procs)
    system, system_read = _windows_system(scan, ports)
    autostart_read = True
    if _win_services(scan) is None:
        autostart_read = False
        evidence.append(Evidence(WIN_SERVICES, "not readable"))
    return tools, system, system_read, autostart_read


def _gather_macos(scan: Scan, df: DataFile, procs: dict[str, str], ports: set[int],
                  evidence: list[Evidence]) -> Gathered:
    tools, unread = _macos_tools(scan, df, procs)
    system, system_read = _macos_system(scan, procs, ports)
    autostart_read = True
    for folder in unread:
        autostart_read = False
        evidence.append(Evidence(folder, "not readable"))
    return tools, system, system_read, autostart_read


def _gather_linux(scan: Scan, df: DataFile, procs: dict[str, str], ports: set[int],
                  evidence: list[Evidence]) -> Gathered:
    all_units = list(LINUX_OS_UNITS)
    for entry in df.entries:
        spec = entry.get("linux")
        if isinstance(spec, dict):
            all_units += [u for u in _names(spec.get("units")) if u not in all_units]
    units, why = systemd_units(scan, all_units)
    if units is None:
        evidence.append(Evidence("systemctl show", why))
    tools = _linux_tools(scan, df, procs, units)
    system = _linux_system(scan, procs, units, ports)
    return tools, system, True, units is not None


def remote_access_linux(scan: Scan) -> Finding:
    return _remote_access(scan, _gather_linux)


def remote_access_macos(scan: Scan) -> Finding:
    return _remote_access(scan, _gather_macos)


def remote_access_windows(scan: Scan) -> Finding:
    return _remote_access(scan, _gather_windows)


def _remote_access(scan: Scan, gather: Callable[[Scan, DataFile, dict[str, str], set[int],
                                                 list[Evidence]], Gathered]) -> Finding:
    try:
        df = load_data("remote-tools", required=("id", "name"))
    except DataError as exc:
        return Finding(Status.UNKNOWN, msg("Checkup's list of remote-access tools could not be "
                                           "loaded."),
                       evidence=[Evidence("resources/data/remote-tools.json", str(exc))],
                       data={"reason": "data_error"})
    procs = running_names(scan)
    sockets = listening_sockets(scan)
    ports = {s.port for s in sockets.listeners or [] if s.proto == "tcp" and not s.loopback}
    # No count here: the process list changes from one moment to the next.
    evidence: list[Evidence] = [Evidence("running processes",
                                         "list read" if procs else "not visible")]
    # autostart_read: whether what starts by itself could be seen: the services (Windows),
    # the launchd folders (macOS), systemd's units (Linux). Without it, nothing running now
    # is not "nothing set to start".
    tools, system, system_read, autostart_read = gather(scan, df, procs, ports, evidence)
    tools = _inventory_hits(scan, df, tools)
    notes = [h for h in system if h.kind == "note"]
    system = [h for h in system if h.kind != "note"]
    for note in notes:
        evidence.extend(note.evidence)
    if sockets.listeners is not None:
        evidence.append(Evidence(sockets.source, "listening ports read"))
    else:
        evidence.append(Evidence(sockets.source or "listening sockets",
                                 f"not readable: {sockets.note}"))
    hits = tools + system
    for hit in hits:
        evidence.extend(hit.evidence)
    data: dict[str, Any] = {"found": [h.to_json() for h in hits],
                            "data_gathered": df.gathered.isoformat()}
    details = []
    if df.is_stale(scan.now()):
        details.append(msg("Checkup's list of remote-access tools was gathered on {date}; "
                           "newer tools may be missing from it.", date=df.gathered.isoformat()))
    active = [h for h in hits if h.active]
    if active:
        names = join_list([h.display for h in active])
        return Finding(Status.FAIL, msg_n(
            "Remote access is possible on this computer: {names} is running or starts by "
            "itself.",
            "Remote access is possible on this computer: {names} are running or start by "
            "themselves.", len(active), names=names),
            severity=Severity.MEDIUM, evidence=evidence,
            details=[msg("Remote-access tools are legitimate and useful, for example when "
                         "someone you trust helps you with your computer. They are also a "
                         "favourite of scammers and of people who want to watch someone. If "
                         "you did not set this up yourself, read the guidance before removing "
                         "anything.")] + details,
            data=data)
    how = msg("Look through your installed programs for remote-desktop tools, and check "
              "your system's sharing settings for remote login, remote desktop or screen "
              "sharing.")
    if not procs or not system_read:
        return Finding(Status.UNKNOWN,
                       msg("Checkup could not fully check for remote access: it could not see "
                           "the running programs or the system's remote-access settings."),
                       evidence=evidence, details=[how] + details,
                       data={**data, "reason": "unreadable"})
    installed = [h for h in hits if h.installed]
    if not autostart_read:
        if installed:
            names = join_list([h.display for h in installed])
            summary = msg_n(
                "{names} is installed and is not running right now. Checkup could not see "
                "whether it is set to start by itself.",
                "{names} are installed and are not running right now. Checkup could not see "
                "whether they are set to start by themselves.", len(installed), names=names)
        else:
            summary = msg("No remote-access tool is running right now, but Checkup could not "
                          "see which programs are set to start by themselves, so it cannot "
                          "say that none will.")
        return Finding(Status.UNKNOWN, summary, evidence=evidence, details=[how] + details,
                       data={**data, "reason": "autostart_unreadable"})
    if installed:
        names = join_list([h.display for h in installed])
        return Finding(Status.ATTENTION, msg_n(
            "{names} is installed, but it is not running and does not start by itself.",
            "{names} are installed, but they are not running and do not start by themselves.",
            len(installed), names=names),
            evidence=evidence,
            details=[msg("If you do not use it, removing it closes a door. If you did not "
                         "install it yourself, read the guidance first.")] + details,
            data=data)
    return Finding(Status.PASS,
                   msg("No remote-access tool is running or set to start, and the system's own "
                       "remote access is off."),
                   evidence=evidence, details=details, data=data)


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
