"""Measurements for ``make bench`` (tools/bench_gui.py), switched on by the environment
variable CHECKUP_BENCH_GUI ("shown" or "scan"); never active otherwise.

Prints one line ``BENCH {"seconds": ..., "rss": ...}`` and quits:
- "shown": seconds from the process's start to the window being shown and the event loop
  turning;
- "scan": after the window is shown, a scan of this computer; seconds of the scan, and the
  process's peak memory once it is done.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow


def peak_rss_bytes() -> int:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak if sys.platform == "darwin" else peak * 1024)
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return int(getattr(info, "peak_wset", info.rss))


def process_age() -> float:
    import psutil

    return time.time() - psutil.Process().create_time()


def _report(seconds: float) -> None:
    print("BENCH " + json.dumps({"seconds": seconds, "rss": peak_rss_bytes()}), flush=True)
    QApplication.exit(0)


def attach(window: MainWindow, t0: float) -> None:
    mode = os.environ.get("CHECKUP_BENCH_GUI", "shown")

    def shown() -> None:
        startup = process_age()
        if mode != "scan":
            _report(startup)
            return
        started = time.perf_counter()
        if window.controller.running:  # a snapshot or demo machine given on the command line
            window.scanFinished.connect(lambda _r: _report(time.perf_counter() - started))
            return
        window.scanFinished.connect(lambda _r: _report(time.perf_counter() - started))
        window.start_live_scan()

    QTimer.singleShot(0, shown)
