"""Several fixture snapshots of one system merged into one demo machine (tools/make_scenarios.py).

Every source is read as a ``tools.snapshot_builder.Fixture`` (the engine's own types:
``CommandResult``, ``FileStat``, ``ProcessInfo``, registry keys) and the result is one
Fixture, which make_scenarios loads through ``checks.engine.snapshot.Snapshot``. The rules:

- the first source gives the platform and the app version; a later source never overrides an
  earlier one (each conflict is noted in ``conflicts``);
- directory listings, registry subkeys and processes are unions, in the order first seen;
- the PowerShell facts of all sources become one facts command (one PowerShell process per
  scan), the first source's command line with every fact in its output;
- each source's home folder and Windows profile folders are rewritten to the first source's
  (in every path, command line, output, file text, registry name and value), so fixtures made
  for different user names fit one machine. On Windows, paths are compared without case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from checks.engine.host import (
    CommandResult,
    FileStat,
    PlatformInfo,
    ProcessInfo,
    RegistryValue,
)
from checks.engine.snapshot import PS_MARKER, SNAPSHOT_FORMAT
from tools.snapshot_builder import Fixture, Meta, RegistryKey

_T = TypeVar("_T")
WINDOWS_PROFILE_ENV = ("USERPROFILE", "LOCALAPPDATA", "APPDATA", "HOME")


class MergeError(Exception):
    pass


def load_source(path: Path, rel: str) -> Fixture:
    """The fixture at ``path`` (named ``rel`` in messages)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MergeError(f"{rel}: cannot read ({exc.strerror or exc})") from None
    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
        raise MergeError(f"{rel}: not a Checkup snapshot")
    return Fixture.from_json(data)


# -- the same machine under one home folder ---------------------------------------------------

def rehome_pairs(src: PlatformInfo, base: PlatformInfo) -> list[tuple[str, str]]:
    """(old, new) path prefixes that move ``src``'s home and profile folders to ``base``'s,
    longest first (so C:\\Users\\ana\\AppData\\Local is rewritten before C:\\Users\\ana)."""
    pairs: list[tuple[str, str]] = []
    candidates = [(src.home, base.home)]
    candidates += [(src.env.get(var, ""), base.env.get(var, "")) for var in WINDOWS_PROFILE_ENV]
    for old, new in candidates:
        if old and new and old != new and (old, new) not in pairs:
            pairs.append((old, new))
            # the same path as it appears inside JSON text (escaped backslashes)
            esc_old, esc_new = json.dumps(old)[1:-1], json.dumps(new)[1:-1]
            if esc_old != old:
                pairs.append((esc_old, esc_new))
    return sorted(pairs, key=lambda p: -len(p[0]))


def _rewriter(pairs: Sequence[tuple[str, str]], fold: bool) -> Callable[[str], str]:
    def rewrite(text: str) -> str:
        for old, new in pairs:
            if not fold:
                text = text.replace(old, new)
                continue
            idx = text.lower().find(old.lower())
            while idx >= 0:
                text = text[:idx] + new + text[idx + len(old):]
                idx = text.lower().find(old.lower(), idx + len(new))
        return text
    return rewrite


def rehome(fx: Fixture, base: Fixture, fold: bool) -> Fixture:
    """``fx`` with its home and profile folders rewritten to ``base``'s."""
    pairs = rehome_pairs(fx.platform, base.platform)
    if not pairs:
        return fx
    t = _rewriter(pairs, fold)

    def value(v: RegistryValue) -> RegistryValue:
        if isinstance(v, str):
            return t(v)
        if isinstance(v, list):
            return [t(x) if isinstance(x, str) else x for x in v]
        return v  # numbers and bytes

    return replace(
        fx,
        meta=replace(fx.meta, source=None if fx.meta.source is None else t(fx.meta.source)),
        commands=[CommandResult(tuple(t(a) for a in c.argv), c.status, c.returncode,
                                t(c.stdout), t(c.stderr)) for c in fx.commands],
        files={t(p): (t(v) if isinstance(v, str) else v) for p, v in fx.files.items()},
        stats={t(p): s for p, s in fx.stats.items()},
        dirs={t(p): [t(n) for n in names] for p, names in fx.dirs.items()},
        registry={t(k): RegistryKey(
            values=None if key.values is None else {t(n): value(v) for n, v in key.values.items()},
            subkeys=None if key.subkeys is None else [t(s) for s in key.subkeys])
            for k, key in fx.registry.items()},
        processes=None if fx.processes is None else [
            ProcessInfo(p.pid, t(p.name), None if p.exe is None else t(p.exe))
            for p in fx.processes])


# -- the union ------------------------------------------------------------------------------

def is_powershell_facts(argv: Sequence[str]) -> bool:
    return bool(argv) and "powershell" in argv[0].lower() and any(
        a.lstrip().startswith(PS_MARKER) for a in argv[1:])


