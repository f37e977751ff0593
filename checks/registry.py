"""Checks: their description, the per-scan view they run against, and the registry.

A check module under ``checks/catalog/`` declares its checks with ``@check(...)``::

    @check("disk-encryption", N_("Disk encryption"), platforms={"linux", "macos", "windows"})
    def disk_encryption(scan: Scan) -> Finding:
        res = scan.host.run(["lsblk", "--json", ...])
        ...
        return Finding(Status.PASS, msg("..."), evidence=[Evidence(...)])

The runner fills in the finding's check id and guidance id.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checks.context import PlatformContext, detect_context
from checks.host import DEFAULT_TIMEOUT, CommandResult, Host
from checks.model import Finding
from checks.winfacts import Fact, WindowsFacts

ALL_PLATFORMS = frozenset({"linux", "macos", "windows"})


class Scan:
    """What a check sees: the host, the platform context and per-scan shared facts."""

    def __init__(self, host: Host, context: PlatformContext | None = None,
                 command_timeout: float = DEFAULT_TIMEOUT,
                 cancelled: threading.Event | None = None) -> None:
        self.host = host
        self.context = context if context is not None else detect_context(host)
        self.command_timeout = command_timeout
        self.cancelled = cancelled or threading.Event()
        self.windows = WindowsFacts(host)
        self._cache: dict[str, Any] = {}
        self._cache_lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}

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

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Share an expensive read between checks of one scan (e.g. the installed apps)."""
        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:  # one computation per key; other checks wait for its value
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
            value = compute()
            with self._cache_lock:
                self._cache[key] = value
            return value


CheckFunc = Callable[[Scan], Finding]


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
    tags: frozenset[str] = field(default_factory=frozenset)

    def applies_to(self, family: str) -> bool:
        return family in self.platforms


_REGISTRY: dict[str, Check] = {}


def check(
    check_id: str,
    title: str,
    *,
    platforms: Iterable[str] = ALL_PLATFORMS,
    guidance: str | None = None,
    ps_facts: Iterable[str] = (),
    order: int = 100,
    description: str = "",
) -> Callable[[CheckFunc], CheckFunc]:
    def register(func: CheckFunc) -> CheckFunc:
        if check_id in _REGISTRY and _REGISTRY[check_id].func is not func:
            raise ValueError(f"duplicate check id {check_id}")
        _REGISTRY[check_id] = Check(
            id=check_id,
            title=title,
            platforms=frozenset(platforms),
            func=func,
            guidance_id=guidance or check_id,
            ps_facts=tuple(ps_facts),
            order=order,
            description=description,
        )
        return func

    return register


_loaded = False


def load_catalog() -> None:
    global _loaded
    if _loaded:
        return
    from checks.catalog import MODULES

    for name in MODULES:
        importlib.import_module(f"checks.catalog.{name}")
    _loaded = True


def all_checks() -> list[Check]:
    load_catalog()
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.id))


def get_check(check_id: str) -> Check | None:
    load_catalog()
    return _REGISTRY.get(check_id)
