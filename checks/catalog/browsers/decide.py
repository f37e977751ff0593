"""The browsers verdict: each install judged against the release facts, then the finding
(pure: nothing here reads the machine)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from checks.catalog.browsers import messages as say
from checks.catalog.browsers import versions as bv
from checks.catalog.browsers.facts import UNKNOWN_ID, Browser, Install, Seen
from checks.catalog.browsers.release_lines import Clock, clock_of
from checks.engine.datafile import DataFile
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def judge_all(seen: Seen, browsers: Sequence[Browser], clock: Clock) -> Seen:
    """``seen`` with each install judged: Tor Browser on the Firefox release it is built on,
    the others on their own release line."""
    firefox = next((b for b in browsers if b.id == "firefox"), None)
    ff_versions = firefox.versions if firefox else {}
    tor_by_where = {t.where: t for t in seen.tor.installs}
    out: list[Install] = []
    for inst in seen.installs:
        b = inst.browser
        if b.scheme == "tor":
            t = tor_by_where.get(inst.where)
            j = bv.judge_tor(inst.version, t.base if t else None, b.versions, ff_versions,
                             clock)
        else:
            j = bv.judge(b.scheme, inst.version, inst.channel, b.versions, clock)
        if inst.offered and j.state in bv.GOOD | bv.DOUBTFUL:
            # A distribution's package with a newer version waiting: never a pass (the
            # update is almost always a security one); out of date stays out of date.
            j = replace(j, state=bv.UPGRADE_WAITING)
        out.append(replace(inst, judgement=j))
    return replace(seen, installs=out)


def _label(inst: Install) -> str:
    return f"{inst.browser.name} {inst.version.raw}" if inst.version else inst.browser.name


def _evidence(seen: Seen) -> list[Evidence]:
    inventory = seen.inventory
    evidence = [Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places") if inventory.listed
        else "no place that holds applications could be read")]
    for inst in seen.installs:
        j = inst.judgement
        evidence.append(Evidence(inst.where, f"{inst.browser.name} "
                                 f"{inst.version.raw if inst.version else '(version unknown)'}"
                                 f" [{inst.how}]" + (f" -> {j.state}" if j else "")))
    return evidence


def _details(seen: Seen, data: DataFile | None, now: datetime | None) -> list[Message]:
    details: list[Message] = []
    for inst in seen.installs:
        details.append(say.install_detail(inst))
        offer = say.distribution_detail(inst)
        if offer is not None:
            details.append(offer)
    if data is None or now is None:
        return details
    clock = clock_of(data, now)
    gathered = data.gathered.isoformat()
    if clock.age_days <= 0:
        details.append(say.data_gathered_today(gathered))
    elif clock.stale:
        details.append(say.data_past_limit(gathered, clock.age_days, clock.limit_days))
    else:
        details.append(say.data_age(gathered, clock.age_days))
    return details


def _data(seen: Seen, browsers: Sequence[Browser], data: DataFile | None,
          now: datetime | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "browsers": [i.to_json() for i in seen.installs],
        "looked_for": [b.name for b in browsers if b.applies_to(seen.family)],
    }
    if data is not None:
        out["data_gathered"] = data.gathered.isoformat()
        if now is not None:
            clock = clock_of(data, now)
            out["data_age_days"] = clock.age_days
            out["data_limit_days"] = clock.limit_days
    return out


def _nothing_judged(seen: Seen, browsers: Sequence[Browser], evidence: list[Evidence],
                    details: list[Message], data_out: dict[str, Any]) -> Finding:
    """No browser could be judged: the apps were not listed, only Safari is here, or none of
    the known browsers was found."""
    family = seen.family
    if not seen.inventory.ok and not seen.installs:
        return Finding(Status.UNKNOWN, say.apps_unlisted(), evidence=evidence,
                       details=[say.manual(family), *details], data=data_out)
    if seen.installs:  # only browsers updated with the system (Safari)
        return Finding(Status.PASS, say.only_system_browser(), evidence=evidence,
                       details=details, data=data_out)
    looked = [b.name for b in browsers if b.applies_to(family)]
    return Finding(Status.UNKNOWN, say.none_found(looked), evidence=evidence,
                   details=[say.manual(family), *details], data=data_out)


def _partly_judged(seen: Seen, good: Sequence[Install], unjudged: Sequence[Install],
                   evidence: list[Evidence], details: list[Message],
                   data_out: dict[str, Any]) -> Finding:
    """Some browsers found could not be judged: untracked or without a readable version."""
    names = sorted({i.browser.name for i in unjudged})
    manual = say.manual(seen.family)
    if not good and all(i.browser.id == UNKNOWN_ID for i in unjudged):
        return Finding(Status.UNKNOWN, say.only_unknown_browsers(names), evidence=evidence,
                       details=[*details, manual], data=data_out)
    if good:
        return Finding(Status.ATTENTION, say.some_unjudged(names), evidence=evidence,
                       details=details, data=data_out)
    return Finding(Status.UNKNOWN, say.none_judged(names), evidence=evidence,
                   details=[*details, manual], data=data_out)


def _uncertain(seen: Seen, maybe: Sequence[Install], too_old: Sequence[Install],
               evidence: list[Evidence], details: list[Message],
               data_out: dict[str, Any]) -> Finding:
    """None is out of date for certain, but the data's age leaves some in doubt: past the
    data's limit, unknown; one major behind what can be expected, "may be out of date"."""
    manual = say.manual(seen.family)
    if too_old:
        data_out["data_stale"] = True
        names = sorted({i.browser.name for i in too_old})
        return Finding(Status.UNKNOWN, say.data_too_old(names), evidence=evidence,
                       details=[*details, manual], data=data_out)
    labels = [_label(i) for i in maybe]
    states = {i.judgement.state for i in maybe if i.judgement}
    summary = (say.may_be_outdated(labels) if bv.MAY_BE_OUTDATED in states
               else say.upgrade_waiting(labels) if bv.UPGRADE_WAITING in states
               else say.extended_only(labels))
    return Finding(Status.ATTENTION, summary, evidence=evidence, details=[*details, manual],
                   data=data_out)