@dataclass
class _Union:
    """What the sources merged so far hold; a table's key is its path as compared (folded on
    Windows), its value the path as first written and the entry."""

    fold: bool
    conflicts: list[str]
    checks: set[str] = field(default_factory=set)
    commands: dict[tuple[str, ...], CommandResult] = field(default_factory=dict)
    ps_template: CommandResult | None = None
    ps_facts: dict[str, Any] = field(default_factory=dict)
    files: dict[str, tuple[str, str | bytes]] = field(default_factory=dict)
    stats: dict[str, tuple[str, FileStat]] = field(default_factory=dict)
    dirs: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    values: dict[str, tuple[str, dict[str, RegistryValue] | None, list[str] | None]] = field(
        default_factory=dict)
    processes: list[ProcessInfo] | None = None
    origins: list[str] = field(default_factory=list)

    def key(self, path: str) -> str:
        return path.replace("/", "\\").lower() if self.fold else path

    def add(self, rel: str, fx: Fixture) -> None:
        self.checks.update(fx.checks)
        self.origins.append(f"{rel} ({fx.meta.source or 'recorded'})")
        for cmd in fx.commands:
            self._command(rel, cmd)
        for path, content in fx.files.items():
            self._first(rel, self.files, path, content)
        for path, stat in fx.stats.items():
            self._first(rel, self.stats, path, stat)
        for path, names in fx.dirs.items():
            k = self.key(path)
            if k not in self.dirs:
                self.dirs[k] = (path, list(names))
                continue
            known = self.dirs[k][1]
            known.extend(n for n in names if n not in known)
        for name, key in fx.registry.items():
            self._registry(rel, name, key)
        if fx.processes is not None:
            self._processes(fx.processes)

    def _first(self, rel: str, store: dict[str, tuple[str, _T]], path: str, entry: _T) -> None:
        k = self.key(path)
        if k in store and store[k][1] != entry:
            self.conflicts.append(f"{rel}: {path} differs; kept the earlier one")
        store.setdefault(k, (path, entry))

    def _command(self, rel: str, cmd: CommandResult) -> None:
        if is_powershell_facts(cmd.argv):
            try:
                facts = json.loads(cmd.stdout or "{}")
            except json.JSONDecodeError:
                raise MergeError(f"{rel}: PowerShell facts are not JSON") from None
            if self.ps_template is None:
                self.ps_template = cmd
            for name, value in facts.items():
                if name in self.ps_facts and self.ps_facts[name] != value:
                    self.conflicts.append(f"{rel}: fact {name} differs; kept the earlier one")
                self.ps_facts.setdefault(name, value)
            return
        if cmd.argv in self.commands and self.commands[cmd.argv] != cmd:
            self.conflicts.append(
                f"{rel}: command {' '.join(cmd.argv)} differs; kept the earlier")
        self.commands.setdefault(cmd.argv, cmd)

    def _registry(self, rel: str, name: str, key: RegistryKey) -> None:
        k = name.lower()
        first, values, subkeys = self.values.get(k, (name, None, None))
        if key.values is not None:
            values = {} if values is None else values
            for vname, v in key.values.items():
                if vname in values and values[vname] != v:
                    self.conflicts.append(f"{rel}: {name}\\{vname} differs; kept earlier")
                values.setdefault(vname, v)
        if key.subkeys is not None:
            subkeys = [] if subkeys is None else subkeys
            subkeys.extend(s for s in key.subkeys if s not in subkeys)
        self.values[k] = (first, values, subkeys)

    def _processes(self, processes: Sequence[ProcessInfo]) -> None:
        if self.processes is None:
            self.processes = []
        seen = {(p.name, str(p.exe)) for p in self.processes}
        for p in processes:
            if (p.name, str(p.exe)) not in seen:
                seen.add((p.name, str(p.exe)))
                self.processes.append(p)

    def all_commands(self) -> list[CommandResult]:
        out = list(self.commands.values())
        if self.ps_template is not None:
            out.insert(0, replace(self.ps_template,
                                  stdout=json.dumps(self.ps_facts, sort_keys=True)))
        return out


def _by_path(table: Mapping[str, tuple[str, Any]]) -> dict[str, Any]:
    return dict(sorted(table.values(), key=lambda entry: entry[0]))


def merge_sources(sources: Sequence[tuple[str, Fixture]], *, meta: Meta, recorded_at: str,
                  platform: Mapping[str, str] | None = None,
                  conflicts: list[str] | None = None) -> Fixture:
    """One machine from ``sources`` ((name, fixture), the first is the base machine), with
    ``meta`` (its ``source`` is set here: the sources in merge order) and ``platform`` facts
    that replace the base's."""
    base = sources[0][1]
    family = base.platform.system
    union = _Union(fold=family == "Windows",
                   conflicts=conflicts if conflicts is not None else [])
    for rel, fx in sources:
        if fx.platform.system != family:
            raise MergeError(f"{rel}: {fx.platform.system} does not fit a {family} scenario")
        union.add(rel, fx if fx is base else rehome(fx, base, union.fold))
    return Fixture(
        platform=PlatformInfo.from_json({**base.platform.to_json(), **(platform or {})}),
        checks=sorted(union.checks), recorded_at=recorded_at, app_version=base.app_version,
        meta=replace(meta, source="Demo machine merged by tools/make_scenarios.py from the "
                                  "checks' test fixtures: " + "; ".join(union.origins)),
        commands=union.all_commands(),
        files=_by_path(union.files), stats=_by_path(union.stats), dirs=_by_path(union.dirs),
        registry={name: RegistryKey(values=values, subkeys=subkeys)
                  for name, values, subkeys in sorted(union.values.values(),
                                                      key=lambda entry: entry[0])},
        processes=union.processes)
