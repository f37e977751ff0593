"""Small readers shared by the protection checks (firewall, screen lock, automatic login,
Secure Boot, remote access, sharing, guest account).

Everything here is either a pure parser (text in, facts out) or a thin gatherer that reads
through the Host and caches its answer for the scan, plus two shared shapes: join_list (a
list in a sentence) and unreadable (the `unknown` finding for a setting that could not be
read). The sentences themselves live in each check.
"""

from __future__ import annotations

import ipaddress
import plistlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checks.commands import Command, Value
from checks.i18n import Message, msg
from checks.model import Evidence, Finding, Status
from checks.registry import Scan
from checks.winfacts import ps_fact


def join_list(items: Sequence[str | Message]) -> str | Message:
    """A list for a sentence, each item translated where it is a Message; the separator is
    translatable too (Arabic uses its own comma)."""
    parts = list(items)
    if not parts:
        return ""
    out: str | Message = parts[-1]
    for item in reversed(parts[:-1]):
        # TRANSLATORS: joins two items of a list, e.g. "AnyDesk, Screen Sharing".
        out = msg("{first}, {rest}", first=item, rest=out)
    return out


def unreadable(reason: Message, how: Message, evidence: list[Evidence],
               data: dict[str, Any]) -> Finding:
    """`unknown` because a setting could not be read: ``reason`` says so, ``how`` how to look
    by hand; data["reason"] is "unreadable"."""
    return Finding(Status.UNKNOWN, reason, evidence=evidence, details=[how],
                   data={**data, "reason": "unreadable"})


# --------------------------------------------------------------------------------------
# INI-style files (GDM custom.conf, LightDM, SDDM, kscreenlockerrc, ufw.conf, ...)
# --------------------------------------------------------------------------------------


def parse_ini(text: str | None) -> dict[str, dict[str, str]]:
    """Sections -> {key: value}. Tolerant: comments (# ;), junk lines and repeated
    sections are fine; a later key wins, like GKeyFile/QSettings. Keys before any section
    go in section ""."""
    out: dict[str, dict[str, str]] = {}
    section = ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            out.setdefault(section, {})
            continue
        if "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if not key:
            continue
        out.setdefault(section, {})[key] = value.strip()
    return out


def ini_junk(text: str | None, comments: str = "#") -> list[str]:
    """The lines of an INI-style file that are neither blank, a comment, a [section] nor a
    key=value line (GKeyFile and KConfig refuse such files). A settings file with any of
    them is damaged or not what it should be: a check must not read "no such key" out of
    it as "the default applies". GKeyFile, KConfig and SDDM take only '#' for comments;
    systemd also takes ';' (pass ``comments="#;"``)."""
    out: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line[0] in comments:
            continue
        if line.startswith("[") and line.endswith("]"):
            continue
        key, sep, _value = line.partition("=")
        if sep and key.strip() and "\ufffd" not in line and \
                re.fullmatch(r"[\w.\-$\[\]@/ :*]+", key.strip()):
            continue
        out.append(line)
    return out


