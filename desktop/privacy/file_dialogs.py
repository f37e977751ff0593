"""File dialogs that leave no trace of where the person keeps their files.

Qt's file dialog remembers visited folders on its own: when a ``QFileDialog`` is destroyed
it writes its history, last visited folder, sidebar and view state to Qt's shared settings
(``QSettings(QSettings::UserScope, "QtProject")``, group ``FileDialog``): on Linux the file
``~/.config/QtProject.conf``, on Windows the registry key ``HKCU\\Software\\QtProject``, on
macOS the ``com.qtproject`` preferences. This cannot be switched off. Native dialogs add
their own records (GTK's recently-used list, Windows' shell MRU lists). For someone whose
laptop may be searched, a list of folders where security reports were saved is a trace.

So Checkup:

1. always uses Qt's own (non-native) dialog, so no native recent-files list is touched;
2. on Linux and other Unix systems, points Qt's user-scope settings at a location that can
   never be created (under ``/dev/null``), so Qt's write fails quietly and nothing lands on
   disk (see :func:`contain_qt_settings`, called once at start-up);
3. everywhere, reads Qt's ``FileDialog`` settings before a dialog opens, destroys the
   dialog as soon as it closes (that is when Qt writes) and puts the settings back as they
   were, removing the group if there was none (Windows and macOS, where the path of native
   settings cannot be redirected).

Within one session, the last folder used is remembered in memory only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

QT_ORG = "QtProject"
QT_GROUP = "FileDialog"
UNIX_SETTINGS_SINK = "/dev/null/checkup-keeps-no-history"

_session_dir: str = ""


def contain_qt_settings() -> None:
    """Make Qt's own user settings unwritable on Unix (call before any dialog is made)."""
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, UNIX_SETTINGS_SINK)


def _qt_settings() -> QSettings:
    return QSettings(QSettings.Scope.UserScope, QT_ORG)


def _read_state() -> dict[str, Any] | None:
    s = _qt_settings()
    if QT_GROUP not in s.childGroups():
        return None
    s.beginGroup(QT_GROUP)
    state = {k: s.value(k) for k in s.allKeys()}
    s.endGroup()
    return state


def _restore_state(state: dict[str, Any] | None) -> None:
    s = _qt_settings()
    s.remove(QT_GROUP)
    if state:
        s.beginGroup(QT_GROUP)
        for k, v in state.items():
            s.setValue(k, v)
        s.endGroup()
    s.sync()


def _start_dir() -> str:
    if _session_dir and Path(_session_dir).is_dir():
        return _session_dir
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else QDir.homePath()


def _make(parent: QWidget | None, title: str, filters: list[str], save: bool) -> QFileDialog:
    dlg = QFileDialog(parent)
    # Must come first: the option only takes effect before other properties are set.
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setObjectName("checkupFileDialog")
    dlg.setWindowTitle(title)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save
                      else QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dlg.setNameFilters(filters)
    dlg.setDirectory(_start_dir())
    dlg.setAccessibleName(title)
    return dlg


def _run(dlg: QFileDialog) -> tuple[str | None, str]:
    """Show the dialog; return (chosen path or None, chosen name filter). Leaves no trace."""
    global _session_dir
    before = _read_state()
    try:
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        files = dlg.selectedFiles() if accepted else []
        chosen_filter = dlg.selectedNameFilter()
    finally:
        dlg.hide()
        dlg.setParent(None)
        _destroy(dlg)
        _restore_state(before)
    if not files:
        return None, chosen_filter
    _session_dir = str(Path(files[0]).parent)
    return files[0], chosen_filter


def _destroy(dlg: QFileDialog) -> None:
    """Delete the C++ dialog now (that is when Qt writes its settings)."""
    import shiboken6

    if shiboken6.isValid(dlg):
        shiboken6.delete(dlg)


def ask_save_path(parent: QWidget | None, title: str, filters: list[str], suggested_name: str,
                  suffixes: list[str] | None = None,
                  selected_filter: str | None = None) -> tuple[str | None, str]:
    """Ask where to save. ``suffixes`` (one per filter, without the dot) is added to a name
    typed without one, before Qt asks whether to replace an existing file."""
    dlg = _make(parent, title, filters, save=True)
    if suffixes:
        by_filter = dict(zip(filters, suffixes, strict=False))
        dlg.filterSelected.connect(lambda f: dlg.setDefaultSuffix(by_filter.get(f, "")))
        dlg.setDefaultSuffix(by_filter.get(selected_filter or filters[0], ""))
    if selected_filter:
        dlg.selectNameFilter(selected_filter)
    dlg.selectFile(suggested_name)
    return _run(dlg)


def ask_open_path(parent: QWidget | None, title: str, filters: list[str]) -> str | None:
    dlg = _make(parent, title, filters, save=False)
    return _run(dlg)[0]


def ask_open_paths(parent: QWidget | None, title: str, filters: list[str]) -> list[str]:
    """Like ``ask_open_path``, for several files at once (a USB stick of summaries)."""
    global _session_dir
    dlg = _make(parent, title, filters, save=False)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFiles)
    before = _read_state()
    try:
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        files = list(dlg.selectedFiles()) if accepted else []
    finally:
        dlg.hide()
        dlg.setParent(None)
        _destroy(dlg)
        _restore_state(before)
    if files:
        _session_dir = str(Path(files[0]).parent)
    return files
