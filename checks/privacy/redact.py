"""Redaction: take the person out of a snapshot or a report before it leaves the machine.

Two uses share one ``Scrubber``:

- ``redact_snapshot(snapshot, identity)`` is a pure function over a Snapshot: every string
  in it (command lines and their output, file texts and paths, directory names, registry
  keys and values, process names, the platform's home and environment) has the person's
  user name, host name, home folder, hardware serial numbers, machine id, MAC addresses,
  MAC-based interface names, IP addresses and Wi-Fi network names replaced by placeholders. It returns the redacted copy and what kinds were replaced, with
  counts, so the command line can tell the person.
- reports (checks/reports/report.py) scrub the rendered findings the same way, with ``~`` for the
  home folder.

Placeholders keep the shape of what they replace where a check depends on it: a home
``/home/alice`` becomes ``/home/<user>`` in a snapshot, so a replayed check that builds a
path from the (redacted) home finds the (redacted) file.

Names are replaced as whole words: ``ali`` in ``/home/ali``, ``ali-laptop`` or ``ali's``, never
inside ``italic``. Names shorter than ``MIN_WORD`` (3) characters (a user called ``jo``) are
replaced only as a whole value or a whole path component (``/Users/jo/``), as are names
shorter than ``MIN_FREE_TEXT`` (4) inside a command line, so that a replayed check that runs
``systemctl show tor.service`` still finds it when the user is called ``tor``. Generic names
(``root``, ``localhost``, ``debian``) identify nobody and are kept.

Addresses (``_ip_class``): ``127.0.0.0/8``, ``::1``, ``0.0.0.0`` and ``::`` are kept (they say
"only this machine" or "every interface", which checks and people need), and so are IPv4
netmasks (``255.255.255.0``: no one's address). Every other address becomes the placeholder
of its class:

- ``<ip-link-local>``: ``169.254.0.0/16``, ``fe80::/10`` (an EUI-64 one carries the MAC);
- ``<ip-lan>``: not reachable from the internet: RFC 1918 (``10/8``, ``172.16/12``,
  ``192.168/16``), the carrier-grade NAT range ``100.64.0.0/10`` and unique local IPv6
  ``fc00::/7``;
- ``<ip-multicast>``: ``224.0.0.0/4``, ``ff00::/8`` (groups, not machines);
- ``<ip-global>``: everything else, reserved and documentation ranges included (a global
  IPv6 address points to a home line).

An IPv4-mapped IPv6 address takes the class of its IPv4 address. The kernel's socket tables
(``/proc/net/tcp``, ``tcp6``, ``udp``, ``udp6``) hold addresses in hexadecimal, which their
parser must still read: there each address is replaced by a fixed representative of its
class (``10.0.0.0``, ``169.254.0.0``, ``224.0.0.0``, ``192.0.2.0``, and ``fd00::``, ``fe80::``,
``ff00::``, ``2001:db8::`` for IPv6), so a replayed check still sees "not loopback".

MAC-based interface names (``enx`` or ``wlx`` and 12 hex digits) become ``enx<mac>`` and
``wlx<mac>``. Wi-Fi network names are found where tools print them (``SSID: ...``,
``ESSID:"..."``, ``ssid=...``, ``Current Wi-Fi Network: ...``, an ``nmcli`` line ending in
``:802-11-wireless``; on this machine also the names of NetworkManager's saved Wi-Fi
connections) and then replaced everywhere by ``<wifi-network>``.

Run as root (or through sudo), the person's own name is not the login name: every account
with a home under ``/home`` or ``/Users`` (from the password database and those folders) is
redacted, and ``SUDO_USER`` is added as one more name (a hint, never taken as the only one).
``Identity.knows_person`` says whether a real user name and a host name are known; only then
may the command line say that nothing identifying was found.
"""

from __future__ import annotations

import base64
import getpass
import ipaddress
import ntpath
import os
import platform as _platform
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checks.engine.host import PlatformInfo
from checks.engine.i18n import N_
from checks.engine.snapshot import Snapshot

MIN_FREE_TEXT = 4  # shorter names are replaced inside command lines only as path parts
MIN_WORD = 3  # shorter names are replaced only as whole values or path components

# Kinds of things replaced (keys of the counts); values are translatable labels.
USER, HOST, HOME, SERIAL, MACHINE_ID, MAC, IP, SSID = (
    "user_name", "host_name", "home_path", "serial_number", "machine_id", "mac_address",
    "ip_address", "wifi_network",
)
KIND_LABELS = {
    USER: N_("user name"),
    HOST: N_("host name"),
    HOME: N_("home folder path"),
    SERIAL: N_("serial number"),
    MACHINE_ID: N_("machine id"),
    MAC: N_("MAC address"),
    IP: N_("IP address"),
    SSID: N_("Wi-Fi network name"),
}
PLACEHOLDERS = {USER: "<user>", HOST: "<host>", SERIAL: "<serial>", MACHINE_ID: "<machine-id>",
                MAC: "<mac>", SSID: "<wifi-network>"}
