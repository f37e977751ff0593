"""The Windows PowerShell facts script is made of the facts the checks declare (issue 18).

Each fact is its own script block, registered next to the check code that reads it
(``ps_fact`` in checks/catalog/), and each check names the facts it reads in its spec
(``ps_facts``). The script a scan runs is built from those declarations alone: every fact a spec
names exists, every registered fact is declared by some check (no engine code outside the checks
reads a fact today; one that did would have to be listed here), and a check reads no fact it did
not declare."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from checks.engine.registry import Scan, all_checks
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError, _is_ps_facts
from checks.engine.winfacts import Fact, WindowsFacts, build_script, registered_facts

ROOT = Path(__file__).resolve().parent.parent
# facts read by engine code rather than by a check (none today)
ENGINE_FACTS: frozenset[str] = frozenset()


def setup_module() -> None:
    # the facts are registered when the catalog's modules are imported
    all_checks()


def _declared() -> dict[str, list[str]]:
    """fact -> the checks that declare it."""
    out: dict[str, list[str]] = {}
    for check in all_checks():
        for name in check.ps_facts:
            out.setdefault(name, []).append(check.id)
    return out


def test_every_fact_a_spec_names_is_registered() -> None:
    facts = registered_facts()
    for name, owners in _declared().items():
        assert name in facts, f"{owners} declare the PowerShell fact {name}, which no code registers"


def test_every_registered_fact_is_declared_by_a_check_or_the_engine() -> None:
    declared = set(_declared()) | ENGINE_FACTS
    stray = set(registered_facts()) - declared
    assert not stray, f"registered PowerShell facts no check declares: {sorted(stray)}"


def test_a_full_scans_script_is_the_union_of_the_specs_facts() -> None:
    facts = registered_facts()
    from_specs = {n: facts[n] for n in set(_declared()) | ENGINE_FACTS}
    assert build_script(facts) == build_script(from_specs)


def test_each_fact_is_one_block_of_the_script() -> None:
    script = build_script(registered_facts())
    for name in registered_facts():
        assert script.count(f"$r['{name}'] = @{{ ok = $true") == 1, name
    # a subset's script holds that subset and nothing else
    some = sorted(registered_facts())[:2]
    part = build_script({n: registered_facts()[n] for n in some})
    for name in registered_facts():
        assert (f"$r['{name}']" in part) == (name in some), name


def _windows_snapshots() -> Iterator[tuple[str, Snapshot]]:
    for path in [*sorted((ROOT / "tests" / "fixtures").rglob("*.json")),
                 *sorted((ROOT / "resources" / "scenarios").glob("*.json"))]:
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(head, dict) or head.get("format") != "checkup-snapshot":
            continue
        try:
            snap = Snapshot.load(path)
        except SnapshotError:
            continue
        if snap.platform.family == "windows" and any(_is_ps_facts(c["argv"])
                                                     for c in snap.commands):
            yield path.relative_to(ROOT).as_posix(), snap


class _Recording(WindowsFacts):
    def __init__(self, facts: WindowsFacts) -> None:
        self.__dict__.update(facts.__dict__)
        self.asked: set[str] = set()

    def get(self, name: str) -> Fact:
        self.asked.add(name)
        return super().get(name)


def test_a_check_reads_only_the_facts_it_declared() -> None:
    runs = 0
    for where, snap in _windows_snapshots():
        for check in all_checks():
            if check.id not in snap.checks or not check.applies_to("windows"):
                continue
            scan = Scan(ReplayHost(snap))
            recording = _Recording(scan.windows)
            scan.windows = recording
            run_check(check, scan)
            undeclared = recording.asked - set(check.ps_facts)
            assert not undeclared, f"{check.id} on {where} reads undeclared {sorted(undeclared)}"
            runs += 1
    assert runs >= 40, runs
