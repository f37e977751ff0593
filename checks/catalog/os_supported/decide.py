"""The os-supported verdict from what was read and the support data (pure: nothing here
reads the machine; the programmes' coverage was looked for in ``gather.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.catalog.os_supported import messages as say
from checks.catalog.os_supported.data import (
    DATA_PATH,
    Programme,
    SupportEntry,
    entries_for,
    limit_of,
    tails_entry,
)
from checks.catalog.os_supported.earliest import earliest, local_evidence, with_local_ends
from checks.catalog.os_supported.facts import Coverage, Seen
from checks.engine.datafile import DataError, DataFile
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status
from checks.engine.osinfo import WINDOWS_10_FIRST_BUILD, OSInfo

SOON_DAYS = 60  # "within 60 days of its end date": fail, medium
# The last fixes for any Windows before 10: Windows 8.1's end of support and the third and
# last year of Windows 7's paid ESU (Microsoft lifecycle pages, both 2023-01-10).
WINDOWS_BEFORE_10_LAST_FIX = "2023-01-10"
MACOS_FULLY_SUPPORTED = 1  # the newest major version gets every fix
MACOS_PARTLY_SUPPORTED = 2  # the two before it get only some


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


# -- dated support ends ----------------------------------------------------------------------

def _announced(ev: Evidence, entry: SupportEntry, df: DataFile, today: date) -> Evidence:
    """With data past its limit, an end date later than the data's own date is only as good
    as the vendor's announcement then (an earlier one had already happened): say so."""
    end = entry.standard_end
    if end is None or end < df.gathered or not df.is_stale(today, limit_of(df)):
        return ev
    return Evidence(ev.source, f"{ev.text}; as announced by {df.gathered.isoformat()}, "
                               f"{df.age_days(today)} days before this scan")


def judge_dated(seen: Seen, entry: SupportEntry, df: DataFile) -> Verdict:
    """An entry with a standard end date (or an open end)."""
    today, name = seen.today, entry.name
    ev = [_announced(_entry_evidence(entry), entry, df, today),
          *local_evidence(seen.local_ends)]
    data: dict[str, Any] = {"entry": entry.id, "data_standard_end": entry.standard_end.isoformat()
                            if entry.standard_end else None}
    entry, notes = with_local_ends(entry, seen.local_ends)
    data["standard_end"] = entry.standard_end.isoformat() if entry.standard_end else None
    details = [*notes, *([say.date_is_estimate()] if entry.inferred else [])]
    end = entry.standard_end
    if end is None:
        v = Verdict(Status.PASS, say.no_end_announced(name), details=details, evidence=ev,
                    data=data)
        if df.is_stale(today):
            v.details.append(say.stale_detail(df.gathered.isoformat()))
        return v
    days = (end - today).days
    if days > SOON_DAYS:
        summary = (say.supported_until_stale(name, end.isoformat(), df.gathered.isoformat())
                   if df.is_stale(today) else say.supported_until(name, end.isoformat()))
        return Verdict(Status.PASS, summary, details=details, evidence=ev, data=data)
    if days >= 0:
        details.append(say.advice(entry))
        details.extend(say.programme_line(p) for p in entry.extended
                       if p.applies_to(seen.info.edition_family) and p.end > end)
        return Verdict(Status.FAIL, say.ends_soon(name, end.isoformat(), days),
                       Severity.MEDIUM, details, ev, data)
    return _past_end(seen, entry, end, details, ev, data)


def _covered(entry: SupportEntry, end: date, prog: Programme, cov: Coverage, today: date,
             details: list[Message], ev: list[Evidence], data: dict[str, Any]) -> Verdict:
    """Past the end of standard support, but this machine is in ``prog``."""
    name = entry.name
    until = min(cov.until, prog.end) if cov.until else prog.end  # never past its end
    data.update({"covered_by": prog.id, "covered_until": until.isoformat(),
                 "coverage": prog.coverage})
    left = (until - today).days
    extra = [say.coverage_phrase(prog)]
    if prog.coverage == "partial" and prog.id == "debian-lts":
        extra.append(say.debian_security_support())
    details = [*extra, say.advice(entry), *details]
    if left <= SOON_DAYS:
        return Verdict(Status.FAIL, say.programme_ends_soon(name, prog.name, until.isoformat(),
                                                            left), Severity.MEDIUM,
                       details, ev, data)
    if prog.coverage == "partial":
        return Verdict(Status.FAIL, say.programme_partial(name, end.isoformat(), prog.name,
                                                          until.isoformat()), Severity.MEDIUM,
                       details, ev, data)
    return Verdict(Status.ATTENTION, say.covered_by(name, prog.name, until.isoformat()), None,
                   details, ev, data)


