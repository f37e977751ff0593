"""Snapshots: a recorded machine that checks can be replayed against.

A snapshot is one JSON file (format ``checkup-snapshot``, version ``SNAPSHOT_VERSION``)
holding everything a RecordingHost saw: platform facts, the ids of the checks it was
recorded for, each command (argv, status, return code, stdout, stderr), each file read
(text, or base64 for bytes that are not UTF-8), stats, directory listings, the answers to
``matching`` questions, registry values and subkeys, and processes. ReplayHost answers from
it; anything not in it answers exactly as a missing tool or file would on a real machine.

A folder of the person's own files (checks/privacy/personal.py: the home folder, Downloads, Desktop,
Documents, ...) is never recorded whole: ``dirs`` holds only listings of other folders, and
``matches`` holds, per folder and per pattern a check asked about, the names that matched
(version 2).

Existing snapshots (version 1: the demo machines before they were rebuilt, and files people
already gave a helpdesk) may hold whole listings of such folders. They still load and
replay to the same verdicts: ``matching`` is answered by filtering the old listing, which
stays in memory only (``Snapshot.withheld_dirs``); ``list_dir`` of such a folder answers
"cannot be listed", as when replaying a version-2 recording (no current check lists one).
When such a snapshot is written again (``to_json``: ``dump``, redaction), it is migrated:
its recorded checks are replayed once and the answers to the ``matching`` questions they
ask are kept as ``matches``; the listing itself is never written. The file a person already
shared is not changed by this, of course: only a new copy is clean.

The PowerShell fact-gathering command (see winfacts.py) is matched by its marker rather
than its exact script, so a snapshot stays replayable when a later version asks for
more facts: facts it lacks are simply absent.
"""

from __future__ import annotations

import base64
import json
import ntpath
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checks import __version__
from checks.engine.bounded_json import JsonLimit, check_shape, date_in_range
from checks.engine.bounded_json import loads as bounded_loads
from checks.engine.host import (
    DEFAULT_TIMEOUT,
    SECRET_REGISTRY_VALUES,
    CommandResult,
    FileStat,
    Host,
    PlatformInfo,
    ProcessInfo,
    RegistryValue,
    name_matches,
)

SNAPSHOT_FORMAT = "checkup-snapshot"
SNAPSHOT_VERSION = 2  # 2: 'matches', no whole listing of a personal folder
PS_MARKER = "# checkup-facts"
MAX_SNAPSHOT_BYTES = 256 * 2**20  # far above any real snapshot (a few MB at most)
# A file read is at most MAX_READ (8 MiB), about 11 million characters in base64.
MAX_SNAPSHOT_TEXT = 16 * 2**20
MAX_STAT_NUMBER = 2**63  # sizes, modes, owners: anything larger is no real file
MAX_MTIME = 7_258_118_400  # 2200-01-01: a later time is damage (and overflows date sums)


class SnapshotError(Exception):
    """A snapshot file that cannot be used; the message is one clear line."""


def _is_ps_facts(argv: Sequence[str]) -> bool:
    return len(argv) > 1 and ntpath.basename(argv[0]).lower().startswith("powershell") and any(
        a.lstrip().startswith(PS_MARKER) for a in argv[1:]
    )


def _command_key(argv: Sequence[str]) -> tuple[str, ...]:
    return ("<powershell-facts>",) if _is_ps_facts(argv) else tuple(argv)


# Secrets that must never reach a snapshot file. Signal Desktop keeps the key to its message
# database in config.json ("key" in clear, or "encryptedKey" protected by the OS keystore);
# the secure-messaging check needs only to know which fields exist, so the recorded copy keeps
# the field names with a placeholder value. Each rule: (does this path match, JSON keys).
REDACTED_VALUE = "<redacted by Checkup>"


def _is_signal_config(path: str) -> bool:
    parent, _, base = path.replace("\\", "/").rstrip("/").rpartition("/")
    return base.lower() == "config.json" and parent.rpartition("/")[2].lower() in (
        "signal", "signal beta")


SECRET_JSON_FILES: list[tuple[Callable[[str], bool], frozenset[str]]] = [
    (_is_signal_config, frozenset({"key", "encryptedKey"})),
]


def _redact_json_values(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: (REDACTED_VALUE if k in keys else _redact_json_values(v, keys))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_json_values(v, keys) for v in value]
    return value


