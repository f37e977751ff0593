"""Does this operating system version still receive security updates?

Facts come from ``resources/data/os-support.json`` (schema "os-support", loaded through
checks.engine.datafile): per OS and version the day standard security support ends, and any
extended programme after it (how a machine gets it, until when, how much it covers). The
OS itself is identified by checks.engine.osinfo. Nothing here contacts a server: Ubuntu Pro is
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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.catalog.os_supported.coverage import COVERAGE_FILES, ESU_LICENCE_FACT, detect_coverage
from checks.catalog.os_supported.data import (
    DATA_PATH,
    Programme,
    SupportEntry,
    load_support,
)
from checks.engine.context import CONTAINER
from checks.engine.datafile import DataError, DataFile
from checks.engine.i18n import N_, Message, msg, msg_n
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.osinfo import (
    OS_RELEASE_PATHS,
    SYSTEM_VERSION_PLIST,
    TAILS_VERSION_FILE,
    OSInfo,
    scan_os,
)
from checks.engine.registry import On, Scan, spec

CHECK_ID = "os-supported"
SOON_DAYS = 60  # "within 60 days of its end date": fail, medium
MACOS_FULLY_SUPPORTED = 1  # the newest major version gets every fix
MACOS_PARTLY_SUPPORTED = 2  # the two before it get only some


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
        cov = detect_coverage(scan, prog, today)
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


def _unjudged(info: OSInfo) -> Verdict | None:
    """The verdict before any support data is consulted: the system was not identified, or
    it has no versions that go out of support."""
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
    return None


def decide_macos(scan: Scan, info: OSInfo, df: DataFile, entries: list[SupportEntry],
                 today: date) -> Verdict:
    return _unjudged(info) or judge_macos(entries, info, df, today)


def decide(scan: Scan, info: OSInfo, df: DataFile, entries: list[SupportEntry],
           today: date) -> Verdict:
    """The verdict on Linux and Windows, whose versions have dated support ends."""
    early = _unjudged(info)
    if early is not None:
        return early
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


Decide = Callable[[Scan, OSInfo, DataFile, list[SupportEntry], date], Verdict]


def _os_supported(scan: Scan, decide_system: Decide) -> Finding:
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
    v = decide_system(scan, info, df, entries, today)
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


def check_dated(scan: Scan) -> Finding:
    """Linux and Windows: versions with dated support ends."""
    return _os_supported(scan, decide)


def check_macos(scan: Scan) -> Finding:
    return _os_supported(scan, decide_macos)


spec(
    CHECK_ID, N_("Operating system still supported"),
    description=N_("Whether this version of the operating system still receives security "
                   "updates from its maker."),
    order=20,
    slot=1,
    systems={
        "linux": On(check_dated, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN,
                    Status.NOT_APPLICABLE),
        "macos": On(check_macos, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
        "windows": On(check_dated, Status.PASS, Status.ATTENTION, Status.FAIL, Status.UNKNOWN),
    },
    files=(*OS_RELEASE_PATHS, TAILS_VERSION_FILE, SYSTEM_VERSION_PLIST, *COVERAGE_FILES),
    ps_facts=(ESU_LICENCE_FACT,),
    demos={
        "windows10-unencrypted-telegram": "os_supported/windows-10-22h2-home.json",
        "macos-filevault-signal": "os_supported/macos-27.json",
        "linux-luks-pending-updates": "os_supported/ubuntu-2404.json",
        "windows11-bitlocker-keepass": "os_supported/windows-11-24h2-enterprise.json",
        "windows11-home-remote-support": "os_supported/windows-11-24h2-home.json",
        "macos12-no-filevault": "os_supported/macos-12.json",
        "macos15-encrypting-screen-sharing": "os_supported/macos-15.json",
        "linux-ubuntu2004-unencrypted": "os_supported/ubuntu-2004-no-pro.json",
        "linux-kubuntu-well-kept": "os_supported/ubuntu-2404.json",
    },
)
