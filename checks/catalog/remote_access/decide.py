"""The remote-access verdict from what was gathered (pure: nothing here reads the machine).

``fail`` when a tool or the system's own remote access runs or starts by itself;
``unknown`` when the running programs, the system's settings or what starts by itself could
not be seen; ``attention`` for a tool installed but idle; else ``pass``."""

from __future__ import annotations

from typing import Any

from checks.catalog.remote_access import messages as say
from checks.catalog.remote_access.facts import Hit, RemoteFacts
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _evidence(seen: RemoteFacts, hits: list[Hit], notes: list[Hit]) -> list[Evidence]:
    # No count of processes: the process list changes from one moment to the next.
    evidence = [Evidence("running processes", "list read" if seen.procs_seen else "not visible"),
                *seen.evidence]
    for note in notes:
        evidence.extend(note.evidence)
    sockets = seen.sockets
    if sockets.listeners is not None:
        evidence.append(Evidence(sockets.source, "listening ports read"))
    else:
        evidence.append(Evidence(sockets.source or "listening sockets",
                                 f"not readable: {sockets.note}"))
    for hit in hits:
        evidence.extend(hit.evidence)
    return evidence


def _not_all_seen(seen: RemoteFacts, installed: list[Hit], evidence: list[Evidence],
                  details: list[Message], data: dict[str, Any]) -> Finding | None:
    """``unknown`` when the programs, the settings or what starts by itself were not seen:
    nothing running now is then not "nothing set to start"."""
    if not seen.procs_seen or not seen.system_read:
        return Finding(Status.UNKNOWN, say.unreadable(), evidence=evidence,
                       details=[say.how_to_look()] + details,
                       data={**data, "reason": "unreadable"})
    if not seen.autostart_read:
        summary = say.installed_autostart_unseen(installed) if installed \
            else say.autostart_unseen()
        return Finding(Status.UNKNOWN, summary, evidence=evidence,
                       details=[say.how_to_look()] + details,
                       data={**data, "reason": "autostart_unreadable"})
    return None


def decide(seen: RemoteFacts) -> Finding:
    notes = [h for h in seen.system if h.kind == "note"]
    hits = list(seen.tools) + [h for h in seen.system if h.kind != "note"]
    evidence = _evidence(seen, hits, notes)
    data: dict[str, Any] = {"found": [h.to_json() for h in hits],
                            "data_gathered": seen.data_gathered}
    details = [say.data_stale(seen.data_gathered)] if seen.data_stale else []
    active = [h for h in hits if h.active]
    if active:
        return Finding(Status.FAIL, say.active(active), severity=Severity.MEDIUM,
                       evidence=evidence, details=[say.legitimate_but()] + details, data=data)
    installed = [h for h in hits if h.installed]
    if (found := _not_all_seen(seen, installed, evidence, details, data)) is not None:
        return found
    if installed:
        return Finding(Status.ATTENTION, say.installed_idle(installed), evidence=evidence,
                       details=[say.removing_closes_a_door()] + details, data=data)
    return Finding(Status.PASS, say.none_found(), evidence=evidence, details=details,
                   data=data)
