"""Helpers for the engine tests: small in-memory snapshots and test-only checks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checks.engine import registry
from checks.engine.commands import Command
from checks.engine.host import PlatformInfo
from checks.engine.model import Finding
from checks.engine.registry import ALL_PLATFORMS, Check, CheckFunc
from checks.engine.snapshot import ReplayHost, Snapshot

RECORDED = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def snapshot(
    checks: Iterable[str] = (),
    *,
    system: str = "Linux",
    home: str = "/home/tester",
    env: dict[str, str] | None = None,
    commands: Iterable[dict[str, Any]] = (),
    files: dict[str, str] | None = None,
    binary: dict[str, str] | None = None,
    stats: dict[str, dict[str, Any]] | None = None,
    dirs: dict[str, list[str]] | None = None,
    registry_: dict[str, dict[str, Any]] | None = None,
    processes: list[dict[str, Any]] | None = None,
    meta: dict[str, Any] | None = None,
) -> Snapshot:
    file_entries: dict[str, dict[str, str]] = {p: {"text": t} for p, t in (files or {}).items()}
    file_entries.update({p: {"base64": b} for p, b in (binary or {}).items()})
    return Snapshot(
        platform=PlatformInfo(system, "6.1.0", "#1 SMP", "x86_64", home,
                              env if env is not None else {"HOME": home}),
        checks=list(checks),
        recorded_at=RECORDED,
        meta={"origin": "synthetic", "name": "test", **(meta or {})},
        commands=[{"status": "ok", "returncode": 0, "stderr": "", **c} for c in commands],
        files=file_entries,
        stats=stats or {},
        dirs=dirs or {},
        registry=registry_ or {},
        processes=processes,
    )


def replay(snap: Snapshot) -> ReplayHost:
    return ReplayHost(Snapshot.from_json(snap.to_json()))


@contextmanager
def extra_checks(*checks: Check) -> Iterator[list[Check]]:
    """Register test-only checks for the duration of a with-block."""
    registry.load_catalog()
    saved = dict(registry._REGISTRY)
    try:
        for c in checks:
            registry._REGISTRY[c.id] = c
        yield list(checks)
    finally:
        registry._REGISTRY.clear()
        registry._REGISTRY.update(saved)


def make_check(check_id: str, func: CheckFunc, *, title: str = "Test check",
               platforms: Iterable[str] = ALL_PLATFORMS, order: int = 900,
               commands: Iterable[Command] = ()) -> Check:
    """A test-only check: no spec, so no summary slot. On a ReplayHost or a fake host it needs
    no declarations; one that runs on a LiveHost declares its ``commands`` (they join the
    policy while it is registered with ``extra_checks``), like a catalog check's spec."""
    return Check(id=check_id, title=title, platforms=frozenset(platforms), func=func,
                 guidance_id=check_id, order=order, commands=tuple(commands))


FRESH_FOLDERS = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                 "XDG_RUNTIME_DIR", "TMPDIR")


def fresh_env(tmp: Path) -> tuple[dict[str, str], dict[str, Path]]:
    """The environment for a child process whose home, XDG folders and TMPDIR are new empty
    folders under ``tmp`` (returned by variable name), without this run's XDG_*, CHECKUP_*
    and PYTEST_* variables, with Qt offscreen and no bytecode written."""
    dirs = {k: tmp / k.lower() for k in FRESH_FOLDERS}
    for d in dirs.values():
        d.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "CHECKUP_", "PYTEST_")) and k not in ("HOME", "TMPDIR")}
    env.update({k: str(v) for k, v in dirs.items()})
    env.update(PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    return env, dirs


def run_on(snap: Snapshot, check_id: str) -> Finding:
    """The finding of the registered check ``check_id`` on a snapshot (a case built in a test
    with tools/snapshot_builder: ``run_on(fixture.snapshot(), "screen-lock")``)."""
    from checks.engine.registry import Scan, get_check
    from checks.engine.runner import run_check

    check = get_check(check_id)
    assert check is not None, check_id
    return run_check(check, Scan(ReplayHost(snap)))
