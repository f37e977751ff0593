"""Snapshots: a recorded machine that checks can be replayed against.

A snapshot is one JSON file (format ``checkup-snapshot``, version ``SNAPSHOT_VERSION``)
holding everything a RecordingHost saw: platform facts, the ids of the checks it was
recorded for, each command (argv, status, return code, stdout, stderr), each file read
(text, or base64 for bytes that are not UTF-8), stats, directory listings, registry
values and subkeys, and processes. ReplayHost answers from it; anything not in it
answers exactly as a missing tool or file would on a real machine.

The PowerShell fact-gathering command (see winfacts.py) is matched by its marker rather
than its exact script, so a snapshot stays replayable when a later version asks for
more facts: facts it lacks are simply absent.
"""

from __future__ import annotations

import base64
import json
import ntpath
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checks import __version__
from checks.host import (
    DEFAULT_TIMEOUT,
    SECRET_REGISTRY_VALUES,
    CommandResult,
    FileStat,
    Host,
    PlatformInfo,
    ProcessInfo,
    RegistryValue,
)

SNAPSHOT_FORMAT = "checkup-snapshot"
SNAPSHOT_VERSION = 1
PS_MARKER = "# checkup-facts"


class SnapshotError(Exception):
    """A snapshot file that cannot be used; the message is one clear line."""


def _is_ps_facts(argv: Sequence[str]) -> bool:
    return len(argv) > 1 and ntpath.basename(argv[0]).lower().startswith("powershell") and any(
        a.lstrip().startswith(PS_MARKER) for a in argv[1:]
    )


def _command_key(argv: Sequence[str]) -> tuple[str, ...]:
    return ("<powershell-facts>",) if _is_ps_facts(argv) else tuple(argv)


def _encode_reg(value: RegistryValue) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    return value


def _decode_reg(value: Any) -> RegistryValue:
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    return value


