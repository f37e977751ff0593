"""The trusted-certificates verdict from what was collected (pure: nothing here reads the
machine)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from checks.catalog.trusted_certificates import messages as say
from checks.catalog.trusted_certificates.facts import AddedRoot, Collected, InterceptionRoot
from checks.catalog.trusted_certificates.store import CertInfo
from checks.engine.datafile import STALE_AFTER_DAYS, DataFile
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

Blocked = list[tuple[CertInfo, InterceptionRoot]]


def _added_detail(a: AddedRoot) -> Message:
    name = a.cert.label()
    if a.how == "trust_settings" and not a.cert.sha256:
        return say.trust_set_unreadable_cert(name)
    if a.added_on is not None:
        return say.added_on(name, a.where, a.added_on.isoformat())
    if a.cert.not_before is not None:
        return say.valid_from(name, a.where, a.cert.not_before.isoformat())
    return say.added_when_unknown(name, a.where)


def _evidence_for(c: CertInfo, where: str, extra: str = "") -> Evidence:
    parts = [c.subject or c.name or "<unreadable>"]
    if c.sha256:
        parts.append(f"SHA-256 {c.sha256}")
    if c.not_before:
        parts.append(f"valid from {c.not_before.isoformat()}")
    if c.error:
        parts.append(c.error)
    if extra:
        parts.append(extra)
    return Evidence(where or c.source, "; ".join(parts))


def _unreadable_count(col: Collected) -> int:
    return len(col.unparsable) + len([c for c in col.seen if not c.readable and c.sha256])


def _evidence(col: Collected) -> list[Evidence]:
    """What was read, then the entries that could not be, then the readers' problems."""
    evidence = list(col.evidence)
    shown = list(col.unparsable)
    shown += [u for u in col.undecodable if u not in shown]
    for u in shown[:20]:
        evidence.append(Evidence(u.source, f"could not be read: {u.reason}"))
    for c in [c for c in col.seen if not c.readable and c.sha256][:20]:
        evidence.append(_evidence_for(c, c.source))
    for p in col.problems:
        evidence.append(Evidence("", p))
    return evidence


def _data(col: Collected, blocked: Blocked, data: DataFile | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "trusted_count": col.trusted_count,
        "vendor_count": col.vendor_count,
        "trusted_read": col.trusted_read,
        "vendor_known": col.vendor_known,
        "added": [a.to_json() for a in col.added],
        "interception_roots": [{**c.to_json(), "listed_as": r.name, "country": r.country,
                                "listed_source": r.source} for c, r in blocked],
        "unreadable": _unreadable_count(col),
        "undecodable": len(col.undecodable),
    }
    if data is not None:
        out["interception_list_gathered"] = data.gathered.isoformat()
    return out


def _intercepted(blocked: Blocked, evidence: list[Evidence], details: list[Message],
                 data_out: dict[str, Any]) -> Finding:
    """``fail``: a government's interception root is trusted."""
    for c, r in blocked:
        evidence.insert(0, _evidence_for(c, c.source, f"listed: {r.name} ({r.source})"))
    names = sorted({r.name for _, r in blocked})
    countries = sorted({r.country for _, r in blocked if r.country})
    details.insert(0, say.interception_risk())
    return Finding(Status.FAIL, say.interception_trusted(len(blocked), countries, names),
                   severity=Severity.HIGH, evidence=evidence, details=details, data=data_out)


def _added(col: Collected, vendor: Message, evidence: list[Evidence], details: list[Message],
           data_out: dict[str, Any]) -> Finding | None:
    """``attention`` for roots added outside the vendor's list (readable ones named, then
    entries that could not be read), or None when nothing was added."""
    readable_added = [a for a in col.added if a.cert.readable]
    unreadable_added = [a for a in col.added if not a.cert.readable]
    for a in unreadable_added[:20]:
        details.append(say.unreadable_entry(a.cert.sha256[:16], a.where))
    if readable_added:
        for a in readable_added:
            if a.cert.sha256:
                evidence.append(_evidence_for(a.cert, a.where))
        for a in readable_added[:20]:
            details.append(_added_detail(a))
        details.append(say.why_roots_are_added())
        names = [a.cert.label() for a in readable_added]
        return Finding(Status.ATTENTION, say.added_outside_vendor(len(names), vendor, names[:5]),
                       evidence=evidence, details=details, data=data_out)
    if unreadable_added:
        return Finding(Status.ATTENTION, say.unreadable_not_vendor(len(unreadable_added), vendor),
                       evidence=evidence, details=[*details, say.manual(col.family)],
                       data=data_out)
    return None


def decide(col: Collected, blocklist: Mapping[str, InterceptionRoot],
           data: DataFile | None = None, now: datetime | None = None) -> Finding:
    """``fail`` (high) for a known interception root, ``attention`` for a root added outside
    the vendor's list, ``unknown`` when the trusted set or the vendor's list cannot be read or
    an entry cannot be decoded at all, ``pass`` otherwise. With the list of interception
    roots older than its limit (``datafile.STALE_AFTER_DAYS``), a sentence says so: roots
    found since are not in it."""
    family = col.family
    vendor = say.vendor(family)
    evidence = _evidence(col)
    blocked = [(c, blocklist[c.sha256]) for c in col.seen if c.sha256 in blocklist]
    data_out = _data(col, blocked, data)
    details: list[Message] = []
    if data is not None and now is not None and data.is_stale(now):
        data_out["interception_list_stale"] = True
        details.append(say.interception_list_old(data.gathered.isoformat(),
                                                 data.age_days(now), STALE_AFTER_DAYS))
    if _unreadable_count(col):
        details.append(say.skipped_unreadable(_unreadable_count(col)))
    if blocked:
        return _intercepted(blocked, evidence, details, data_out)
    if not col.trusted_read or (col.trusted_count == 0 and not col.added):
        # Every working system trusts some roots: an empty list means the store was read
        # but nothing in it could be, which says nothing about what was added.
        summary = say.trusted_unreadable() if not col.trusted_read else say.trusted_empty()
        return Finding(Status.UNKNOWN, summary, evidence=evidence,
                       details=[say.manual(family), *details], data=data_out)
    added = _added(col, vendor, evidence, details, data_out)
    if added is not None:
        return added
    if col.undecodable:
        # Entries with no fingerprint: whether they are the vendor's cannot be told, so the
        # rest, however clean, does not show that nothing was added.
        return Finding(Status.UNKNOWN, say.undecodable(len(col.undecodable), vendor),
                       evidence=evidence, details=[say.manual(family), *details],
                       data={**data_out, "reason": "undecodable"})
    if not col.vendor_known:
        return Finding(Status.UNKNOWN, say.vendor_list_unreadable(col.trusted_count, vendor),
                       evidence=evidence, details=[say.manual(family), *details], data=data_out)
    details.append(say.firefox_store_unseen())
    return Finding(Status.PASS, say.all_from_vendor(col.trusted_count, vendor),
                   evidence=evidence, details=details, data=data_out)
