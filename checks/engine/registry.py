"""Checks: their description, the per-scan view they run against, and the registry.

A check module under ``checks/catalog/`` holds a function per system it covers, each taking
the Scan and returning a Finding, and declares the check with ``spec(...)``::

    def _linux(scan: Scan) -> Finding:
        res = scan.run(["mokutil", "--sb-state"])
        ...
        return Finding(Status.PASS, msg("..."), evidence=[Evidence(...)])

    spec(
        "secure-boot", N_("Secure Boot"),
        description=N_("Whether the computer refuses to start tampered system software."),
        order=45,
        slot=10,
        systems={"linux": On(_linux, Status.PASS, Status.FAIL, Status.UNKNOWN),
                 "windows": On(_windows, Status.PASS, Status.FAIL, Status.UNKNOWN)},
        commands=(Command("mokutil", "--sb-state", why="reads UEFI variables any user may read"),),
        files=("/sys/firmware/efi",),
    )

The runner fills in the finding's check id and guidance id.

Each check is described once, by a spec next to its code (``spec(...)``, usually the last
statement of its module): id, title, description, order, what it does on each system it
covers (``On(func, *statuses)``: the systems it covers are those it has a function for, and
the statuses it can give there), the commands it may run (checks/engine/commands.py), the files it
may read, the Windows PowerShell facts it needs, its guidance id, its never-reused slot in
the anonymous summary (checks/workshop/summary.py) and the fixtures it lends to demo machines
(tools/make_scenarios.py). Modules under ``checks/catalog/`` are discovered, not listed.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeVar

from checks.engine.commands import Command
from checks.engine.context import PlatformContext, detect_context
from checks.engine.host import DEFAULT_TIMEOUT, CommandResult, Host
from checks.engine.model import Finding, Status
from checks.engine.winfacts import Fact, WindowsFacts

_T = TypeVar("_T")

ALL_PLATFORMS = frozenset({"linux", "macos", "windows"})


class Scan:
    """What a check sees: the host, the platform context and per-scan shared facts."""

    def __init__(self, host: Host, context: PlatformContext | None = None,
                 command_timeout: float = DEFAULT_TIMEOUT,
                 cancelled: threading.Event | None = None,
                 ps_facts: Iterable[str] | None = None) -> None:
        self.host = host
        self.context = context if context is not None else detect_context(host)
        self.command_timeout = command_timeout
        self.cancelled = cancelled or threading.Event()
        # only the PowerShell facts the selected checks declared (None: every fact)
        self.windows = WindowsFacts(host, ps_facts)
        self._cache_lock = threading.Lock()
        self._memo: dict[Callable[[Scan], Any], Any] = {}
        self._memo_locks: dict[Callable[[Scan], Any], threading.Lock] = {}

    @property
    def family(self) -> str:
        return self.host.platform.family

    def now(self) -> datetime:
        return self.host.now()

    def run(self, argv: list[str], timeout: float | None = None) -> CommandResult:
        """Run a command with the scan's per-command timeout (unless cancelled)."""
        if self.cancelled.is_set():
            return CommandResult(tuple(argv), "error", None, "", "scan cancelled")
        return self.host.run(argv, timeout or self.command_timeout)

    def fact(self, name: str) -> Fact:
        """A Windows fact from the scan's single PowerShell process."""
        return self.windows.get(name)

    def memo(self, fn: Callable[[Scan], _T]) -> _T:
        """``fn(self)``, computed once per scan and shared by every check that asks for it
        (e.g. the installed apps). The function object itself is the key, so pass a
        module-level function, never a lambda made afresh on each call. Thread-safe: a
        second check asking while the first computes waits for that value."""
        with self._cache_lock:
            if fn in self._memo:
                return self._memo[fn]
            fn_lock = self._memo_locks.setdefault(fn, threading.Lock())
        with fn_lock:  # one computation per function; other checks wait for its value
            with self._cache_lock:
                if fn in self._memo:
                    return self._memo[fn]
            value = fn(self)
            with self._cache_lock:
                self._memo[fn] = value
            return value


CheckFunc = Callable[[Scan], Finding]

