"""The command policy inside the engine: LiveHost runs only what a spec or the engine declared.

There is no switch: an argv no template allows (checks/engine/commands.py) is refused before it is
looked up or started, and the check sees a command that could not run. Proved here by
patching the process start to fail the test; and by the other side of the contract: every
literal command line in the engine's code is declared, nothing but LiveHost starts a
process, and a refused command leads every check to the verdict a command that could not
run leads it to, never to a crash. (Every argv the fixtures and demo machines record or make
a check run is judged in tests/test_command_allowlist.py.)
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from checks.engine import commands
from checks.engine.commands import Command
from checks.engine.host import REFUSED_REASON, CommandResult, LiveHost
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, Status
from checks.engine.registry import Scan, all_checks
from checks.engine.snapshot import ReplayHost, Snapshot, SnapshotError
from tests.engine_support import extra_checks, make_check

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SCENARIOS = ROOT / "resources" / "scenarios"

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX shell used as the probe")


@pytest.fixture
def no_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail the test if anything is looked up or started; the list holds what was tried."""
    tried: list[str] = []

    def popen(*args: Any, **kwargs: Any) -> Any:
        tried.append(f"Popen {args!r}")
        raise AssertionError(f"a process was started: {args!r}")

    def resolve(self: LiveHost, name: str) -> str | None:
        tried.append(f"resolve {name}")
        raise AssertionError(f"a refused command was looked up: {name}")

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(LiveHost, "resolve", resolve)
    yield tried


UNDECLARED = (
    ("apt-get", "update"),  # refreshes package lists from the network
    ("snap", "refresh"),
    ("sudo", "ufw", "status"),
    # declared programs with an undeclared option, subcommand or value
    ("lsblk", "--json", "--output", "NAME"),
    ("systemctl", "start", "ssh.service"),
    ("systemctl", "is-enabled", "ssh.service"),  # a unit the template does not name
    ("fdesetup", "status", "-extended"),
    ("apt-get", "-s", "-o", "Debug::NoLocking=true", "install", "x"),
    # a declared program, but from outside the system's own folders
    ("/tmp/checkup/sw_vers",),
    ("/home/someone/bin/mokutil", "--sb-state"),
    (r"C:\Users\Public\powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy",
     "Bypass", "-Command", "# checkup-facts v1\n"),
    (),  # no command at all
)


@pytest.mark.parametrize("argv", UNDECLARED, ids=lambda a: " ".join(a)[:40] or "empty")
def test_live_host_refuses_an_undeclared_command_without_starting_anything(
        argv: tuple[str, ...], no_process: list[str]) -> None:
    assert not commands.allowed(argv)
    res = LiveHost().run(argv)
    assert no_process == []
    assert res.status == "refused" and res.argv == argv
    assert not res.ran and not res.ok and res.returncode is None and res.stdout == ""
    assert res.stderr == REFUSED_REASON
    assert "refused by Checkup's command policy" in res.describe()


def test_the_catalog_and_the_engine_declare_what_they_run() -> None:
    for argv in (["lsblk", "--json", "--output", "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,FSTYPE,MOUNTPOINTS"],
                 ["fdesetup", "status"], ["mokutil", "--sb-state"],  # checks' specs
                 ["systemd-detect-virt", "--container"], ["sw_vers"]):  # the engine's own
        assert commands.allowed(argv), argv
        assert not commands.refuses(argv)


def _echo_probe(scan: Scan) -> Finding:
    res = scan.run(["sh", "-c", "echo declared"])
    if not res.ok:
        return Finding(Status.UNKNOWN, msg("Could not run the probe"),
                       evidence=[Evidence("sh", res.describe())])
    return Finding(Status.PASS, msg("Ran"), evidence=[Evidence("sh", res.stdout.strip())])


@posix_only
def test_a_declared_command_runs_and_is_refused_once_undeclared(
        monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(argv: list[str], *args: Any, **kwargs: Any) -> Any:
        started.append(list(argv))
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    probe = make_check("t-policy-echo", _echo_probe, commands=(
        Command("sh", "-c", "echo declared", why="test: prints one word, reads nothing"),))
    host = LiveHost()
    with extra_checks(probe):
        assert commands.allowed(["sh", "-c", "echo declared"])
        finding = probe.func(Scan(host))
    assert finding.status is Status.PASS and finding.evidence[0].text == "declared"
    assert [a[1:] for a in started] == [["-c", "echo declared"]]
    assert os.path.basename(started[0][0]) == "sh"

    # the same check once its declaration is gone: refused, unknown, and it says why
    started.clear()
    assert not commands.allowed(["sh", "-c", "echo declared"])
    finding = probe.func(Scan(host))
    assert started == []
    assert finding.status is Status.UNKNOWN
    assert "refused by Checkup's command policy" in finding.evidence[0].text


# -- every command the engine's code names is declared -----------------------------------------

ENGINE = [p for d in ("checks", "desktop") for p in sorted((ROOT / d).rglob("*.py"))]


def _constants(path: Path, tree: ast.Module) -> dict[str, list[str]]:
    """The module's names bound to a string or a sequence of strings, their values taken from
    the imported module (so ``LSBLK = ["lsblk", ..., COLUMNS + ",MOUNTPOINTS"]`` and names it
    imports count), except names some function binds itself (a local may differ)."""
    local: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
                    local.add(inner.id)
                elif isinstance(inner, ast.arg):
                    local.add(inner.arg)
    parts = path.relative_to(ROOT).with_suffix("").parts
    module = importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    out: dict[str, list[str]] = {}
    for name, value in vars(module).items():
        if name in local:
            continue
        if isinstance(value, str):
            out[name] = [value]
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, str)
                                                                 for v in value):
            out[name] = list(value)
    return out


