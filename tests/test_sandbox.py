"""Checkup inside an application sandbox (Flatpak): the context says so, the header names it,
and no finding describes the sandbox as if it were the computer."""

from __future__ import annotations

from pathlib import Path

from checks.engine.context import detect_context
from checks.engine.i18n import translator
from checks.engine.model import Status
from checks.engine.resources import resource_path
from checks.engine.runner import run_scan
from checks.engine.snapshot import ReplayHost, Snapshot
from checks.reports.report import machine_line, report_text

CONTEXT = Path(__file__).parent / "fixtures" / "engine" / "context"
SCENARIO = Path(resource_path("scenarios", "linux-kubuntu-well-kept.json"))


def _in_flatpak(snap: Snapshot) -> Snapshot:
    snap.stats["/.flatpak-info"] = {"mode": 0o100644, "size": 400, "mtime": 1.7e9, "uid": 0}
    return snap


def test_flatpak_is_named_in_the_context_and_its_json() -> None:
    ctx = detect_context(ReplayHost(Snapshot.load(CONTEXT / "linux-flatpak.json")))
    assert ctx.sandbox == "Flatpak"
    assert translator("en").render(ctx.describe()) == "a Flatpak sandbox, not the computer itself"
    assert ctx.to_json()["sandbox"] == "Flatpak"
    assert ctx.to_json()["os"] == {}  # the runtime's os-release is not the computer's
    assert any(e.line().startswith("/.flatpak-info") for e in ctx.evidence)


def test_outside_a_sandbox_nothing_changes() -> None:
    snap = Snapshot.load(SCENARIO)
    result = run_scan(ReplayHost(snap))
    assert result.context.sandbox == ""
    assert any(f.status is Status.PASS for f in result.findings)


def test_a_scan_in_a_sandbox_gives_no_verdict_about_the_computer() -> None:
    outside = {f.check_id: f for f in run_scan(ReplayHost(Snapshot.load(SCENARIO))).findings}
    result = run_scan(ReplayHost(_in_flatpak(Snapshot.load(SCENARIO))))
    assert result.context.sandbox == "Flatpak"
    assert {f.status for f in result.findings} <= {Status.UNKNOWN, Status.ERROR}
    en = translator("en")
    turned = [f for f in result.findings if f.data.get("reason") == "sandbox"]
    # what the checks would have said about the sandbox, pass or fail alike, is withheld
    assert {outside[f.check_id].status for f in turned} >= {Status.PASS, Status.NOT_APPLICABLE}
    for f in turned:
        assert "Flatpak sandbox" in en.render(f.summary)
        assert f.severity is None
        assert f.evidence[0].line().startswith("sandbox: Flatpak: the check would have said")
    # every summary reads in each shipped language
    for lang in ("es", "ar"):
        assert all(translator(lang).render(f.summary) != en.render(f.summary) for f in turned)


def test_the_header_says_it_is_a_sandbox() -> None:
    result = run_scan(ReplayHost(_in_flatpak(Snapshot.load(SCENARIO))))
    line = translator("en").render(machine_line(result))
    assert "a Flatpak sandbox, not the computer itself" in line
    assert "a Flatpak sandbox, not the computer itself" in " ".join(report_text(result,
                                                                           "en").split())


def test_container_manager_file_names_the_sandbox() -> None:
    ctx = detect_context(ReplayHost(Snapshot.load(CONTEXT / "linux-container-manager.json")))
    assert ctx.sandbox == "systemd-nspawn"
