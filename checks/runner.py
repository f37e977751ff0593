"""Runs the selected checks in parallel: timeouts, progress, cancel, and no crash.

One failing check becomes one ``error`` finding; the others go on.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime

from checks.context import PlatformContext, detect_context
from checks.host import DEFAULT_TIMEOUT, Host, PlatformInfo
from checks.i18n import msg
from checks.model import Evidence, Finding, Status
from checks.redact import Identity, identity_for_host
from checks.registry import Check, Scan, all_checks

CHECK_BOUND = 60.0  # seconds one check may take in all before it is reported as stuck
MAX_WORKERS = 6

# progress(done, total, check_id_just_finished_or_started, finding_or_None)
ProgressFn = Callable[[int, int, str, Finding | None], None]


@dataclass
class ScanResult:
    findings: list[Finding]
    platform: PlatformInfo
    context: PlatformContext
    started: datetime
    duration: float
    source: dict[str, str] = field(default_factory=dict)  # {"kind": "live"|"snapshot", ...}
    cancelled: bool = False
    # Who and what machine the findings are about, so reports can take it out (redact.py).
    identity: Identity | None = None
    # Check id -> title message id of every check the scan ran (reports use it).
    titles: dict[str, str] = field(default_factory=dict)


def select_checks(ids: Sequence[str] | None = None) -> list[Check]:
    checks = all_checks()
    if not ids:
        return checks
    wanted = set(ids)
    unknown = wanted - {c.id for c in checks}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return [c for c in checks if c.id in wanted]


def _finish(check: Check, finding: Finding) -> Finding:
    return replace(finding, check_id=check.id,
                   guidance_id=finding.guidance_id or check.guidance_id)


def _not_recorded(check: Check) -> Finding:
    return _finish(check, Finding(
        Status.UNKNOWN,
        msg("Not recorded in this snapshot: the machine was recorded before this check "
            "existed, or without it."),
        data={"reason": "not_recorded"},
    ))


def _crashed(check: Check, exc: BaseException) -> Finding:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
    return _finish(check, Finding(
        Status.ERROR,
        msg("This check stopped because of a fault in Checkup. The other checks were not "
            "affected. Please report it."),
        evidence=[Evidence("checkup", f"{exc.__class__.__name__}: {exc} ({where})")],
    ))


def _cancelled(check: Check) -> Finding:
    return _finish(check, Finding(Status.UNKNOWN, msg("Not checked: the scan was cancelled."),
                                  data={"reason": "cancelled"}))


def _stuck(check: Check, bound: float) -> Finding:
    return _finish(check, Finding(
        Status.UNKNOWN,
        msg("This check took longer than {seconds} seconds and was abandoned.",
            seconds=int(bound)),
        data={"reason": "timeout"},
    ))


def run_check(check: Check, scan: Scan) -> Finding:
    recorded = getattr(scan.host, "recorded_checks", None)
    if recorded is not None and check.id not in recorded:
        return _not_recorded(check)
    try:
        finding = check.func(scan)
        if not isinstance(finding, Finding):
            raise TypeError(f"check returned {type(finding).__name__}, not a Finding")
    except Exception as exc:
        return _crashed(check, exc)
    return _finish(check, finding)


def run_scan(
    host: Host,
    checks: Sequence[Check] | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    command_timeout: float = DEFAULT_TIMEOUT,
    check_bound: float = CHECK_BOUND,
    source: dict[str, str] | None = None,
) -> ScanResult:
    started_wall = host.now()
    t0 = time.monotonic()
    cancel = cancel or threading.Event()
    family = host.platform.family
    selected = [c for c in (checks if checks is not None else all_checks())
                if c.applies_to(family)]
    context = detect_context(host)
    scan = Scan(host, context, command_timeout, cancel)
    total = len(selected)
    results: dict[str, Finding] = {}
    done = 0

    def report(check_id: str, finding: Finding | None) -> None:
        if progress is not None:
            try:
                progress(done, total, check_id, finding)
            except Exception:  # a broken progress display must not stop the scan
                pass

    pool = ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, total)),
                              thread_name_prefix="check")
    futures: dict[Future[Finding], Check] = {}
    deadline: dict[Future[Finding], float] = {}
    try:
        for c in selected:
            fut = pool.submit(_guarded, c, scan)
            futures[fut] = c
            deadline[fut] = time.monotonic() + check_bound
        pending = set(futures)
        while pending:
            if cancel.is_set():
                for fut in pending:
                    fut.cancel()
                    c = futures[fut]
                    results[c.id] = _cancelled(c)
                    done += 1
                    report(c.id, results[c.id])
                break
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in finished:
                c = futures[fut]
                if fut.cancelled():
                    results[c.id] = _cancelled(c)
                else:
                    results[c.id] = fut.result()
                done += 1
                report(c.id, results[c.id])
            now = time.monotonic()
            for fut in list(pending):
                if now > deadline[fut]:
                    c = futures[fut]
                    results[c.id] = _stuck(c, check_bound)
                    pending.discard(fut)
                    done += 1
                    report(c.id, results[c.id])
    finally:
        pool.shutdown(wait=False, cancel_futures=True)

    findings = [results[c.id] for c in selected if c.id in results]
    return ScanResult(
        findings=findings,
        platform=host.platform,
        context=context,
        started=started_wall,
        duration=time.monotonic() - t0,
        source=source or {"kind": "live"},
        cancelled=cancel.is_set(),
        identity=_identity(host),
        titles={c.id: c.title for c in selected},
    )


def _identity(host: Host) -> Identity | None:
    try:
        return identity_for_host(host)
    except Exception:  # redaction then falls back to the platform facts alone
        return None


def _guarded(check: Check, scan: Scan) -> Finding:
    if scan.cancelled.is_set():
        return _cancelled(check)
    return run_check(check, scan)
