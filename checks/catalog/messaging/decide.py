"""The secure-messaging verdict from what was found (pure: nothing here reads the machine)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from checks.catalog.messaging import messages as say
from checks.catalog.messaging.facts import SIGNAL_PLAIN, Found, Messenger, Seen
from checks.catalog.readers import apps
from checks.engine.datafile import DataFile
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _evidence(seen: Seen) -> list[Evidence]:
    inventory = seen.inventory
    evidence = [Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places: " + "; ".join(inventory.listed)
    ) if inventory.listed else "no place that holds applications could be read")]
    for f in seen.found:
        for inst in f.match.installs:
            evidence.append(Evidence(inst.location, apps.describe_install(inst)))
        if f.match.processes:
            evidence.append(Evidence("running processes", f"{f.messenger.name}: "
                                     + apps.describe_processes(f.match.processes)))
    for key in seen.signal_keys:
        evidence.append(Evidence(key.path, key.evidence_text()))
    return evidence


def _found_json(f: Found) -> dict[str, Any]:
    m = f.messenger
    return {
        "id": m.id, "name": m.name,
        "e2ee_one_to_one": m.e2ee_one_to_one, "e2ee_groups": m.e2ee_groups,
        "running": f.match.running, "channels": f.match.channels,
        "installs": [a.to_json() for a in f.match.installs],
        "processes": sorted({p.name for p in f.match.processes}),
        "discontinued": m.discontinued,
        "caveats": [cid for cid, _ in m.caveats],
    }


def _data(seen: Seen, looked_for: list[str], data: DataFile | None) -> dict[str, Any]:
    inventory = seen.inventory
    out: dict[str, Any] = {
        "messengers": [_found_json(f) for f in seen.found],
        "looked_for": looked_for,
        "signal_desktop_keys": [k.to_json() for k in seen.signal_keys],
        "places_listed": list(inventory.listed),
        "places_not_readable": [p for p in inventory.searched if p not in inventory.listed],
    }
    if data is not None:
        out["data_gathered"] = data.gathered.isoformat()
    return out


def _details(seen: Seen, data: DataFile | None, now: datetime | None) -> list[Message]:
    """Each messenger found (how it encrypts, its caveats, its end), Signal's key, then the
    notes on local copies and on the age of Checkup's data."""
    details: list[Message] = []
    for f in seen.found:
        m = f.messenger
        details.append(say.messenger_line(f))
        for cid, english in m.caveats:
            details.append(say.messenger_caveat(m.name, cid, english))
        if m.discontinued:
            details.append(say.discontinued_detail(m.name, m.discontinued))
    for key in seen.signal_keys:
        details.extend(say.signal_key_details(key))
    if seen.found:
        details.append(say.local_copies())
    if data is not None and now is not None and data.is_stale(now):
        details.append(say.data_stale(data.gathered.isoformat()))
    return details


def decide(seen: Seen, messengers: Sequence[Messenger], data: DataFile | None = None,
           now: datetime | None = None) -> Finding:
    """``unknown`` when the apps could not be listed; ``fail`` (medium) for a discontinued
    messenger or when none found encrypts by default; ``attention`` when Signal Desktop's key
    is readable without the keystore; ``pass`` for a messenger that encrypts by default;
    ``not_applicable`` when none is found."""
    looked_for = [m.name for m in messengers if m.applies_to(seen.family)]
    evidence = _evidence(seen)
    data_out = _data(seen, looked_for, data)
    details = _details(seen, data, now)
    found = seen.found
    secure = [f.messenger.name for f in found if f.messenger.e2ee_by_default]
    discontinued = [f.messenger.name for f in found if f.messenger.discontinued]
    exposed = [k for k in seen.signal_keys if k.exposed]
    if not seen.inventory.ok:
        evidence += [Evidence(place, "could not be read") for place in seen.inventory.searched]
        return Finding(Status.UNKNOWN, say.apps_unlisted(), evidence=evidence,
                       details=[say.manual_check(seen.family), *details], data=data_out)
    if discontinued:
        return Finding(Status.FAIL, say.discontinued_installed(discontinued),
                       severity=Severity.MEDIUM, evidence=evidence, details=details,
                       data=data_out)
    if found and not secure:
        return Finding(Status.FAIL, say.none_encrypts([f.messenger.name for f in found]),
                       severity=Severity.MEDIUM, evidence=evidence, details=details,
                       data=data_out)
    if exposed:
        summary = (say.signal_key_in_clear() if any(k.state == SIGNAL_PLAIN for k in exposed)
                   else say.signal_key_basic_text())
        return Finding(Status.ATTENTION, summary, evidence=evidence, details=details,
                       data=data_out)
    if secure:
        return Finding(Status.PASS, say.secure_found(secure), evidence=evidence,
                       details=details, data=data_out)
    return Finding(Status.NOT_APPLICABLE, say.none_found(looked_for), evidence=evidence,
                   details=details, data=data_out)
