"""Reading the machine for the os-supported check: the system (checks.engine.osinfo), the
day, where the scan ran, and local evidence of the extended-support programmes that could
matter: Ubuntu Pro from its status cache (never ``pro status``), Debian ELTS from the APT
sources, Windows consumer ESU from the registry and commercial ESU from the local licence
store. Nothing here contacts a server; no verdicts here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from checks.catalog.os_supported.coverage import (
    CONSUMER_ESU_ENROLLED,
    CONSUMER_ESU_OTHER,
    DEBIAN_ARCH,
    ELTS_REPOSITORY,
    elts_configured,
    licensed_esu_years,
    parse_pro_status,
)
from checks.catalog.os_supported.data import (
    DATA_PATH,
    Programme,
    SupportEntry,
    entries_for,
    tails_entry,
)
from checks.catalog.os_supported.facts import (
    NOTE_OTHER_ACCOUNT,
    NOTE_SIGN_IN_AGAIN,
    Coverage,
    Seen,
)
from checks.catalog.os_supported.local_ends import (
    DISTRO_INFO_CSV,
    LocalEnd,
    parse_distro_info,
    support_end_of,
)
from checks.engine.context import CONTAINER
from checks.engine.model import Evidence
from checks.engine.osinfo import OSInfo, scan_os
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

UBUNTU_PRO_STATUS = "/var/lib/ubuntu-advantage/status.json"  # world-readable cache of the client
CONSUMER_ESU_KEYS = (
    r"HKCU\Software\Microsoft\Windows NT\CurrentVersion\Windows\ConsumerESU",
    r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Windows\ConsumerESU",
)
APT_SOURCES = "/etc/apt/sources.list"
APT_SOURCES_DIR = "/etc/apt/sources.list.d"
COVERAGE_FILES = (UBUNTU_PRO_STATUS, APT_SOURCES, APT_SOURCES_DIR, f"{APT_SOURCES_DIR}/*")
LOCAL_END_FILES = tuple(DISTRO_INFO_CSV.values())  # distro-info-data (Debian, Ubuntu)

# Commercial Windows 10 ESU: the add-on licences' activation IDs (Microsoft, "Enable
# Extended Security Updates"; also in the data file). One local licence-store query.
ESU_LICENCE_FACT = ps_fact(
    "windows_esu_licenses",
    "$ids = 'f520e45e-7413-4a34-a497-d2765967d094','1043add5-23b1-4afb-9a0f-64343c8f3f8d',"
    "'83d49986-add3-41d7-ba33-87c7bfb5c0fb'; "
    "$f = ($ids | ForEach-Object { \"ID='$_'\" }) -join ' OR '; "
    "@(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter $f | "
    "Select-Object ID, LicenseStatus)",
)


# -- one programme ---------------------------------------------------------------------------

def _ubuntu_pro(scan: Scan, prog: Programme, today: date) -> Coverage:
    st = parse_pro_status(scan.host.read_text(UBUNTU_PRO_STATUS))
    if st.problem:
        return Coverage(False, evidence=(Evidence(UBUNTU_PRO_STATUS, st.problem),))
    text = f"attached={str(st.attached).lower()}"
    if st.attached:
        text += f", enabled: {', '.join(st.enabled) or 'none'}"
        text += f", expires {st.expires.isoformat() if st.expires else 'n/a'}"
    pro_ev = (Evidence(UBUNTU_PRO_STATUS, text),)
    if st.covers(today):
        until = min(prog.end, st.expires) if st.expires else prog.end
        return Coverage(True, until, pro_ev)
    return Coverage(False, evidence=pro_ev)


def _debian_elts(scan: Scan, prog: Programme, today: date) -> Coverage:
    host = scan.host
    texts = [host.read_text(APT_SOURCES) or ""]
    for name in host.list_dir(APT_SOURCES_DIR) or []:
        if name.endswith((".list", ".sources")):
            texts.append(host.read_text(f"{APT_SOURCES_DIR}/{name}") or "")
    found = elts_configured(texts)
    return Coverage(found, prog.end if found else None, (Evidence(
        "APT sources", f"{ELTS_REPOSITORY} {'configured' if found else 'not configured'}"),))


def _consumer_esu(scan: Scan, prog: Programme, today: date) -> Coverage:
    ev: list[Evidence] = []
    state: int | None = None
    for key in CONSUMER_ESU_KEYS:
        values = scan.host.registry_values(key, ["ESUEligibility", "ESUEligibilityResult"])
        if values is None:
            ev.append(Evidence(key, "not present"))
            continue
        raw = values.get("ESUEligibility")
        value = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        label = CONSUMER_ESU_ENROLLED.get(value or -1) or CONSUMER_ESU_OTHER.get(value or -1,
                                                                                  "unknown")
        ev.append(Evidence(key, f"ESUEligibility={raw} ({label}), "
                                f"ESUEligibilityResult={values.get('ESUEligibilityResult')}"))
        if value in CONSUMER_ESU_ENROLLED:
            state = value
    if state is not None:
        return Coverage(True, prog.end, tuple(ev),
                        (NOTE_SIGN_IN_AGAIN,) if state == 13 else ())
    return Coverage(False, evidence=tuple(ev), notes=(NOTE_OTHER_ACCOUNT,))


def _commercial_esu(scan: Scan, prog: Programme, today: date) -> Coverage:
    fact = scan.fact(ESU_LICENCE_FACT)
    if not fact.ok:
        return Coverage(None, evidence=(Evidence(
            "Windows licence store (ESU add-on licences)",
            f"could not be read: {fact.error or 'PowerShell gave no answer'}"),))
    licensed = licensed_esu_years(fact.value)
    years = [y for y in prog.years if y.activation_id in licensed]
    ev = (Evidence("Windows licence store (ESU add-on licences)",
                   "licensed: " + (", ".join(f"year {y.year}" for y in years) or "none")),)
    current = next((y for y in prog.years if y.end >= today), None)
    if current is None or current.activation_id not in licensed:
        return Coverage(False, evidence=ev)
    until = current.end
    for y in prog.years:
        if y.year == current.year + 1 and y.activation_id in licensed:
            until, current = y.end, y
    return Coverage(True, until, ev)


_DETECTORS: dict[str, Callable[[Scan, Programme, date], Coverage]] = {
    "ubuntu-pro": _ubuntu_pro,
    "debian-elts": _debian_elts,
    "windows-consumer-esu": _consumer_esu,
    "windows-commercial-esu": _commercial_esu,
}


def detect_coverage(scan: Scan, prog: Programme, today: date) -> Coverage:
    """Whether this machine shows, from local files, that it is in ``prog``."""
    if prog.architectures:
        machine = scan.host.platform.machine
        arch = DEBIAN_ARCH.get(machine.lower(), machine)
        if arch not in prog.architectures:
            return Coverage(False, evidence=(Evidence(
                "architecture", f"{machine} ({arch}) is not among {prog.name}'s: "
                                f"{', '.join(prog.architectures)}"),))
    if not prog.detect:
        return Coverage(True if prog.access == "automatic" else False, prog.end)
    detector = _DETECTORS.get(prog.detect)
    if detector is None:
        return Coverage(None, evidence=(Evidence(DATA_PATH,
                                                 f"unknown detection {prog.detect!r}"),))
    return detector(scan, prog, today)


# -- which programmes could matter -----------------------------------------------------------

def _coverage_looked_for(scan: Scan, info: OSInfo, entries: Sequence[SupportEntry],
                         today: date) -> dict[tuple[str, str], Coverage]:
    """Local evidence for the programmes that could keep this system supported: those still
    running, of each entry for this system whose standard support has ended, looked for in
    the data file's order until one covers the machine."""
    out: dict[tuple[str, str], Coverage] = {}
    if not info.known or info.rolling:
        return out
    if info.os_id == "tails" and tails_entry(entries) is not None:
        return out
    found = sorted(entries_for(entries, info), key=lambda e: e.standard_end or date.max)
    for entry in found:
        if entry.standard_end is None or entry.standard_end >= today:
            continue
        for prog in entry.extended:
            if not prog.applies_to(info.edition_family) or prog.end < today:
                continue
            cov = out[(entry.id, prog.id)] = detect_coverage(scan, prog, today)
            if cov.covered:
                break
    return out


