"""The firewall verdicts from what was gathered (pure: nothing here reads the machine)."""

from __future__ import annotations

from typing import Any

from checks.catalog.firewall import messages as say
from checks.catalog.firewall.facts import LinuxFacts, MacFacts, WindowsFacts
from checks.catalog.readers.sentences import unreadable
from checks.engine.context import CONTAINER, WSL
from checks.engine.i18n import Message
from checks.engine.model import Evidence, Finding, Severity, Status


def _unknown_unreadable(evidence: list[Evidence], data: dict[str, Any], how: Message) -> Finding:
    return unreadable(say.unreadable(), how, evidence, data)


# ============================================================================= Windows
def decide_windows(seen: WindowsFacts) -> Finding:
    """``pass`` for a third-party firewall that is on or every profile on, ``fail`` for the
    service or a profile off, ``unknown`` when a value is unreadable or not a flag."""
    evidence = list(seen.evidence)
    states = seen.profiles
    data: dict[str, Any] = {"profiles": {k.lower(): v for k, v in states.items()},
                            "third_party": [{"name": n, "on": o} for n, o in seen.products]}
    third_party_on = [n for n, on in seen.products if on]
    if third_party_on:
        return Finding(Status.PASS, say.third_party_on(", ".join(third_party_on)),
                       evidence=evidence, data=data)
    if seen.garbage:
        return _unknown_unreadable(evidence, data, say.how_to_windows())
    if seen.service_disabled:
        return Finding(Status.FAIL, say.service_off(), severity=Severity.MEDIUM,
                       evidence=evidence, data=data)
    off = [label for label, v in states.items() if v == 0]
    if off:
        important = [x for x in off if x != "Domain"]
        return Finding(Status.FAIL, say.profiles_off(off),
                       severity=Severity.MEDIUM if important else Severity.LOW,
                       evidence=evidence, data=data,
                       details=[say.public_matters_most()] if "Public" in off else [])
    if all(v == 1 for v in states.values()):
        return Finding(Status.PASS, say.windows_all_on(), evidence=evidence, data=data)
    return _unknown_unreadable(evidence, data, say.how_to_windows())


# =============================================================================== macOS
def decide_macos(seen: MacFacts) -> Finding:
    """``pass`` when the application firewall is on (a caveat when stealth mode is off),
    ``fail`` when off, ``unknown`` when its state could not be read."""
    evidence = list(seen.evidence)
    state = seen.state
    data: dict[str, Any] = {"global_state": state, "stealth": seen.stealth}
    if state is None:
        return _unknown_unreadable(evidence, data, say.how_to_macos())
    if state == 0:
        return Finding(Status.FAIL, say.macos_off(), severity=Severity.MEDIUM,
                       evidence=evidence, data=data)
    details = [say.stealth_off()] if seen.stealth is False else []
    summary = say.macos_block_all() if state == 2 else say.macos_on()
    return Finding(Status.PASS, summary, evidence=evidence, details=details, data=data)


# =============================================================================== Linux
def _context(seen: LinuxFacts) -> Finding | None:
    ev = list(seen.context_evidence)
    if seen.kind in (CONTAINER, WSL) and seen.context is not None:
        return Finding(Status.NOT_APPLICABLE, say.inside(seen.context), evidence=ev)
    if seen.qubes_vm:
        return Finding(Status.NOT_APPLICABLE, say.qubes(), evidence=ev)
    if seen.tails:
        return Finding(Status.NOT_APPLICABLE, say.tails(), evidence=ev)
    return None


def _first(seen: LinuxFacts, state: str) -> str | None:
    return next((f.name for f in seen.front_ends if f.state == state), None)


def _attention(seen: LinuxFacts, evidence: list[Evidence], data: dict[str, Any]
               ) -> Finding | None:
    """A firewall is on, but Checkup cannot tell, or doubts, how much its zone lets in."""
    caveat = say.rules_caveat()
    if (name := _first(seen, "zone_unknown")) is not None:
        return Finding(Status.ATTENTION, say.zone_unknown(name), evidence=evidence,
                       details=[say.how_to_read_zone(), caveat],
                       data={**data, "reason": "zone_unreadable"})
    if (name := _first(seen, "open_high")) is not None:
        return Finding(Status.ATTENTION, say.open_high(name), evidence=evidence,
                       details=[say.stricter_zone(), caveat],
                       data={**data, "zone_open_above_1024": True})
    return None


def _lets_in(seen: LinuxFacts, evidence: list[Evidence], data: dict[str, Any]
             ) -> Finding | None:
    """A firewall runs, but its rules let (some) incoming connections in."""
    if (name := _first(seen, "partial")) is not None:
        return Finding(Status.FAIL, say.partial(name), severity=Severity.MEDIUM,
                       evidence=evidence, data=data)
    if (name := _first(seen, "accept_all")) is not None:
        return Finding(Status.FAIL, say.accept_all(name), severity=Severity.MEDIUM,
                       evidence=evidence, data=data)
    return None


def decide_linux(seen: LinuxFacts) -> Finding:
    """``not_applicable`` where the firewall belongs to the computer around (a container,
    WSL, Qubes) or Tails; ``pass`` for a filtering front end, ``attention`` for a firewalld
    zone unread or open above 1024, ``fail`` for none or rules that let connections in,
    ``unknown`` when the rules or the services could not be read."""
    if (found := _context(seen)) is not None:
        return found
    evidence = list(seen.evidence)
    data: dict[str, Any] = {"front_ends": {f.name: f.state for f in seen.front_ends
                                           if f.state != "absent"}}
    if (name := _first(seen, "pass")) is not None:
        return Finding(Status.PASS, say.linux_on(name), evidence=evidence,
                       details=[say.rules_caveat()], data=data)
    if (found := _attention(seen, evidence, data)) is not None:
        return found
    if (found := _lets_in(seen, evidence, data)) is not None:
        return found
    if _first(seen, "unknown_state") is not None:
        return _unknown_unreadable(evidence, data, say.how_to_linux())
    if (name := _first(seen, "unknown")) is not None:
        return Finding(Status.UNKNOWN, say.rules_unreadable(name), evidence=evidence,
                       details=[say.how_to_see_rules()],
                       data={**data, "reason": "rules_unreadable"})
    if not seen.units_read:
        return _unknown_unreadable(evidence, data, say.how_to_linux())
    return Finding(Status.FAIL, say.none_on(), severity=Severity.MEDIUM, evidence=evidence,
                   details=[say.looked_for()], data=data)