IP_LAN, IP_LINK_LOCAL, IP_MULTICAST, IP_GLOBAL = (
    "<ip-lan>", "<ip-link-local>", "<ip-multicast>", "<ip-global>")

# Names that identify nobody and appear in ordinary system output.
GENERIC_NAMES = frozenset({
    "root", "user", "users", "admin", "administrator", "guest", "nobody", "default", "public",
    "test", "home", "host", "localhost", "localdomain", "local", "amnesia", "tails", "debian",
    "ubuntu", "fedora", "kali", "mint", "arch", "archlinux", "manjaro", "raspberrypi", "linux",
    "pop-os", "centos", "redhat", "opensuse", "suse", "qubes", "dom0", "system", "mac",
    "serial", "none", "unknown", "dev", "sys", "usr", "bin", "sbin", "etc", "var", "lib", "opt",
    "run", "tmp", "srv", "mnt", "proc", "boot", "media", "snap", "efi", "swap", "live",
    "to be filled by o.e.m.", "default string",
    "system serial number", "not specified", "not applicable", "0", "123456789",
})

_MAC_RE = re.compile(
    r"(?<![0-9A-Fa-f:\-])(?:[0-9A-Fa-f]{2}([:\-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}"
    r"(?![0-9A-Fa-f:\-])"
)
_NOT_IDENTIFYING_MACS = {"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"}
_MAC_IFACE_RE = re.compile(r"(?<![A-Za-z0-9])(enx|wlx)[0-9A-Fa-f]{12}(?![A-Za-z0-9])")

# Address candidates, confirmed by the ipaddress module. Not inside dotted version numbers
# (``1.2.3.4-1``, ``10.0.19041.1``) nor inside C++/Perl names (``std::string``).
_IPV4_RE = re.compile(r"(?<![\w.\-+~])\d{1,3}(?:\.\d{1,3}){3}(?![\w\-+~]|\.\d)")
_IPV6_RE = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})"
    r"(?:%[\w.\-]+)?(?![\w:])"
)
_LAN_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"))
# A fixed address of each class, for tables a parser must still read (/proc/net/tcp).
_REPRESENTATIVES = {
    (4, IP_LAN): "10.0.0.0", (4, IP_LINK_LOCAL): "169.254.0.0",
    (4, IP_MULTICAST): "224.0.0.0", (4, IP_GLOBAL): "192.0.2.0",
    (6, IP_LAN): "fd00::", (6, IP_LINK_LOCAL): "fe80::", (6, IP_MULTICAST): "ff00::",
    (6, IP_GLOBAL): "2001:db8::",
}
_PROC_NET_TABLES = frozenset(f"/proc/net/{n}" for n in ("tcp", "tcp6", "udp", "udp6"))
_PROC_NET_ADDR = re.compile(r"(?<![0-9A-Fa-f])([0-9A-F]{32}|[0-9A-F]{8}):([0-9A-F]{4})(?![0-9A-F])")


def _ip_class(text: str) -> str | None:
    """The placeholder for an address, or None to keep it (also when it is no address)."""
    try:
        addr = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_loopback or addr.is_unspecified:
        return None
    if isinstance(addr, ipaddress.IPv4Address) and text.startswith("255."):
        inverted = ~int(addr) & 0xFFFFFFFF
        if inverted & (inverted + 1) == 0:
            return None  # a netmask
    if addr.is_link_local:
        return IP_LINK_LOCAL
    if addr.is_multicast:
        return IP_MULTICAST
    if any(addr in net for net in _LAN_NETS):
        return IP_LAN
    return IP_GLOBAL


