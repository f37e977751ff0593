"""``checkup --smoke-test``: the packaged program's start-up check (packaging/README.md).

Shows the window, lets Qt paint it, replays a shipped demo machine (guidance, data files,
translations and icons all come from inside the bundle), prints one line and exits 0; exit
1 when the window did not appear or the demo scan failed. Hidden from ``--help``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QMainWindow

TIMEOUT = 60.0


def _wait(app: QApplication, done: object, timeout: float = TIMEOUT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if callable(done) and done():
            return True
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return bool(callable(done) and done())


def smoke_exit(app: QApplication, window: QMainWindow) -> int:
    handle = window.windowHandle()
    shown = _wait(app, lambda: window.isVisible() and handle is not None and handle.isExposed())
    if not shown:
        print("window NOT shown")
        return 1
    print("window shown")
    from desktop.workshop.scenarios import list_scenarios

    scenarios = list_scenarios()
    if scenarios:
        results: list[object] = []
        signal = getattr(window, "scanFinished", None)
        if signal is not None:
            signal.connect(results.append)
        if not window.open_scenario(scenarios[0]):  # type: ignore[attr-defined]
            print("demo scan could NOT start")
            return 1
        if not _wait(app, lambda: bool(results)):
            print("demo scan did NOT finish")
            return 1
        findings = getattr(results[0], "findings", [])
        print(f"demo scan: {len(findings)} findings")
    window.close()
    QCoreApplication.processEvents()
    return 0
