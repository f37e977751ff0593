"""Reading the machine for the sharing check: each system's sharing settings (Windows'
shared folders, macOS File Sharing and AirDrop, Linux Samba and NFS servers) and the
listening sockets. No verdicts here."""

from __future__ import annotations

from checks.catalog.readers.launchd import parse_launchctl_disabled
from checks.catalog.readers.listeners import listening_sockets
from checks.catalog.readers.processes import running_names
from checks.catalog.readers.systemd import systemd_units
from checks.catalog.sharing.facts import Shares, SharingFacts
from checks.catalog.sharing.lanman import windows_shares
from checks.catalog.sharing.sharingd import air_not_set, parse_discoverable_mode
from checks.engine.model import Evidence
from checks.engine.registry import Scan

WIN_SHARES = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Shares"
LINUX_SHARING_UNITS = ("smbd.service", "samba.service", "nmbd.service", "nfs-server.service")
AIRDROP = ["defaults", "read", "com.apple.sharingd", "DiscoverableMode"]


def _shares_windows(scan: Scan) -> Shares:
    """Windows' shared folders; not read when the key could not be read."""
    values = scan.host.registry_values(WIN_SHARES)
    if values is None:
        return Shares((), (), False, (Evidence(WIN_SHARES, "not readable"),))
    names = windows_shares(values)
    return Shares(("folders",) if names else (), tuple(names), True,
                  (Evidence(WIN_SHARES, ", ".join(names) if names else "no shares"),))


def _file_sharing_macos(scan: Scan, evidence: list[Evidence], shared: list[str]) -> bool:
    """File Sharing over SMB and AFP; False when launchd's list could not be read."""
    res = scan.run(["launchctl", "print-disabled", "system"])
    disabled = parse_launchctl_disabled(res.stdout) if res.ok else None
    if disabled is None:
        evidence.append(Evidence("launchctl print-disabled system",
                                 res.describe() if not res.ok else "unexpected output"))
        return False
    for label, what in (("com.apple.smbd", "smb"), ("com.apple.AppleFileServer", "afp")):
        if disabled.get(label) is False:
            shared.append(what)
            evidence.append(Evidence("launchctl print-disabled system",
                                     f'"{label}" is enabled'))
    if not shared:
        evidence.append(Evidence("launchctl print-disabled system",
                                 "com.apple.smbd and com.apple.AppleFileServer not "
                                 "enabled"))
    return True


def _airdrop_macos(scan: Scan, evidence: list[Evidence], shared: list[str]) -> bool:
    """AirDrop's setting; False when it could not be read or understood."""
    air = scan.run(AIRDROP)
    mode = parse_discoverable_mode(air.stdout) if air.ok else None
    source = "defaults read com.apple.sharingd DiscoverableMode"
    read = True
    if mode is not None:
        evidence.append(Evidence(source, mode))
    elif air_not_set(air.returncode if air.ran else None, air.stderr):
        evidence.append(Evidence(source, "not set (AirDrop's default: Contacts Only)"))
    else:
        # a failure, a timeout or an answer not understood: AirDrop's setting is unknown
        read = False
        evidence.append(Evidence(source, (air.stdout.strip()[:60] or "(no output)")
                                 if air.ok else air.describe()))
    if mode == "Everyone":
        shared.append("airdrop")
    return read


def _shares_macos(scan: Scan) -> Shares:
    """File Sharing (SMB, AFP) and AirDrop; not read when a setting could not be read."""
    evidence: list[Evidence] = []
    shared: list[str] = []
    files_read = _file_sharing_macos(scan, evidence, shared)
    air_read = _airdrop_macos(scan, evidence, shared)
    return Shares(tuple(shared), (), files_read and air_read, tuple(evidence))


def _shares_linux(scan: Scan) -> Shares:
    """Samba and NFS servers; not read when neither systemd nor the process list answered."""
    procs = running_names(scan)
    evidence: list[Evidence] = []
    shared: list[str] = []
    units, why = systemd_units(scan, LINUX_SHARING_UNITS)
    for proc, what in (("smbd", "samba"), ("nfsd", "nfs")):
        if proc in procs:
            shared.append(what)
            evidence.append(Evidence("running processes", f"{proc} is running"))
    if units is not None:
        for name in LINUX_SHARING_UNITS:
            state = units[name]
            if state.exists:
                evidence.append(Evidence(f"systemctl show {name}", state.describe()))
                if state.running and name != "nmbd.service":
                    key = "nfs" if name.startswith("nfs") else "samba"
                    if key not in shared:
                        shared.append(key)
    elif not procs:
        evidence.append(Evidence("systemctl show", why))
        return Shares(tuple(shared), (), False, tuple(evidence))
    return Shares(tuple(shared), (), True, tuple(evidence))


def gather_linux(scan: Scan) -> SharingFacts:
    return SharingFacts(scan.family, _shares_linux(scan), listening_sockets(scan))


def gather_macos(scan: Scan) -> SharingFacts:
    return SharingFacts(scan.family, _shares_macos(scan), listening_sockets(scan))


def gather_windows(scan: Scan) -> SharingFacts:
    return SharingFacts(scan.family, _shares_windows(scan), listening_sockets(scan))