def redact_recorded_file(path: str, data: bytes) -> bytes:
    """What a recording keeps of a file: secret JSON values replaced, or nothing of a
    damaged secret file but its size."""
    for matches, keys in SECRET_JSON_FILES:
        if matches(path):
            try:
                obj = json.loads(data.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return f"<not valid JSON ({len(data)} bytes); withheld by Checkup>".encode()
            return (json.dumps(_redact_json_values(obj, keys), indent=2) + "\n").encode()
    return data


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
    # folder -> pattern -> the entries that matched it (Host.matching)
    matches: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # whole listings of personal folders found in an old file: used to answer ``matching``
    # on replay, never written out (see the module's docstring)
    withheld_dirs: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _settled: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from checks.privacy.personal import is_personal_folder

        for path in [p for p in self.dirs if is_personal_folder(p, self.platform)]:
            self.withheld_dirs[path] = self.dirs.pop(path)

    def settle_withheld(self) -> None:
        """Turn the withheld listings of an old file into the answers its checks ask for:
        the recorded checks are replayed once against this snapshot, and every
        ``matching`` question they ask is kept in ``matches`` (so a copy saved from this
        snapshot replays to the same verdicts and holds no other name of those folders)."""
        if self._settled or not self.withheld_dirs:
            return
        self._settled = True
        from checks.engine.registry import get_check
        from checks.engine.runner import run_scan

        checks = [c for c in (get_check(i) for i in self.checks) if c is not None]
        recorder = RecordingHost(ReplayHost(self))
        try:
            run_scan(recorder, checks)
        except Exception:  # never worse than before: the old answers are simply not kept
            return
        for folder, by_pattern in recorder.recorded_matches().items():
            entry = self.matches.setdefault(folder, {})
            for pattern, names in by_pattern.items():
                entry.setdefault(pattern, names)
        # a withheld folder that a check looked at still exists in the copy
        fold = self.platform.system == "Windows"
        withheld = {(p.replace("/", "\\").lower() if fold else p) for p in self.withheld_dirs}
        for path, st in recorder.recorded_stats().items():
            if (path.replace("/", "\\").lower() if fold else path) in withheld:
                self.stats.setdefault(path, st)

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "")

    def to_json(self) -> dict[str, Any]:
        """The file's content (always the current version; see the module's docstring for
        what happens to an old file's listings of personal folders)."""
        self.settle_withheld()
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
            "matches": self.matches,
            "registry": self.registry,
        }
        if self.processes is not None:
            out["processes"] = self.processes
        return out

    def dump(self, path: str | Path, *, replace: bool = True) -> None:
        """Save through checks.engine.safe_write (raises its WriteProblem, an OSError)."""
        from checks.engine.safe_write import write_text

        write_text(path, self.text(), replace=replace)

    def text(self) -> str:
        """The snapshot as the text of its file. A lone surrogate (a byte that was not
        UTF-8 in a file name or tool output, kept with surrogateescape) is written as a
        ``\\uXXXX`` escape, so it reaches the replayed report as a visible escape rather
        than as U+FFFD or an encoding error (checks/engine/plain_text.json_text)."""
        from checks.engine.plain_text import json_text

        return json_text(self.to_json(), indent=1) + "\n"

    @classmethod
    def from_json(cls, data: Any) -> Snapshot:
        if not isinstance(data, dict):
            raise SnapshotError("not a Checkup snapshot: the file does not hold a JSON object")
        if data.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotError("not a Checkup snapshot: the 'format' field is missing or wrong")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
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
            check_shape(data, max_string=MAX_SNAPSHOT_TEXT)
        except JsonLimit as exc:
            raise SnapshotError(f"snapshot is malformed: {exc}") from None
        _validate(data)
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
                matches={str(k): {str(p): [str(x) for x in names] for p, names in v.items()}
                         for k, v in (data.get("matches") or {}).items()},
                registry={str(k): dict(v) for k, v in (data.get("registry") or {}).items()},
                processes=(
                    [dict(p) for p in data["processes"]] if data.get("processes") is not None
                    else None
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError,
                RecursionError) as exc:
            raise SnapshotError(f"snapshot is malformed: {exc.__class__.__name__}: {exc}") from None
        return snap

    @classmethod
    def load(cls, path: str | Path) -> Snapshot:
        try:
            if Path(path).stat().st_size > MAX_SNAPSHOT_BYTES:
                raise SnapshotError(f"snapshot {Path(path).name} is too large to be a Checkup "
                                    f"snapshot (over {MAX_SNAPSHOT_BYTES // 2**20} MB)")
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise SnapshotError(f"cannot read snapshot {path}: {exc.strerror or exc}") from None
        if not raw.strip():
            raise SnapshotError(f"snapshot {Path(path).name} is empty")
        try:
            # bytes: UTF-8 (with or without a BOM), UTF-16 and UTF-32 are all understood,
            # so a snapshot re-saved by a Windows editor still loads
            data = bounded_loads(raw, max_bytes=MAX_SNAPSHOT_BYTES, max_string=MAX_SNAPSHOT_TEXT)
        except JsonLimit as exc:
            raise SnapshotError(f"snapshot {Path(path).name} cannot be used: {exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SnapshotError(
                f"snapshot {Path(path).name} is not valid JSON (truncated or damaged?): {exc}"
            ) from None
        return cls.from_json(data)


