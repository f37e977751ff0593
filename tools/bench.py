"""Benchmarks: prints figures, asserts nothing.

    python -m tools.bench [--runs N]      (make bench)

Each measurement runs N times, each time in a fresh Python process, and prints the median
(with min and max) of:
- the time the work itself took, measured inside the process;
- the whole command, from starting Python to its exit (imports included);
- the process's peak memory (resident set size).

Measurements are small functions registered in ``BENCHES``: each returns the Python code a
child process runs; that code must end by calling ``_report(seconds)``. To add one (the
window's start-up time, say), append a ``Bench`` to ``BENCHES``.

The replay measurement first records a snapshot of this machine to a temporary file, which is
deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools.bench_gui import gui_benches
from tools.package import print_bundle_bench

ROOT = Path(__file__).resolve().parent.parent

# Prepended to every child's code: reports the work time and the peak memory as JSON.
PRELUDE = r'''
import json, sys, time
def _peak_rss_bytes():
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except ImportError:  # Windows
        import psutil
        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss)
def _report(seconds):
    print("BENCH " + json.dumps({"seconds": seconds, "rss": _peak_rss_bytes()}))
'''


@dataclass(frozen=True)
class Bench:
    label: str
    code: Callable[[dict[str, str]], str]  # context (e.g. the snapshot path) -> child code


def _live(ctx: dict[str, str]) -> str:
    return (
        "t0 = time.perf_counter()\n"
        "from checks.engine.host import LiveHost\n"
        "from checks.engine.runner import run_scan\n"
        "from checks.reports.report import report_text\n"
        "result = run_scan(LiveHost())\n"
        "report_text(result)\n"
        "_report(time.perf_counter() - t0)\n"
    )


def _replay(ctx: dict[str, str]) -> str:
    return (
        "t0 = time.perf_counter()\n"
        "from checks.engine.runner import run_scan\n"
        "from checks.reports.report import report_text\n"
        "from checks.engine.snapshot import ReplayHost, Snapshot\n"
        f"result = run_scan(ReplayHost(Snapshot.load({ctx['snapshot']!r})))\n"
        "report_text(result)\n"
        "_report(time.perf_counter() - t0)\n"
    )


BENCHES: list[Bench] = [
    Bench("live scan (this machine)", _live),
    Bench("replay scan (a recording of it)", _replay),
]
BENCHES += gui_benches(Bench)  # the window: start-up time, memory after a scan (bench_gui.py)


@dataclass
class Sample:
    seconds: float
    wall: float
    rss: int


def run_child(code: str) -> Sample:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own code, run by our own interpreter
        [sys.executable, "-c", PRELUDE + code], capture_output=True, text=True, cwd=ROOT,
        env=env, timeout=600, check=False)
    wall = time.perf_counter() - t0
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {proc.stderr[-500:]}")
    data = json.loads(line[6:])
    return Sample(float(data["seconds"]), wall, int(data["rss"]))


def _record(path: Path) -> None:
    code = (
        "from checks.engine.host import LiveHost\n"
        "from checks.engine.registry import all_checks\n"
        "from checks.engine.runner import run_scan\n"
        "from checks.engine.snapshot import RecordingHost\n"
        "rec = RecordingHost(LiveHost())\n"
        "run_scan(rec)\n"
        f"rec.snapshot([c.id for c in all_checks()]).dump({str(path)!r})\n"
        "_report(0.0)\n"
    )
    run_child(code)


def _fmt(values: list[float], unit: str, scale: float = 1.0, digits: int = 2) -> str:
    med = statistics.median(values) / scale
    lo, hi = min(values) / scale, max(values) / scale
    return f"{med:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory(prefix="checkup-bench-") as tmp:
        snap = Path(tmp) / "this-machine.json"
        _record(snap)
        ctx = {"snapshot": str(snap)}
        print(f"Checkup benchmarks: median of {runs} runs (min–max), each in a fresh process")
        print(f"Python {sys.version.split()[0]} on {sys.platform}")
        header = f"{'':34} {'work':>22} {'whole command':>22} {'peak memory (RSS)':>26}"
        print(header)
        for bench in BENCHES:
            samples = [run_child(bench.code(ctx)) for _ in range(runs)]
            print(f"{bench.label:34} "
                  f"{_fmt([s.seconds for s in samples], 's'):>22} "
                  f"{_fmt([s.wall for s in samples], 's'):>22} "
                  f"{_fmt([float(s.rss) for s in samples], 'MiB', 1024 * 1024, 1):>26}")
    print_bundle_bench()  # the packaged bundle: size, cold and warm start (tools/package.py)
    return 0


if __name__ == "__main__":
    sys.exit(main())
