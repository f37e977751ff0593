"""Local evidence that this machine is in an extended-support programme, for the
os-supported check: Ubuntu Pro from its status cache (never ``pro status``), Debian ELTS
from the APT sources, Windows consumer ESU from the registry and commercial ESU from the
local licence store. Nothing here contacts a server."""


from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.catalog.os_supported.data import DATA_PATH, Programme
from checks.engine.i18n import Message, msg
from checks.engine.model import Evidence
from checks.engine.registry import Scan
from checks.engine.winfacts import ps_fact

UBUNTU_PRO_STATUS = "/var/lib/ubuntu-advantage/status.json"  # world-readable cache of the client
CONSUMER_ESU_KEYS = (
    r"HKCU\Software\Microsoft\Windows NT\CurrentVersion\Windows\ConsumerESU",
    r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Windows\ConsumerESU",
)
# ESUEligibility values written by Windows' consumer ESU component (ConsumerESUMgr):
# 3 DeviceEnrolled, 5 MSAEnrolled, 11/12 EEA free/paid enrolled, 13 enrolled but the
# Microsoft account must sign in again soon. 4 and 14 mean "re-enrolment required".
CONSUMER_ESU_ENROLLED = {3: "DeviceEnrolled", 5: "MSAEnrolled", 11: "EEAFreeMSAEnrolled",
                         12: "EEAPaidMSAEnrolled", 13: "WarnInactiveMSA"}
CONSUMER_ESU_OTHER = {0: "Unknown", 1: "Ineligible", 2: "Eligible", 4: "ReEnrollReq",
                      6: "ConsumerESUInactive", 7: "CommercialMigratedDevice",
                      8: "LoginWithPrimaryAccountToEnroll", 10: "ComingSoon",
                      14: "ReEnrollReqInactiveMSA"}
APT_SOURCES = "/etc/apt/sources.list"
APT_SOURCES_DIR = "/etc/apt/sources.list.d"
COVERAGE_FILES = (UBUNTU_PRO_STATUS, APT_SOURCES, APT_SOURCES_DIR, f"{APT_SOURCES_DIR}/*")
ELTS_REPOSITORY = "freexian.com/extended-lts"

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


@dataclass(frozen=True)
class ProStatus:
    """What Ubuntu Pro's status cache says (it is written by the client, not by us)."""

    attached: bool | None = None
    expires: date | None = None
    enabled: tuple[str, ...] = ()
    problem: str = ""

    def covers(self, today: date) -> bool:
        return bool(self.attached) and bool({"esm-infra", "esm-apps"} & set(self.enabled)) and (
            self.expires is None or self.expires >= today)


def parse_pro_status(text: str | None) -> ProStatus:
    """/var/lib/ubuntu-advantage/status.json -> ProStatus (pure)."""
    if text is None:
        return ProStatus(problem="not found")
    try:
        data = json.loads(text)
    except ValueError:
        return ProStatus(problem="not valid JSON")
    if not isinstance(data, dict) or not isinstance(data.get("attached"), bool):
        return ProStatus(problem="no 'attached' field")
    expires = None
    raw = data.get("expires")
    if isinstance(raw, str) and re.match(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            expires = date.fromisoformat(raw[:10])
        except ValueError:
            expires = None
    enabled = tuple(
        str(s.get("name")) for s in data.get("services") or []
        if isinstance(s, dict) and s.get("status") == "enabled" and s.get("name")
    )
    return ProStatus(attached=data["attached"], expires=expires, enabled=enabled)


def elts_configured(texts: Iterable[str]) -> bool:
    """True when an APT sources text uses Freexian's Extended LTS repository (pure)."""
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#") and ELTS_REPOSITORY in line:
                return True
    return False


def licensed_esu_years(value: Any) -> set[str]:
    """The activation IDs (lower case) licensed (LicenseStatus 1) in the licence-store fact."""
    rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    out: set[str] = set()
    for row in rows:
        if isinstance(row, dict) and row.get("LicenseStatus") == 1 and row.get("ID"):
            out.add(str(row["ID"]).lower())
    return out


@dataclass
class Coverage:
    """Whether this machine shows it is in a programme, and until when."""

    covered: bool | None  # None: could not tell
    until: date | None = None
    evidence: list[Evidence] = field(default_factory=list)
    details: list[Message] = field(default_factory=list)


# platform.machine() -> Debian architecture name
DEBIAN_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
               "i386": "i386", "i486": "i386", "i586": "i386", "i686": "i386",
               "armv7l": "armhf", "armv6l": "armel", "armv5tel": "armel"}


