"""Reading the machine for the remote-access check: for each tool of the data file, its
processes, services or start-up entries and install places (per system), the system's own
remote-access features, and the shared installed-apps inventory. No verdicts here."""

from __future__ import annotations

from checks.catalog.readers.apps import (
    app_inventory,
    match_apps,
    parse_desktop_entry,
)
from checks.catalog.readers.launchd import parse_launchctl_disabled
from checks.catalog.readers.listeners import listening_sockets
from checks.catalog.readers.processes import running_names
from checks.catalog.readers.systemd import UnitState, systemd_units
from checks.catalog.remote_access.facts import Hit, RemoteFacts
from checks.catalog.remote_access.matching import (
    match_prefixes,
    match_processes,
    signature,
    starts_at_login,
)
from checks.catalog.remote_access.matching import names as _names
from checks.catalog.remote_access.matching import runs as _runs
from checks.engine.datafile import DataFile, load_data
from checks.engine.model import Evidence
from checks.engine.registry import Scan

DATA_NAME = "remote-tools"
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


def load_tools() -> DataFile:
    """The data file of remote-access tools (raises DataError when it cannot be loaded)."""
    return load_data(DATA_NAME, required=("id", "name"))


# =============================================================================== Linux
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
            out[name[:-8]] = (path, starts_at_login(entry))
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


# =============================================================================== macOS
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


# ============================================================================= Windows
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


# ======================================================================== every system
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


# What each system's reader returns: (tools, system features, whether the system's own
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


_GATHERERS = {"linux": _gather_linux, "macos": _gather_macos, "windows": _gather_windows}


def gather(scan: Scan, df: DataFile) -> RemoteFacts:
    """Everything the check reads on this system, with the tools of ``df``."""
    procs = running_names(scan)
    sockets = listening_sockets(scan)
    ports = {s.port for s in sockets.listeners or [] if s.proto == "tcp" and not s.loopback}
    evidence: list[Evidence] = []
    tools, system, system_read, autostart_read = _GATHERERS[scan.family](
        scan, df, procs, ports, evidence)
    tools = _inventory_hits(scan, df, tools)
    return RemoteFacts(bool(procs), sockets, tuple(tools), tuple(system), system_read,
                       autostart_read, tuple(evidence), df.gathered.isoformat(),
                       df.is_stale(scan.now()))
