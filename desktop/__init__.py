"""Checkup's window (PySide6). Imports the engine (``checks``); the engine never imports this."""

import importlib.util as _util

if _util.find_spec("PySide6") is not None:  # the window's modules need it; others do not
    from desktop.qt_compat import protect_none as _protect_none

    _protect_none()