@dataclass
class Snapshot:
    platform: PlatformInfo
    checks: list[str]
    recorded_at: datetime
    app_version: str = __version__
    meta: dict[str, Any] = field(default_factory=dict)
    commands: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    dirs: dict[str, list[str]] = field(default_factory=dict)
    registry: dict[str, dict[str, Any]] = field(default_factory=dict)
    processes: list[dict[str, Any]] | None = None

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "app_version": self.app_version,
            "recorded_at": self.recorded_at.astimezone(timezone.utc).isoformat(),
            "checks": sorted(self.checks),
            "meta": self.meta,
            "platform": self.platform.to_json(),
            "commands": self.commands,
            "files": self.files,
            "stats": self.stats,
            "dirs": self.dirs,
            "registry": self.registry,
        }
        if self.processes is not None:
            out["processes"] = self.processes
        return out

    def dump(self, path: str | Path) -> None:
        Path(path).write_text(
            json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def from_json(cls, data: Any) -> Snapshot:
        if not isinstance(data, dict):
            raise SnapshotError("not a Checkup snapshot: the file does not hold a JSON object")
        if data.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotError("not a Checkup snapshot: the 'format' field is missing or wrong")
        version = data.get("version")
        if not isinstance(version, int):
            raise SnapshotError("snapshot has no version number")
        if version > SNAPSHOT_VERSION or version < 1:
            raise SnapshotError(
                f"snapshot format version {version} is not supported by this Checkup "
                f"(it reads version {SNAPSHOT_VERSION}); use a matching Checkup version"
            )
        for key in ("platform", "checks", "recorded_at"):
            if key not in data:
                raise SnapshotError(f"snapshot is missing the required field '{key}'")
        try:
            platform = PlatformInfo.from_json(data["platform"])
            checks = [str(c) for c in data["checks"]]
            recorded_at = datetime.fromisoformat(str(data["recorded_at"]).replace("Z", "+00:00"))
            if recorded_at.tzinfo is None:
                recorded_at = recorded_at.replace(tzinfo=timezone.utc)
            commands = [dict(c) for c in data.get("commands") or []]
            for c in commands:
                c["argv"] = [str(a) for a in c["argv"]]
            snap = cls(
                platform=platform,
                checks=checks,
                recorded_at=recorded_at,
                app_version=str(data.get("app_version", "")),
                meta=dict(data.get("meta") or {}),
                commands=commands,
                files={str(k): dict(v) for k, v in (data.get("files") or {}).items() if v},
                stats={str(k): dict(v) for k, v in (data.get("stats") or {}).items() if v},
                dirs={str(k): [str(x) for x in v] for k, v in (data.get("dirs") or {}).items()},
                registry={str(k): dict(v) for k, v in (data.get("registry") or {}).items()},
                processes=(
                    [dict(p) for p in data["processes"]] if data.get("processes") is not None
                    else None
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SnapshotError(f"snapshot is malformed: {exc.__class__.__name__}: {exc}") from None
        return snap

    @classmethod
    def load(cls, path: str | Path) -> Snapshot:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise SnapshotError(f"cannot read snapshot {path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SnapshotError(
                f"snapshot {Path(path).name} is not valid JSON (truncated or damaged?): {exc}"
            ) from None
        return cls.from_json(data)


class RecordingHost:
    """Wraps a host and records every answer it gives."""

    def __init__(self, inner: Host) -> None:
        self.inner = inner
        self.platform = inner.platform
        self._lock = threading.Lock()
        self._commands: dict[tuple[str, ...], dict[str, Any]] = {}
        self._files: dict[str, dict[str, str]] = {}
        self._stats: dict[str, dict[str, Any]] = {}
        self._dirs: dict[str, list[str]] = {}
        self._registry: dict[str, dict[str, Any]] = {}
        self._processes: list[dict[str, Any]] | None = None
        self.started = inner.now()

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        res = self.inner.run(argv, timeout)
        if res.status != "not_found":
            with self._lock:
                self._commands[tuple(argv)] = {
                    "argv": list(argv),
                    "status": res.status,
                    "returncode": res.returncode,
                    "stdout": res.stdout,
                    "stderr": res.stderr,
                }
        return res

    def read_bytes(self, path: str) -> bytes | None:
        data = self.inner.read_bytes(path)
        if data is not None:
            try:
                entry = {"text": data.decode("utf-8")}
            except UnicodeDecodeError:
                entry = {"base64": base64.b64encode(data).decode("ascii")}
            with self._lock:
                self._files[path] = entry
        return data

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def list_dir(self, path: str) -> list[str] | None:
        out = self.inner.list_dir(path)
        if out is not None:
            with self._lock:
                self._dirs[path] = list(out)
        return out

    def stat(self, path: str) -> FileStat | None:
        st = self.inner.stat(path)
        if st is not None:
            with self._lock:
                self._stats[path] = {"mode": st.mode, "size": st.size, "mtime": st.mtime,
                                     "uid": st.uid}
        return st

    def registry_values(
        self, key: str, names: Sequence[str] | None = None
    ) -> dict[str, RegistryValue] | None:
        out = self.inner.registry_values(key) if names is None else \
            self.inner.registry_values(key, names=names)
        if out is not None:
            out = {k: v for k, v in out.items() if str(k).lower() not in SECRET_REGISTRY_VALUES}
            encoded = {k: _encode_reg(v) for k, v in out.items()}
            with self._lock:
                entry = self._registry.setdefault(key, {})
                if names is None:
                    entry["values"] = encoded
                else:  # a named read adds to what was recorded for the key
                    entry.setdefault("values", {}).update(encoded)
        return out

    def registry_subkeys(self, key: str) -> list[str] | None:
        out = self.inner.registry_subkeys(key)
        if out is not None:
            with self._lock:
                self._registry.setdefault(key, {})["subkeys"] = list(out)
        return out

    def processes(self) -> list[ProcessInfo]:
        out = self.inner.processes()
        with self._lock:
            self._processes = [{"pid": p.pid, "name": p.name, "exe": p.exe} for p in out]
        return out

    def now(self) -> datetime:
        return self.inner.now()

    def snapshot(self, checks: Sequence[str], meta: Mapping[str, Any] | None = None) -> Snapshot:
        with self._lock:
            return Snapshot(
                platform=self.platform,
                checks=list(checks),
                recorded_at=self.started,
                meta={"origin": "recorded", **(meta or {})},
                commands=list(self._commands.values()),
                files=dict(self._files),
                stats=dict(self._stats),
                dirs=dict(self._dirs),
                registry=dict(self._registry),
                processes=self._processes,
            )


class ReplayHost:
    """Answers from a snapshot, as the recorded machine would have."""

    def __init__(self, snapshot: Snapshot, now: datetime | None = None) -> None:
        self.snapshot = snapshot
        self.platform = snapshot.platform
        self.recorded_checks: frozenset[str] = frozenset(snapshot.checks)
        self._now = now or snapshot.recorded_at
        self._fold = snapshot.platform.system == "Windows"  # Windows paths/keys ignore case
        self._commands = {_command_key(c["argv"]): c for c in snapshot.commands}
        self._files = {self._k(p): v for p, v in snapshot.files.items()}
        self._stats = {self._k(p): v for p, v in snapshot.stats.items()}
        self._dirs = {self._k(p): v for p, v in snapshot.dirs.items()}
        self._registry = {k.lower(): v for k, v in snapshot.registry.items()}

    def _k(self, path: str) -> str:
        if self._fold:
            return path.replace("/", "\\").lower()
        return path

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        rec = self._commands.get(_command_key(argv))
        if rec is None:
            return CommandResult(tuple(argv), "not_found", 127)
        rc = rec.get("returncode")
        return CommandResult(
            tuple(argv),
            str(rec.get("status", "ok")),
            int(rc) if rc is not None else None,
            str(rec.get("stdout") or ""),
            str(rec.get("stderr") or ""),
        )

    def read_bytes(self, path: str) -> bytes | None:
        entry = self._files.get(self._k(path))
        if entry is None:
            return None
        if "text" in entry:
            return str(entry["text"]).encode("utf-8")
        if "base64" in entry:
            try:
                return base64.b64decode(entry["base64"])
            except ValueError:
                return None
        return None

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def list_dir(self, path: str) -> list[str] | None:
        out = self._dirs.get(self._k(path))
        return list(out) if out is not None else None

    def stat(self, path: str) -> FileStat | None:
        st = self._stats.get(self._k(path))
        if st is None:
            if self._k(path) in self._files:
                data = self.read_bytes(path) or b""
                return FileStat(0o100644, len(data), self._now.timestamp(), 0)
            return None
        try:
            return FileStat(int(st["mode"]), int(st.get("size", 0)), float(st["mtime"]),
                            int(st.get("uid", -1)))
        except (KeyError, TypeError, ValueError):
            return None

    def registry_values(
        self, key: str, names: Sequence[str] | None = None
    ) -> dict[str, RegistryValue] | None:
        entry = self._registry.get(key.lower())
        if entry is None or "values" not in entry:
            return None
        values = {k: _decode_reg(v) for k, v in dict(entry["values"]).items()
                  if str(k).lower() not in SECRET_REGISTRY_VALUES}
        if names is None:
            return values
        folded = {k.lower(): k for k in values}
        return {n: values[folded[n.lower()]] for n in names if n.lower() in folded}

    def registry_subkeys(self, key: str) -> list[str] | None:
        entry = self._registry.get(key.lower())
        if entry is None or "subkeys" not in entry:
            return None
        return list(entry["subkeys"])

    def processes(self) -> list[ProcessInfo]:
        out: list[ProcessInfo] = []
        for p in self.snapshot.processes or []:
            try:
                out.append(ProcessInfo(int(p.get("pid", 0)), str(p.get("name") or ""),
                                       p.get("exe")))
            except (TypeError, ValueError):
                continue
        return out

    def now(self) -> datetime:
        return self._now
