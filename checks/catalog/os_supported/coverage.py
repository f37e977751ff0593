"""Parsing the local evidence that a machine is in an extended-support programme: Ubuntu
Pro's status cache, Debian ELTS in the APT sources, the Windows licence store's ESU add-on
licences, and what the consumer ESU registry values and machine names mean. Pure: text or
values in, facts out (the reading is in ``gather.py``)."""


from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

ELTS_REPOSITORY = "freexian.com/extended-lts"
# ESUEligibility values written by Windows' consumer ESU component (ConsumerESUMgr):
# 3 DeviceEnrolled, 5 MSAEnrolled, 11/12 EEA free/paid enrolled, 13 enrolled but the
# Microsoft account must sign in again soon. 4 and 14 mean "re-enrolment required".
CONSUMER_ESU_ENROLLED = {3: "DeviceEnrolled", 5: "MSAEnrolled", 11: "EEAFreeMSAEnrolled",
                         12: "EEAPaidMSAEnrolled", 13: "WarnInactiveMSA"}
CONSUMER_ESU_OTHER = {0: "Unknown", 1: "Ineligible", 2: "Eligible", 4: "ReEnrollReq",
                      6: "ConsumerESUInactive", 7: "CommercialMigratedDevice",
                      8: "LoginWithPrimaryAccountToEnroll", 10: "ComingSoon",
                      14: "ReEnrollReqInactiveMSA"}
# platform.machine() -> Debian architecture name
DEBIAN_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
               "i386": "i386", "i486": "i386", "i586": "i386", "i686": "i386",
               "armv7l": "armhf", "armv6l": "armel", "armv5tel": "armel"}


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
