"""Every command any check runs is offline and unprivileged.

Every snapshot fixture under tests/fixtures is replayed through a host that records each
argv, with every check that applies to its system (not only those it was recorded for, so
that more branches run); each argv must pass tests/command_allowlist.py. The garbage
robustness test holds the commands tried under garbage to the same list. The PowerShell
fact scripts are read for anything that would go online, elevate or change the machine.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from checks.host import CommandResult
from checks.registry import Scan, all_checks
from checks.runner import run_check
from checks.snapshot import ReplayHost, Snapshot, SnapshotError
from checks.winfacts import build_script, registered_facts
from tests.command_allowlist import ALLOWED, FORBIDDEN_POWERSHELL, violations

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _snapshots() -> list[Path]:
    out = []
    for path in sorted(FIXTURES.rglob("*.json")):
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


def test_fixtures_were_found() -> None:
    assert len(SNAPSHOTS) > 150


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_command_of_every_fixture_is_allowed(path: Path) -> None:
    try:
        snap = Snapshot.load(path)
    except SnapshotError:
        pytest.skip("a deliberately malformed snapshot")
    host = _Recording(snap)
    scan = Scan(host)
    for check in all_checks():
        if check.applies_to(host.platform.family):
            run_check(check, scan)
    bad = violations(host.calls)
    assert not bad, "\n".join(bad)


def test_the_allow_list_refuses_what_goes_online_or_needs_root() -> None:
    for argv in (["apt-get", "update"], ["apt", "list", "--upgradable"],
                 ["softwareupdate", "-l"], ["snap", "refresh", "--list"],
                 ["pacman", "-Sy"], ["checkupdates"], ["pro", "status"],
                 ["dnf", "check-update"], ["zypper", "list-updates"],
                 ["flatpak", "remote-ls", "--updates"], ["sudo", "ufw", "status"],
                 ["systemctl", "start", "ssh.service"], ["nvram", "boot-args=-v"],
                 ["defaults", "write", "com.apple.x", "k", "1"], ["pwsh", "-Command", "x"],
                 [r"C:\Tools\powershell.exe", "-NoProfile", "-NonInteractive", "# checkup-facts"],
                 ["security", "verify-cert", "-c", "x.pem"]):
        assert violations([argv]), argv


def test_every_allowed_tool_says_why() -> None:
    for tool, (_test, why) in ALLOWED.items():
        assert len(why) > 20, tool


def test_powershell_facts_stay_local() -> None:
    script = build_script(registered_facts())
    for name, body in registered_facts().items():
        hit = FORBIDDEN_POWERSHELL.search(body)
        assert hit is None, f"fact {name!r} uses {hit.group(0)!r}"
    # the gathering script itself only reads, and prints JSON
    assert FORBIDDEN_POWERSHELL.search(script) is None
