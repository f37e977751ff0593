"""The Tor Browser verdict from what was found (pure: nothing here reads the machine).
Versions are judged with the Firefox ESR facts in ``resources/data/browsers.json``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.release_lines import Clock, clock_of
from checks.catalog.browsers.versions import Judgement
from checks.catalog.tor_browser import messages as say
from checks.catalog.tor_browser.facts import (
    TOR_ID,
    TOR_OTHER,
    TOR_UNVERIFIED,
    TOR_VERIFIED,
    TorInstall,
    TorSearch,
    entries_by_id,
)
from checks.engine.datafile import DataFile
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status

Judged = Sequence[tuple[TorInstall, Judgement]]


def judge_install(install: TorInstall, tor_entry: Mapping[str, Any],
                  firefox_entry: Mapping[str, Any], clock: Clock) -> Judgement:
    versions = tor_entry.get("versions") or {}
    ff_versions = firefox_entry.get("versions") or {}
    return bv.judge_tor(install.version, install.base, versions, ff_versions, clock)


def _judge(search: TorSearch, data: DataFile | None,
           now: datetime | None) -> list[tuple[TorInstall, Judgement]]:
    """Each install that may be Tor Browser, judged. Bundles whose application.ini names
    another vendor are not Tor Browser: never judged as one, never a pass."""
    entries = entries_by_id(data) if data is not None else {}
    tor_entry = entries.get(TOR_ID, {})
    ff_entry = entries.get("firefox", {})
    today = (now or datetime.now()).date()
    clock = clock_of(data, today) if data is not None else Clock(today, today)
    return [(i, judge_install(i, tor_entry, ff_entry, clock)) for i in search.installs
            if i.identity != TOR_OTHER]


def _data(search: TorSearch, judged: Judged, others: Sequence[TorInstall],
          data: DataFile | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "installs": [{**i.to_json(), **j.to_json()} for i, j in judged],
        "searched": list(search.searched),
    }
    if others:
        out["not_tor_browser"] = [i.to_json() for i in others]
    if data is not None:
        out["data_gathered"] = data.gathered.isoformat()
    return out


def _details(judged: Judged, others: Sequence[TorInstall], data: DataFile | None,
             tails: bool, now: datetime | None) -> list[Message]:
    details: list[Message] = []
    for install, j in judged:
        details.append(say.install_detail(install, j))
        if install.identity == TOR_UNVERIFIED:
            details.append(say.identity_unread(install.where))
    for install in others:
        details.append(say.not_tor_browser_detail(install.where, install.product or "?"))
    if tails:
        details.append(say.tails_updates_it())
    if data is not None:
        clock = clock_of(data, now) if now is not None else None
        if clock is not None and clock.stale:
            details.append(say.data_past_limit(data.gathered.isoformat(), clock.age_days,
                                               clock.limit_days))
        else:
            details.append(say.data_gathered(data.gathered.isoformat()))
    details.append(say.attention_note())
    return details


def decide(search: TorSearch, data: DataFile | None, tails: bool = False,
           now: datetime | None = None) -> Finding:
    """``not_applicable`` when absent, ``pass`` on a supported release, ``fail`` (medium) when
    built on a Firefox release without fixes, ``unknown`` when it cannot be told or the
    bundle is not Tor Browser. ``now`` is the scan's clock: with release facts older than
    ``datafile.STALE_AFTER_DAYS`` no version is called current (an old version still fails)."""
    others = [i for i in search.installs if i.identity == TOR_OTHER]
    judged = _judge(search, data, now)
    evidence: list[Evidence] = [e for install in search.installs for e in install.evidence]
    data_out = _data(search, judged, others, data)
    if not judged and not others:
        evidence.append(Evidence("places looked at", "; ".join(search.searched[:12]) or "none"))
        return Finding(Status.NOT_APPLICABLE, say.not_found(), evidence=evidence,
                       details=[say.attention_note()], data=data_out)
    details = _details(judged, others, data, tails, now)
    bad = [i for i, j in judged if j.state in bv.BAD]
    good = [i for i, j in judged if j.state in bv.GOOD and i.identity == TOR_VERIFIED]
    if bad:
        return Finding(Status.FAIL, say.outdated(bad[0].label() or "?"),
                       severity=Severity.MEDIUM, evidence=evidence, details=details,
                       data=data_out)
    if others:
        return Finding(Status.UNKNOWN, say.not_tor_browser(others[0].product or "?"),
                       evidence=evidence, details=details, data=data_out)
    if any(j.state == bv.DATA_TOO_OLD for _i, j in judged):
        # Tor Browser follows Firefox ESR lines, which end about a year after they start:
        # "current" by release facts past their limit is not positive evidence.
        data_out["data_stale"] = True
        return Finding(Status.UNKNOWN, say.data_too_old(), evidence=evidence,
                       details=details, data=data_out)
    if good and len(good) == len(judged):
        version = good[0].label()
        summary = say.current(version) if version else say.current_base()
        return Finding(Status.PASS, summary, evidence=evidence, details=details, data=data_out)
    return Finding(Status.UNKNOWN, say.undetermined(), evidence=evidence, details=details,
                   data=data_out)