# Where tools print a Wi-Fi network's name: netsh wlan (``SSID : x``, ``SSID 1 : x``,
# ``Profile : x``, ``All User Profile : x``), iw (``SSID: x``, ``ssid x``), macOS airport
# -I and ipconfig getsummary (``SSID : x``), iwconfig (``ESSID:"x"``), NetworkManager
# keyfiles and wpa_supplicant.conf (``ssid=x``, ``ssid="x"``), networksetup
# (``Current Wi-Fi Network: x``; ``AirPort`` before macOS 10.7). nmcli's terse output is
# read by ``_nmcli_ssids``; networksetup -listpreferredwirelessnetworks by
# ``_preferred_ssids``.
_SSID_PATTERNS = (
    re.compile(r"^[ \t]*(?:SSID(?:[ \t]+name)?|(?:All User |Current User )?Profile)[ \t]*"
               r"(?:\d+[ \t]*)?:[ \t]*\"?([^\"\n]+?)\"?[ \t]*$", re.M),
    re.compile(r"\bESSID:\"([^\"\n]+)\""),
    re.compile(r"^[ \t]*ssid[ \t]*[=:][ \t]*\"?([^\"\n]+?)\"?[ \t]*$", re.M),
    re.compile(r"^[ \t]*ssid[ \t]+([^\n]+?)[ \t]*$", re.M),
    re.compile(r"Current (?:Wi-Fi|AirPort) Network:[ \t]*([^\n]+?)[ \t]*$", re.M),
)
# Values these patterns also meet that are no network's name.
_NOT_SSIDS = frozenset({"--", "off/any", "any", "none", "<hidden>", "(null)"})
NM_CONNECTIONS = "/etc/NetworkManager/system-connections"
_NMCLI_SEP = re.compile(r"(?<!\\):")


def _nmcli_ssids(text: str) -> list[str]:
    """nmcli -t: a connection line whose type field is 802-11-wireless gives its first
    field (``name:uuid:802-11-wireless:device``); ``-f active,ssid`` lines give the second
    (``yes:name``). A colon inside a value is escaped as ``\\:``."""
    out: list[str] = []
    for line in text.splitlines():
        fields = [f.replace("\\:", ":") for f in _NMCLI_SEP.split(line)]
        if len(fields) >= 2 and "802-11-wireless" in fields[1:]:
            out.append(fields[0])
        elif len(fields) == 2 and fields[0] in ("yes", "no", "*", ""):
            out.append(fields[1])
    return out


def _preferred_ssids(text: str) -> list[str]:
    """networksetup -listpreferredwirelessnetworks: a header, then one name per tabbed line."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("Preferred networks on "):
        return []
    return [line.strip() for line in lines[1:] if line.startswith("\t")]


def ssids_in(text: str, tool: str = "") -> list[str]:
    """Wi-Fi network names printed in a tool's output or a settings file (``tool``: the
    program's name, for the outputs only that tool's shape tells apart)."""
    found: list[str] = []
    for pat in _SSID_PATTERNS:
        found.extend(m.group(1).strip() for m in pat.finditer(text))
    if tool == "nmcli":
        found.extend(_nmcli_ssids(text))
    if tool == "networksetup":
        found.extend(_preferred_ssids(text))
    return list(dict.fromkeys(
        f for f in (x.strip() for x in found)
        if f and f.lower() not in _NOT_SSIDS and not _MAC_RE.fullmatch(f)))


# Programs whose output names Wi-Fi networks, and files that do.
WIFI_TOOLS = frozenset({"nmcli", "iw", "iwconfig", "iwgetid", "netsh", "networksetup",
                        "airport", "wdutil", "ipconfig", "wpa_cli", "iwctl"})
_WIFI_FILE_DIRS = (NM_CONNECTIONS + "/", "/etc/wpa_supplicant/", "/var/lib/iwd/",
                   "/etc/netplan/")
_WIFI_FILES = ("/etc/wpa_supplicant.conf",)


def _wifi_file(path: str) -> bool:
    return path.startswith(_WIFI_FILE_DIRS) or path in _WIFI_FILES


def _keyfile_networks(path: str, text: str) -> list[str]:
    """A NetworkManager keyfile of a Wi-Fi connection: its ``ssid=``, its ``id=`` and its
    file name (which NetworkManager makes from the id); iwd's files are named by the SSID."""
    out = ssids_in(text)
    base = posixpath.basename(path)
    if "/iwd/" in path:
        out.append(re.sub(r"\.(psk|open|8021x)$", "", base))
    elif re.search(r"(?m)^type=(wifi|802-11-wireless)\s*$", text):
        out.append(re.sub(r"\.nmconnection$", "", base))
        out.extend(m.group(1).strip() for m in re.finditer(r"(?m)^id=(.+)$", text))
    return out


@dataclass(frozen=True)
class Identity:
    """What identifies the person and the machine, to be taken out."""

    home: str = ""
    users: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    serials: tuple[str, ...] = ()
    machine_ids: tuple[str, ...] = ()
    windows: bool = False
    networks: tuple[str, ...] = ()  # Wi-Fi network names
    # names replaced like user names that prove nothing (SUDO_USER, which anyone can set)
    hints: tuple[str, ...] = ()

    @property
    def knows_person(self) -> bool:
        """Whether a user name and a host name that identify someone are known (only then
        can "nothing identifying was found" be said)."""
        def real(names: Iterable[str]) -> bool:
            return any(n.strip() and n.strip().lower() not in GENERIC_NAMES for n in names)

        return real(self.users) and real(self.hosts)

    def merged(self, other: Identity) -> Identity:
        def cat(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(x for x in (*a, *b) if x))

        return Identity(
            home=self.home or other.home,
            users=cat(self.users, other.users),
            hosts=cat(self.hosts, other.hosts),
            serials=cat(self.serials, other.serials),
            machine_ids=cat(self.machine_ids, other.machine_ids),
            windows=self.windows or other.windows,
            networks=cat(self.networks, other.networks),
            hints=cat(self.hints, other.hints),
        )


