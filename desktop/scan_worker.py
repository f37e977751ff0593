"""Runs a scan off the UI thread and reports through signals; the window never freezes.

``ScanController.start(host_factory, checks, source)`` creates the host *in the worker
thread* (a live host may be slow to set up), runs ``checks.engine.runner.run_scan`` there and
emits:

- ``checkStarted(check_id)`` as each check begins,
- ``progressed(done, total, finding)`` as each check ends,
- ``finished(result)`` with the ScanResult (also after a cancel),
- ``failed(message)`` if the scan itself could not run (the host could not be created).

``cancel()`` asks the runner to stop: checks still waiting are reported as not checked,
and ``finished`` follows promptly even if a command is still running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from checks.engine.host import Host
from checks.engine.model import Finding
from checks.engine.registry import Check, all_checks
from checks.engine.runner import ScanResult, run_scan

HostFactory = Callable[[], Host]
ChecksProvider = Callable[[], Sequence[Check]]


class _Worker(QObject):
    checkStarted = Signal(str)
    progressed = Signal(int, int, object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, host_factory: HostFactory, checks: Sequence[Check],
                 source: dict[str, str], cancel: threading.Event) -> None:
        super().__init__()
        self._host_factory = host_factory
        self._checks = list(checks)
        self._source = source
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            host = self._host_factory()
        except Exception as exc:  # a host that cannot even start: say so, do not crash
            self.failed.emit(f"{exc.__class__.__name__}: {exc}")
            return

        def progress(done: int, total: int, check_id: str, finding: Finding | None) -> None:
            if finding is None:  # the runner says a check has started
                self.checkStarted.emit(check_id)
            else:
                self.progressed.emit(done, total, finding)

        try:
            result = run_scan(host, self._checks, progress=progress, cancel=self._cancel,
                              source=self._source)
        except Exception as exc:  # the runner itself failed: report, never crash the window
            self.failed.emit(f"{exc.__class__.__name__}: {exc}")
            return
        self.finished.emit(result)


class ScanController(QObject):
    """Owns the worker thread of the scan in progress (at most one at a time)."""

    checkStarted = Signal(str)
    progressed = Signal(int, int, object)  # done, total, Finding
    finished = Signal(object)  # ScanResult
    failed = Signal(str)
    runningChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None,
                 checks_provider: ChecksProvider = all_checks) -> None:
        super().__init__(parent)
        self._checks_provider = checks_provider
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._cancel = threading.Event()
        self.total = 0

    @property
    def running(self) -> bool:
        return self._thread is not None

    def checks_for(self, family: str) -> list[Check]:
        return [c for c in self._checks_provider() if c.applies_to(family)]

    def start(self, host_factory: HostFactory, family: str | None,
              source: dict[str, str]) -> bool:
        """Start a scan; False when one is already running."""
        if self._thread is not None:
            return False
        checks = list(self._checks_provider())
        self.total = len([c for c in checks if family is None or c.applies_to(family)])
        self._cancel = threading.Event()
        thread = QThread()
        thread.setObjectName("checkup-scan")
        worker = _Worker(host_factory, checks, source, self._cancel)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.checkStarted.connect(self.checkStarted)
        worker.progressed.connect(self.progressed)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def _stop_thread(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
        if worker is not None:
            worker.deleteLater()
        if thread is not None:
            thread.deleteLater()
        self.runningChanged.emit(False)

    @Slot(object)
    def _on_finished(self, result: ScanResult) -> None:
        self._stop_thread()
        self.finished.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)

    def shutdown(self) -> None:
        """Cancel and wait for the worker thread (window closing, application quitting).

        After a cancel the runner returns within a fraction of a second, or once the
        platform detection's own commands time out (a few seconds at most); a QThread must
        never be destroyed while it runs, so this waits for it."""
        self._cancel.set()
        thread, worker = self._thread, self._worker
        if thread is None:
            return
        if worker is not None:
            for sig in (worker.checkStarted, worker.progressed, worker.finished,
                        worker.failed):
                try:
                    sig.disconnect()
                except (RuntimeError, TypeError):
                    pass
        thread.quit()
        thread.wait()
        self._thread = self._worker = None
        self.runningChanged.emit(False)