def _not_covered(seen: Seen, entry: SupportEntry, end: date, programmes: list[Programme],
                 unchecked: list[Programme], details: list[Message], caveats: list[Message],
                 ev: list[Evidence], data: dict[str, Any]) -> Verdict:
    """Past the end of standard support, and no programme seen to cover this machine."""
    today, name = seen.today, entry.name
    if unchecked and seen.info.edition_family == "enterprise":
        return Verdict(Status.UNKNOWN, say.esu_unchecked(name, end.isoformat()), None,
                       [say.esu_by_hand(),
                        *(say.programme_line(p) for p in programmes if p.end >= today)],
                       ev, data)
    details.append(say.advice(entry))
    options = [p for p in programmes if p.end >= today]
    if options:
        details.append(say.ways_to_keep_fixes())
        details.extend(say.programme_line(p) for p in options)
    for p in programmes:
        if p.end < today:
            details.append(say.programme_ended(p.name, p.end.isoformat()))
    details.extend(caveats)
    return Verdict(Status.FAIL, say.support_ended(name, end.isoformat()), Severity.HIGH,
                   details, ev, data)


def _past_end(seen: Seen, entry: SupportEntry, end: date, details: list[Message],
              ev: list[Evidence], data: dict[str, Any]) -> Verdict:
    """Past the end of standard support: is this machine in an extended programme?"""
    today = seen.today
    programmes = [p for p in entry.extended if p.applies_to(seen.info.edition_family)]
    unchecked: list[Programme] = []
    caveats: list[Message] = []
    for prog in programmes:
        if prog.end < today:
            continue
        cov = seen.coverage[(entry.id, prog.id)]
        ev.extend(cov.evidence)
        caveats.extend(say.coverage_note(n) for n in cov.notes)
        if cov.covered is None:
            unchecked.append(prog)
            continue
        if cov.covered:
            return _covered(entry, end, prog, cov, today, [*details, *caveats], ev, data)
    return _not_covered(seen, entry, end, programmes, unchecked, details, caveats, ev, data)


# -- macOS -----------------------------------------------------------------------------------

def _macos_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split(".") if p.isdigit())


def _macos_newer(name: str, df: DataFile, today: date, details: list[Message],
                 data: dict[str, Any]) -> Verdict:
    data["rank"] = "newer-than-known"
    if df.age_days(today) <= 365:
        return Verdict(Status.PASS, say.macos_newer_than_known(name, df.gathered.isoformat()),
                       details=details, data=data)
    return Verdict(Status.ATTENTION, say.macos_newer_than_old_data(name, df.gathered.isoformat()),
                   details=details, data=data)


def _macos_ranked(known: list[SupportEntry], rank: int, name: str, df: DataFile, today: date,
                  details: list[Message], data: dict[str, Any]) -> Verdict:
    """A macOS ``rank`` major versions behind the newest one known."""
    newest = known[0]
    ev = [Evidence(DATA_PATH, f"newest macOS known: {newest.version} ({newest.name}); "
                              f"this is {rank} version(s) behind (inferred)")]
    if rank < MACOS_FULLY_SUPPORTED:
        summary = (say.macos_newest_stale(name, df.gathered.isoformat()) if df.is_stale(today)
                   else say.macos_newest(name))
        return Verdict(Status.PASS, summary, details=details, evidence=ev, data=data)
    if newest.released is None:
        details.append(say.macos_release_unconfirmed(newest.name))
    entry = known[min(rank, len(known) - 1)]
    if rank <= MACOS_PARTLY_SUPPORTED:
        return Verdict(Status.ATTENTION, say.macos_partly(name, newest.name),
                       details=[*details, say.advice(entry)], evidence=ev, data=data)
    return Verdict(Status.FAIL, say.macos_unsupported(name), Severity.HIGH,
                   [*details, say.advice(entry)], ev, data)


def judge_macos(entries: Sequence[SupportEntry], info: OSInfo, df: DataFile,
                today: date) -> Verdict:
    """Apple publishes no dates: judge by rank among the versions we know."""
    known = sorted((e for e in entries if e.os == "macos" and e.relative_support),
                   key=lambda e: _macos_key(e.version), reverse=True)
    name = info.label
    details = [say.apple_publishes_no_dates()]
    if info.beta:
        details.append(say.macos_beta())
    mine = _macos_key(info.version)
    if not known or not mine:
        return Verdict(Status.UNKNOWN, say.macos_unknown(name or "macOS"), details=details)
    data: dict[str, Any] = {"newest_known": known[0].version}
    if mine > _macos_key(known[0].version):
        return _macos_newer(name, df, today, details, data)
    rank = next((i for i, e in enumerate(known) if _macos_key(e.version) == mine), None)
    if rank is None:
        if not mine < _macos_key(known[-1].version):
            return Verdict(Status.UNKNOWN, say.macos_unknown(name), details=details)
        rank = len(known)
    data["rank"] = rank
    return _macos_ranked(known, rank, name, df, today, details, data)


