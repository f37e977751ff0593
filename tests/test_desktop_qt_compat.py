"""The guard against PySide6 6.12's release of None on Python < 3.12 (desktop/qt_compat.py):
thousands of Qt calls later, the process is still alive and None is intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MANY_CALLS = r"""
import sys
import desktop  # applies the guard when this PySide6 needs it
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(20000):
    label.setText("x")
print("alive", sys.getrefcount(None) > 1000)
"""


def test_many_qt_calls_do_not_exhaust_none(tmp_path):
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", MANY_CALLS], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert "alive True" in proc.stdout


def test_guard_is_a_no_op_where_none_does_not_leak():
    from desktop import qt_compat

    if not qt_compat.none_leaks():
        before = sys.getrefcount(None)
        assert qt_compat.protect_none() in (False, qt_compat._applied)
        assert abs(sys.getrefcount(None) - before) < 1000
    else:  # an affected PySide6: the guard is on (desktop was imported above)
        assert qt_compat._applied
