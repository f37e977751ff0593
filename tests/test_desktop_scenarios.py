"""Demo machines: built from the checks' fixtures, listed in the window, shown with a
banner that names them."""

from __future__ import annotations

import json

import pytest

from checks.engine.model import Status
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from desktop.workshop.scenarios import SCENARIO_TEXTS, list_scenarios
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture
from tools import make_scenarios

# What each demo machine must show a trainer (check id -> verdict).
KEY_VERDICTS = {
    "windows10-unencrypted-telegram": {"disk-encryption": Status.FAIL,
                                       "secure-messaging": Status.FAIL,
                                       "os-supported": Status.FAIL},
    "macos-filevault-signal": {"disk-encryption": Status.PASS,
                               "secure-messaging": Status.PASS,
                               "os-supported": Status.PASS,
                               "os-updates": Status.PASS,
                               "auto-updates": Status.PASS},
    "linux-luks-pending-updates": {"disk-encryption": Status.PASS,
                                   "os-updates": Status.FAIL,
                                   "auto-updates": Status.PASS},
}

def test_three_realistic_machines_are_shipped_one_per_os():
    found = list_scenarios()
    # (the workshop adds more machines: tests/test_workshop_scenarios.py)
    assert [s.family for s in found if s.id in KEY_VERDICTS] == ["windows", "macos", "linux"]
    assert set(KEY_VERDICTS) <= {s.id for s in found}
    for s in found:
        assert s.id in SCENARIO_TEXTS  # its name and description are translated
        snap = Snapshot.load(s.path)
        assert snap.meta["origin"] == "synthetic"
        assert snap.meta["name"] == SCENARIO_TEXTS[s.id][0]
        assert "tools/make_scenarios.py" in snap.meta["source"]


@pytest.mark.parametrize("scenario_id", sorted(KEY_VERDICTS))
def test_each_scenario_replays_to_its_story(scenario_id):
    path = next(s.path for s in list_scenarios() if s.id == scenario_id)
    result = run_scan(ReplayHost(Snapshot.load(path)))
    by_id = {f.check_id: f.status for f in result.findings}
    for check_id, status in KEY_VERDICTS[scenario_id].items():
        assert by_id[check_id] is status, (check_id, by_id[check_id])
    assert not [f for f in result.findings if f.status is Status.ERROR]


def test_recipes_point_at_existing_fixtures_and_merge_deterministically():
    for recipe in make_scenarios.SCENARIOS:
        for rel in recipe.sources:
            assert (make_scenarios.FIXTURES / rel).is_file(), rel
        first = make_scenarios.render(recipe)
        assert first == make_scenarios.render(recipe)
        data = json.loads(first)
        assert data["meta"]["scenario"] == recipe.id
        # the union of the sources' checks
        want: set[str] = set()
        for rel in recipe.sources:
            want |= set(json.loads((make_scenarios.FIXTURES / rel).read_text("utf-8"))["checks"])
        assert set(data["checks"]) == want