@dataclass(frozen=True, init=False)
class On:
    """What a check does on one system: its function there, and every status it can give
    there (the runner's own unknown/error for a crash, a timeout or 'not recorded' aside)."""

    func: CheckFunc
    statuses: frozenset[Status]

    def __init__(self, func: CheckFunc, *statuses: Status) -> None:
        if not statuses:
            raise ValueError("declare the statuses the check can give on this system")
        object.__setattr__(self, "func", func)
        object.__setattr__(self, "statuses", frozenset(statuses))


@dataclass(frozen=True)
class Check:
    id: str
    title: str  # an N_()-marked message id
    platforms: frozenset[str]
    func: CheckFunc
    guidance_id: str = ""
    ps_facts: tuple[str, ...] = ()
    order: int = 100
    description: str = ""  # N_()-marked one-liner for `checkup list` and the window
    # From the check's spec (``spec(...)``). Every catalog check has a spec, so a slot; the
    # slot stays Optional only for test-only checks built directly (tests/engine_support.py),
    # which have no place in the anonymous summary.
    slot: int | None = None  # its never-reused position in the anonymous summary
    statuses: Mapping[str, frozenset[Status]] = field(default_factory=dict)  # system -> what it can say
    commands: tuple[Command, ...] = ()  # every command it may run (checks/engine/commands.py)
    files: tuple[str, ...] = ()  # the files it may read (glob patterns; ~ = home folder)
    demos: Mapping[str, str] = field(default_factory=dict)  # demo machine id -> its fixture for that machine
    module: str = ""

    def applies_to(self, family: str) -> bool:
        return family in self.platforms


class _Dispatch:
    """A check's function: the one of the scanned system."""

    def __init__(self, systems: Mapping[str, On]) -> None:
        self._funcs = {family: on.func for family, on in systems.items()}

    def __call__(self, scan: Scan) -> Finding:
        return self._funcs[scan.family](scan)


_REGISTRY: dict[str, Check] = {}


def spec(
    check_id: str,
    title: str,
    *,
    description: str,
    order: int,
    slot: int,
    systems: Mapping[str, On],
    commands: Iterable[Command] = (),
    files: Iterable[str] = (),
    ps_facts: Iterable[str] = (),
    guidance: str | None = None,
    demos: Mapping[str, str] | None = None,
) -> Check:
    """Declare and register one check (see the module docstring); returns its Check."""
    unknown = set(systems) - ALL_PLATFORMS
    if unknown or not systems:
        raise ValueError(f"check {check_id}: systems must be among {sorted(ALL_PLATFORMS)}")
    if slot < 0:
        raise ValueError(f"check {check_id}: a summary slot is a non-negative integer")
    taken = {c.slot: c.id for c in _REGISTRY.values() if c.slot is not None}
    if taken.get(slot, check_id) != check_id:
        raise ValueError(f"check {check_id}: summary slot {slot} is {taken[slot]}'s")
    made = Check(
        id=check_id,
        title=title,
        platforms=frozenset(systems),
        func=_Dispatch(systems),
        guidance_id=guidance or check_id,
        ps_facts=tuple(ps_facts),
        order=order,
        description=description,
        slot=slot,
        statuses=MappingProxyType({f: on.statuses for f, on in systems.items()}),
        commands=tuple(commands),
        files=tuple(files),
        demos=MappingProxyType(dict(demos or {})),
        module=getattr(next(iter(systems.values())).func, "__module__", ""),
    )
    old = _REGISTRY.get(check_id)
    if old is not None and old.module != made.module:
        raise ValueError(f"duplicate check id {check_id}")
    _REGISTRY[check_id] = made
    return made


_loaded = False


def catalog_modules() -> list[str]:
    """The packages under checks/catalog/, found, not listed: one per topic, whose
    ``__init__`` calls ``spec``, and ``readers``, which the topics share."""
    import checks.catalog as package

    return sorted(m.name for m in pkgutil.iter_modules(package.__path__))


def load_catalog() -> None:
    global _loaded
    if _loaded:
        return
    for name in catalog_modules():
        importlib.import_module(f"checks.catalog.{name}")
    _loaded = True


def all_checks() -> list[Check]:
    load_catalog()
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.id))


def get_check(check_id: str) -> Check | None:
    load_catalog()
    return _REGISTRY.get(check_id)
