"""Which operating system and version is this? One answer, shared by the OS checks.

Pure parse functions (text or values in, facts out) plus ``identify_os(host, context)``
that reads the machine through the Host only:

- Linux: ``/etc/os-release`` (already parsed into ``PlatformContext.os_release``).
- macOS: ``sw_vers`` output, else ``/System/Library/CoreServices/SystemVersion.plist``
  read with plistlib.
- Windows: ``HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`` (ProductName,
  EditionID, CurrentBuild/CurrentBuildNumber, UBR, DisplayVersion/ReleaseId,
  InstallationType). Windows 11 is told apart by build >= 22000: its ProductName
  still says "Windows 10".

Nothing here is translated: ``OSInfo.label`` and the evidence lines are facts, shown as
read. Checks build their own sentences around them.

Use from a check: ``info = scan_os(scan)`` (computed once per scan and shared).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from checks.engine import plist_data
from checks.engine.commands import Command, declare
from checks.engine.host import Host
from checks.engine.model import Evidence

COMMANDS = declare(
    "checks.engine.osinfo",
    Command("sw_vers", why="prints the local macOS version"),
)

WINDOWS_CURRENT_VERSION_KEY = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
SYSTEM_VERSION_PLIST = "/System/Library/CoreServices/SystemVersion.plist"
TAILS_VERSION_FILE = "/etc/amnesia/version"  # first line: "7.6 - 20260326"
OS_RELEASE_PATHS = ("/etc/os-release", "/usr/lib/os-release")

WINDOWS_11_FIRST_BUILD = 22000
WINDOWS_10_FIRST_BUILD = 10240
# Windows before 10 (Microsoft's build numbers: 7 SP1 7601, 8 9200, 8.1 9600). Every
# programme for them has ended; the os-supported check fails them.
WINDOWS_OLD_BUILDS = {7600: "7", 7601: "7", 9200: "8", 9600: "8.1"}

# Feature update ("version") of each Windows client build, from Microsoft's release
# information pages (learn.microsoft.com/windows/release-health). A build not listed here
# is reported as such: the check then says it does not know that feature update.
WINDOWS_10_BUILDS: dict[int, str] = {
    10240: "1507",
    10586: "1511",
    14393: "1607",
    15063: "1703",
    16299: "1709",
    17134: "1803",
    17763: "1809",
    18362: "1903",
    18363: "1909",
    19041: "2004",
    19042: "20H2",
    19043: "21H1",
    19044: "21H2",
    19045: "22H2",
}
WINDOWS_11_BUILDS: dict[int, str] = {
    22000: "21H2",
    22621: "22H2",
    22631: "23H2",
    26100: "24H2",
    26200: "25H2",
    26300: "26H2",  # enablement package on 24H2/25H2, announced 2026-06-19 for autumn 2026
    28000: "26H1",  # new devices only (different core; cannot update to 26H2)
}

# EditionID (registry) -> servicing family. Microsoft's lifecycle dates differ by family:
# "home_pro" (Home, Pro, Pro Education, Pro for Workstations, SE), "enterprise"
# (Enterprise, Education, IoT Enterprise on the general channel), "ltsc" (Enterprise
# LTSC/LTSB), "iot_ltsc" (IoT Enterprise LTSC). Suffixes N/KN/G are regional variants.
WINDOWS_EDITION_FAMILIES: dict[str, str] = {
    "core": "home_pro",
    "coren": "home_pro",
    "corekn": "home_pro",
    "coresinglelanguage": "home_pro",
    "corecountryspecific": "home_pro",
    "professional": "home_pro",
    "professionaln": "home_pro",
    "professionalkn": "home_pro",
    "professionaleducation": "home_pro",
    "professionaleducationn": "home_pro",
    "professionalworkstation": "home_pro",
    "professionalworkstationn": "home_pro",
    "cloudedition": "home_pro",  # Windows 11 SE
    "cloudeditionn": "home_pro",
    "enterprise": "enterprise",
    "enterprisen": "enterprise",
    "enterprisekn": "enterprise",
    "enterpriseg": "enterprise",
    "enterprisegn": "enterprise",
    "education": "enterprise",
    "educationn": "enterprise",
    "iotenterprise": "enterprise",
    "iotenterprisek": "enterprise",
    "serverrdsh": "enterprise",  # Enterprise multi-session
    "enterprises": "ltsc",
    "enterprisesn": "ltsc",
    "iotenterprises": "iot_ltsc",
    "iotenterprisesk": "iot_ltsc",
}

# Distributions that have no versions to go out of support: they are kept current by
# updating (judged by the os-updates check alone).
ROLLING_IDS = frozenset({
    "arch", "archarm", "archlinux", "manjaro", "manjaro-arm", "endeavouros", "garuda",
    "artix", "cachyos", "opensuse-tumbleweed", "opensuse-slowroll", "gentoo", "void",
    "kali", "parrot", "solus", "nixos-unstable", "chimera",
})

# Ubuntu code names -> version, for derivatives (Linux Mint, ...) that state their base.
UBUNTU_CODENAMES: dict[str, str] = {
    "bionic": "18.04",
    "cosmic": "18.10",
    "disco": "19.04",
    "eoan": "19.10",
    "focal": "20.04",
    "groovy": "20.10",
    "hirsute": "21.04",
    "impish": "21.10",
    "jammy": "22.04",
    "kinetic": "22.10",
    "lunar": "23.04",
    "mantic": "23.10",
    "noble": "24.04",
    "oracular": "24.10",
    "plucky": "25.04",
    "questing": "25.10",
    "resolute": "26.04",
    "stonking": "26.10",
}
DEBIAN_CODENAMES: dict[str, str] = {
    "stretch": "9",
    "buster": "10",
    "bullseye": "11",
    "bookworm": "12",
    "trixie": "13",
    "forky": "14",
}


@dataclass(frozen=True)
class OSInfo:
    """What the machine says it runs.

    ``os_id`` is the key used in data files: "windows", "macos", or the os-release ID
    ("ubuntu", "debian", "fedora", "linuxmint", "tails", ...). ``version`` is the version
    string data files are keyed on: "10"/"11" for Windows (with ``feature`` = "22H2" and
    ``edition_family``), the major version for macOS ("15", "26"), VERSION_ID for Linux.
    Empty strings mean "not found"; ``problem`` then says why (untranslated).
    """

    family: str  # "linux" | "macos" | "windows" | other
    os_id: str = ""
    name: str = ""  # human name as the system states it
    version: str = ""
    full_version: str = ""  # e.g. "15.1.1", "10.0.26100.2314", "22.04.5 LTS"
    codename: str = ""
    build: int | None = None  # Windows CurrentBuild
    ubr: int | None = None  # Windows update build revision
    feature: str = ""  # Windows feature update ("22H2"), from the build number
    display_version: str = ""  # Windows DisplayVersion / ReleaseId as the registry says
    edition: str = ""  # Windows EditionID
    edition_family: str = ""  # see WINDOWS_EDITION_FAMILIES; "" when unknown
    installation_type: str = ""  # Windows "Client" / "Server"
    id_like: tuple[str, ...] = ()
    base_id: str = ""  # for derivatives: the distribution they are built on ("ubuntu")
    base_version: str = ""  # and its version ("22.04")
    rolling: bool = False
    support_end: str = ""  # SUPPORT_END from os-release (Fedora, ...), as written
    beta: bool = False  # macOS pre-release build
    build_date: str = ""  # Tails: the image's build date (ISO), from /etc/amnesia/version
    evidence: tuple[Evidence, ...] = ()
    problem: str = ""  # why identification failed, untranslated

    @property
    def known(self) -> bool:
        return bool(self.os_id) and (bool(self.version) or self.rolling)

    @property
    def label(self) -> str:
        """A short untranslated name: "Windows 11 Pro 24H2", "macOS 15.1", "Ubuntu 22.04"."""
        if self.family == "windows" and self.os_id == "windows":
            name = self.name or f"Windows {self.version}"
            if self.version == "11" and name.startswith("Windows 10"):
                name = "Windows 11" + name[len("Windows 10"):]
            return f"{name} {self.feature or self.display_version}".strip()
        if self.family == "macos":
            return f"{self.name or 'macOS'} {self.full_version or self.version}".strip()
        return self.name or f"{self.os_id} {self.version}".strip()

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family, "os_id": self.os_id, "name": self.name,
            "version": self.version, "full_version": self.full_version,
            "codename": self.codename, "build": self.build, "ubr": self.ubr,
            "feature": self.feature, "edition": self.edition,
            "edition_family": self.edition_family, "base_id": self.base_id,
            "base_version": self.base_version, "rolling": self.rolling,
            "support_end": self.support_end, "build_date": self.build_date,
        }


# -- Linux ----------------------------------------------------------------------------

def from_os_release(osr: Mapping[str, str], source: str = "/etc/os-release") -> OSInfo:
    """Identify a Linux distribution from parsed os-release fields."""
    os_id = (osr.get("ID") or "").strip().lower()
    if not os_id and osr.get("TAILS_PRODUCT_NAME"):
        os_id = "tails"  # older Tails write only TAILS_* lines
    pretty = osr.get("PRETTY_NAME") or osr.get("NAME") or osr.get("TAILS_PRODUCT_NAME") or ""
    ev: list[Evidence] = []
    shown = [f"{k}={osr[k]}" for k in ("PRETTY_NAME", "ID", "VERSION_ID", "VERSION_CODENAME",
                                       "UBUNTU_CODENAME", "DEBIAN_CODENAME", "BUILD_ID",
                                       "TAILS_VERSION_ID", "SUPPORT_END")
             if osr.get(k)]
    if shown:
        ev.append(Evidence(source, ", ".join(shown)))
    if not os_id:
        return OSInfo("linux", name=pretty, evidence=tuple(ev),
                      problem=f"{source} has no ID line" if osr else f"{source} not readable")
    if not re.fullmatch(r"[a-z0-9._-]+", os_id):
        return OSInfo("linux", name=pretty, evidence=tuple(ev),
                      problem=f"{source} has an unreadable ID")
    version = (osr.get("VERSION_ID") or "").strip()
    codename = (osr.get("VERSION_CODENAME") or "").strip().lower()
    id_like = tuple((osr.get("ID_LIKE") or "").lower().split())
    rolling = (
        os_id in ROLLING_IDS
        or (osr.get("BUILD_ID") or "").lower() == "rolling"
        or (os_id.startswith("opensuse") and "tumbleweed" in os_id)
    )
    if os_id == "tails":
        version = (osr.get("TAILS_VERSION_ID") or version).strip()
    base_id = base_version = ""
    ubuntu_cn = (osr.get("UBUNTU_CODENAME") or "").strip().lower()
    debian_cn = (osr.get("DEBIAN_CODENAME") or "").strip().lower()
    if os_id != "ubuntu" and ubuntu_cn in UBUNTU_CODENAMES:
        base_id, base_version = "ubuntu", UBUNTU_CODENAMES[ubuntu_cn]
    elif os_id != "debian" and debian_cn in DEBIAN_CODENAMES:
        base_id, base_version = "debian", DEBIAN_CODENAMES[debian_cn]
    elif os_id == "linuxmint" and codename in DEBIAN_CODENAMES:  # LMDE without DEBIAN_CODENAME
        base_id, base_version = "debian", DEBIAN_CODENAMES[codename]
    return OSInfo(
        "linux",
        os_id=os_id,
        name=pretty or os_id,
        version=version,
        full_version=(osr.get("VERSION") or version).strip(),
        codename=codename or ubuntu_cn,
        id_like=id_like,
        base_id=base_id,
        base_version=base_version,
        rolling=rolling,
        support_end=(osr.get("SUPPORT_END") or "").strip(),
        evidence=tuple(ev),
        problem="" if (version or rolling) else f"{source} has no VERSION_ID",
    )


def parse_amnesia_version(text: str | None) -> tuple[str, str]:
    """Tails' /etc/amnesia/version first line "7.6 - 20260326" -> ("7.6", "2026-03-26").
    Empty strings for what cannot be read."""
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    m = re.match(r"\s*([0-9][0-9A-Za-z.~+-]*?)\s+-\s+(\d{4})(\d{2})(\d{2})\b", first)
    if not m:
        version = first.split()[0] if first.split() else ""
        return (version if re.fullmatch(r"[0-9][0-9A-Za-z.~+]*", version) else "", "")
    return m.group(1), f"{m.group(2)}-{m.group(3)}-{m.group(4)}"


# -- macOS ----------------------------------------------------------------------------

def parse_sw_vers(text: str | None) -> dict[str, str]:
    """``sw_vers`` output ("ProductName:\\tmacOS" lines) -> {ProductName, ProductVersion,
    BuildVersion, ...}. Unknown or junk lines are ignored."""
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        key, sep, value = line.partition(":")
        key = key.strip()
        if sep and re.fullmatch(r"[A-Za-z]+", key):
            out[key] = value.strip()
    return out


def parse_system_version_plist(data: bytes | None) -> dict[str, str]:
    """SystemVersion.plist -> the same keys as parse_sw_vers ({} when unreadable)."""
    plist = plist_data.loads_dict(data)
    if plist is None:
        return {}
    out: dict[str, str] = {k: str(plist[k]) for k in ("ProductName", "ProductVersion") if k in plist}
    if "ProductBuildVersion" in plist:
        out["BuildVersion"] = str(plist["ProductBuildVersion"])
    return out


def from_macos_version(fields: Mapping[str, str], source: str = "sw_vers") -> OSInfo:
    """Identify macOS from sw_vers/SystemVersion.plist fields."""
    name = fields.get("ProductName", "").strip()
    full = fields.get("ProductVersion", "").strip()
    build = fields.get("BuildVersion", "").strip()
    ev = tuple([Evidence(source, ", ".join(f"{k}: {fields[k]}" for k in
                                           ("ProductName", "ProductVersion", "BuildVersion")
                                           if fields.get(k)))] if fields else [])
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", full)
    if not m:
        return OSInfo("macos", name=name, full_version=full, evidence=ev,
                      problem=f"{source} gave no readable version" if fields
                      else f"{source} gave nothing")
    major, minor = int(m.group(1)), int(m.group(2) or 0)
    # macOS 10.x: the "major" release is 10.minor (10.15 Catalina); from 11 on, the first
    # number. 10.16 is what macOS 11+ reports to old software in compatibility mode.
    version = f"10.{minor}" if major == 10 else str(major)
    # Apple's pre-release builds end in a lower-case letter (e.g. 25A5279m).
    beta = bool(re.fullmatch(r"\d+[A-Z]\d{4,}[a-z]", build))
    if version == "10.16":  # a newer macOS answering old software in compatibility mode
        return OSInfo("macos", os_id="macos", name=name or "macOS", full_version=full,
                      evidence=ev, problem="compatibility version 10.16 reported")
    return OSInfo("macos", os_id="macos", name=name or "macOS", version=version,
                  full_version=full, beta=beta, evidence=ev)


# -- Windows --------------------------------------------------------------------------

def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def edition_family(edition_id: str) -> str:
    """EditionID -> "home_pro" | "enterprise" | "ltsc" | "iot_ltsc" | "" (unknown)."""
    return WINDOWS_EDITION_FAMILIES.get(edition_id.strip().lower(), "")


def is_windows_server(installation_type: str, edition_id: str, product: str = "") -> bool:
    """Server and client releases share build numbers (Server 2025 and Windows 11 24H2 are
    both 26100), so a server is told by the registry's InstallationType ("Server", "Server
    Core", "Nano Server"; clients say "Client") and EditionID ("ServerStandard",
    "ServerDatacenter", ...), with ProductName as a last hint."""
    return ("server" in installation_type.strip().lower()
            or edition_id.strip().lower().startswith("server")
            or product.strip().lower().startswith("windows server"))


def from_windows_registry(values: Mapping[str, Any] | None,
                          source: str = WINDOWS_CURRENT_VERSION_KEY) -> OSInfo:
    """Identify Windows from the values of HKLM\\...\\Windows NT\\CurrentVersion."""
    if not values:
        return OSInfo("windows", problem=f"{source} not readable")
    product = str(values.get("ProductName") or "").strip()
    edition = str(values.get("EditionID") or "").strip()
    itype = str(values.get("InstallationType") or "").strip()
    build = _int(values.get("CurrentBuild"))
    if build is None:
        build = _int(values.get("CurrentBuildNumber"))
    ubr = _int(values.get("UBR"))
    display = str(values.get("DisplayVersion") or values.get("ReleaseId") or "").strip()
    shown = [f"{k}={values[k]}" for k in ("ProductName", "EditionID", "DisplayVersion",
                                          "ReleaseId", "CurrentBuild", "UBR",
                                          "InstallationType") if k in values]
    ev = (Evidence(source, ", ".join(shown)),)
    if build is None:
        return OSInfo("windows", name=product, edition=edition, installation_type=itype,
                      evidence=ev, problem="no CurrentBuild in the registry")
    full = f"10.0.{build}" + (f".{ubr}" if ubr is not None else "")
    if is_windows_server(itype, edition, product):
        return OSInfo("windows", os_id="windows-server", name=product, version=str(build),
                      full_version=full, build=build, ubr=ubr, display_version=display,
                      edition=edition, installation_type=itype, evidence=ev)
    if build >= WINDOWS_11_FIRST_BUILD:
        version, feature = "11", WINDOWS_11_BUILDS.get(build, "")
    elif build >= WINDOWS_10_FIRST_BUILD:
        version, feature = "10", WINDOWS_10_BUILDS.get(build, "")
    else:
        version, feature = WINDOWS_OLD_BUILDS.get(build, ""), ""
    name = product
    if version == "11" and name.startswith("Windows 10"):
        name = "Windows 11" + name[len("Windows 10"):]
    problem = ""
    if build < WINDOWS_10_FIRST_BUILD:
        problem = f"build {build} is older than Windows 10"
    elif not feature:
        problem = f"build {build} is not a Windows {version} release we know"
    return OSInfo("windows", os_id="windows", name=name, version=version, full_version=full,
                  build=build, ubr=ubr, feature=feature, display_version=display,
                  edition=edition, edition_family=edition_family(edition),
                  installation_type=itype, evidence=ev, problem=problem)


# -- the machine ------------------------------------------------------------------------

def identify_os(host: Host, os_release: Mapping[str, str] | None = None) -> OSInfo:
    """Identify the OS through the Host. ``os_release`` is PlatformContext.os_release
    (pass it when you have a context, so /etc/os-release is not read twice)."""
    family = host.platform.family
    if family == "linux":
        osr = os_release
        if not osr:
            from checks.engine.context import parse_os_release

            for path in OS_RELEASE_PATHS:
                text = host.read_text(path)
                if text is not None:
                    osr = parse_os_release(text)
                    break
        info = from_os_release(osr or {})
        if not osr:
            for path in OS_RELEASE_PATHS:
                text = host.read_text(path)
                if text is not None:
                    first = next((ln for ln in text.splitlines() if ln.strip()), "")
                    shown = first.encode("ascii", "backslashreplace").decode("ascii")[:80]
                    return replace(info, evidence=(Evidence(path, f"first line: {shown!r}"),),
                                   problem=f"{path} has no KEY=value lines that could be read")
        if info.os_id == "tails":
            amnesia = host.read_text(TAILS_VERSION_FILE)
            version, built = parse_amnesia_version(amnesia)
            if version or built:
                info = replace(
                    info, version=info.version or version, build_date=built,
                    problem="" if (info.version or version) else info.problem,
                    evidence=(*info.evidence,
                              Evidence(TAILS_VERSION_FILE,
                                       (amnesia or "").strip().splitlines()[0][:80])),
                )
        return info
    if family == "macos":
        res = host.run(["sw_vers"], timeout=5)
        fields = parse_sw_vers(res.stdout) if res.ok else {}
        if fields.get("ProductVersion"):
            return from_macos_version(fields, "sw_vers")
        plist = parse_system_version_plist(host.read_bytes(SYSTEM_VERSION_PLIST))
        if plist:
            return from_macos_version(plist, SYSTEM_VERSION_PLIST)
        return OSInfo("macos", evidence=(Evidence("sw_vers", res.describe()),),
                      problem=f"sw_vers and {SYSTEM_VERSION_PLIST} gave no version")
    if family == "windows":
        return from_windows_registry(host.registry_values(WINDOWS_CURRENT_VERSION_KEY))
    return OSInfo(family, problem=f"unsupported system {host.platform.system}")


def scan_os(scan: Any) -> OSInfo:
    """The OS of a Scan, identified once and shared between checks."""
    info: OSInfo = scan.memo(_identify_scan_os)
    return info


def _identify_scan_os(scan: Any) -> OSInfo:
    return identify_os(scan.host, scan.context.os_release)


__all__ = [
    "OSInfo", "identify_os", "scan_os", "from_os_release", "from_macos_version",
    "from_windows_registry", "parse_sw_vers", "parse_system_version_plist",
    "parse_amnesia_version", "edition_family", "WINDOWS_CURRENT_VERSION_KEY",
    "SYSTEM_VERSION_PLIST", "TAILS_VERSION_FILE", "ROLLING_IDS",
]
