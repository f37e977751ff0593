"""The password-manager verdict from what was found (pure: nothing here reads the machine)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checks.catalog.password_manager import messages as say
from checks.catalog.password_manager.facts import Found, Manager
from checks.catalog.readers import apps
from checks.engine.datafile import DataFile
from checks.engine.model import Evidence, Finding, Status

QUESTION_ID = "password-manager"  # the self-assessment question that asks the person


def _evidence(seen: Found, present: Sequence[Manager]) -> list[Evidence]:
    inventory = seen.inventory
    evidence = [Evidence("installed apps", (
        f"{len(inventory.apps)} entries listed from {len(inventory.listed)} of "
        f"{len(inventory.searched)} places: " + "; ".join(inventory.listed))
        if inventory.listed else "no place that holds applications could be read")]
    for m in present:
        for inst in seen.found[m.id].installs:
            evidence.append(Evidence(inst.location, apps.describe_install(inst)))
        if seen.found[m.id].processes:
            evidence.append(Evidence("running processes", f"{m.name}: "
                                     + apps.describe_processes(seen.found[m.id].processes)))
    return evidence


def _data(seen: Found, present: Sequence[Manager], relevant: Sequence[Manager],
          data: DataFile | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "found": [{"id": m.id, "name": m.name, "kind": m.kind,
                   "installs": [a.to_json() for a in seen.found[m.id].installs],
                   "running": seen.found[m.id].running} for m in present],
        "looked_for": [m.name for m in relevant],
        "question": QUESTION_ID,
    }
    if data is not None:
        out["data_gathered"] = data.gathered.isoformat()
    return out


def decide(seen: Found, managers: Sequence[Manager], data: DataFile | None = None) -> Finding:
    """``pass`` for a maintained standalone manager, ``attention`` when the only one is
    unmaintained, ``unknown`` when none is found or the apps could not be listed."""
    relevant = [m for m in managers if m.applies_to(seen.family)]
    present = [m for m in relevant if m.id in seen.found]
    evidence = _evidence(seen, present)
    data_out = _data(seen, present, relevant, data)
    maintained = [m.name for m in present if m.kind == "standalone"]
    old = [m.name for m in present if m.kind == "discontinued"]
    details = [say.no_longer_maintained(name) for name in old]
    if maintained:
        details.append(say.keep_main_password_strong())
        return Finding(Status.PASS, say.installed(maintained), evidence=evidence,
                       details=details, data=data_out)
    if old:
        return Finding(Status.ATTENTION, say.only_unmaintained(old), evidence=evidence,
                       details=details, data=data_out)
    if not seen.inventory.ok:
        evidence += [Evidence(place, "could not be read") for place in seen.inventory.searched]
        return Finding(Status.UNKNOWN, say.apps_unlisted(), evidence=evidence,
                       details=[say.manual(seen.family)], data=data_out)
    browser_only = [m.name for m in managers if m.kind == "browser_only"]
    return Finding(Status.UNKNOWN, say.none_found([m.name for m in relevant]),
                   evidence=evidence, details=[say.browser_managers_unseen(browser_only),
                                               say.manual(seen.family)], data=data_out)