# -- Tails -----------------------------------------------------------------------------------

def _tails_key(version: str) -> tuple[int, ...]:
    parts = version.strip().split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


def _tails_behind(entry: SupportEntry, info: OSInfo, today: date) -> Verdict | None:
    """Older than the newest Tails the data knows: fail, unless that one came out within
    the grace days (Tails offers the upgrade the next time it starts connected to Tor)."""
    mine, newest = _tails_key(info.version), _tails_key(entry.newest_version)
    if not mine or not newest or mine >= newest or entry.newest_released is None:
        return None
    released = entry.newest_released.isoformat()
    data: dict[str, Any] = {"entry": entry.id, "newest_known": entry.newest_version,
                            "newest_released": released}
    since = (today - entry.newest_released).days
    if since <= entry.grace_days:
        return Verdict(Status.PASS, say.tails_upgrade_waiting(info.version,
                                                              entry.newest_version, released),
                       data=data)
    return Verdict(Status.FAIL, say.tails_behind_newest(info.version, entry.newest_version,
                                                        released),
                   Severity.HIGH, [say.advice(entry)], data=data)


def judge_tails(entry: SupportEntry, info: OSInfo, today: date) -> Verdict:
    """Tails supports only its newest release: older than the newest one the data knows
    fails (after the grace days); otherwise the build date tells whether a newer one has
    probably come out since (Tails releases about every six weeks). A Tails newer than the
    data never fails: an old build of it is "look at this"."""
    behind = _tails_behind(entry, info, today)
    if behind is not None:
        return behind
    interval = entry.latest_only_days or 42
    newer = bool(_tails_key(info.version)) and _tails_key(info.version) > \
        _tails_key(entry.newest_version or "0")
    try:
        built = date.fromisoformat(info.build_date) if info.build_date else None
    except ValueError:
        built = None
    if built is None:
        return Verdict(Status.UNKNOWN, say.tails_build_unknown(),
                       details=[say.tails_check_by_hand()])
    age = (today - built).days
    data = {"entry": entry.id, "build_date": built.isoformat(), "age_days": age,
            "interval_days": interval, "newest_known": entry.newest_version}
    if age <= interval:
        return Verdict(Status.PASS, say.tails_current(built.isoformat()), data=data)
    if newer:
        return Verdict(Status.ATTENTION, say.tails_newer_old_build(
            info.version, built.isoformat(), age), details=[say.tails_check_by_hand()],
            data=data)
    if age <= 2 * interval:
        return Verdict(Status.FAIL, say.tails_probably_old(built.isoformat(), age),
                       Severity.MEDIUM, [say.advice(entry)], data=data)
    return Verdict(Status.FAIL, say.tails_old(built.isoformat(), age), Severity.HIGH,
                   [say.advice(entry)], data=data)


# -- systems not in the data -----------------------------------------------------------------

def _unknown(info: OSInfo, entries: Sequence[SupportEntry], today: date) -> Verdict:
    found = info.label or info.name or info.os_id
    details: list[Message] = []
    if info.base_id:
        base = next((e for e in entries if e.os == info.base_id
                     and e.matches_version(info.base_version)), None)
        if base is not None and base.standard_end is not None:
            if base.standard_end >= today:
                details.append(say.base_ends(base.name, base.standard_end.isoformat()))
            else:
                details.append(say.base_ended(base.name, base.standard_end.isoformat()))
    details.append(say.check_by_hand())
    if info.os_id == "windows" and info.edition and not info.edition_family:
        summary = say.no_dates_for_edition(found, info.edition)
    else:
        summary = say.no_dates(found)
    return Verdict(Status.UNKNOWN, summary, details=details)