def local_ends(scan: Scan, info: OSInfo) -> tuple[LocalEnd, ...]:
    """What the machine states of its own end: os-release's SUPPORT_END, and the row of
    distro-info-data's CSV for this release (read only on the system it describes)."""
    out: list[LocalEnd] = []
    release_file = next((e.source for e in info.evidence if e.source.endswith("os-release")),
                        "/etc/os-release")
    stated = support_end_of(info.support_end, release_file)
    if stated is not None:
        out.append(stated)
    path = DISTRO_INFO_CSV.get(info.os_id)
    if path and info.version:
        listed = parse_distro_info(scan.host.read_text(path), info.version, path)
        if listed is not None:
            out.append(listed)
    return tuple(out)


def gather_dated(scan: Scan, entries: Sequence[SupportEntry]) -> Seen:
    """Linux and Windows: the system, the coverage of any programme that could matter, and
    the end dates the machine states."""
    info = scan_os(scan)
    today = scan.now().date()
    return Seen(info, today, scan.context.qubes_vm, scan.context.kind == CONTAINER,
                _coverage_looked_for(scan, info, entries, today), local_ends(scan, info))


def gather_macos(scan: Scan) -> Seen:
    """macOS: the system only (Apple has no extended programmes)."""
    return Seen(scan_os(scan), scan.now().date(), scan.context.qubes_vm,
                scan.context.kind == CONTAINER)


def gather_os(scan: Scan) -> OSInfo:
    """The system alone, for the finding when the support data cannot be read."""
    return scan_os(scan)