def _basename(path: str, windows: bool) -> str:
    return (ntpath if windows else posixpath).basename(path.rstrip("\\/"))


def identity_from_platform(platform: PlatformInfo) -> Identity:
    """User names found in the platform facts (home folder, USERPROFILE)."""
    windows = platform.system == "Windows"
    users = []
    for path in (platform.home, platform.env.get("HOME", ""), platform.env.get("USERPROFILE", "")):
        if path:
            users.append(_basename(path, windows or "\\" in path))
    return Identity(home=platform.home, users=tuple(u for u in users if u), windows=windows)


def local_identity(platform: PlatformInfo) -> Identity:
    """The identity of the person running Checkup on this machine (no network involved:
    the login name comes from the environment or the password database, the host name
    from the kernel)."""
    users: list[str] = []
    try:
        users.append(getpass.getuser())
    except Exception:  # no login name available: nothing to add
        pass
    hints: list[str] = []
    if _as_administrator():
        # every account with a home under /home or /Users is replaced, but which of them is
        # the person's is not known: they are hints, so record never says "nothing
        # identifying" on their strength
        hints.extend(home_accounts())
        hint = os.environ.get("SUDO_USER", "").strip()
        if hint:
            hints.append(hint)
    node = _platform.node()
    hosts = [node, node.split(".")[0]] if node else []
    return identity_from_platform(platform).merged(Identity(
        users=tuple(users), hosts=tuple(hosts), networks=tuple(saved_wifi_networks()),
        hints=tuple(hints)))


def _as_administrator() -> bool:
    """Run as root or through sudo (POSIX): the login name is then not the person's."""
    geteuid = getattr(os, "geteuid", None)
    return (geteuid is not None and geteuid() == 0) or bool(os.environ.get("SUDO_USER"))


_NOT_ACCOUNTS = frozenset({"lost+found", "shared", "guest", ".localized"})


def home_accounts(roots: Iterable[str] = ("/home", "/Users")) -> list[str]:
    """Every account with a home under ``roots``: its login name and its home folder's name
    (password database and folder names). Local reads only. ``SUDO_USER`` is not among
    them: anyone can set it (``local_identity`` adds it as a hint)."""
    out: list[str] = []
    roots = tuple(r.rstrip("/") for r in roots)
    try:
        import pwd

        for entry in pwd.getpwall():
            home = entry.pw_dir.rstrip("/")
            if any(home.startswith(r + "/") for r in roots):
                out += [entry.pw_name, posixpath.basename(home)]
    except (ImportError, OSError, KeyError):
        pass
    for root in roots:
        try:
            names = os.listdir(root)
        except OSError:
            continue
        out += [n for n in names if not n.startswith(".") and n.lower() not in _NOT_ACCOUNTS]
    return list(dict.fromkeys(n for n in out if n))


def passwd_accounts(text: str, roots: Iterable[str] = ("/home", "/Users")) -> list[str]:
    """Login names and home-folder names of the accounts in a passwd file whose home is
    under ``roots`` (people's accounts, not the system's)."""
    out: list[str] = []
    prefixes = tuple(r.rstrip("/") + "/" for r in roots)
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) >= 7 and fields[5].startswith(prefixes):
            out += [fields[0], posixpath.basename(fields[5].rstrip("/"))]
    return [n for n in dict.fromkeys(out) if n and n.lower() not in GENERIC_NAMES]


