"""Runs the selected checks in parallel: timeouts, progress, cancel, and no crash.

One failing check becomes one ``error`` finding; the others go on.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from checks.engine.context import PlatformContext, detect_context
from checks.engine.datafile import DataOrigin, data_origin
from checks.engine.host import DEFAULT_TIMEOUT, Host, PlatformInfo
from checks.engine.i18n import msg
from checks.engine.model import Evidence, Finding, NotChecked, Status
from checks.engine.registry import Check, Scan, all_checks
from checks.engine.sandbox import sandboxed
from checks.privacy.redact import Identity, identity_for_host

CHECK_BOUND = 60.0  # seconds one check may take in all before it is reported as stuck
MAX_WORKERS = 6

# progress(done, total, check_id, finding): once with finding None as a check starts (in
# no set order between checks running at the same time), then once with its finding as it
# ends. A check never started (cancelled while queued) reports only its finding. Every call
# comes from the thread that called run_scan.
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
    # Where the dated facts the checks used came from, and their date (reports show its age).
    data: DataOrigin | None = None


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
        not_checked=NotChecked.NOT_RECORDED,
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
                                  not_checked=NotChecked.CANCELLED))


def _stuck(check: Check, bound: float) -> Finding:
    return _finish(check, Finding(
        Status.UNKNOWN,
        msg("This check took longer than {seconds} seconds and was abandoned.",
            seconds=int(bound)),
        not_checked=NotChecked.TIMEOUT,
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
    # Inside an application sandbox every verdict would be about the sandbox (checks/engine/sandbox.py).
    return _finish(check, sandboxed(finding, getattr(scan.context, "sandbox", "")))


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
    data = _data_origin()
    t0 = time.monotonic()
    cancel = cancel or threading.Event()
    family = host.platform.family
    selected = [c for c in (checks if checks is not None else all_checks())
                if c.applies_to(family)]
    context = detect_context(host)
    # Windows: the one PowerShell process runs only the facts the selected checks declared
    # (every registered fact when the caller named no checks).
    ps_facts = None if checks is None else sorted({f for c in selected for f in c.ps_facts})
    scan = Scan(host, context, command_timeout, cancel, ps_facts=ps_facts)
    total = len(selected)
    results: dict[str, Finding] = {}
    done = 0

    def report(check_id: str, finding: Finding | None) -> None:
        if progress is not None:
            try:
                progress(done, total, check_id, finding)
            except Exception:  # a broken progress display must not stop the scan
                pass

    # Worker threads are daemons: a check stuck past its bound is abandoned, and cannot keep
    # the program from exiting. The bound counts from when the check starts, not from when
    # it was queued behind others.
    tasks: queue.Queue[Check] = queue.Queue()
    for c in selected:
        tasks.put(c)
    # (check id, None) as a check starts, (check id, finding) as it ends
    finished: queue.Queue[tuple[str, Finding | None]] = queue.Queue()
    started: dict[str, float] = {}
    started_lock = threading.Lock()

    def worker() -> None:
        while not cancel.is_set():
            try:
                c = tasks.get_nowait()
            except queue.Empty:
                return
            with started_lock:
                started[c.id] = time.monotonic()
            finished.put((c.id, None))
            finished.put((c.id, _guarded(c, scan)))

    by_id = {c.id: c for c in selected}
    for i in range(max(1, min(MAX_WORKERS, total))):
        threading.Thread(target=worker, name=f"check-{i}", daemon=True).start()

    def settle(check_id: str, finding: Finding | None) -> None:
        nonlocal done
        if check_id in results:
            return  # already reported (a late answer from an abandoned check)
        if finding is None:
            report(check_id, None)  # it has started
            return
        results[check_id] = finding
        done += 1
        report(check_id, finding)

    while len(results) < total:
        if cancel.is_set():
            while True:  # take what already finished, then mark the rest cancelled
                try:
                    settle(*finished.get_nowait())
                except queue.Empty:
                    break
            for c in selected:
                settle(c.id, _cancelled(c))
            break
        try:
            settle(*finished.get(timeout=0.05))
        except queue.Empty:
            pass
        now = time.monotonic()
        with started_lock:
            overdue = [cid for cid, t in started.items()
                       if cid not in results and now - t > check_bound]
        for cid in overdue:
            settle(cid, _stuck(by_id[cid], check_bound))

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
        data=data,
    )


def _data_origin() -> DataOrigin | None:
    try:
        return data_origin()
    except Exception:  # unreadable data is each check's own finding; the scan goes on
        return None


def _identity(host: Host) -> Identity | None:
    try:
        return identity_for_host(host)
    except Exception:  # redaction then falls back to the platform facts alone
        return None


def _guarded(check: Check, scan: Scan) -> Finding:
    if scan.cancelled.is_set():
        return _cancelled(check)
    return run_check(check, scan)