def decide(seen: Seen, browsers: Sequence[Browser], data: DataFile | None = None,
           now: datetime | None = None) -> Finding:
    """``fail`` (medium) when a browser found is out of date (or, by what the data lets Checkup
    expect today, likely so); ``pass`` when every one judged is current; ``attention`` when
    one may be out of date or another's version could not be judged; ``unknown`` when none
    could be, none was found, the apps could not be listed, or the release facts are past
    their limit. ``seen``'s installs are judged already (``judge_all``)."""
    evidence = _evidence(seen)
    details = _details(seen, data, now)
    data_out = _data(seen, browsers, data, now)
    judged = [i for i in seen.installs if i.judgement and i.judgement.state != bv.SYSTEM]

    def having(states: frozenset[str] | set[str]) -> list[Install]:
        return [i for i in judged if i.judgement and i.judgement.state in states]

    bad, good = having(bv.BAD), having(bv.GOOD)
    maybe, too_old = having(bv.DOUBTFUL), having({bv.DATA_TOO_OLD})
    unjudged = [i for i in judged if i not in (*bad, *good, *maybe, *too_old)]
    if bad:
        certain = [i for i in bad if i.judgement and i.judgement.state != bv.LIKELY_OUTDATED]
        summary = (say.outdated([_label(i) for i in bad]) if certain
                   else say.likely_outdated([_label(i) for i in bad]))
        return Finding(Status.FAIL, summary,
                       severity=Severity.MEDIUM, evidence=evidence, details=details,
                       data=data_out)
    if not judged:
        return _nothing_judged(seen, browsers, evidence, details, data_out)
    if maybe or too_old:
        return _uncertain(seen, maybe, too_old, evidence, details, data_out)
    if good and not unjudged:
        return Finding(Status.PASS, say.all_current(sorted({i.browser.name for i in good})),
                       evidence=evidence, details=details, data=data_out)
    return _partly_judged(seen, good, unjudged, evidence, details, data_out)