def saved_wifi_networks(folder: str = NM_CONNECTIONS) -> list[str]:
    """Names of NetworkManager's saved Wi-Fi connections (its keyfiles' names; their
    ``ssid=`` where the file can be read, as root). Local reads only."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out: list[str] = []
    for name in names:
        base = name[: -len(".nmconnection")] if name.endswith(".nmconnection") else name
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as fh:
                text = fh.read(65536)
        except OSError:
            text = None
        if text is None:
            # unreadable (not root): its name, unless it is one NetworkManager makes for wires
            if not re.match(r"(?i)(wired connection|ethernet|vpn|bridge|docker|virbr|lo$)",
                            base):
                out.append(base)
        else:
            out.extend(_keyfile_networks(os.path.join(folder, name), text))
    return list(dict.fromkeys(n for n in out if n))


# -- discovery inside a snapshot ------------------------------------------------------------

_SERIAL_FILES = (
    "/sys/class/dmi/id/product_serial",
    "/sys/class/dmi/id/board_serial",
    "/sys/class/dmi/id/chassis_serial",
    "/sys/class/dmi/id/product_uuid",
    "/sys/firmware/devicetree/base/serial-number",
    "/proc/device-tree/serial-number",
)
_MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")
_HOST_FILES = ("/etc/hostname", "/proc/sys/kernel/hostname")
_SERIAL_PATTERNS = (
    re.compile(r'"(?:serial|wwn)"\s*:\s*"([^"\n]+)"', re.I),  # lsblk --json
    re.compile(r"^\s*Serial Number[^:\n]*:\s*(\S[^\n]*?)\s*$", re.M | re.I),  # system_profiler
    re.compile(r'"IOPlatform(?:SerialNumber|UUID)"\s*=\s*"([^"\n]+)"'),  # ioreg
    re.compile(r'"SerialNumber"\s*:\s*"([^"\n]+)"', re.I),  # PowerShell JSON
    re.compile(r"^\s*(?:Hardware UUID|Provisioning UDID)\s*:\s*(\S+)\s*$", re.M),
)
_HOST_COMMANDS = {("hostname",), ("hostnamectl", "hostname"), ("scutil", "--get", "ComputerName"),
                  ("scutil", "--get", "LocalHostName"), ("scutil", "--get", "HostName"),
                  ("uname", "-n")}
_HOST_REG = r"hklm\system\currentcontrolset\control\computername\computername"


def _file_text(entry: Mapping[str, Any]) -> str:
    if "text" in entry:
        return str(entry["text"])
    try:
        return base64.b64decode(str(entry.get("base64", ""))).decode("utf-8", "replace")
    except ValueError:
        return ""


def identity_from_snapshot(snapshot: Snapshot) -> Identity:
    """Everything identifying that the snapshot itself reveals."""
    base = identity_from_platform(snapshot.platform)
    files = {p.lower() if base.windows else p: v for p, v in snapshot.files.items()}
    serials: list[str] = []
    machine_ids: list[str] = []
    hosts: list[str] = []
    for path in _SERIAL_FILES:
        if path in files:
            serials.append(_file_text(files[path]).strip("\x00 \n\t"))
    for path in _MACHINE_ID_FILES:
        if path in files:
            machine_ids.append(_file_text(files[path]).strip())
    for path in _HOST_FILES:
        if path in files:
            hosts.append(_file_text(files[path]).strip())
    networks: list[str] = []
    for path, entry in files.items():
        if _wifi_file(path):
            networks.extend(_keyfile_networks(path, _file_text(entry)))
    users: list[str] = []
    if "/etc/passwd" in files:
        users.extend(passwd_accounts(_file_text(files["/etc/passwd"])))
    for cmd in snapshot.commands:
        out = str(cmd.get("stdout") or "")
        argv = tuple(str(a) for a in cmd.get("argv") or ())
        for pat in _SERIAL_PATTERNS:
            serials.extend(m.group(1).strip() for m in pat.finditer(out))
        tool = ntpath.basename(posixpath.basename(argv[0])).lower() if argv else ""
        tool = tool[:-4] if tool.endswith(".exe") else tool
        if argv and (posixpath.basename(argv[0]), *argv[1:]) in _HOST_COMMANDS:
            hosts.append(out.strip())
        if tool in WIFI_TOOLS:
            networks.extend(ssids_in(out, tool))
    for key, entry in snapshot.registry.items():
        values: Any = entry.get("values") or {}
        if not isinstance(values, dict):
            continue
        for name, value in values.items():
            if isinstance(value, str) and "serial" in name.lower():
                serials.append(value.strip())
        if key.lower() == _HOST_REG and isinstance(values.get("ComputerName"), str):
            hosts.append(values["ComputerName"])
    hosts += [h.split(".")[0] for h in hosts]
    return base.merged(Identity(
        users=tuple(users),
        networks=tuple(n for n in networks if "\n" not in n),
        hosts=tuple(h for h in hosts if h and "\n" not in h),
        serials=tuple(s for s in serials if s),
        machine_ids=tuple(m for m in machine_ids if m and "\n" not in m),
    ))


# -- the scrubber -------------------------------------------------------------------------


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that is used as is (no backslash escapes: Windows paths)."""
    return lambda _m: text


# A name stands as a word when no ASCII letter or digit touches it (ASCII, so that the
# bytes around a name in a binary file, read as Latin-1, do not hide it).
_NOT_LETTER_BEFORE = r"(?<![A-Za-z0-9<])"
_NOT_LETTER_AFTER = r"(?![A-Za-z0-9>])"