def _bad(field: str, want: str) -> SnapshotError:
    return SnapshotError(f"snapshot is malformed: '{field}' should be {want}")


def _validate(data: dict[str, Any]) -> None:
    """Check the shape of every field, so a damaged file is refused with a clear line rather
    than half-replayed."""
    plat = data["platform"]
    if not isinstance(plat, dict) or not isinstance(plat.get("system"), str) or not plat["system"]:
        raise _bad("platform", "an object with a 'system' name")
    for key in ("release", "version", "machine", "home"):
        if not isinstance(plat.get(key, ""), str):
            raise _bad(f"platform.{key}", "text")
    env = plat.get("env") or {}
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        raise _bad("platform.env", "an object of texts")
    checks = data["checks"]
    if not isinstance(checks, list) or not all(isinstance(c, str) and c for c in checks):
        raise _bad("checks", "a list of check ids")
    if not isinstance(data["recorded_at"], str):
        raise _bad("recorded_at", "a date and time (ISO 8601 text)")
    try:
        when = datetime.fromisoformat(data["recorded_at"].replace("Z", "+00:00"))
        if when.tzinfo is not None:
            when.astimezone(timezone.utc)  # a year-1 or year-9999 time overflows here
    except (ValueError, OverflowError):
        raise _bad("recorded_at", "a date and time (ISO 8601 text)") from None
    if not date_in_range(when):
        raise _bad("recorded_at", "a date between 1980 and 2200")
    if not isinstance(data.get("meta") or {}, dict):
        raise _bad("meta", "an object")
    commands = data.get("commands") or []
    if not isinstance(commands, list):
        raise _bad("commands", "a list")
    for i, c in enumerate(commands):
        where = f"commands[{i}]"
        if not isinstance(c, dict):
            raise _bad(where, "an object")
        argv = c.get("argv")
        if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
            raise _bad(f"{where}.argv", "a non-empty list of texts")
        if c.get("status", "ok") not in ("ok", "not_found", "timeout", "error"):
            raise _bad(f"{where}.status", "one of ok, not_found, timeout, error")
        rc = c.get("returncode")
        if rc is not None and (not isinstance(rc, int) or isinstance(rc, bool)
                               or not -2**31 <= rc < 2**32):
            raise _bad(f"{where}.returncode", "a whole number (32 bits) or null")
        for key in ("stdout", "stderr"):
            if not isinstance(c.get(key) or "", str):
                raise _bad(f"{where}.{key}", "text")
    files = data.get("files") or {}
    if not isinstance(files, dict):
        raise _bad("files", "an object of paths")
    for path, entry in files.items():
        if not isinstance(entry, dict) or not (
            isinstance(entry.get("text"), str) or isinstance(entry.get("base64"), str)
        ):
            raise _bad(f"files[{path!r}]", "an object with 'text' or 'base64'")
    stats = data.get("stats") or {}
    if not isinstance(stats, dict):
        raise _bad("stats", "an object of paths")
    for path, st in stats.items():
        if not isinstance(st, dict) or not all(
            isinstance(st.get(k, 0), (int, float)) and not isinstance(st.get(k, 0), bool)
            for k in ("mode", "size", "mtime", "uid")
        ) or "mode" not in st:
            raise _bad(f"stats[{path!r}]", "an object with a numeric 'mode'")
        if not all(-MAX_STAT_NUMBER <= st.get(k, 0) < MAX_STAT_NUMBER
                   for k in ("mode", "size", "uid")) or not (
                -2**31 <= st.get("mtime", 0) < MAX_MTIME):
            raise _bad(f"stats[{path!r}]", "numbers a real file can have (a time before 2200)")
    dirs = data.get("dirs") or {}
    if not isinstance(dirs, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in dirs.values()
    ):
        raise _bad("dirs", "an object of paths to lists of names")
    matches = data.get("matches") or {}
    if not isinstance(matches, dict) or not all(
        isinstance(v, dict) and all(isinstance(names, list) and all(isinstance(x, str)
                                                                     for x in names)
                                    for names in v.values())
        for v in matches.values()
    ):
        raise _bad("matches", "an object of paths to patterns to lists of names")
    registry = data.get("registry") or {}
    if not isinstance(registry, dict):
        raise _bad("registry", "an object of keys")
    for key, entry in registry.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("values", {}), dict) or \
                not isinstance(entry.get("subkeys", []), list):
            raise _bad(f"registry[{key!r}]", "an object with 'values' and/or 'subkeys'")
    procs = data.get("processes")
    if procs is not None and (not isinstance(procs, list)
                              or not all(isinstance(p, dict) for p in procs)):
        raise _bad("processes", "a list of objects")


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
        self._matches: dict[str, dict[str, list[str]]] = {}
        self._withheld = 0  # listings of personal folders asked for and not recorded
        self._registry: dict[str, dict[str, Any]] = {}
        self._processes: list[dict[str, Any]] | None = None
        self.started = inner.now()

    def run(self, argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
        res = self.inner.run(argv, timeout)
        # a refused command (checks/engine/commands.py) never ran: there is nothing to record
        if res.status not in ("not_found", "refused"):
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
            kept = redact_recorded_file(path, data)
            try:
                entry = {"text": kept.decode("utf-8")}
            except UnicodeDecodeError:
                entry = {"base64": base64.b64encode(kept).decode("ascii")}
            with self._lock:
                self._files[path] = entry
        return data

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def list_dir(self, path: str) -> list[str] | None:
        """The listing, recorded unless the folder is the person's own (checks/privacy/personal.py):
        that one is answered but not kept (a check replayed then finds it unlistable; checks
        ask ``matching`` about such folders instead)."""
        from checks.privacy.personal import is_personal_folder

        out = self.inner.list_dir(path)
        if out is not None:
            with self._lock:
                if is_personal_folder(path, self.platform):
                    self._withheld += 1
                else:
                    self._dirs[path] = list(out)
        return out

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None:
        """The entries matching ``patterns``; each pattern's own matches are recorded."""
        out = self.inner.matching(path, patterns)
        if out is not None:
            with self._lock:
                entry = self._matches.setdefault(path, {})
                for pattern in patterns:
                    entry[pattern] = [n for n in out if name_matches(n, (pattern,))]
        return out

    def recorded_matches(self) -> dict[str, dict[str, list[str]]]:
        with self._lock:
            return {p: dict(v) for p, v in self._matches.items()}

    def recorded_stats(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return dict(self._stats)

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
            extra: dict[str, Any] = {"listings_withheld": self._withheld} if self._withheld \
                else {}
            return Snapshot(
                platform=self.platform,
                checks=list(checks),
                recorded_at=self.started,
                meta={"origin": "recorded", **extra, **(meta or {})},
                commands=list(self._commands.values()),
                files=dict(self._files),
                stats=dict(self._stats),
                dirs=dict(self._dirs),
                registry=dict(self._registry),
                processes=self._processes,
                matches={p: dict(v) for p, v in self._matches.items()},
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
        self._withheld = {self._k(p): v for p, v in snapshot.withheld_dirs.items()}
        self._matches = {self._k(p): v for p, v in snapshot.matches.items()}
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

    def matching(self, path: str, patterns: Sequence[str]) -> list[str] | None:
        """From the recorded answers when every pattern was asked about; otherwise from a
        whole listing of the folder (an old snapshot's, or a system folder's); else None."""
        key = self._k(path)
        recorded = self._matches.get(key)
        if recorded is not None and all(p in recorded for p in patterns):
            names = {str(n) for p in patterns for n in recorded[p]}
            return sorted(names)
        listing = self._dirs.get(key)
        if listing is None:
            listing = self._withheld.get(key)
        if listing is None:
            return None
        return [n for n in listing if name_matches(n, patterns)]

    def stat(self, path: str) -> FileStat | None:
        st = self._stats.get(self._k(path))
        if st is None:
            if self._k(path) in self._files:
                data = self.read_bytes(path) or b""
                return FileStat(0o100644, len(data), self._now.timestamp(), 0)
            if self._k(path) in self._dirs or self._k(path) in self._withheld:
                return FileStat(0o040755, 0, self._now.timestamp(), 0)  # it was listed
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
