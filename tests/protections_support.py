"""Shared helpers for the protection-check tests (firewall, screen-lock, automatic-login,
secure-boot, remote-access, sharing, guest-account): replay a fixture and compare the
finding with the verdict its ``meta.expect`` requires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.engine.i18n import translator
from checks.engine.model import Finding
from checks.engine.registry import Scan, get_check
from checks.engine.runner import run_check
from checks.engine.snapshot import ReplayHost, Snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def cases(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.json"))


def case(folder: str, stem: str) -> Path:
    """The fixture ``stem`` of ``folder``."""
    path = FIXTURES / folder / f"{stem}.json"
    assert path.is_file(), path
    return path


def replay(path: Path) -> tuple[Snapshot, Finding]:
    return replay_snapshot(Snapshot.load(path))


def replay_snapshot(snap: Snapshot) -> tuple[Snapshot, Finding]:
    """The snapshot replayed through the first check it records (a built case's snapshot:
    ``tools.snapshot_builder.Fixture.snapshot()``)."""
    check = get_check(snap.checks[0])
    assert check is not None
    return snap, run_check(check, Scan(ReplayHost(snap)))


def english(finding: Finding) -> tuple[str, list[str], list[str]]:
    en = translator("en")
    return (en.render(finding.summary), [en.render(d) for d in finding.details],
            [e.line() for e in finding.evidence])


def check_expected(path: Path) -> None:
    snap, finding = replay(path)
    want: dict[str, Any] = snap.meta["expect"]
    summary, details, evidence = english(finding)
    where = f"{path.name}: {finding.status.value} | {summary} | {evidence}"
    assert finding.status.value == want["status"], where
    assert (finding.severity.value if finding.severity else None) == want.get("severity"), where
    assert want.get("summary", "") in summary, where
    if want.get("evidence"):
        assert any(want["evidence"] in line for line in evidence), where
    # Every verdict shows what it rests on, and nothing escapes translation.
    assert finding.evidence, where
    qps = translator("qps")
    assert qps.render(finding.summary).startswith("⟦"), where
    for d in finding.details:
        assert qps.render(d).startswith("⟦"), where


def coverage(folder: str) -> dict[tuple[str, str], int]:
    """(system, status) -> number of fixtures."""
    out: dict[tuple[str, str], int] = {}
    for path in cases(folder):
        snap = Snapshot.load(path)
        key = (snap.platform.family, snap.meta["expect"]["status"])
        out[key] = out.get(key, 0) + 1
    return out


FAMILIES = ("linux", "macos", "windows")
VERDICTS = ("pass", "fail", "unknown")


def assert_covered(folder: str, families: tuple[str, ...] = FAMILIES,
                   statuses: tuple[str, ...] = VERDICTS) -> None:
    """Each of ``families`` has a fixture for each of ``statuses``, and the folder holds a
    garbage fixture."""
    cov = coverage(folder)
    for family in families:
        for status in statuses:
            assert cov.get((family, status)), (family, status)
    assert any(p.stem.endswith("garbage") for p in cases(folder))