def test_merge_rehomes_and_unions(tmp_path, monkeypatch):
    def snap(home: str, **extra: object) -> dict:
        base = {"format": "checkup-snapshot", "version": 1, "recorded_at": "2026-01-01T00:00:00",
                "checks": [], "meta": {}, "commands": [], "files": {}, "stats": {}, "dirs": {},
                "registry": {},
                "platform": {"system": "Windows", "release": "10", "version": "10.0.19045",
                             "machine": "AMD64", "home": home,
                             "env": {"USERPROFILE": home,
                                     "LOCALAPPDATA": home + "\\AppData\\Local"}}}
        base.update(extra)
        return base

    ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
    a = snap("C:\\Users\\ana", checks=["one"],
             commands=[{"argv": [ps, "-Command", "# checkup-facts\n..."], "status": "ok",
                        "returncode": 0, "stdout": json.dumps({"f1": {"ok": True, "value": 1}}),
                        "stderr": ""}],
             dirs={"C:\\Users\\ana\\AppData\\Local": ["A"]},
             registry={"HKCU\\X": {"subkeys": ["a"], "values": {"v": 1}}})
    b = snap("C:\\Users\\bo", checks=["two"],
             commands=[{"argv": [ps, "-Command", "# checkup-facts\n...other"], "status": "ok",
                        "returncode": 0, "stdout": json.dumps({"f2": {"ok": True, "value": 2}}),
                        "stderr": ""}],
             dirs={"c:\\users\\bo\\appdata\\local": ["B"]},
             registry={"hkcu\\x": {"subkeys": ["b"], "values": {"v": 9, "w": 2}}})
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.json").write_text(json.dumps(a))
    (tmp_path / "t" / "b.json").write_text(json.dumps(b))
    monkeypatch.setattr(make_scenarios, "FIXTURES", tmp_path)
    conflicts: list[str] = []
    out = make_scenarios.merge(make_scenarios.Recipe("x", ("t/a.json", "t/b.json")), conflicts)
    assert out.checks == ["one", "two"]
    assert out.dirs == {"C:\\Users\\ana\\AppData\\Local": ["A", "B"]}  # B's listing moved to ana's home
    (reg,) = out.registry.values()
    assert reg.subkeys == ["a", "b"] and reg.values == {"v": 1, "w": 2}  # earlier value kept
    assert any("differs" in c for c in conflicts)
    facts = [c for c in out.commands if "# checkup-facts" in " ".join(c.argv)]
    assert len(facts) == 1  # one PowerShell process per scan, with both sources' facts
    assert json.loads(facts[0].stdout) == {"f1": {"ok": True, "value": 1},
                                           "f2": {"ok": True, "value": 2}}
    assert out.snapshot().meta["scenario"] == "x"  # the real loader accepts it


def test_mixing_operating_systems_is_refused(tmp_path, monkeypatch):
    lin = {"format": "checkup-snapshot", "version": 1, "recorded_at": "2026-01-01T00:00:00",
           "checks": [], "platform": {"system": "Linux", "release": "", "version": "",
                                      "machine": "", "home": "/home/a"}}
    win = dict(lin, platform={"system": "Windows", "release": "", "version": "", "machine": "",
                              "home": "C:\\Users\\a"})
    (tmp_path / "l.json").write_text(json.dumps(lin))
    (tmp_path / "w.json").write_text(json.dumps(win))
    monkeypatch.setattr(make_scenarios, "FIXTURES", tmp_path)
    with pytest.raises(make_scenarios.MergeError):
        make_scenarios.merge(make_scenarios.Recipe("x", ("l.json", "w.json")))


def test_choosing_a_demo_machine_shows_it_with_an_unmissable_banner(qtbot, desktop_env):
    from desktop.main_window import MainWindow

    w = MainWindow()  # the real, registered checks
    qtbot.addWidget(w)
    w.show()
    actions = {a.objectName(): a for a in w.scenario_menu.actions()}
    assert set(actions) >= {f"scenario-{s}" for s in KEY_VERDICTS}
    assert actions["scenario-windows10-unencrypted-telegram"].text() == \
        "Windows 10 laptop: no disk encryption, Telegram"
    with qtbot.waitSignal(w.scanFinished, timeout=20000) as blocker:
        actions["scenario-windows10-unencrypted-telegram"].trigger()
    result = blocker.args[0]
    assert result.source["kind"] == "snapshot"
    assert w.banner.isVisible()
    assert "Windows 10 laptop: no disk encryption, Telegram" in w.banner.detail.text()
    assert "Not your computer" in w.banner.headline.text()
    assert "Windows 10 laptop" in w.windowTitle()
    assert w.findings.check_ids()[0] in ("disk-encryption", "os-supported")
    # the guidance follows the recorded machine's system, not the one running the demo
    assert w.pane._os_family == "windows"
    w.apply_language("es", save=False)
    assert "Windows 10 laptop: no disk encryption, Telegram" not in w.banner.detail.text()
    w.close()
