"""``--only`` runs only the PowerShell facts the selected checks declared (issue 18 item 3).

On Windows one PowerShell process gathers the facts a scan needs. A scan of some checks
(``checkup scan --only``, ``checkup record --only``, the window's scan of a subset) asks it
only for the union of those checks' ``ps_facts``; a scan of every check asks for every fact,
as before. The fake Windows host here is a demo machine's snapshot that answers PowerShell the
way a real one would: only the facts its script asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

import checks.engine.host
from checks import cli
from checks.engine.context import detect_context
from checks.engine.host import DEFAULT_TIMEOUT, CommandResult
from checks.engine.registry import Check, Scan, all_checks, get_check
from checks.engine.runner import run_check, run_scan
from checks.engine.snapshot import PS_MARKER, ReplayHost, Snapshot, SnapshotError, _is_ps_facts
from checks.engine.winfacts import build_script, registered_facts

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "scenarios" / "windows11-bitlocker-keepass.json"
FIXTURES = ROOT / "tests" / "fixtures"
_FACT_LINE = re.compile(r"^try \{ \$v = & \{ .*? \}; \$r\['([a-z0-9_]+)'\] = ",
                        re.MULTILINE | re.DOTALL)


def facts_asked(script: str) -> list[str]:
    return _FACT_LINE.findall(script)


class FakeWindows(ReplayHost):
    """A Windows machine answering from a snapshot; PowerShell prints only the facts its
    script holds, and every script it was given is kept."""

    def __init__(self, snap: Snapshot | None = None) -> None:
        super().__init__(snap if snap is not None else Snapshot.load(DEMO))
        self.scripts: list[str] = []

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        res = super().run(argv, timeout)
        if not _is_ps_facts(argv):
            return res
        script = next(a for a in argv[1:] if a.lstrip().startswith(PS_MARKER))
        self.scripts.append(script)
        try:
            recorded = json.loads(res.stdout.strip().lstrip("\ufeff"))
        except ValueError:
            return res
        if not isinstance(recorded, dict):
            return res
        asked = set(facts_asked(script))
        kept = {k: v for k, v in recorded.items() if k in asked}
        return replace(res, stdout=json.dumps(kept))


@pytest.fixture
def fake_live(monkeypatch: pytest.MonkeyPatch) -> list[FakeWindows]:
    """``LiveHost()`` made by the command line becomes a FakeWindows (kept in the list)."""
    made: list[FakeWindows] = []

    def factory() -> FakeWindows:
        host = FakeWindows()
        made.append(host)
        return host

    monkeypatch.setattr(checks.engine.host, "LiveHost", factory)
    return made


def _declared(*ids: str) -> list[str]:
    out: set[str] = set()
    for cid in ids:
        check = get_check(cid)
        assert check is not None, cid
        out |= set(check.ps_facts)
    return sorted(out)


def test_the_demo_machine_records_every_fact() -> None:
    """The fake answers every fact it is asked for (so a missing one would show)."""
    host = FakeWindows()
    recorded = json.loads(host.snapshot.commands[[_is_ps_facts(c["argv"])
                                                 for c in host.snapshot.commands].index(True)]
                          ["stdout"])
    assert set(registered_facts()) <= set(recorded)


def test_scan_only_firewall_asks_powershell_for_the_firewalls_facts_alone(
        fake_live: list[FakeWindows], capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["scan", "--only", "firewall", "--lang", "en"])
    (host,) = fake_live
    assert len(host.scripts) == 1
    assert facts_asked(host.scripts[0]) == ["firewall_products"] == _declared("firewall")
    assert host.scripts[0] == build_script({"firewall_products":
                                            registered_facts()["firewall_products"]})
    assert "Firewall" in capsys.readouterr().out


def test_scan_only_several_checks_asks_for_the_union(
        fake_live: list[FakeWindows], capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["scan", "--only", "sharing,os-updates,remote-access", "--json"])
    (host,) = fake_live
    assert len(host.scripts) == 1
    asked = facts_asked(host.scripts[0])
    assert asked == _declared("sharing", "os-updates", "remote-access")
    assert asked == sorted(["listening_sockets", "windows_connection_cost",
                            "windows_update_history", "windows_update_results"])
    report = json.loads(capsys.readouterr().out)
    assert {f["check_id"] for f in report["findings"]} == {"sharing", "os-updates",
                                                           "remote-access"}


def test_a_check_that_needs_no_fact_starts_no_powershell(
        fake_live: list[FakeWindows], capsys: pytest.CaptureFixture[str]) -> None:
    assert _declared("screen-lock") == []
    cli.main(["scan", "--only", "screen-lock"])
    assert fake_live[0].scripts == []


def test_scan_without_only_asks_for_every_fact_as_before(
        fake_live: list[FakeWindows], capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["scan", "--json"])
    (host,) = fake_live
    assert host.scripts == [build_script(registered_facts())]
    assert len(facts_asked(host.scripts[0])) == len(registered_facts()) >= 10


def test_record_only_firewall_asks_for_the_firewalls_facts_alone(
        fake_live: list[FakeWindows], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "firewall.json"
    assert cli.main(["record", str(target), "--only", "firewall"]) == 0
    (host,) = fake_live
    assert [facts_asked(s) for s in host.scripts] == [["firewall_products"]]
    snap = Snapshot.load(target)
    assert snap.checks == ["firewall"]
    (ps,) = [c for c in snap.commands if _is_ps_facts(c["argv"])]
    assert set(json.loads(ps["stdout"])) == {"firewall_products"}


def test_the_window_scan_of_a_subset_asks_for_its_facts_alone(qtbot) -> None:
    from desktop.scan_worker import ScanController

    wanted = [c for c in all_checks() if c.id in ("guest-account", "disk-encryption")]
    controller = ScanController(checks_provider=lambda: wanted)
    host = FakeWindows()
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        assert controller.start(lambda: host, "windows", {"kind": "live"})
    assert {f.check_id for f in blocker.args[0].findings} == {"guest-account",
                                                              "disk-encryption"}
    assert [facts_asked(s) for s in host.scripts] == [_declared("guest-account",
                                                                "disk-encryption")]


def test_the_window_scan_of_every_check_asks_for_every_fact(qtbot) -> None:
    from desktop.scan_worker import ScanController

    controller = ScanController()
    host = FakeWindows()
    with qtbot.waitSignal(controller.finished, timeout=30000):
        assert controller.start(lambda: host, "windows", {"kind": "live"})
    assert host.scripts == [build_script(registered_facts())]


# -- every check declares every fact it reads ---------------------------------------------------


def _windows_snapshots() -> Iterator[tuple[str, Snapshot]]:
    paths = [*sorted(FIXTURES.rglob("*.json")), *sorted(DEMO.parent.glob("*.json"))]
    for path in paths:
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


def _comparable(check: Check, scan: Scan) -> tuple[object, ...]:
    f = run_check(check, scan)
    return (f.status, f.summary, tuple(f.evidence), tuple(f.details), f.severity)


def test_each_check_alone_with_its_own_facts_decides_as_in_a_full_scan() -> None:
    """On every Windows fixture with PowerShell facts: a check given only the facts it
    declared (PowerShell answering only those) says exactly what it says with every fact."""
    checked = 0
    for name, snap in _windows_snapshots():
        context = detect_context(ReplayHost(snap))
        for check in all_checks():
            if check.id not in snap.checks or not check.applies_to("windows"):
                continue
            every = _comparable(check, Scan(FakeWindows(snap), context))
            alone = _comparable(check, Scan(FakeWindows(snap), context,
                                            ps_facts=check.ps_facts))
            assert alone == every, f"{check.id} on {name} reads a fact it did not declare"
            checked += 1
    assert checked >= 40


def test_run_scan_of_named_checks_passes_their_facts_and_of_none_every_fact() -> None:
    host = FakeWindows()
    run_scan(host, [c for c in all_checks() if c.id == "trusted-certificates"])
    assert [facts_asked(s) for s in host.scripts] == [_declared("trusted-certificates")]
    host = FakeWindows()
    run_scan(host)
    assert host.scripts == [build_script(registered_facts())]
