"""Listening sockets: which programs wait for connections, and on which addresses, from ss,
/proc/net (Linux), netstat (macOS) or the PowerShell facts (Windows); shared by the
remote-access and sharing checks through scan.memo; and the usual use of well-known ports.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checks.engine.commands import Command
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact


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
