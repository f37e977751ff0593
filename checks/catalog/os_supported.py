"""Does this operating system version still receive security updates?

Facts come from ``resources/data/os-support.json`` (schema "os-support", loaded through
checks.datafile): per OS and version the day standard security support ends, and any
extended programme after it (how a machine gets it, until when, how much it covers). The
OS itself is identified by checks.osinfo. Nothing here contacts a server: Ubuntu Pro is
read from its local status file (never ``pro status``), Windows ESU from the registry and
the local licence store.

Verdicts:
- more than 60 days of standard support left: pass (saying how old our information is
  when the data file is older than 180 days);
- 60 days or fewer: fail, medium ("ends on ...");
- past the end: fail, high, with what to do and the extended programmes from the data
  file - unless this machine shows from local files that it is covered by one: then
  attention (the programme, until when, how much it covers), or fail medium when the
  programme covers only part of the system (Debian LTS) or itself ends within 60 days;
- macOS: Apple publishes no dates, so the newest major version in the data passes, the two
  before it are attention, older ones fail (marked as our inference);
- rolling releases (Arch, Tumbleweed, ...): not applicable - judged by os-updates alone;
- an OS or version not in the data: unknown, naming what was found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.context import CONTAINER
from checks.datafile import DataError, DataFile, check_entry_dates, load_data, parse_date_value
from checks.i18n import N_, Message, msg, msg_n
from checks.model import Evidence, Finding, Severity, Status
from checks.osinfo import OSInfo, scan_os
from checks.registry import Scan, check
from checks.winfacts import ps_fact

CHECK_ID = "os-supported"
DATA_NAME = "os-support"
DATA_PATH = "resources/data/os-support.json"
SOON_DAYS = 60  # "within 60 days of its end date": fail, medium
MACOS_FULLY_SUPPORTED = 1  # the newest major version gets every fix
MACOS_PARTLY_SUPPORTED = 2  # the two before it get only some

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

ACCESS_KINDS = ("automatic", "enrolment", "paid")
COST_KINDS = ("free", "paid", "free-or-paid")
COVERAGE_KINDS = ("full", "most", "partial")
MATCH_KINDS = ("exact", "major", "minor", "any")
ADVICE_KINDS = ("upgrade", "feature-update")


# -- the data ------------------------------------------------------------------------

@dataclass(frozen=True)
class LicenceYear:
    year: int
    activation_id: str
    end: date


@dataclass(frozen=True)
class Programme:
    """An extended programme after standard support (Debian LTS, Ubuntu Pro, Windows ESU)."""

    id: str
    name: str
    access: str  # automatic | enrolment | paid
    cost: str  # free | paid | free-or-paid
    coverage: str  # full | most | partial
    end: date
    editions: tuple[str, ...] = ()
    detect: str = ""  # how a machine shows it is covered; "" = nothing to detect
    years: tuple[LicenceYear, ...] = ()
    architectures: tuple[str, ...] = ()  # Debian names (amd64, arm64, ...); () = all

    def applies_to(self, edition_family: str) -> bool:
        return not self.editions or not edition_family or edition_family in self.editions


@dataclass(frozen=True)
class SupportEntry:
    id: str
    os: str
    version: str
    name: str
    standard_end: date | None = None
    released: date | None = None
    match: str = "exact"
    build: int | None = None
    feature: str = ""
    editions: tuple[str, ...] = ()
    inferred: bool = False
    relative_support: bool = False  # macOS: judged by rank among the versions we list
    latest_only_days: int = 0  # Tails: only the newest release is supported
    base: tuple[str, str] | None = None
    advice: str = "upgrade"
    end_policy: str = ""
    extended: tuple[Programme, ...] = ()

    def matches_version(self, version: str) -> bool:
        if self.match == "any":
            return True
        if self.match == "major":
            return version.split(".")[0] == self.version
        if self.match == "minor":
            return ".".join(version.split(".")[:2]) == self.version
        return version == self.version


def _str(entry: Mapping[str, Any], key: str, where: str, *, default: str | None = None,
         allowed: Sequence[str] = ()) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or (allowed and value not in allowed):
        raise DataError(f"{where} has no valid '{key}'" + (f" ({'/'.join(allowed)})"
                                                            if allowed else ""))
    return value


def parse_programme(raw: Any, where: str) -> Programme:
    if not isinstance(raw, dict):
        raise DataError(f"{where} is not an object")
    if not raw.get("source"):
        raise DataError(f"{where} has no 'source'")
    end = parse_date_value(raw.get("end"), f"{where} 'end'")
    if end is None:
        raise DataError(f"{where} has no end date")
    years: list[LicenceYear] = []
    for j, y in enumerate(raw.get("years") or []):
        ywhere = f"{where} year {j}"
        yend = parse_date_value(y.get("end") if isinstance(y, dict) else None, f"{ywhere} 'end'")
        if not isinstance(y, dict) or yend is None or not isinstance(y.get("year"), int):
            raise DataError(f"{ywhere} needs 'year' and 'end'")
        years.append(LicenceYear(int(y["year"]), str(y.get("activation_id", "")).lower(), yend))
    return Programme(
        id=_str(raw, "id", where),
        name=_str(raw, "name", where),
        access=_str(raw, "access", where, allowed=ACCESS_KINDS),
        cost=_str(raw, "cost", where, allowed=COST_KINDS),
        coverage=_str(raw, "coverage", where, allowed=COVERAGE_KINDS),
        end=end,
        editions=tuple(str(e) for e in raw.get("editions") or ()),
        detect=str(raw.get("detect") or ""),
        years=tuple(sorted(years, key=lambda y: y.year)),
        architectures=tuple(str(a) for a in raw.get("architectures") or ()),
    )


def parse_support(df: DataFile) -> list[SupportEntry]:
    """Validate and convert the os-support data file (pure; raises DataError)."""
    check_entry_dates(df, ("standard_end", "released", "announced"),
                      require_one_of=("standard_end", "released", "announced"), exempt=("base",))
    out: list[SupportEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(df.entries):
        where = f"data file '{df.name}': entry {i}" + (f" ({raw['id']})" if raw.get("id") else "")
        entry_id = _str(raw, "id", where)
        if entry_id in seen:
            raise DataError(f"{where}: the id is used twice")
        seen.add(entry_id)
        if "standard_end" not in raw and not raw.get("relative_support") \
                and not raw.get("latest_only"):
            raise DataError(f"{where} has no 'standard_end' (use null with 'end_policy')")
        if "standard_end" in raw and raw["standard_end"] is None and not raw.get("end_policy"):
            raise DataError(f"{where}: a null 'standard_end' needs an 'end_policy'")
        base = raw.get("base")
        if base is not None and not (isinstance(base, dict) and base.get("os")
                                     and base.get("version")):
            raise DataError(f"{where} has an invalid 'base'")
        build = raw.get("build")
        if build is not None and not isinstance(build, int):
            raise DataError(f"{where} has an invalid 'build'")
        latest = raw.get("latest_only") or {}
        extended = tuple(parse_programme(p, f"{where} programme {j}")
                         for j, p in enumerate(raw.get("extended") or []))
        out.append(SupportEntry(
            id=entry_id,
            os=_str(raw, "os", where),
            version=_str(raw, "version", where),
            name=_str(raw, "name", where),
            standard_end=parse_date_value(raw.get("standard_end"), where),
            released=parse_date_value(raw.get("released"), where),
            match=_str(raw, "match", where, default="exact", allowed=MATCH_KINDS),
            build=build,
            feature=str(raw.get("feature") or ""),
            editions=tuple(str(e) for e in raw.get("editions") or ()),
            inferred=bool(raw.get("inferred")),
            relative_support=bool(raw.get("relative_support")),
            latest_only_days=int(latest.get("interval_days") or 0) if isinstance(latest, dict)
            else 0,
            base=(str(base["os"]), str(base["version"])) if base else None,
            advice=_str(raw, "advice", where, default="upgrade", allowed=ADVICE_KINDS),
            end_policy=str(raw.get("end_policy") or ""),
            extended=extended,
        ))
    ids = {(e.os, e.version) for e in out}
    for e in out:
        if e.base and e.base not in ids:
            raise DataError(f"data file '{df.name}': entry {e.id} names a base that is not in it")
    return out


def load_support() -> tuple[DataFile, list[SupportEntry]]:
    df = load_data(DATA_NAME, required=("id", "os", "version", "name"))
    return df, parse_support(df)


# -- local evidence of an extended programme ----------------------------------------

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


def _detect(scan: Scan, prog: Programme, today: date) -> Coverage:
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


# -- messages --------------------------------------------------------------------------

def _access_phrase(prog: Programme) -> Message:
    if prog.access == "automatic":
        return msg("Free; it reaches computers by itself.")
    if prog.access == "paid" or prog.cost == "paid":
        return msg("Paid; a licence has to be bought and installed on this computer.")
    if prog.cost == "free-or-paid":
        return msg("Free in some cases and paid in others; it has to be turned on for this "
                   "computer.")
    return msg("Free, but it has to be turned on for this computer.")


def _coverage_phrase(prog: Programme) -> Message:
    if prog.coverage == "full":
        return msg("It covers all security fixes.")
    if prog.coverage == "partial":
        return msg("It covers only some of the software on this system.")
    return msg("It covers only the most serious security fixes.")


def _programme_line(prog: Programme) -> Message:
    return msg("{programme}: until {date}. {access} {coverage}", programme=prog.name,
               date=prog.end.isoformat(), access=_access_phrase(prog),
               coverage=_coverage_phrase(prog))


def _advice(entry: SupportEntry | None) -> Message:
    if entry is None:
        return msg("To keep getting security fixes, upgrade to a newer version of the system, or "
                   "move to a supported system.")
    if entry.os == "windows" and entry.advice == "feature-update":
        return msg("Install the newest Windows feature update: open Settings, then Windows Update.")
    if entry.os == "windows":
        return msg("Upgrade to Windows 11 if this computer can run it, or move to a supported "
                   "system such as a current Linux distribution.")
    if entry.os == "macos":
        return msg("Install the newest macOS this Mac can run: open System Settings, General, "
                   "Software Update. If this Mac cannot run a newer macOS, plan to replace it or "
                   "move to a supported system.")
    if entry.os == "tails":
        return msg("Start Tails while connected to the internet: it offers its upgrades by itself. "
                   "Or install the newest Tails from tails.net.")
    return msg("To keep getting security fixes, upgrade to a newer version of the system, or "
               "move to a supported system.")


def _stale_detail(df: DataFile) -> Message:
    return msg("Our information is from {gathered}. Support dates can change: if in doubt, check "
               "the maker's website.", gathered=df.gathered.isoformat())


# -- the verdict -------------------------------------------------------------------------

@dataclass
class Verdict:
    status: Status
    summary: Message
    severity: Severity | None = None
    details: list[Message] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def _entry_evidence(entry: SupportEntry) -> Evidence:
    if entry.standard_end is not None:
        text = f"{entry.id}: standard support until {entry.standard_end.isoformat()}"
    elif entry.end_policy:
        text = f"{entry.id}: no end date ({entry.end_policy})"
    else:
        text = f"{entry.id}: released {entry.released.isoformat() if entry.released else '?'}"
    if entry.inferred:
        text += " (inferred)"
    return Evidence(DATA_PATH, text)


def judge_dated(scan: Scan, entry: SupportEntry, info: OSInfo, df: DataFile,
                today: date) -> Verdict:
    """An entry with a standard end date (or an open end)."""
    name = entry.name
    ev = [_entry_evidence(entry)]
    data: dict[str, Any] = {"entry": entry.id, "standard_end": entry.standard_end.isoformat()
                            if entry.standard_end else None}
    details: list[Message] = []
    if entry.inferred:
        details.append(msg("This date is our estimate from the maker's stated policy; the maker "
                           "has not published the exact day."))
    end = entry.standard_end
    if end is None:
        v = Verdict(Status.PASS, msg("{name} still receives security updates; no end date has "
                                     "been announced.", name=name), details=details,
                    evidence=ev, data=data)
        if df.is_stale(today):
            v.details.append(_stale_detail(df))
        return v
    days = (end - today).days
    if days > SOON_DAYS:
        if df.is_stale(today):
            summary = msg("{name} still receives security updates until {date}, according to our "
                          "information from {gathered}. Newer information may change this.",
                          name=name, date=end.isoformat(), gathered=df.gathered.isoformat())
        else:
            summary = msg("{name} still receives security updates, until {date}.", name=name,
                          date=end.isoformat())
        return Verdict(Status.PASS, summary, details=details, evidence=ev, data=data)
    if days >= 0:
        details.append(_advice(entry))
        details.extend(_programme_line(p) for p in entry.extended
                       if p.applies_to(info.edition_family) and p.end > end)
        return Verdict(Status.FAIL, msg_n("{name} stops receiving security updates on {date}, "
                                          "in {n} day.",
                                          "{name} stops receiving security updates on {date}, "
                                          "in {n} days.", days, name=name, date=end.isoformat()),
                       Severity.MEDIUM, details, ev, data)

    # Past the end of standard support: is this machine in an extended programme?
    programmes = [p for p in entry.extended if p.applies_to(info.edition_family)]
    unchecked: list[Programme] = []
    caveats: list[Message] = []
    for prog in programmes:
        if prog.end < today:
            continue
        cov = _detect(scan, prog, today)
        ev.extend(cov.evidence)
        caveats.extend(cov.details)
        if cov.covered is None:
            unchecked.append(prog)
            continue
        if not cov.covered:
            continue
        until = cov.until or prog.end
        data.update({"covered_by": prog.id, "covered_until": until.isoformat(),
                     "coverage": prog.coverage})
        left = (until - today).days
        extra = [_coverage_phrase(prog)]
        if prog.coverage == "partial" and prog.id == "debian-lts":
            extra.append(msg("The package debian-security-support can list the installed "
                             "packages it leaves out."))
        if left <= SOON_DAYS:
            return Verdict(Status.FAIL, msg_n(
                "{name} gets security updates only through {programme} now, and that ends on "
                "{date}, in {n} day.",
                "{name} gets security updates only through {programme} now, and that ends on "
                "{date}, in {n} days.", left, name=name, programme=prog.name,
                date=until.isoformat()), Severity.MEDIUM,
                [*extra, _advice(entry), *details, *caveats], ev, data)
        if prog.coverage == "partial":
            return Verdict(Status.FAIL, msg(
                "{name} stopped receiving full security support on {end}. {programme} still "
                "brings fixes until {date}, but only for some of its software.", name=name,
                end=end.isoformat(), programme=prog.name, date=until.isoformat()),
                Severity.MEDIUM, [*extra, _advice(entry), *details, *caveats], ev, data)
        return Verdict(Status.ATTENTION, msg(
            "{name} no longer gets standard security updates, but this computer is covered by "
            "{programme} until {date}.", name=name, programme=prog.name,
            date=until.isoformat()), None, [*extra, _advice(entry), *details, *caveats], ev,
            data)

    if unchecked and info.edition_family == "enterprise":
        return Verdict(Status.UNKNOWN, msg(
            "{name} stopped receiving standard security updates on {date}, and Checkup could not "
            "check whether this computer has an Extended Security Updates licence.", name=name,
            date=end.isoformat()), None,
            [msg("To check by hand: run 'slmgr /dlv' in a command prompt and look for an ESU "
                 "licence with the status 'Licensed'."),
             *(_programme_line(p) for p in programmes if p.end >= today)], ev, data)
    details.append(_advice(entry))
    options = [p for p in programmes if p.end >= today]
    if options:
        details.append(msg("Ways to keep getting security fixes for a while:"))
        details.extend(_programme_line(p) for p in options)
    for p in programmes:
        if p.end < today:
            details.append(msg("{programme} ended on {date}.", programme=p.name,
                               date=p.end.isoformat()))
    details.extend(caveats)
    return Verdict(Status.FAIL, msg("{name} stopped receiving security updates on {date}.",
                                    name=name, date=end.isoformat()),
                   Severity.HIGH, details, ev, data)


def judge_macos(entries: list[SupportEntry], info: OSInfo, df: DataFile,
                today: date) -> Verdict:
    """Apple publishes no dates: judge by rank among the versions we know."""
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split(".") if p.isdigit())

    known = sorted((e for e in entries if e.os == "macos" and e.relative_support),
                   key=lambda e: key(e.version), reverse=True)
    name = info.label
    details: list[Message] = [msg("Apple does not publish end dates. This verdict follows what "
                                  "Apple has done so far: all security fixes for the newest macOS, "
                                  "some for the two before it, none for older ones.")]
    if info.beta:
        details.append(msg("This is a pre-release (beta) version of macOS."))
    if not known or not key(info.version):
        return Verdict(Status.UNKNOWN, msg("Checkup has no support information for {name}.",
                                           name=name or "macOS"), details=details)
    newest = known[0]
    data: dict[str, Any] = {"newest_known": newest.version}
    mine = key(info.version)
    if mine > key(newest.version):
        data["rank"] = "newer-than-known"
        if df.age_days(today) <= 365:
            return Verdict(Status.PASS, msg(
                "{name} is newer than any macOS in our information (from {gathered}), so it is "
                "very probably the newest version, which gets all security fixes.", name=name,
                gathered=df.gathered.isoformat()), details=details, data=data)
        return Verdict(Status.ATTENTION, msg(
            "{name} is newer than any macOS in our information, but that information is from "
            "{gathered}: it probably still gets security fixes, perhaps not all of them.",
            name=name, gathered=df.gathered.isoformat()), details=details, data=data)
    rank = next((i for i, e in enumerate(known) if key(e.version) == mine), None)
    if rank is None:
        older_than_all = mine < key(known[-1].version)
        if not older_than_all:
            return Verdict(Status.UNKNOWN, msg("Checkup has no support information for {name}.",
                                               name=name), details=details)
        rank = len(known)
    data["rank"] = rank
    ev = [Evidence(DATA_PATH, f"newest macOS known: {newest.version} ({newest.name}); "
                              f"this is {rank} version(s) behind (inferred)")]
    if rank < MACOS_FULLY_SUPPORTED:
        if df.is_stale(today):
            summary = msg("{name} is the newest macOS in our information, which is from "
                          "{gathered}; if no newer one has come out since, it gets all security "
                          "fixes.", name=name, gathered=df.gathered.isoformat())
        else:
            summary = msg("{name} is the newest macOS and gets all security fixes.", name=name)
        return Verdict(Status.PASS, summary, details=details, evidence=ev, data=data)
    if newest.released is None:
        details.append(msg("Our information counts {newest} as released, as Apple announced it; we "
                           "could not confirm the day it came out.", newest=newest.name))
    entry = known[min(rank, len(known) - 1)]
    if rank <= MACOS_PARTLY_SUPPORTED:
        return Verdict(Status.ATTENTION, msg(
            "{name} gets only some of Apple's security fixes: Apple fully supports only the "
            "newest macOS, {newest}.", name=name, newest=newest.name),
            details=[*details, _advice(entry)], evidence=ev, data=data)
    return Verdict(Status.FAIL, msg("{name} no longer receives security updates from Apple.",
                                    name=name), Severity.HIGH,
                   [*details, _advice(entry)], ev, data)


def judge_tails(entry: SupportEntry, info: OSInfo, today: date) -> Verdict:
    interval = entry.latest_only_days or 42
    try:
        built = date.fromisoformat(info.build_date) if info.build_date else None
    except ValueError:
        built = None
    if built is None:
        return Verdict(Status.UNKNOWN, msg("Checkup could not read when this Tails was built."),
                       details=[msg("Tails supports only its newest version. Check the version in "
                                    "'About Tails' against tails.net.")])
    age = (today - built).days
    data = {"build_date": built.isoformat(), "age_days": age, "interval_days": interval}
    if age <= interval:
        return Verdict(Status.PASS, msg(
            "This Tails was built on {date}. Tails supports only its newest version and publishes "
            "one about every six weeks, so this is very probably current.",
            date=built.isoformat()), data=data)
    if age <= 2 * interval:
        return Verdict(Status.FAIL, msg_n(
            "This Tails was built on {date}, {n} day ago. Tails supports only its newest version "
            "and publishes one about every six weeks, so a newer one has very probably come out.",
            "This Tails was built on {date}, {n} days ago. Tails supports only its newest version "
            "and publishes one about every six weeks, so a newer one has very probably come out.",
            age, date=built.isoformat()), Severity.MEDIUM, [_advice(entry)], data=data)
    return Verdict(Status.FAIL, msg_n(
        "This Tails was built on {date}, {n} day ago: newer versions have come out since, and "
        "only the newest gets security fixes.",
        "This Tails was built on {date}, {n} days ago: newer versions have come out since, and "
        "only the newest gets security fixes.", age, date=built.isoformat()), Severity.HIGH,
        [_advice(entry)], data=data)


def _find(entries: list[SupportEntry], info: OSInfo) -> list[SupportEntry]:
    if info.os_id == "windows":
        return [e for e in entries if e.os == "windows" and e.build == info.build
                and (not info.edition_family or info.edition_family in e.editions)]
    return [e for e in entries if e.os == info.os_id and e.matches_version(info.version)]


def _unknown(info: OSInfo, entries: list[SupportEntry], today: date) -> Verdict:
    found = info.label or info.name or info.os_id
    details: list[Message] = []
    if info.base_id:
        base = next((e for e in entries if e.os == info.base_id
                     and e.matches_version(info.base_version)), None)
        if base is not None and base.standard_end is not None:
            base_name = base.name
            if base.standard_end >= today:
                details.append(msg("It is built on {base}, whose standard security support ends "
                                   "on {date}.", base=base_name,
                                   date=base.standard_end.isoformat()))
            else:
                details.append(msg("It is built on {base}, whose standard security support ended "
                                   "on {date}.", base=base_name,
                                   date=base.standard_end.isoformat()))
    details.append(msg("Check your system's name and version in its settings (About), then look "
                       "up on its maker's website until when that version gets security updates."))
    if info.os_id == "windows" and info.edition and not info.edition_family:
        summary = msg("Checkup has no support dates for {name} with the edition {edition}.",
                      name=found, edition=info.edition)
    else:
        summary = msg("Checkup has no support dates for {name}.", name=found)
    return Verdict(Status.UNKNOWN, summary, details=details)


def _support_end_note(info: OSInfo, entry: SupportEntry | None) -> list[Message]:
    """Fedora and others state their own end date (SUPPORT_END in os-release)."""
    if not info.support_end:
        return []
    try:
        stated = date.fromisoformat(info.support_end)
    except ValueError:
        return []
    if entry is None or entry.standard_end is None:
        return [msg("Your system itself states that its support ends on {system_date}.",
                    system_date=stated.isoformat())]
    if stated != entry.standard_end:
        return [msg("Your system itself states that its support ends on {system_date}; our "
                    "information says {data_date}.", system_date=stated.isoformat(),
                    data_date=entry.standard_end.isoformat())]
    return []


def decide(scan: Scan, info: OSInfo, df: DataFile, entries: list[SupportEntry],
           today: date) -> Verdict:
    if not info.known:
        return Verdict(Status.UNKNOWN, msg("Checkup could not tell which operating system "
                                           "version this is."),
                       details=[msg("Check your system's name and version in its settings "
                                    "(About), then look up on its maker's website until when "
                                    "that version gets security updates.")])
    if info.rolling:
        return Verdict(Status.NOT_APPLICABLE, msg(
            "{name} is a rolling release: it has no versions that go out of support. Whether it "
            "is up to date is judged by the check of installed updates.", name=info.label),
            data={"rolling": True})
    if info.family == "macos":
        return judge_macos(entries, info, df, today)
    if info.os_id == "tails":
        entry = next((e for e in entries if e.os == "tails"), None)
        if entry is not None:
            return judge_tails(entry, info, today)
    found = _find(entries, info)
    if not found:
        v = _unknown(info, entries, today)
        v.details[:0] = _support_end_note(info, None)
        if info.support_end:
            try:
                stated = date.fromisoformat(info.support_end)
            except ValueError:
                stated = None
            if stated is not None and (stated - today).days <= SOON_DAYS:
                left = (stated - today).days
                if left < 0:
                    return Verdict(Status.FAIL, msg(
                        "{name} stopped receiving security updates on {date}, as the system "
                        "itself states.", name=info.label, date=stated.isoformat()),
                        Severity.HIGH, [_advice(None), *v.details])
                return Verdict(Status.FAIL, msg_n(
                    "{name} stops receiving security updates on {date}, in {n} day, as the "
                    "system itself states.",
                    "{name} stops receiving security updates on {date}, in {n} days, as the "
                    "system itself states.", left, name=info.label, date=stated.isoformat()),
                    Severity.MEDIUM, v.details)
        return v
    # With the edition unknown, several entries match: the earliest end speaks for all.
    found.sort(key=lambda e: e.standard_end or date.max)
    verdicts = [judge_dated(scan, e, info, df, today) for e in found]
    first = verdicts[0]
    if len({(v.status, v.severity) for v in verdicts}) > 1:
        return Verdict(Status.UNKNOWN, msg(
            "{name}: Checkup could not tell the Windows edition, and support ends on different "
            "dates for different editions.", name=info.label),
            details=[msg("Check the edition in Settings, System, About.")],
            evidence=[_entry_evidence(e) for e in found])
    first.details[:0] = _support_end_note(info, found[0])
    return first


@check(CHECK_ID, N_("Operating system still supported"),
       platforms={"linux", "macos", "windows"}, ps_facts=(ESU_LICENCE_FACT,), order=20,
       description=N_("Whether this version of the operating system still receives security "
                      "updates from its maker."))
def os_supported(scan: Scan) -> Finding:
    info = scan_os(scan)
    evidence = list(info.evidence)
    if info.problem and not info.known:
        evidence.append(Evidence("identification", info.problem))
    try:
        df, entries = load_support()
    except DataError as exc:
        return Finding(Status.UNKNOWN, msg(
            "Checkup's list of supported systems could not be read, so it cannot tell whether "
            "this system still gets security updates."),
            evidence=[*evidence, Evidence(DATA_PATH, str(exc))])
    today = scan.now().date()
    v = decide(scan, info, df, entries, today)
    if scan.context.qubes_vm:
        v.details.append(msg("In Qubes OS, this qube's software comes from its template, so this "
                             "is about the template's system. The Qubes release itself cannot be "
                             "seen from inside a qube."))
    elif scan.context.kind == CONTAINER:
        v.details.append(msg("This scan ran inside a container: the verdict is about the "
                             "container's system, not the computer's."))
    data: dict[str, Any] = {"os": info.to_json(), "data_gathered": df.gathered.isoformat(),
                            "data_age_days": df.age_days(today), **v.data}
    return Finding(v.status, v.summary, v.severity, [*evidence, *v.evidence], v.details, data)