def _word(name: str) -> str:
    return _NOT_LETTER_BEFORE + re.escape(name) + _NOT_LETTER_AFTER


# Folders that hold people's homes: a short name right below one is a home's name.
_HOME_ROOTS = frozenset({"home", "users", "export/home", "usr/home"})


def _component(name: str) -> re.Pattern[str]:
    """``name`` as a whole path component right below a folder of homes (``/home/jo``,
    ``C:\\Users\\jo\\``), checked by ``_below_home_root``."""
    return re.compile(r"(?<=[/\\])" + re.escape(name) + r"(?![^/\\\s\"'`,;:)\]}>|])",
                      re.I)


def _below_home_root(m: re.Match[str]) -> bool:
    before = m.string[: m.start()].replace("\\", "/").rstrip("/")
    parent = before.rsplit("/", 2)
    return "/".join(parent[-2:]).lower().lstrip("/") in _HOME_ROOTS or \
        parent[-1].lower() in _HOME_ROOTS


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    placeholder: str
    kind: str
    in_args: bool = True  # also applied to command lines and the paths a check looks up
    home_root_only: bool = False  # only right below /home, /Users, C:\Users


# Dotted numbers that follow these are versions, not addresses ("Version=10.1.2.3").
_VERSION_BEFORE = re.compile(r"(?i)(?:version|\bver|\bv)[\"'\s:=]{0,4}$")
# macOS netstat writes a port after the address with a dot: 192.168.1.20.22
_IPV4_PORT_RE = re.compile(r"(?<![\w.\-+~])(\d{1,3}(?:\.\d{1,3}){3})(\.\d{1,5})?"
                           r"(?![\w\-+~]|\.\d)")


def _is_loopback_scope(text: str) -> bool:
    """``fe80::1%lo0``: a link-local address on the loopback interface carries no MAC and
    means "only this machine" (macOS lists it)."""
    return re.search(r"%lo\d*(?:\.\d+)?$", text) is not None


def _proc_net_hex(hex_addr: str) -> str | None:
    """The kernel table's hexadecimal address replaced by its class's representative (in
    the same byte order), or None to keep it."""
    raw = bytes.fromhex(hex_addr)
    if len(raw) == 4:
        addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.IPv4Address(raw[::-1])
    else:
        addr = ipaddress.IPv6Address(b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))
    kind = _ip_class(str(addr))
    if kind is None:
        return None
    rep = ipaddress.ip_address(_REPRESENTATIVES[(addr.version, kind)]).packed
    fixed = b"".join(rep[i:i + 4][::-1] for i in range(0, len(rep), 4))
    return fixed.hex().upper()


def redact_proc_net(text: str) -> tuple[str, int]:
    """/proc/net/{tcp,tcp6,udp,udp6} with every address but loopback and unspecified
    replaced by its class's representative, so the table still parses; and how many."""
    count = 0

    def one(m: re.Match[str]) -> str:
        nonlocal count
        new = _proc_net_hex(m.group(1))
        if new is None:
            return m.group(0)
        count += 1
        return f"{new}:{m.group(2)}"

    return _PROC_NET_ADDR.sub(one, text), count


