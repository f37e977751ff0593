"""The workshop's demo machines: at least eight, grouped by system in the picker, each with a
one-line description, each recorded for every check that exists, covering each system's
weak and well-kept states."""

from __future__ import annotations

import pytest

from checks.engine.model import Status
from checks.engine.registry import all_checks
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from desktop.workshop.scenarios import SCENARIO_TEXTS, list_scenarios
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tools import make_scenarios

F, A, P, U = Status.FAIL, Status.ATTENTION, Status.PASS, Status.UNKNOWN
# The story each new machine tells a room (check id -> verdict).
STORIES = {
    "windows11-bitlocker-keepass": {"disk-encryption": P, "os-supported": P, "firewall": P,
                                    "password-manager": P, "secure-boot": P,
                                    "auto-updates": A},
    "windows11-home-remote-support": {"os-updates": F, "remote-access": F, "sharing": F,
                                      "automatic-login": F, "trusted-certificates": A,
                                      "disk-encryption": A},
    "macos12-no-filevault": {"disk-encryption": F, "os-supported": F, "firewall": F,
                             "screen-lock": F, "automatic-login": F, "remote-access": F},
    "macos15-encrypting-screen-sharing": {"disk-encryption": A, "os-supported": A,
                                          "remote-access": F, "sharing": F,
                                          "firewall": P},
    "linux-ubuntu2004-unencrypted": {"disk-encryption": F, "os-supported": F, "firewall": F,
                                     "remote-access": F, "automatic-login": F,
                                     "screen-lock": F},
    "linux-kubuntu-well-kept": {"disk-encryption": P, "os-supported": P, "os-updates": P,
                                "firewall": P, "screen-lock": P, "password-manager": P,
                                "auto-updates": U},
}


@pytest.fixture(scope="module")
def results():
    return {s.id: run_scan(ReplayHost(Snapshot.load(s.path))) for s in list_scenarios()}


def test_at_least_eight_machines_grouped_by_system_each_described():
    found = list_scenarios()
    assert len(found) >= 8
    families = [s.family for s in found]
    assert families == sorted(families, key=("windows", "macos", "linux").index)
    for family in ("windows", "macos", "linux"):
        assert families.count(family) >= 2
    for s in found:
        assert s.id in SCENARIO_TEXTS
        name, description = SCENARIO_TEXTS[s.id]
        assert s.name == name and s.description == description
        assert description and "\n" not in description and len(description) < 200


def test_every_machine_is_recorded_for_every_check_that_exists():
    """Every check that runs on a demo machine's system was recorded on it (one with no
    function for that system is never run there, so it needs no recording)."""
    for s in list_scenarios():
        snap = Snapshot.load(s.path)
        ids = {c.id for c in all_checks() if c.applies_to(snap.platform.family)}
        assert ids <= set(snap.checks), (s.id, sorted(ids - set(snap.checks)))


def test_each_system_has_a_weak_and_a_well_kept_machine(results):
    by_family: dict[str, list[int]] = {}
    for s in list_scenarios():
        findings = results[s.id].findings
        assert not [f.check_id for f in findings if f.status is Status.ERROR], s.id
        assert not [f.check_id for f in findings
                    if f.json_data().get("reason") == "not_recorded"], s.id
        by_family.setdefault(s.family, []).append(
            sum(f.status is Status.FAIL for f in findings))
    for family, fails in by_family.items():
        assert min(fails) == 0, (family, fails)  # a well-kept machine
        assert max(fails) >= 6, (family, fails)  # a weak one


@pytest.mark.parametrize("scenario_id", sorted(STORIES))
def test_each_new_machine_tells_its_story(results, scenario_id):
    by_id = {f.check_id: f.status for f in results[scenario_id].findings}
    for check_id, status in STORIES[scenario_id].items():
        assert by_id[check_id] is status, (check_id, by_id[check_id])


def test_the_committed_machines_are_what_the_recipes_build():
    for recipe in make_scenarios.SCENARIOS:
        for rel in recipe.sources:
            assert (make_scenarios.FIXTURES / rel).is_file(), rel
        path = make_scenarios.OUT / f"{recipe.id}.json"
        assert path.read_text("utf-8") == make_scenarios.render(recipe), \
            f"{path.name} is out of date: run python -m tools.make_scenarios"


def test_the_picker_groups_machines_by_system(qtbot, desktop_env):
    from desktop.workshop.scenario_picker import ScenarioPicker

    picker = ScenarioPicker()
    qtbot.addWidget(picker)
    groups = picker.groups()
    assert [g for g, _ in groups] == ["Windows", "macOS", "Linux"]
    assert sum(len(names) for _, names in groups) == len(list_scenarios())
    assert "Old Mac on macOS 12: no FileVault, screen never locks" in groups[1][1]
    assert picker.select("linux-kubuntu-well-kept")
    chosen = picker.chosen()
    assert chosen is not None and chosen.family == "linux"
    item = picker.tree.currentItem()
    assert item is not None and chosen.description in item.text(0)
    from desktop.qt_i18n import set_language

    set_language("es")
    picker.retranslate()
    assert "Old Mac on macOS 12" not in "".join(n for _, ns in picker.groups() for n in ns)
    set_language("en")
