"""A guard against a PySide6 bug that would crash the window after a few minutes.

PySide6 6.12.0's wheels release a reference to ``None`` each time a Qt method that returns
nothing is called. From Python 3.12 on, ``None`` is immortal and nothing happens; on Python
3.10 and 3.11 its reference count falls by one per call (``QLabel.setText``, ``setHtml``,
...) until Python aborts with "Fatal Python error: none_dealloc" — after about five
thousand calls, a few minutes of normal use. (Measured here: 6.11.3 on 3.11 and 6.12.0 on
3.12 are fine; 6.12.0 on 3.10 and 3.11 crash. pyproject.toml therefore keeps Python < 3.12
on PySide6 < 6.12.)

When an affected PySide6 is installed anyway, :func:`protect_none` notices the leak with a
short self-test and gives ``None`` a reference count that cannot run out, which is what
Python 3.12 does for it. Nothing happens on unaffected combinations.
"""

from __future__ import annotations

import sys

_PROBE_CALLS = 64
_applied = False


def none_leaks() -> bool:
    """Whether calling a Qt method that returns nothing loses a reference to None."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        point.setX(1)
    return sys.getrefcount(None) < before - _PROBE_CALLS // 2


def protect_none() -> bool:
    """Apply the guard if needed (once); True when it was applied."""
    global _applied
    if _applied:
        return True
    if not none_leaks():
        return False
    import ctypes

    # ob_refcnt is the first field of every object (CPython < 3.12): raise it far beyond
    # anything the leak can consume.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
    return True