@dataclass
class Scrubber:
    """Replaces identifying strings with placeholders; counts what it replaced.

    ``text`` scrubs free text (tool output, file contents, report lines); ``arg`` scrubs
    what a replayed check looks up again (command-line arguments, paths, registry keys),
    where a short name (under ``min_free_text`` characters) is replaced only as a whole
    path component below a folder of homes, so ``systemctl show tor.service`` still
    matches its recording when the user is called ``tor``."""

    identity: Identity
    home_placeholder: str | None = None  # None: keep the path's shape (/home/<user>)
    macs: bool = True
    addresses: bool = True
    min_free_text: int = MIN_FREE_TEXT
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        ident = self.identity
        flags = re.I
        rules: list[_Rule] = []
        self._whole: dict[str, tuple[str, str, bool]] = {}

        def add(kind: str, values: Iterable[str], placeholder: str, literal: bool,
                case: bool = False) -> None:
            for value in sorted({v.strip() for v in values if v and v.strip()}, key=len,
                                reverse=True):
                if value.lower() in GENERIC_NAMES:
                    continue
                self._whole[value.lower()] = (placeholder, kind,
                                              len(value) >= self.min_free_text)
                if len(value) < MIN_WORD or literal and len(value) < self.min_free_text:
                    if not literal:
                        rules.append(_Rule(_component(value), placeholder, kind,
                                           home_root_only=True))
                    continue
                pattern = re.escape(value) if literal else _word(value)
                compiled = re.compile(pattern, 0 if case else flags)
                if len(value) >= self.min_free_text:
                    rules.append(_Rule(compiled, placeholder, kind))
                else:  # a word in free text; in a command line only below /home
                    rules.append(_Rule(compiled, placeholder, kind, in_args=False))
                    rules.append(_Rule(_component(value), placeholder, kind,
                                       home_root_only=True))

        home = ident.home.rstrip("\\/")
        user_name = _basename(home, ident.windows) if home else ""
        if home and len(home) > 3 and user_name.lower() not in GENERIC_NAMES:
            if self.home_placeholder is not None:
                home_ph = self.home_placeholder
            else:
                parent = (ntpath if ident.windows else posixpath).dirname(home)
                sep = "\\" if ident.windows else "/"
                home_ph = parent.rstrip(sep) + sep + PLACEHOLDERS[USER]
            variants = {home}
            if ident.windows:
                variants |= {home.replace("\\", "/"), home.replace("\\", "\\\\")}
            for v in sorted(variants, key=len, reverse=True):
                rules.append(_Rule(re.compile(re.escape(v) + r"(?![A-Za-z0-9_.\-])", flags),
                                   home_ph if "\\\\" not in v else home_ph.replace("\\", "\\\\"),
                                   HOME))
        add(SERIAL, ident.serials, PLACEHOLDERS[SERIAL], literal=True)
        add(MACHINE_ID, ident.machine_ids, PLACEHOLDERS[MACHINE_ID], literal=True)
        add(SSID, ident.networks, PLACEHOLDERS[SSID], literal=False, case=True)
        add(HOST, ident.hosts, PLACEHOLDERS[HOST], literal=False)
        add(USER, (*ident.users, *ident.hints), PLACEHOLDERS[USER], literal=False)
        self._rules = rules

    def text(self, value: str) -> str:
        """Free text: names as words, addresses, MAC-based names, MAC addresses."""
        return self._scrub(value, arg=False)

    def arg(self, value: str) -> str:
        """A command-line argument or a path a check looks up (see the class docstring)."""
        return self._scrub(value, arg=True)

    def _scrub(self, value: str, arg: bool) -> str:
        if not value:
            return value
        core = value.strip()
        whole = self._whole.get(core.lower())
        if whole is not None and (whole[2] or not arg):
            self.counts[whole[1]] += 1
            start = value.index(core[0]) if core else 0
            return value[:start] + whole[0] + value[start + len(core):]
        out = value
        for rule in self._rules:
            if arg and not rule.in_args:
                continue
            if rule.home_root_only:
                out = self._sub_below_home(rule, out)
                continue
            out, n = rule.pattern.subn(_literal(rule.placeholder), out)
            if n:
                self.counts[rule.kind] += n
        if self.addresses:
            if ":" in out:
                out = _IPV6_RE.sub(self._ipv6, out)
            if "." in out:
                out = _IPV4_PORT_RE.sub(self._ipv4, out)
        if self.macs:
            if "enx" in out or "wlx" in out:
                out, n = _MAC_IFACE_RE.subn(lambda m: m.group(1) + PLACEHOLDERS[MAC], out)
                self.counts[MAC] += n
            if "-" in out or ":" in out:
                out = _MAC_RE.sub(self._mac, out)
        return out

    def _sub_below_home(self, rule: _Rule, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            if not _below_home_root(m):
                return m.group(0)
            self.counts[rule.kind] += 1
            return rule.placeholder

        return rule.pattern.sub(one, text)

    def _ipv6(self, m: re.Match[str]) -> str:
        raw = m.group(0)
        if _is_loopback_scope(raw):
            return raw
        bare = raw.split("%", 1)[0]
        if bare.count(":") < 3 and not any(c.isdigit() for c in bare):
            return raw  # "abc::def": a name, not an address worth the risk
        kind = _ip_class(bare)
        if kind is None:
            return raw
        self.counts[IP] += 1
        return kind

    def _ipv4(self, m: re.Match[str]) -> str:
        if _VERSION_BEFORE.search(m.string, 0, m.start()):
            return m.group(0)
        kind = _ip_class(m.group(1))
        if kind is None:
            return m.group(0)
        self.counts[IP] += 1
        return kind + (m.group(2) or "")

    def _mac(self, m: re.Match[str]) -> str:
        raw = m.group(0)
        if raw.lower().replace("-", ":") in _NOT_IDENTIFYING_MACS:
            return raw
        self.counts[MAC] += 1
        return PLACEHOLDERS[MAC]

    def value(self, obj: Any, arg: bool = False) -> Any:
        """Scrub every string inside a JSON-like value, dictionary keys included."""
        if isinstance(obj, str):
            return self._scrub(obj, arg)
        if isinstance(obj, list):
            return [self.value(v, arg) for v in obj]
        if isinstance(obj, tuple):
            return tuple(self.value(v, arg) for v in obj)
        if isinstance(obj, dict):
            return {(self._scrub(k, arg) if isinstance(k, str) else k): self.value(v, arg)
                    for k, v in obj.items()}
        return obj

    def data(self, raw: bytes) -> bytes:
        """Scrub binary content byte for byte (ASCII identifiers only)."""
        return self.text(raw.decode("latin-1")).encode("latin-1", "replace")


# -- snapshots ------------------------------------------------------------------------------

_KEEP = ("format", "version", "app_version", "recorded_at", "checks")


def redact_snapshot(snapshot: Snapshot, identity: Identity | None = None
                    ) -> tuple[Snapshot, dict[str, int]]:
    """A copy of the snapshot with identifying strings replaced, and what was replaced.

    ``identity`` adds what the snapshot cannot reveal itself (the login name and host name
    of the machine that recorded it); what the snapshot reveals is always added.

    What a replayed check looks up again (command lines, paths, listed names, registry keys
    and subkeys, process names, the platform's home and environment) is scrubbed with
    ``Scrubber.arg``, so it still matches what the check asks; tool output, file contents,
    registry values and the snapshot's own description with ``Scrubber.text``. The kernel's
    socket tables keep their hexadecimal shape (``redact_proc_net``).
    """
    ident = identity_from_snapshot(snapshot)
    if identity is not None:
        ident = ident.merged(identity)
    scrub = Scrubber(ident)
    data = snapshot.to_json()
    out: dict[str, Any] = {k: data[k] for k in _KEEP if k in data}
    for key, value in data.items():
        if key in _KEEP:
            continue
        if key == "files":
            out[key] = {scrub.arg(p): _scrub_file(scrub, p, entry) for p, entry in value.items()}
        elif key == "registry":
            out[key] = {scrub.arg(k): _scrub_reg(scrub, entry) for k, entry in value.items()}
        elif key == "commands":
            out[key] = [_scrub_command(scrub, c) for c in value]
        elif key == "matches":  # folder -> the check's own pattern -> names
            out[key] = {scrub.arg(folder): {pat: scrub.value(names, arg=True)
                                            for pat, names in by_pattern.items()}
                        for folder, by_pattern in value.items()}
        elif key in ("stats", "dirs", "processes", "platform"):
            out[key] = scrub.value(value, arg=True)
        else:
            out[key] = scrub.value(value)
    meta = dict(out.get("meta") or {})
    meta["redacted"] = sorted(k for k, n in scrub.counts.items() if n)
    out["meta"] = meta
    redacted = Snapshot.from_json(out)
    # an old file's listings of personal folders never reach the copy, whatever they held
    redacted.withheld_dirs.clear()
    return redacted, dict(scrub.counts)


def _scrub_command(scrub: Scrubber, cmd: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in cmd.items():
        out[k] = scrub.value(v, arg=True) if k == "argv" else scrub.value(v)
    return out


def _scrub_file(scrub: Scrubber, path: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    if "base64" in entry:
        try:
            raw = base64.b64decode(str(entry["base64"]))
        except ValueError:
            return dict(entry)
        return {"base64": base64.b64encode(scrub.data(raw)).decode("ascii")}
    out = dict(entry)
    if path in _PROC_NET_TABLES and isinstance(out.get("text"), str):
        out["text"], n = redact_proc_net(out["text"])
        scrub.counts[IP] += n
    return {k: scrub.value(v) for k, v in out.items()}


def _scrub_reg(scrub: Scrubber, entry: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in entry.items():
        if k == "values" and isinstance(v, dict):
            vals: dict[str, Any] = {}
            for name, val in v.items():
                if isinstance(val, dict) and "$bytes" in val:
                    try:
                        raw = base64.b64decode(str(val["$bytes"]))
                        val = {"$bytes": base64.b64encode(scrub.data(raw)).decode("ascii")}
                    except ValueError:
                        pass
                    vals[scrub.arg(name)] = val
                else:
                    vals[scrub.arg(name)] = scrub.value(val)
            out[k] = vals
        elif k == "subkeys":
            out[k] = scrub.value(v, arg=True)
        else:
            out[k] = scrub.value(v)
    return out


def identity_for_host(host: Any) -> Identity:
    """The identity behind a host: this machine's for a live host, the snapshot's on replay."""
    from checks.engine.host import LiveHost

    snap = getattr(host, "snapshot", None)
    if isinstance(snap, Snapshot):
        return identity_from_snapshot(snap)
    inner = getattr(host, "inner", None)
    if inner is not None and inner is not host:
        return identity_for_host(inner)
    if isinstance(host, LiveHost):
        return local_identity(host.platform)
    plat = getattr(host, "platform", None)
    return identity_from_platform(plat) if isinstance(plat, PlatformInfo) else Identity()