def detect_coverage(scan: Scan, prog: Programme, today: date) -> Coverage:
    """Whether this machine shows, from local files, that it is in ``prog``."""
    host = scan.host
    if prog.architectures:
        machine = host.platform.machine
        arch = DEBIAN_ARCH.get(machine.lower(), machine)
        if arch not in prog.architectures:
            return Coverage(False, evidence=[Evidence(
                "architecture", f"{machine} ({arch}) is not among {prog.name}'s: "
                                f"{', '.join(prog.architectures)}")])
    if not prog.detect:
        return Coverage(True if prog.access == "automatic" else False, prog.end)
    if prog.detect == "ubuntu-pro":
        st = parse_pro_status(host.read_text(UBUNTU_PRO_STATUS))
        if st.problem:
            return Coverage(False, evidence=[Evidence(UBUNTU_PRO_STATUS, st.problem)])
        text = f"attached={str(st.attached).lower()}"
        if st.attached:
            text += f", enabled: {', '.join(st.enabled) or 'none'}"
            text += f", expires {st.expires.isoformat() if st.expires else 'n/a'}"
        pro_ev = [Evidence(UBUNTU_PRO_STATUS, text)]
        if st.covers(today):
            until = min(prog.end, st.expires) if st.expires else prog.end
            return Coverage(True, until, pro_ev)
        return Coverage(False, evidence=pro_ev)
    if prog.detect == "debian-elts":
        texts = [host.read_text(APT_SOURCES) or ""]
        for name in host.list_dir(APT_SOURCES_DIR) or []:
            if name.endswith((".list", ".sources")):
                texts.append(host.read_text(f"{APT_SOURCES_DIR}/{name}") or "")
        found = elts_configured(texts)
        return Coverage(found, prog.end if found else None, [Evidence(
            "APT sources", f"{ELTS_REPOSITORY} {'configured' if found else 'not configured'}")])
    if prog.detect == "windows-consumer-esu":
        ev: list[Evidence] = []
        state: int | None = None
        for key in CONSUMER_ESU_KEYS:
            values = host.registry_values(key, ["ESUEligibility", "ESUEligibilityResult"])
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
            cov = Coverage(True, prog.end, ev)
            if state == 13:
                cov.details.append(msg("Windows says this computer's Extended Security Updates "
                                       "enrolment needs you to sign in with your Microsoft account "
                                       "again soon, or it stops."))
            return cov
        cov = Coverage(False, evidence=ev)
        cov.details.append(msg("If this computer was enrolled in Extended Security Updates from "
                               "another user account, Checkup may not see it from here: check "
                               "Settings, Update & Security, Windows Update."))
        return cov
    if prog.detect == "windows-commercial-esu":
        fact = scan.fact(ESU_LICENCE_FACT)
        if not fact.ok:
            return Coverage(None, evidence=[Evidence(
                "Windows licence store (ESU add-on licences)",
                f"could not be read: {fact.error or 'PowerShell gave no answer'}")])
        licensed = licensed_esu_years(fact.value)
        years = [y for y in prog.years if y.activation_id in licensed]
        ev = [Evidence("Windows licence store (ESU add-on licences)",
                       "licensed: " + (", ".join(f"year {y.year}" for y in years) or "none"))]
        current = next((y for y in prog.years if y.end >= today), None)
        if current is None or current.activation_id not in licensed:
            return Coverage(False, evidence=ev)
        until = current.end
        for y in prog.years:
            if y.year == current.year + 1 and y.activation_id in licensed:
                until, current = y.end, y
        return Coverage(True, until, ev)
    return Coverage(None, evidence=[Evidence(DATA_PATH, f"unknown detection {prog.detect!r}")])