def parse_shell_vars(text: str | None) -> dict[str, str]:
    """KEY=value lines of a shell-style config (ufw.conf, /etc/default/ufw)."""
    out: dict[str, str] = {}
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            out[key.strip()] = value.strip().strip("\"'")
    return out


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def parse_bool(value: Any) -> bool | None:
    """A config boolean; None when it is neither clearly true nor clearly false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value) if value in (0, 1) else None
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass
class ConfigFiles:
    """Settings files read for a check: (path, text) in the order programs read them, and
    the ones that exist but could not be used (path, why: "not readable", "not a settings
    file: ..."). A problem means the setting is not known, never that a default applies."""

    files: list[tuple[str, str]]
    problems: list[tuple[str, str]]

    @property
    def paths(self) -> list[str]:
        return [p for p, _ in self.files]


def _take(scan: Scan, path: str, out: ConfigFiles, listed: bool = False,
          comments: str = "#") -> None:
    text = scan.host.read_text(path)
    if text is None:
        if listed or scan.host.stat(path) is not None:
            out.problems.append((path, "present but not readable"))
        return
    junk = ini_junk(text, comments)
    if junk:
        out.problems.append((path, f"not a settings file: {junk[0][:60]!r}"))
        return
    out.files.append((path, text))


def read_config_files(scan: Scan, folders: Sequence[str] = (), files: Sequence[str] = (),
                      suffix: str = ".conf", comments: str = "#") -> ConfigFiles:
    """The files of drop-in ``folders`` (sorted, ending in ``suffix``), then ``files``."""
    out = ConfigFiles([], [])
    for folder in folders:
        names = scan.host.list_dir(folder) or []
        for name in sorted(names):
            if name.endswith(suffix):
                _take(scan, f"{folder.rstrip('/')}/{name}", out, listed=True,
                      comments=comments)
    for path in files:
        _take(scan, path, out, comments=comments)
    return out


def read_config_dir(scan: Scan, folder: str, suffix: str = ".conf") -> list[tuple[str, str]]:
    """(path, text) of the readable settings files in a drop-in folder, in the order
    programs read them (see read_config_files for the ones that could not be used)."""
    return read_config_files(scan, [folder], suffix=suffix).files


LIGHTDM_DIRS = ("/usr/share/lightdm/lightdm.conf.d", "/etc/xdg/lightdm/lightdm.conf.d",
                "/etc/lightdm/lightdm.conf.d")
LIGHTDM_MAIN = "/etc/lightdm/lightdm.conf"


def read_lightdm(scan: Scan) -> tuple[dict[str, str], ConfigFiles]:
    """LightDM's effective seat settings and the files they came from. LightDM reads
    /usr/share/lightdm/lightdm.conf.d, /etc/xdg/lightdm/lightdm.conf.d,
    /etc/lightdm/lightdm.conf.d and then /etc/lightdm/lightdm.conf; later files win.
    Seat sections are [Seat:*] (or the older [SeatDefaults]) and [Seat:seat0]."""
    conf = read_config_files(scan, LIGHTDM_DIRS, [LIGHTDM_MAIN])
    merged: dict[str, str] = {}
    for _path, text in conf.files:
        ini = parse_ini(text)
        for section in ("SeatDefaults", "Seat:*", "Seat:seat0"):
            merged.update(ini.get(section, {}))
    return merged, conf


# --------------------------------------------------------------------------------------
# Property lists (macOS)
# --------------------------------------------------------------------------------------


class PlistError(ValueError):
    pass


def parse_plist(data: bytes) -> dict[str, Any]:
    """A binary or XML property list holding a dictionary; PlistError otherwise."""
    try:
        value = plistlib.loads(data)
    except Exception as exc:  # plistlib raises several kinds on garbage
        raise PlistError(f"not a property list ({exc.__class__.__name__})") from None
    if not isinstance(value, dict):
        raise PlistError("property list does not hold a dictionary")
    return value


def read_plist(scan: Scan, path: str) -> tuple[dict[str, Any] | None, str]:
    """(dictionary, "") or (None, reason): "absent" or what was wrong with it."""
    data = scan.host.read_bytes(path)
    if data is None:
        return None, "absent"
    try:
        return parse_plist(data), ""
    except PlistError as exc:
        return None, str(exc)


# --------------------------------------------------------------------------------------
# systemd units
# --------------------------------------------------------------------------------------

UNIT_PROPERTIES = ("Id", "LoadState", "ActiveState", "SubState", "UnitFileState")
UNIT_NAME = r"[A-Za-z0-9][A-Za-z0-9@:._\\-]*\.(?:service|socket|timer|target|mount)"
# What systemd_units runs: for the specs of the checks that use it.
SYSTEMCTL_SHOW = Command(
    "systemctl", "show", "--property=" + ",".join(UNIT_PROPERTIES),
    Value("units", UNIT_NAME, many=True),
    why="show reads unit state from the local systemd (D-Bus or unit files); nothing is "
        "started or changed")


@dataclass(frozen=True)
class UnitState:
    name: str  # as asked for
    load: str = ""  # "loaded", "not-found", "masked", ...
    active: str = ""  # "active", "inactive", "failed", "activating", ...
    sub: str = ""
    file_state: str = ""  # "enabled", "disabled", "static", "masked", ...
    id: str = ""  # the unit's real name (an alias such as display-manager.service resolves)

    @property
    def exists(self) -> bool:
        return self.load not in ("", "not-found")

    @property
    def running(self) -> bool:
        # Exact comparison: "inactive" contains "active".
        return self.active in ("active", "reloading")

    @property
    def enabled(self) -> bool:
        return self.file_state in ("enabled", "enabled-runtime")

    def describe(self) -> str:
        if not self.exists:
            return "not installed"
        parts = [f"ActiveState={self.active or '?'}"]
        if self.sub:
            parts.append(f"SubState={self.sub}")
        parts.append(f"UnitFileState={self.file_state or '?'}")
        return " ".join(parts)


def parse_systemctl_show(text: str, units: Sequence[str]) -> dict[str, UnitState] | None:
    """``systemctl show --property=... u1 u2 ...``: one block per unit, in the order asked,
    separated by blank lines. None when the output does not have that shape."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
                current = {}
            continue
        key, sep, value = line.partition("=")
        if not sep or key not in UNIT_PROPERTIES:
            return None
        current[key] = value
    if current:
        blocks.append(current)
    if len(blocks) != len(units):
        return None
    out: dict[str, UnitState] = {}
    for name, block in zip(units, blocks, strict=True):
        if "LoadState" not in block or "ActiveState" not in block:
            return None
        out[name] = UnitState(name, block.get("LoadState", ""), block.get("ActiveState", ""),
                              block.get("SubState", ""), block.get("UnitFileState", ""),
                              block.get("Id", ""))
    return out


def systemd_units(scan: Scan, units: Sequence[str], user: bool = False
                  ) -> tuple[dict[str, UnitState] | None, str]:
    """The state of system (or the user's) units; (None, reason) when systemd cannot tell."""
    argv = ["systemctl"]
    if user:
        argv.append("--user")
    argv += ["show", "--property=" + ",".join(UNIT_PROPERTIES), *units]
    res = scan.run(argv)
    if not res.ok:
        reason = f"exit status {res.returncode}" if res.ran else res.describe()
        err = res.stderr.strip().splitlines()
        if err:
            reason += f" ({err[0][:160]})"
        return None, reason
    parsed = parse_systemctl_show(res.stdout, units)
    if parsed is None:
        return None, f"{' '.join(argv[:3])}: unexpected output"
    return parsed, ""


# --------------------------------------------------------------------------------------
# macOS launchd: `launchctl print-disabled system`
# --------------------------------------------------------------------------------------

# What remote-access and sharing run to read it, for their specs.
LAUNCHCTL_PRINT_DISABLED = Command(
    "launchctl", "print-disabled", "system",
    why="prints launchd's local list of disabled services; changing it would need root")

_LAUNCHD_LINE = re.compile(r'^\s*"([^"]+)"\s*=>\s*(true|false|disabled|enabled)\s*$')


def parse_launchctl_disabled(text: str) -> dict[str, bool] | None:
    """label -> disabled? from ``launchctl print-disabled system``. Newer macOS prints
    ``=> true`` / ``=> false``, older ``=> disabled`` / ``=> enabled``. Only the
    "disabled services" block is read. None when there is no such block."""
    out: dict[str, bool] = {}
    in_block = False
    seen = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("disabled services") and line.endswith("{"):
            in_block, seen = True, True
            continue
        if in_block and line == "}":
            in_block = False
            continue
        if in_block:
            m = _LAUNCHD_LINE.match(line)
            if m:
                out[m.group(1)] = m.group(2) in ("true", "disabled")
    return out if seen else None


# --------------------------------------------------------------------------------------
# Listening sockets
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listener:
    proto: str  # "tcp" or "udp"
    address: str  # "0.0.0.0", "::", "127.0.0.1", "*" (any), "192.168.1.5", ...
    port: int
    program: str = ""  # "" when the OS does not tell an ordinary user
    pid: int | None = None

    @property
    def loopback(self) -> bool:
        return is_loopback(self.address)

    def label(self) -> str:
        addr = f"[{self.address}]" if ":" in self.address else self.address
        who = f" ({self.program})" if self.program else ""
        return f"{self.proto} {addr}:{self.port}{who}"


def is_loopback(address: str) -> bool:
    if re.search(r"%lo\d*$", address):
        return True  # a link-local address on the loopback interface (macOS fe80::1%lo0)
    addr = address.strip("[]").split("%", 1)[0]
    if addr in ("", "*"):
        return False
    if addr.lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    if ip.is_loopback:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return False


def _hex_ipv4(h: str) -> str:
    raw = bytes.fromhex(h)
    return str(ipaddress.IPv4Address(raw[::-1]))


def _hex_ipv6(h: str) -> str:
    raw = bytes.fromhex(h)
    # Four 32-bit words, each in the kernel's (little-endian) byte order.
    fixed = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return str(ipaddress.IPv6Address(fixed))


def parse_proc_net(text: str, proto: str, v6: bool) -> list[Listener] | None:
    """/proc/net/{tcp,tcp6,udp,udp6}: listening TCP sockets (state 0A) and unconnected
    UDP sockets (state 07, no remote address). None when the text is not that table."""
    lines = text.splitlines()
    if not lines or "local_address" not in lines[0]:
        return None
    out: list[Listener] = []
    for line in lines[1:]:
        parts = line.split()
        if len(parts) < 4:
            continue
        try:
            local, remote, state = parts[1], parts[2], parts[3].upper()
            addr_hex, port_hex = local.split(":")
            port = int(port_hex, 16)
            address = _hex_ipv6(addr_hex) if v6 else _hex_ipv4(addr_hex)
        except (ValueError, IndexError):
            continue
        if proto == "tcp" and state != "0A":
            continue
        if proto == "udp" and (state != "07" or not re.fullmatch(r"0+:0000", remote)):
            continue
        out.append(Listener(proto, address, port))
    return out


_SS_USERS = re.compile(r'users:\(\("([^"]*)",pid=(\d+)')


def _split_host_port(text: str) -> tuple[str, int] | None:
    host, sep, port = text.rpartition(":")
    if not sep:
        return None
    host = host.strip("[]").split("%", 1)[0]
    try:
        return (host or "*"), int(port)
    except ValueError:
        return None


def parse_ss(text: str) -> list[Listener] | None:
    """``ss -H -t -u -l -n -p``: Netid State Recv-Q Send-Q Local Peer [Process]. Only the
    user's own processes carry a name. None when no line has that shape."""
    out: list[Listener] = []
    good = 0
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 6 or parts[0] not in ("tcp", "udp"):
            continue
        hp = _split_host_port(parts[4])
        if hp is None:
            continue
        good += 1
        if parts[0] == "tcp" and parts[1] != "LISTEN":
            continue
        if parts[0] == "udp" and parts[1] != "UNCONN":
            continue
        m = _SS_USERS.search(line)
        out.append(Listener(parts[0], hp[0], hp[1], m.group(1) if m else "",
                            int(m.group(2)) if m else None))
    if not good and text.strip():
        return None
    return out


_NETSTAT_ADDR = re.compile(r"^(.*)\.(\d+|\*)$")


def parse_macos_netstat(text: str) -> list[Listener] | None:
    """macOS ``netstat -an`` (internet part): ``tcp4 0 0 *.5900 *.* LISTEN``; UDP rows
    have no state. Port follows the last dot. None when no internet rows were found."""
    out: list[Listener] = []
    rows = 0
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 5 or not re.fullmatch(r"(tcp|udp)(4|6|46)?", parts[0]):
            continue
        rows += 1
        proto = parts[0][:3]
        m = _NETSTAT_ADDR.match(parts[3])
        if not m or m.group(2) == "*":
            continue
        if proto == "tcp":
            if len(parts) < 6 or parts[5] != "LISTEN":
                continue
        elif parts[4] != "*.*":
            continue
        addr = m.group(1)
        out.append(Listener(proto, addr if addr != "*" else "*", int(m.group(2))))
    # netstat always prints its "Active Internet connections" heading: an empty or
    # heading-less answer without rows is not "nothing listens".
    if not rows and "Active Internet connections" not in text:
        return None
    return out


def dedupe(listeners: Iterable[Listener]) -> list[Listener]:
    seen: dict[tuple[str, str, int], Listener] = {}
    for item in listeners:
        key = (item.proto, item.address, item.port)
        if key not in seen or (item.program and not seen[key].program):
            seen[key] = item
    return sorted(seen.values(), key=lambda x: (x.proto, x.port, x.address))


@dataclass(frozen=True)
class ListenerScan:
    listeners: list[Listener] | None  # None: could not be read (completely)
    source: str  # what was read, for evidence
    note: str = ""  # why not (untranslated, for evidence)
    names: str = "all"  # which programs are named: "all", "own", "none", "admin"
    # When ``listeners`` is None: the sockets found in the tables that could be read. Proof
    # that something listens, never that nothing else does.
    partial: list[Listener] = field(default_factory=list)


# The kernel's socket tables: (file under /proc/net, protocol, IPv6?). The IPv4 ones always
# exist; the IPv6 ones are missing only from a kernel without IPv6 (ipv6.disable=1).
PROC_NET_TABLES = (("tcp", "tcp", False), ("tcp6", "tcp", True),
                   ("udp", "udp", False), ("udp6", "udp", True))


def _proc_net_listeners(scan: Scan) -> tuple[list[Listener], list[str]]:
    """The listeners in /proc/net/{tcp,tcp6,udp,udp6}, and the tables that could not be
    used ("udp: absent", "tcp: not that table"). An IPv6 table counts as not needed only
    when the /proc/net listing shows that the kernel has none."""
    found: list[Listener] = []
    missing: list[str] = []
    listing: list[str] | None = None
    for name, proto, v6 in PROC_NET_TABLES:
        text = scan.host.read_text(f"/proc/net/{name}")
        if text is None:
            if v6:
                if listing is None:
                    listing = scan.host.list_dir("/proc/net")
                if listing is not None and "tcp" in listing and name not in listing:
                    continue  # no IPv6 in this kernel: nothing can listen there
            missing.append(f"{name}: absent or unreadable")
            continue
        parsed = parse_proc_net(text, proto, v6)
        if parsed is None:
            missing.append(f"{name}: not that table")
            continue
        found.extend(parsed)
    return found, missing


# What listeners runs on Linux and macOS (Windows: LISTENING_FACT), for the specs.
LISTENER_COMMANDS = (
    Command("ss", "-H", "-t", "-u", "-l", "-n", "-p",
            why="lists local listening sockets over netlink, numeric (no name lookups)"),
    Command("netstat", "-an", why="lists local sockets, numeric (no name lookups)"),
)


def _linux_listeners(scan: Scan) -> ListenerScan:
    res = scan.run(["ss", "-H", "-t", "-u", "-l", "-n", "-p"])
    if res.ok and res.stdout.strip():
        parsed = parse_ss(res.stdout)
        if parsed is not None:
            return ListenerScan(dedupe(parsed), "ss -H -t -u -l -n -p", names="own")
    # ss printed nothing (or nothing usable): "no socket at all" is only believed from
    # the kernel's own tables, whose header line proves what they are, and only when every
    # one of them was read: one missing or garbled table may hold the listener.
    found, missing = _proc_net_listeners(scan)
    if not missing:
        return ListenerScan(dedupe(found), "/proc/net/tcp, tcp6, udp, udp6", names="none")
    ss_said = res.describe().removeprefix(" ".join(res.argv) + ": ") if not res.ok else \
        "unexpected output" if res.stdout.strip() else "no output"
    return ListenerScan(None, "ss -H -t -u -l -n -p; /proc/net/tcp, tcp6, udp, udp6",
                        f"ss: {ss_said}; /proc/net/" + ", ".join(missing), names="none",
                        partial=dedupe(found))


def _macos_listeners(scan: Scan) -> ListenerScan:
    res = scan.run(["netstat", "-an"])
    if not res.ok:
        return ListenerScan(None, "netstat -an", res.describe())
    parsed = parse_macos_netstat(res.stdout)
    if parsed is None:
        return ListenerScan(None, "netstat -an", "unexpected output")
    return ListenerScan(dedupe(parsed), "netstat -an", names="admin")


def parse_windows_listeners(value: Any) -> list[Listener] | None:
    """The ``listening_sockets`` fact: a list (or one object) of
    {"proto": "tcp"|"udp", "address": str, "port": int, "pid": int, "program": str}.
    None when it is not that, or lists no TCP listener: every Windows has some (RPC on
    135 at least), and the query hides its own errors, so an empty list means it failed."""
    if value is None:
        return None  # Windows always listens on some port (RPC, 135): nothing is not an answer
    items = value if isinstance(value, list) else [value]
    out: list[Listener] = []
    for item in items:
        if not isinstance(item, dict):
            return None
        try:
            proto = str(item.get("proto", "")).lower()
            port = int(item["port"])
            address = str(item.get("address") or "")
        except (KeyError, TypeError, ValueError):
            return None
        if proto not in ("tcp", "udp") or not address:
            return None
        pid = item.get("pid")
        out.append(Listener(proto, address, port, str(item.get("program") or ""),
                            int(pid) if isinstance(pid, int) else None))
    if not any(x.proto == "tcp" for x in out):
        return None  # no TCP listener at all: the TCP query failed quietly (SilentlyContinue)
    return out


def _windows_listeners(scan: Scan) -> ListenerScan:
    fact = scan.fact(LISTENING_FACT)
    source = "PowerShell Get-NetTCPConnection -State Listen; Get-NetUDPEndpoint"
    if not fact.ok:
        return ListenerScan(None, source, fact.error)
    parsed = parse_windows_listeners(fact.value)
    if parsed is None:
        return ListenerScan(None, source, "unexpected output")
    return ListenerScan(dedupe(parsed), source)


def listening_sockets(scan: Scan) -> ListenerScan:
    """Sockets that accept connections, shared by the sharing and remote-access checks."""
    return scan.memo(_read_listening_sockets)


def _read_listening_sockets(scan: Scan) -> ListenerScan:
    if scan.family == "linux":
        return _linux_listeners(scan)
    if scan.family == "macos":
        return _macos_listeners(scan)
    if scan.family == "windows":
        return _windows_listeners(scan)
    return ListenerScan(None, "", "unsupported system")


# Registered here so both checks that use it can list it in their ps_facts.
LISTENING_FACT = ps_fact(
    "listening_sockets",
    r"""
$names = @{}
Get-Process -ErrorAction SilentlyContinue | ForEach-Object { $names[[int]$_.Id] = $_.ProcessName }
$out = @()
Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue | ForEach-Object {
  $out += [ordered]@{ proto = 'tcp'; address = [string]$_.LocalAddress; port = [int]$_.LocalPort;
                      pid = [int]$_.OwningProcess; program = [string]$names[[int]$_.OwningProcess] } }
Get-NetUDPEndpoint -ErrorAction SilentlyContinue | ForEach-Object {
  $out += [ordered]@{ proto = 'udp'; address = [string]$_.LocalAddress; port = [int]$_.LocalPort;
                      pid = [int]$_.OwningProcess; program = [string]$names[[int]$_.OwningProcess] } }
,$out
""",
)


# --------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------


def running_names(scan: Scan) -> dict[str, str]:
    """lower-cased process name -> name as shown, for every process the OS lets us see."""
    return scan.memo(_read_running_names)


def _read_running_names(scan: Scan) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in scan.host.processes():
        if p.name:
            out.setdefault(p.name.lower(), p.name)
    return out


# Ports whose usual use is worth naming when the OS does not name the program. The names
# are protocols and products, the same in every language.
USUAL_PORT_USE: dict[int, str] = {
    22: "SSH",
    135: "RPC",
    139: "NetBIOS",
    445: "SMB",
    548: "AFP",
    631: "CUPS",
    1716: "KDE Connect",
    2049: "NFS",
    3283: "Apple Remote Desktop",
    3389: "RDP",
    5357: "WSD",
    5900: "VNC",
    5938: "TeamViewer",
    7070: "AnyDesk",
    21115: "RustDesk",
    21118: "RustDesk",
}