def _words(node: ast.expr, names: dict[str, list[str]]) -> list[str] | None:
    """The argv an expression spells with literals and module constants only, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        out: list[str] = []
        for elt in node.elts:
            starred = isinstance(elt, ast.Starred)
            got = _words(elt.value if isinstance(elt, ast.Starred) else elt, names)
            if got is None or (not starred and len(got) != 1):
                return None  # a value known only at run time
            out.extend(got)
        return out
    return None


def _literal_command_lines() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for path in ENGINE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [node for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr == "run" and node.args]
        if not calls:
            continue
        names = _constants(path, tree)
        for node in calls:
            argv = _words(node.args[0], names)
            if argv is not None:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", argv))
    return found


def test_every_command_line_written_in_the_engine_is_declared() -> None:
    """Also those on a path no fixture reaches: every ``.run(...)`` whose argv is spelt with
    literals and module constants. (Those with a value filled in at run time are judged by
    the replay of every fixture in tests/test_command_allowlist.py.)"""
    found = _literal_command_lines()
    assert len(found) >= 25, found  # the reading of the code itself works
    undeclared = [f"{where}: {' '.join(argv)}" for where, argv in found
                  if not commands.allowed(argv)]
    assert not undeclared, "\n".join(undeclared)


# What starts a process, by module; and the window's ways of opening a program for a link.
SPAWNERS = {
    "subprocess": {"Popen", "run", "call", "check_call", "check_output", "getoutput",
                   "getstatusoutput"},
    "os": {"system", "popen", "startfile", "posix_spawn", "posix_spawnp", "fork", "forkpty"},
    "asyncio": {"create_subprocess_exec", "create_subprocess_shell"},
    "pty": {"spawn", "fork"},
    "webbrowser": {"open", "open_new", "open_new_tab", "get"},
    "QDesktopServices": {"openUrl"},
}


def _door(mod: str, attr: str) -> bool:
    if mod == "os" and attr.startswith(("exec", "spawn")):
        return True
    return attr in SPAWNERS.get(mod, set())


def test_only_live_host_starts_processes() -> None:
    """No side door: nothing in the engine or the window starts a process except LiveHost.run
    (which hands the start to proc_reaper.py)."""
    doors = []
    for path in ENGINE:
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name):  # a call, not an annotation
                if _door(node.func.value.id, node.func.attr):
                    doors.append((where, f"{node.func.value.id}.{node.func.attr}"))
            elif isinstance(node, ast.Name) and node.id == "QProcess":
                doors.append((where, "QProcess"))
            elif isinstance(node, ast.ImportFrom) and node.module in SPAWNERS:
                doors += [(where, f"{node.module}.{a.name}") for a in node.names
                          if _door(node.module, a.name)]
    assert ("checks/engine/host.py", "subprocess.Popen") in doors  # the reading works
    others = [d for d in doors if d[0] != "checks/engine/host.py"]
    assert not others, others


# -- a refused command is a command that could not run, for every check ------------------------

def _snapshots() -> list[Snapshot]:
    out = []
    for path in [*sorted(FIXTURES.rglob("*.json")), *sorted(SCENARIOS.glob("*.json"))]:
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not (isinstance(head, dict) and head.get("format") == "checkup-snapshot"):
            continue
        try:
            out.append(Snapshot.load(path))
        except SnapshotError:
            continue  # a deliberately malformed one
    return out


class _Unrunnable(ReplayHost):
    """Answers files like the snapshot; every command as ``status`` (as LiveHost would for
    "refused"), for every check."""

    def __init__(self, snap: Snapshot, status: str) -> None:
        super().__init__(snap)
        self.status = status
        self.recorded_checks = None  # type: ignore[assignment]

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        if self.status == "refused":
            return CommandResult(tuple(argv), "refused", None, "", REFUSED_REASON)
        return CommandResult(tuple(argv), "error", None, "", "could not start")


def _verdicts(snap: Snapshot, status: str) -> dict[str, Status]:
    host = _Unrunnable(snap, status)
    scan = Scan(host)
    # the check functions themselves, not the runner: a crash fails this test
    return {c.id: c.func(scan).status for c in all_checks()
            if c.applies_to(host.platform.family)}


def test_a_refused_command_gives_every_check_what_a_failed_command_gives() -> None:
    snaps = _snapshots()
    assert len(snaps) > 150
    systems = set()
    for snap in snaps:
        systems.add(snap.platform.family)
        refused = _verdicts(snap, "refused")
        failed = _verdicts(snap, "error")
        assert refused == failed, snap.meta.get("name")
    assert systems == {"linux", "macos", "windows"}


def test_only_the_system_folders_powershell_is_declared() -> None:
    """A PowerShell under a look-alike System32 tree in a person's folder is refused, with
    the very script a scan would send; the one of a system folder (any drive) is allowed."""
    from checks.engine import commands, winfacts
    from checks.engine.registry import load_catalog

    load_catalog()
    script = winfacts.build_script(winfacts.registered_facts())
    tail = ("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", script)
    tree = r"\System32\WindowsPowerShell\v1.0\powershell.exe"
    for root in (r"C:\Windows", r"D:\WINNT"):
        assert commands.allowed((root + tree, *tail)), root
    for root in (r"C:\Users\x\Downloads", r"C:\Users\x\Downloads\Windows", "C:", r"\\server\share"):
        assert not commands.allowed((root + tree, *tail)), root
