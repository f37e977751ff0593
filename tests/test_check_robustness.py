"""Property-style robustness: every check, fed nothing but garbage, returns a Finding and
never says ``pass``.

A seeded generator (tests/garbage_support.py) stands in for the machine: every command
prints random bytes, a huge output or nothing, fails or times out; every file is garbage or
absent; listings, registry values and processes are absent or meaningless. For each check
and each OS family it applies to, a few hundred seeds are tried. A failure names the seed,
so ``GarbageHost(family, seed)`` replays it exactly.

The commands the checks try under garbage are also held to the offline, unprivileged
allow-list (tests/command_allowlist.py), since garbage drives them down branches the
fixtures do not reach.
"""

from __future__ import annotations

import time
import zlib

import pytest

from checks.engine.model import Finding, Status
from checks.engine.registry import Check, Scan, all_checks
from tests.command_allowlist import violations
from tests.garbage_support import GarbageHost, evidence_of_absence

CASES_PER_FAMILY = 120  # x 3 families where the check applies: a few hundred per check
FAMILIES = ("linux", "macos", "windows")


def _checks() -> list[Check]:
    return all_checks()


@pytest.mark.parametrize("check", _checks(), ids=lambda c: c.id)
def test_garbage_never_crashes_and_never_passes(check: Check) -> None:
    problems: list[str] = []
    started = time.monotonic()
    for family in FAMILIES:
        if not check.applies_to(family):
            continue
        for n in range(CASES_PER_FAMILY):
            seed = zlib.crc32(f"{check.id}/{family}/{n}".encode())
            host = GarbageHost(family, seed)
            where = f"{check.id} on {family}, GarbageHost({family!r}, {seed})"
            try:
                finding = check.func(Scan(host))
            except Exception as exc:  # noqa: BLE001 - the point is to catch any crash
                problems.append(f"{where}: raised {exc.__class__.__name__}: {exc}")
                continue
            if not isinstance(finding, Finding):
                problems.append(f"{where}: returned {type(finding).__name__}")
                continue
            if finding.status is Status.PASS and not evidence_of_absence(finding):
                problems.append(f"{where}: said pass on garbage")
            for bad in violations(host.calls):
                problems.append(f"{where}: {bad}")
            if len(problems) > 20:
                break
    assert not problems, "\n".join(problems[:20])
    # a few hundred garbage scans of one check stay quick (huge outputs included)
    assert time.monotonic() - started < 60, f"{check.id} is slow on garbage"
