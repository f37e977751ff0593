"""Helpers for the fixtures of trusted-certificates, browsers, password-manager and
tor-browser: small Python descriptions -> fixtures of tools/snapshot_builder.py, written as
every committed snapshot is.

Each fixture folder has a ``build_fixtures.py`` with ``FIXTURES = {name: builder}``; running
it rewrites the JSON files, and the tests check that the committed files equal what the
builders produce (``assert_fixtures_current``) and replay them (``run_fixture``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from checks.engine.host import CommandResult, FileStat, PlatformInfo, ProcessInfo
from checks.engine.i18n import Message, translator
from checks.engine.model import Finding
from tests.protections_support import replay, replay_snapshot
from tools.snapshot_builder import Fixture, Meta, RegistryKey, command, powershell_facts, write

RECORDED_AT = "2026-11-20T09:30:00+00:00"
RECORDED_TS = 1795167000.0  # RECORDED_AT as a POSIX timestamp

HOMES = {"Linux": "/home/amina", "Darwin": "/Users/amina", "Windows": r"C:\Users\amina"}
OS_RELEASE_DEBIAN = ('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\n'
                     'VERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\n'
                     'ID=debian\n')
OS_RELEASE_FEDORA = ('NAME="Fedora Linux"\nVERSION="43 (Workstation Edition)"\nID=fedora\n'
                     'VERSION_ID=43\nPRETTY_NAME="Fedora Linux 43 (Workstation Edition)"\n')


def cmd(argv: list[str], stdout: str = "", *, rc: int = 0, stderr: str = "",
        status: str = "ok") -> CommandResult:
    return command(argv, stdout, returncode=rc if status == "ok" else None, stderr=stderr,
                   status=status)


def facts_cmd(facts: Mapping[str, Any]) -> CommandResult:
    """The scan's single PowerShell process, printing the checkup-facts JSON."""
    return powershell_facts(json.dumps(dict(facts), ensure_ascii=False, separators=(",", ":")))


_PLATFORM = {  # system -> (release, version, machine)
    "Linux": ("6.12.48+deb13-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1", "x86_64"),
    "Darwin": ("25.1.0", "Darwin Kernel Version 25.1.0", "arm64"),
    "Windows": ("10", "10.0.26100", "AMD64"),
}


def _environment(system: str, home: str, env: Mapping[str, str] | None) -> dict[str, str]:
    environment: dict[str, str]
    if system == "Windows":
        environment = {"SystemRoot": r"C:\Windows", "USERPROFILE": home,
                       "LOCALAPPDATA": home + r"\AppData\Local",
                       "APPDATA": home + r"\AppData\Roaming",
                       "ProgramFiles": r"C:\Program Files",
                       "ProgramFiles(x86)": r"C:\Program Files (x86)"}
    else:
        environment = {"HOME": home}
    environment.update(env or {})
    return environment


def snapshot(check: str | list[str], system: str, *, name: str, description: str,
             source: str, commands: list[CommandResult] | None = None,
             files: Mapping[str, str] | None = None, binary: Mapping[str, bytes] | None = None,
             dirs: Mapping[str, list[str]] | None = None,
             stats: Mapping[str, float] | None = None,
             registry: Mapping[str, dict[str, Any]] | None = None,
             processes: list[tuple[str, str | None]] | None = None,
             env: Mapping[str, str] | None = None,
             os_release: str = OS_RELEASE_DEBIAN) -> Fixture:
    """A fixture of these checks' machines (tools/snapshot_builder.py): the platform facts
    and the few commands and files every scan of that system reads are filled in."""
    home = HOMES[system]
    cmds = list(commands or [])
    fls: dict[str, str | bytes] = dict(files or {})
    if system == "Linux":
        cmds += [cmd(["systemd-detect-virt", "--container"], "none\n", rc=1),
                 cmd(["systemd-detect-virt", "--vm"], "none\n", rc=1)]
        fls.setdefault("/etc/os-release", os_release)
    if system == "Darwin":
        cmds.append(cmd(["sysctl", "-n", "kern.hv_vmm_present"], "0\n"))
    fls.update(binary or {})
    release, version, machine = _PLATFORM[system]
    return Fixture(
        platform=PlatformInfo(system, release, version, machine, home,
                              _environment(system, home, env)),
        checks=[check] if isinstance(check, str) else check, recorded_at=RECORDED_AT,
        meta=Meta(name=name, description=description, source=source),
        commands=cmds, files=fls,
        stats={p: FileStat(mode=0o100644, size=1200, mtime=t, uid=0)
               for p, t in (stats or {}).items()},
        dirs={k: list(v) for k, v in (dirs or {}).items()},
        registry={k: RegistryKey(values=v.get("values"), subkeys=v.get("subkeys"))
                  for k, v in (registry or {}).items()},
        processes=None if processes is None else [
            ProcessInfo(400 + i, n, exe) for i, (n, exe) in enumerate(processes)])


def write_all(folder: Path, fixtures: Mapping[str, Callable[[], Fixture]]) -> None:
    for name, build in fixtures.items():
        write(folder, build(), name=name)


def plist_xml(data: Mapping[str, Any]) -> bytes:
    import plistlib

    return plistlib.dumps(dict(data), fmt=plistlib.FMT_XML, sort_keys=True)


# -- for the tests of these checks -------------------------------------------------------------

def en(m: Message | str) -> str:
    return translator("en").render(m)


def run_fixture(check_id: str, folder: Path, name: str,
                built: Mapping[str, Fixture] | None = None) -> Finding:
    """Replay the case ``name`` through the check it was written for: ``built[name]`` when a
    test builds it itself, else the committed ``folder/<name>.json``."""
    if built and name in built:
        snap, finding = replay_snapshot(built[name].snapshot())
    else:
        snap, finding = replay(folder / f"{name}.json")
    assert snap.checks == [check_id], snap.checks
    return finding


def assert_fixtures_current(folder: Path, fixtures: Mapping[str, Callable[[], Fixture]],
                            expected: Iterable[str], check_id: str,
                            built: Mapping[str, Fixture] | None = None) -> None:
    """One case per expected verdict, committed (``fixtures``, the generator's) or built by
    the test (``built``), never both; each committed file is exactly what its builder writes;
    every case is synthetic, names its source and is recorded for ``check_id``."""
    built = built or {}
    assert set(expected) == set(fixtures) | set(built)
    assert not set(fixtures) & set(built), "a case is both committed and built by its test"
    assert {p.stem for p in folder.glob("*.json")} == set(fixtures)
    cases = {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
             for name in fixtures}
    for name, build in fixtures.items():
        assert cases[name] == json.loads(build().text()), f"{name}.json is stale"
    cases.update((name, fx.to_json()) for name, fx in built.items())
    for name, case in cases.items():
        assert case["meta"]["origin"] == "synthetic" and case["meta"]["source"], name
        assert case["checks"] == [check_id], name