def _no_entry(seen: Seen, entries: Sequence[SupportEntry]) -> Verdict:
    """No entry for this system: unknown, unless the system itself states an end that has
    passed or is near (the earliest it states)."""
    info, today = seen.info, seen.today
    v = _unknown(info, entries, today)
    first = earliest(seen.local_ends)
    stated = first.end if first is not None else None
    v.evidence.extend(local_evidence(seen.local_ends))
    if stated is not None:
        v.details.insert(0, say.system_states_end(stated.isoformat()))
    if stated is not None and (stated - today).days <= SOON_DAYS:
        left = (stated - today).days
        if left < 0:
            return Verdict(Status.FAIL, say.stated_end_passed(info.label, stated.isoformat()),
                           Severity.HIGH, [say.advice(None), *v.details], v.evidence)
        return Verdict(Status.FAIL, say.stated_end_soon(info.label, stated.isoformat(), left),
                       Severity.MEDIUM, v.details, v.evidence)
    return v


def _unjudged(info: OSInfo) -> Verdict | None:
    """The verdict before any support data is consulted: the system was not identified, or
    it has no versions that go out of support."""
    if not info.known:
        return Verdict(Status.UNKNOWN, say.unidentified(), details=[say.check_by_hand()])
    if info.rolling:
        return Verdict(Status.NOT_APPLICABLE, say.rolling(info.label), data={"rolling": True})
    return None


def _windows_before_10(info: OSInfo) -> Verdict | None:
    """Windows 7, 8 and 8.1 (builds below 10240): every programme of fixes has ended."""
    if info.os_id != "windows" or info.build is None or info.build >= WINDOWS_10_FIRST_BUILD:
        return None
    name = info.label if info.version else f"Windows (build {info.build})"
    return Verdict(Status.FAIL, say.windows_before_10(name, WINDOWS_BEFORE_10_LAST_FIX),
                   Severity.HIGH, [say.advice(None)], data={"build": info.build})


def _dated_verdict(seen: Seen, df: DataFile, entries: Sequence[SupportEntry]) -> Verdict:
    info, today = seen.info, seen.today
    early = _windows_before_10(info) or _unjudged(info)
    if early is not None:
        return early
    if info.os_id == "tails":
        entry = tails_entry(entries)
        if entry is not None:
            return judge_tails(entry, info, today)
    found = entries_for(entries, info)
    if not found:
        return _no_entry(seen, entries)
    # With the edition unknown, several entries match: the earliest end speaks for all.
    found.sort(key=lambda e: e.standard_end or date.max)
    verdicts = [judge_dated(seen, e, df) for e in found]
    first = verdicts[0]
    if len({(v.status, v.severity) for v in verdicts}) > 1:
        return Verdict(Status.UNKNOWN, say.edition_unknown(info.label),
                       details=[say.check_edition()],
                       evidence=[_entry_evidence(e) for e in found])
    return first


# -- the finding -----------------------------------------------------------------------------

def _os_evidence(info: OSInfo) -> list[Evidence]:
    evidence = list(info.evidence)
    if info.problem and not info.known:
        evidence.append(Evidence("identification", info.problem))
    return evidence


def _finding(seen: Seen, df: DataFile, v: Verdict) -> Finding:
    limit = limit_of(df)
    if df.is_stale(seen.today, limit) and ("entry" in v.data or "newest_known" in v.data):
        # A verdict that rests on the support data, which is older than its limit.
        v.details.append(say.data_past_limit(df.gathered.isoformat(), df.age_days(seen.today),
                                             limit))
    if seen.qubes_vm:
        v.details.append(say.qubes_template())
    elif seen.container:
        v.details.append(say.in_container())
    data: dict[str, Any] = {"os": seen.info.to_json(), "data_gathered": df.gathered.isoformat(),
                            "data_age_days": df.age_days(seen.today), "data_limit_days": limit,
                            **v.data}
    if df.pack:
        data["data_pack"] = df.pack
    # a fact of the data file names the file it came from: a data pack's when one is in use
    evidence = [Evidence(df.where, e.text) if e.source == DATA_PATH else e for e in v.evidence]
    return Finding(v.status, v.summary, v.severity, [*_os_evidence(seen.info), *evidence],
                   v.details, data)


def decide_dated(seen: Seen, df: DataFile, entries: Sequence[SupportEntry]) -> Finding:
    """Linux and Windows, whose versions have dated support ends."""
    return _finding(seen, df, _dated_verdict(seen, df, entries))


def decide_macos(seen: Seen, df: DataFile, entries: Sequence[SupportEntry]) -> Finding:
    return _finding(seen, df, _unjudged(seen.info)
                    or judge_macos(entries, seen.info, df, seen.today))


def data_unreadable(info: OSInfo, exc: DataError) -> Finding:
    """The support data could not be read: unknown, with what was identified."""
    return Finding(Status.UNKNOWN, say.data_unreadable(),
                   evidence=[*_os_evidence(info), Evidence(DATA_PATH, str(exc))])
