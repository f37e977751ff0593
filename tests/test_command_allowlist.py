"""Every command Checkup may run is offline and unprivileged: a review of the declared templates.

LiveHost runs only what the checks' specs and the engine declared (checks/engine/commands.py). Here
those templates are reviewed by the rules of tests/command_allowlist.py (a reason each; no
elevator, network client or updater; no verb that refreshes, installs or changes; no
placeholder that takes an option), known commands that go online or need root are refused by
the whole policy, and every argv recorded in every fixture snapshot and demo machine, and every
argv a check runs when every one of them is replayed to it, is one the policy allows. The PowerShell fact
scripts are read for anything that would go online, elevate or change the machine.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from checks.engine import commands
from checks.engine.commands import Command, Value
from checks.engine.host import CommandResult
from checks.engine.registry import Scan, all_checks
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError, _is_ps_facts
from checks.engine.winfacts import POWERSHELL_EXE, build_script, registered_facts
from tests.command_allowlist import (
    FORBIDDEN_POWERSHELL,
    KNOWN_BAD,
    review,
    review_all,
    shown,
    violations,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = Path(__file__).resolve().parent.parent / "resources" / "scenarios"


def _snapshots() -> list[Path]:
    """Every snapshot among the test fixtures, and the demo machines trainers replay."""
    out = []
    for path in [*sorted(FIXTURES.rglob("*.json")), *sorted(SCENARIOS.glob("*.json"))]:
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(head, dict) and head.get("format") == "checkup-snapshot":
            out.append(path)
    return out


class _Recording(ReplayHost):
    """A ReplayHost that records every argv and runs every check (no 'not recorded')."""

    def __init__(self, snap: Snapshot) -> None:
        super().__init__(snap)
        self.calls: list[tuple[str, ...]] = []
        self.recorded_checks = None  # type: ignore[assignment]

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        self.calls.append(tuple(argv))
        return super().run(argv, timeout)


SNAPSHOTS = _snapshots()


def _load(path: Path) -> Snapshot:
    try:
        return Snapshot.load(path)
    except SnapshotError:
        pytest.skip("a deliberately malformed snapshot")


def test_fixtures_were_found() -> None:
    assert len(SNAPSHOTS) > 150
    assert sum(p.parent == SCENARIOS for p in SNAPSHOTS) >= 9  # every demo machine


def test_every_check_declares_its_commands_in_a_spec() -> None:
    # no check is registered without a spec any more (the old decorator is gone)
    assert all(c.slot is not None for c in all_checks())


def test_every_declared_template_passes_the_review() -> None:
    found = commands.declared()
    assert any(owner.startswith("check:") for owner in found)
    assert {"checks.engine.context", "checks.engine.osinfo", "checks.engine.winfacts"} <= set(found)
    problems = review_all(found)
    assert not problems, "\n".join(problems)


def test_the_review_catches_what_it_is_for() -> None:
    why = "a reason long enough to pass the first rule"
    for bad in (Command("apt-get", "update", why=why),
                Command("snap", "refresh", why=why),
                Command("dnf", "makecache", why=why),
                Command("/usr/bin/sudo", "ufw", "status", why=why),
                Command("pkexec", "true", why=why),
                Command("pwsh", "-Command", Value("s", "[a-z ]+"), why=why),
                Command("systemctl", "show", Value("units", ".+", many=True), why=why),
                Command("defaults", Value("verb", "[a-z]+"), Value("domain", ".+"), why=why),
                Command(Value("program", r".*\.exe"), "-Command", "x", why=why),
                Command("powershell.exe", "-Verb", "RunAs", why=why),
                Command("sw_vers", why="local")):
        assert review("test", bad), bad.shown()


def test_the_policy_refuses_what_goes_online_refreshes_installs_or_elevates() -> None:
    policy = commands.policy()
    allowed = [shown(argv) for argv in KNOWN_BAD if policy.allows(list(argv))]
    assert not allowed, "\n".join(allowed)


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_recorded_command_of_every_fixture_is_allowed(path: Path) -> None:
    snap = _load(path)
    script = build_script(registered_facts())
    # a snapshot keeps the facts script as a stand-in (checks/engine/snapshot.py): judge the real one
    argvs = [[*c["argv"][:-1], script] if _is_ps_facts(c["argv"]) else c["argv"]
             for c in snap.commands]
    bad = [line for line in violations(argvs) if line not in STALE_RECORDINGS]
    assert not bad, "\n".join(bad)


# Recorded by an earlier version of a check that no longer runs them (the replay test below
# shows no check runs them today); to be dropped from their fixtures by the fixtures' owners.
STALE_RECORDINGS = frozenset({
    "command not declared: lsblk --json -o NAME,TYPE,MOUNTPOINT",
    "command not declared: pmset -g",
    "command not declared: diskutil apfs list",
})


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_command_a_check_runs_on_any_fixture_is_allowed(path: Path) -> None:
    """Every check that applies to the fixture's system, not only those it was recorded
    for, so that more branches run."""
    snap = _load(path)
    host = _Recording(snap)
    scan = Scan(host)
    for check in all_checks():
        if check.applies_to(host.platform.family):
            run_check(check, scan)
    bad = violations(host.calls)
    assert not bad, "\n".join(bad)


def test_only_windows_powershell_51_runs_the_facts() -> None:
    script = build_script(registered_facts())
    ps = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"
    head = [ps, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command"]
    assert commands.allowed([*head, script])
    assert not commands.allowed([*head, script + "\nInvoke-WebRequest https://example.org"])
    assert not commands.allowed([*head[:-1], "-EncodedCommand", script])
    assert "pwsh" not in POWERSHELL_EXE


def test_powershell_facts_stay_local() -> None:
    script = build_script(registered_facts())
    for name, body in registered_facts().items():
        hit = FORBIDDEN_POWERSHELL.search(body)
        assert hit is None, f"fact {name!r} uses {hit.group(0)!r}"
    # the gathering script itself only reads, and prints JSON
    assert FORBIDDEN_POWERSHELL.search(script) is None
