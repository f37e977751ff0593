"""The demo machines (resources/scenarios/) are built from the checks' specs (issue 18): each
check names its fixture per machine in ``demos={machine id: fixture}``, and tools/make_scenarios.py
keeps only what is about the machine itself. These tests hold the two together."""

from __future__ import annotations

import dataclasses
import json
from types import MappingProxyType

import pytest

from checks.engine import registry
from checks.engine.model import Finding, Status
from checks.engine.registry import Scan
from tests.engine_support import extra_checks, make_check
from tools import make_scenarios
from tools.make_scenarios import DEMO_ORDER, SCENARIOS, MergeError, Recipe, derive_sources

MACHINES = {r.id: r for r in SCENARIOS}


def _extras(recipe: Recipe) -> set[str]:
    """The sources a recipe names itself: fixture paths, which belong to no single check."""
    named = list(recipe.first) + [item for pair in recipe.after for item in pair]
    return {item for item in named if "/" in item}


@pytest.mark.parametrize("machine", sorted(MACHINES))
def test_every_source_of_a_machine_comes_from_a_spec_or_is_the_machines_own(machine):
    recipe = MACHINES[machine]
    demos = {c.id: c.demos[machine] for c in registry.all_checks() if machine in c.demos}
    extras = _extras(recipe)
    assert not extras & set(demos.values()), "a check's own fixture is named in the recipe"
    for rel in recipe.sources:
        assert rel in extras or rel in demos.values(), rel
        assert (make_scenarios.FIXTURES / rel).is_file(), rel
    # every check with a demo for this machine is in it
    for check_id, rel in demos.items():
        assert rel in recipe.sources, (check_id, rel)
    assert len(set(recipe.sources)) == len(recipe.sources)


@pytest.mark.parametrize("machine", sorted(MACHINES))
def test_a_machines_extra_sources_are_about_no_single_check(machine):
    # an extra source that a check replays would be that check's demo: it belongs in its spec
    for rel in _extras(MACHINES[machine]):
        checks = json.loads((make_scenarios.FIXTURES / rel).read_text("utf-8"))["checks"]
        assert rel.startswith(("workshop/scenario_sources/", "desktop/scenario_sources/")), rel
        assert len(checks) <= 1, (rel, checks)


def test_every_demos_entry_names_a_demo_machine_and_every_order_entry_a_check():
    ids = {c.id for c in registry.all_checks()}
    for check in registry.all_checks():
        assert set(check.demos) <= set(MACHINES), (check.id, set(check.demos) - set(MACHINES))
    assert set(DEMO_ORDER) <= ids
    for recipe in SCENARIOS:
        named = list(recipe.first) + [item for pair in recipe.after for item in pair]
        assert {n for n in named if "/" not in n} <= ids, recipe.id


def test_each_check_with_demos_gives_every_machine_of_its_systems_one():
    # a check that runs on a system and shows on one of its demo machines shows on all of them
    family = {r.id: json.loads((make_scenarios.OUT / f"{r.id}.json").read_text("utf-8"))
              ["platform"]["system"] for r in SCENARIOS}
    names = {"Windows": "windows", "Darwin": "macos", "Linux": "linux"}
    for check in registry.all_checks():
        if not check.demos:
            continue
        for machine, system in family.items():
            if names[system] in check.platforms:
                assert machine in check.demos, (check.id, machine)


def test_make_scenarios_check_is_clean(capsys):
    assert make_scenarios.main(["--check"]) == 0, capsys.readouterr().err
    assert "out of date" not in capsys.readouterr().err


def _never_run(scan: Scan) -> Finding:
    raise AssertionError("a check whose demos are merged is not run to build the machine")


def test_a_new_check_with_demos_lands_in_the_machine_with_no_edit_to_the_tool():
    machine = "windows11-home-remote-support"
    before = MACHINES[machine].sources
    fixture = "firewall/windows_all_on.json"
    assert fixture not in before
    new = dataclasses.replace(
        make_check("zz-demo-only", _never_run, platforms=("windows",), order=999),
        demos=MappingProxyType({machine: fixture}),
        statuses=MappingProxyType({"windows": frozenset({Status.PASS})}))
    with extra_checks(new):
        after = MACHINES[machine].sources
        assert after == before + (fixture,)
        # the machine still builds (the earlier sources win every conflict)
        assert json.loads(make_scenarios.render(MACHINES[machine]))["meta"]["scenario"] == machine
    assert MACHINES[machine].sources == before


def test_a_recipe_naming_what_it_cannot_merge_is_refused():
    with pytest.raises(MergeError):
        derive_sources(Recipe("windows11-home-remote-support", first=("no-such-check",)))
    with pytest.raises(MergeError):
        # the anchor is a check this machine has no demo for
        derive_sources(Recipe("windows11-home-remote-support",
                              after=(("no-such-check", "firewall/windows_all_on.json"),)))


def test_machine_order_first_and_after_place_sources():
    recipe = Recipe("macos12-no-filevault", first=("browsers",),
                    after=(("firewall", "desktop/scenario_sources/macos-signal.json"),))
    sources = derive_sources(recipe)
    demos = {c.id: c.demos["macos12-no-filevault"] for c in registry.all_checks()
             if "macos12-no-filevault" in c.demos}
    assert sources[0] == demos["browsers"]
    at = sources.index(demos["firewall"])
    assert sources[at + 1] == "desktop/scenario_sources/macos-signal.json"
