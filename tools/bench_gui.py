"""The window's figures for ``make bench`` (added to tools/bench.py's BENCHES):

- the time from starting the process to the window being shown (``checkup`` with no
  arguments, through desktop.app.main), and
- the window's peak memory after a scan of this machine.

Each child runs the real entry point with CHECKUP_BENCH_GUI set (desktop/bench_probe.py),
offscreen when there is no display, with settings in a folder that does not exist (so the
person's own settings are neither read nor written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_CHILD = r'''
import os, sys, tempfile
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
        and sys.platform.startswith("linux"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CHECKUP_CONFIG_DIR"] = os.path.join(tempfile.gettempdir(),
                                                "checkup-bench-no-settings", "none")
os.environ["CHECKUP_BENCH_GUI"] = {mode!r}
from desktop.app import main
sys.exit(main(["--lang", "en"]))
'''


def child_code(mode: str) -> str:
    return _CHILD.format(mode=mode)


def gui_benches(bench: Callable[[str, Callable[[dict[str, str]], str]], Any]) -> list[Any]:
    """Bench entries for tools/bench.py (``bench`` is its Bench class); none without Qt."""
    import importlib.util

    if importlib.util.find_spec("PySide6") is None:
        return []
    return [
        bench("window: start to shown", lambda _ctx: child_code("shown")),
        bench("window: live scan (peak memory)", lambda _ctx: child_code("scan")),
    ]
