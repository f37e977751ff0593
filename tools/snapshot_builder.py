"""One way to make a synthetic snapshot and write it as the committed ones are written.

Used by every fixture generator and test that describes a machine (tests/) and by the demo
machines' merge (tools/make_scenarios.py, tools/scenario_merge.py). It lives in tools/, not in
the product: Checkup itself only records and replays snapshots (checks/engine/snapshot.py); it
never invents one, and a tool must not import tests/.

A fixture is described with the engine's own types (``PlatformInfo``, ``CommandResult``,
``FileStat``, ``ProcessInfo``), turned into the snapshot file's JSON, and loaded back through
``checks.engine.snapshot.Snapshot.from_json`` before it is written, so every fixture is one the real
loader accepts. The file layout is the one every committed fixture has: format version 1
(no ``matches``), keys in the order below, ``json.dumps(indent=1, ensure_ascii=False)`` and a
final newline. Regenerating a fixture therefore gives the committed bytes, which the suite
checks (tests/test_fixture_freshness.py).

Typical use, in a generator or next to a test::

    fx = Fixture(platform=linux_platform(), checks=["firewall"], recorded_at=RECORDED_AT,
                 meta=Meta(name="linux_ufw_on", description="...", source="...",
                           expect={"status": "pass"}),
                 commands=[command(["ufw", "status"], "Status: active\\n")],
                 files={"/etc/ufw/ufw.conf": "ENABLED=yes\\n"})
    write(folder, fx)          # folder/linux_ufw_on.json
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.engine.host import CommandResult, FileStat, PlatformInfo, ProcessInfo, RegistryValue
from checks.engine.snapshot import PS_MARKER, SNAPSHOT_FORMAT, Snapshot

FIXTURE_VERSION = 1  # the committed fixtures are version-1 files (checks/engine/snapshot.py)
APP_VERSION = "0.1.0"
POWERSHELL = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"
FACTS_SCRIPT = f"{PS_MARKER} v1\n<facts script>"  # replay matches the marker, not the script


@dataclass(frozen=True)
class Meta:
    """``meta``: where the fixture comes from and, for most, the verdict its tests expect."""

    name: str
    source: str | None = None
    description: str | None = None
    expect: Mapping[str, Any] | None = None
    origin: str = "synthetic"
    scenario: str | None = None  # a demo machine's id (resources/scenarios/<id>.json)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"origin": self.origin}
        if self.scenario is not None:
            out["scenario"] = self.scenario
        out["name"] = self.name
        if self.description is not None:
            out["description"] = self.description
        if self.source is not None:
            out["source"] = self.source
        if self.expect is not None:
            out["expect"] = dict(self.expect)
        return out


@dataclass(frozen=True)
class RegistryKey:
    """One registry key: its values (as winreg returns them), its subkeys, or both."""

    values: Mapping[str, RegistryValue] | None = None
    subkeys: Sequence[str] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.values is not None:
            out["values"] = {k: _registry_value(v) for k, v in self.values.items()}
        if self.subkeys is not None:
            out["subkeys"] = list(self.subkeys)
        return out


def _registry_value(value: RegistryValue) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    return value


@dataclass
class Fixture:
    """A machine as a snapshot records it. ``files`` maps a path to its text, or to bytes
    (written as base64 whatever they hold)."""

    platform: PlatformInfo
    checks: Sequence[str]
    recorded_at: str
    meta: Meta
    commands: Sequence[CommandResult] = ()
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    stats: Mapping[str, FileStat] = field(default_factory=dict)
    dirs: Mapping[str, Sequence[str]] = field(default_factory=dict)
    registry: Mapping[str, RegistryKey] = field(default_factory=dict)
    processes: Sequence[ProcessInfo] | None = None
    app_version: str = APP_VERSION

    @property
    def name(self) -> str:
        return self.meta.name

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": SNAPSHOT_FORMAT,
            "version": FIXTURE_VERSION,
            "app_version": self.app_version,
            "recorded_at": self.recorded_at,
            "checks": sorted(self.checks),
            "meta": self.meta.to_json(),
            "platform": self.platform.to_json(),
            "commands": [_command_json(c) for c in self.commands],
            "files": {p: _file_json(v) for p, v in self.files.items()},
            "stats": {p: {"mode": s.mode, "size": s.size, "mtime": s.mtime, "uid": s.uid}
                      for p, s in self.stats.items()},
            "dirs": {p: list(names) for p, names in self.dirs.items()},
            "registry": {k: v.to_json() for k, v in self.registry.items()},
        }
        if self.processes is not None:
            out["processes"] = [{"pid": p.pid, "name": p.name, "exe": p.exe}
                                for p in self.processes]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fixture:
        """A committed fixture's JSON as a Fixture, to derive another machine from it
        (``dataclasses.replace``) or merge it into a demo machine; ``to_json`` gives the same
        JSON back. Tables a file leaves out are empty, as the snapshot loader reads them."""
        def registry_value(v: Any) -> RegistryValue:
            if isinstance(v, dict) and set(v) == {"$bytes"}:
                return base64.b64decode(v["$bytes"])
            return v

        files: dict[str, str | bytes] = {
            p: (base64.b64decode(e["base64"]) if "base64" in e else e["text"])
            for p, e in data.get("files", {}).items()}
        return cls(
            platform=PlatformInfo.from_json(data["platform"]),
            checks=list(data["checks"]), recorded_at=data["recorded_at"],
            meta=Meta(**{"name": "", **data.get("meta", {})}),
            commands=[CommandResult(tuple(c["argv"]), c["status"], c["returncode"],
                                    c["stdout"], c["stderr"]) for c in data.get("commands", [])],
            files=files,
            stats={p: FileStat(**s) for p, s in data.get("stats", {}).items()},
            dirs={p: list(n) for p, n in data.get("dirs", {}).items()},
            registry={k: RegistryKey(
                values=None if "values" not in v else {
                    n: registry_value(x) for n, x in v["values"].items()},
                subkeys=v.get("subkeys")) for k, v in data.get("registry", {}).items()},
            processes=None if "processes" not in data else [
                ProcessInfo(p["pid"], p["name"], p.get("exe")) for p in data["processes"]],
            app_version=data.get("app_version", APP_VERSION))

    @classmethod
    def load(cls, path: Path) -> Fixture:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_json(loaded)

    def snapshot(self) -> Snapshot:
        """The fixture as the engine loads it (raises SnapshotError if it could not be)."""
        return Snapshot.from_json(json.loads(self.text()))

    def text(self) -> str:
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n"


def _command_json(c: CommandResult) -> dict[str, Any]:
    return {"argv": list(c.argv), "status": c.status, "returncode": c.returncode,
            "stdout": c.stdout, "stderr": c.stderr}


def _file_json(content: str | bytes) -> dict[str, str]:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def command(argv: Sequence[str], stdout: str = "", *, returncode: int | None = 0,
            stderr: str = "", status: str = "ok") -> CommandResult:
    """A command that ran (or, with ``status``, one that timed out or failed to start)."""
    return CommandResult(tuple(argv), status, returncode, stdout, stderr)


def powershell_facts(stdout: str, *, script: str = FACTS_SCRIPT, returncode: int = 0,
                     powershell: str = POWERSHELL) -> CommandResult:
    """The scan's one PowerShell process, which prints the checkup-facts JSON."""
    return command([powershell, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                    "-Command", script], stdout, returncode=returncode)


def processes(names: Sequence[str], *, first_pid: int = 100) -> list[ProcessInfo]:
    """Processes by name only (no executable path), numbered from ``first_pid``."""
    return [ProcessInfo(first_pid + i, n, None) for i, n in enumerate(names)]


def write(folder: Path, fixture: Fixture, *, name: str | None = None) -> Path:
    """Write ``folder/<name>.json`` (``meta.name`` by default), after checking the real
    loader accepts it."""
    fixture.snapshot()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or fixture.name}.json"
    path.write_text(fixture.text(), encoding="utf-8")
    return path
