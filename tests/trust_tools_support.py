"""Helpers for the fixtures of trusted-certificates, browsers, password-manager and
tor-browser: small Python descriptions -> snapshot JSON (format "checkup-snapshot" v1).

Each fixture folder has a ``build_fixtures.py`` with ``FIXTURES = {name: builder}``; running
it rewrites the JSON files, and the tests check that the committed files equal what the
builders produce (``assert_fixtures_current``) and replay them (``run_fixture``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from checks.engine.i18n import Message, translator
from checks.engine.model import Finding
from tests.protections_support import replay

RECORDED_AT = "2026-11-20T09:30:00+00:00"
RECORDED_TS = 1795167000.0  # RECORDED_AT as a POSIX timestamp
PS = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"

HOMES = {"Linux": "/home/amina", "Darwin": "/Users/amina", "Windows": r"C:\Users\amina"}
OS_RELEASE_DEBIAN = ('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\n'
                     'VERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\n'
                     'ID=debian\n')
OS_RELEASE_FEDORA = ('NAME="Fedora Linux"\nVERSION="43 (Workstation Edition)"\nID=fedora\n'
                     'VERSION_ID=43\nPRETTY_NAME="Fedora Linux 43 (Workstation Edition)"\n')


def cmd(argv: list[str], stdout: str = "", *, rc: int = 0, stderr: str = "",
        status: str = "ok") -> dict[str, Any]:
    return {"argv": argv, "status": status, "returncode": rc if status == "ok" else None,
            "stdout": stdout, "stderr": stderr}


def facts_cmd(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The scan's single PowerShell process, printing the checkup-facts JSON."""
    return {"argv": [PS, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                     "-Command", "# checkup-facts v1\n<facts script>"],
            "status": "ok", "returncode": 0,
            "stdout": json.dumps(dict(facts), ensure_ascii=False, separators=(",", ":")),
            "stderr": ""}


def snapshot(check: str | list[str], system: str, *, name: str, description: str,
             source: str, commands: list[dict[str, Any]] | None = None,
             files: Mapping[str, str] | None = None, binary: Mapping[str, bytes] | None = None,
             dirs: Mapping[str, list[str]] | None = None,
             stats: Mapping[str, float] | None = None,
             registry: Mapping[str, dict[str, Any]] | None = None,
             processes: list[tuple[str, str | None]] | None = None,
             env: Mapping[str, str] | None = None,
             os_release: str = OS_RELEASE_DEBIAN) -> dict[str, Any]:
    home = HOMES[system]
    cmds = list(commands or [])
    fls = dict(files or {})
    if system == "Linux":
        cmds += [cmd(["systemd-detect-virt", "--container"], "none\n", rc=1),
                 cmd(["systemd-detect-virt", "--vm"], "none\n", rc=1)]
        fls.setdefault("/etc/os-release", os_release)
    if system == "Darwin":
        cmds.append(cmd(["sysctl", "-n", "kern.hv_vmm_present"], "0\n"))
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
    entries: dict[str, dict[str, str]] = {p: {"text": t} for p, t in fls.items()}
    for p, b in (binary or {}).items():
        entries[p] = {"base64": base64.b64encode(b).decode("ascii")}
    snap: dict[str, Any] = {
        "format": "checkup-snapshot", "version": 1, "app_version": "0.1.0",
        "recorded_at": RECORDED_AT, "checks": [check] if isinstance(check, str) else check,
        "meta": {"origin": "synthetic", "name": name, "description": description,
                 "source": source},
        "platform": {
            "system": system,
            "release": {"Linux": "6.12.48+deb13-amd64", "Darwin": "25.1.0",
                        "Windows": "10"}[system],
            "version": {"Linux": "#1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1",
                        "Darwin": "Darwin Kernel Version 25.1.0",
                        "Windows": "10.0.26100"}[system],
            "machine": {"Linux": "x86_64", "Darwin": "arm64", "Windows": "AMD64"}[system],
            "home": home, "env": environment},
        "commands": cmds, "files": entries,
        "stats": {p: {"mode": 0o100644, "size": 1200, "mtime": t, "uid": 0}
                  for p, t in (stats or {}).items()},
        "dirs": {k: list(v) for k, v in (dirs or {}).items()},
        "registry": {k: dict(v) for k, v in (registry or {}).items()},
    }
    if processes is not None:
        snap["processes"] = [{"pid": 400 + i, "name": n, "exe": exe}
                             for i, (n, exe) in enumerate(processes)]
    return snap


def write_all(folder: Path, fixtures: Mapping[str, Callable[[], dict[str, Any]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in fixtures.items():
        text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
        (folder / f"{name}.json").write_text(text, encoding="utf-8")


def plist_xml(data: Mapping[str, Any]) -> bytes:
    import plistlib

    return plistlib.dumps(dict(data), fmt=plistlib.FMT_XML, sort_keys=True)


# -- for the tests of these checks -------------------------------------------------------------

def en(m: Message | str) -> str:
    return translator("en").render(m)


def run_fixture(check_id: str, folder: Path, name: str) -> Finding:
    """Replay ``folder/<name>.json`` through the check it was written for."""
    snap, finding = replay(folder / f"{name}.json")
    assert snap.checks == [check_id], snap.checks
    return finding


def assert_fixtures_current(folder: Path, fixtures: Mapping[str, Callable[[], dict[str, Any]]],
                            expected: Iterable[str], check_id: str) -> None:
    """One fixture per expected verdict; each committed file is exactly what its builder
    writes, synthetic, names its source and is recorded for ``check_id``."""
    assert set(expected) == set(fixtures)
    for name, build in fixtures.items():
        committed = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(build())), f"{name}.json is stale"
        assert committed["meta"]["origin"] == "synthetic" and committed["meta"]["source"]
        assert committed["checks"] == [check_id]
