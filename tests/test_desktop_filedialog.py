"""Saving a report or opening a snapshot leaves no trace of folders in Qt's own settings.

Qt's file dialog writes its history and last visited folder to ``QtProject.conf`` (group
``FileDialog``) under the config dir when it is destroyed. Each scenario runs in a fresh
process with a temporary HOME and XDG_CONFIG_HOME, so Qt's settings paths are computed
from them; afterwards the whole temporary home is searched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.desktop_support import LINUX_MIXED

ROOT = Path(__file__).resolve().parent.parent

APP_FLOW = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

app = QApplication(["checkup"])
from desktop.privacy.file_dialogs import contain_qt_settings
contain_qt_settings()  # what desktop.app.main does at start-up
from desktop.main_window import MainWindow
from tests.desktop_support import demo_checks

docs = Path(sys.argv[1])
snapshot = Path(sys.argv[2])
w = MainWindow(checks_provider=demo_checks)
w.show()
steps = []

def drive(folder, name):
    dlg = QApplication.activeModalWidget()
    if not isinstance(dlg, QFileDialog):
        QTimer.singleShot(20, lambda: drive(folder, name))
        return
    dlg.setDirectory(str(folder))
    dlg.findChild(QLineEdit, "fileNameEdit").setText(name)
    dlg.accept()

def after_scan(result):
    for fmt, name in (("html", "report.html"), ("pdf", "report.pdf"), ("json", "report.json")):
        QTimer.singleShot(20, lambda n=name: drive(docs, n))
        saved = w.save_report()
        steps.append(saved)
    app.quit()

w.scanFinished.connect(after_scan)
QTimer.singleShot(20, lambda: drive(snapshot.parent, snapshot.name))
w.open_snapshot_dialog()  # opens the snapshot through the (open) file dialog
app.exec()
print("SAVED", steps)
"""

PLAIN_QT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
app = QApplication(["plain"])
def drive():
    dlg = QApplication.activeModalWidget()
    if not isinstance(dlg, QFileDialog):
        QTimer.singleShot(20, drive)
        return
    dlg.setDirectory(sys.argv[1])
    dlg.findChild(QLineEdit, "fileNameEdit").setText("x.html")
    dlg.accept()
QTimer.singleShot(20, drive)
d = QFileDialog()
d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
d.exec()
del d
"""


def _run(script: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CHECKUP_"))}
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    })
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _traces(home: Path, folder: Path) -> list[str]:
    """Files under home that mention the dialog's settings or the folder used."""
    out = []
    for p in home.rglob("*"):
        if not p.is_file() or p.parent == folder:
            continue
        text = p.read_bytes().decode("utf-8", errors="replace")
        if "FileDialog" in text or "lastVisited" in text or str(folder) in text:
            out.append(str(p.relative_to(home)))
    return out


def test_plain_qt_file_dialog_records_history_here(tmp_path):
    """Control: in this environment an ordinary Qt file dialog does leave the trace, so the
    test below would notice if Checkup's dialogs did too."""
    home = tmp_path / "home"
    docs = home / "Documents" / "reports"
    docs.mkdir(parents=True)
    proc = _run(PLAIN_QT, home, str(docs))
    assert proc.returncode == 0, proc.stderr
    assert (home / ".config" / "QtProject.conf").exists()
    assert _traces(home, docs)


def test_saving_reports_leaves_no_file_dialog_history(tmp_path):
    home = tmp_path / "home"
    docs = home / "Documents" / "reports"
    docs.mkdir(parents=True)
    snap_dir = home / "Downloads"
    snap_dir.mkdir(parents=True)
    snapshot = snap_dir / "machine.json"
    snapshot.write_bytes(LINUX_MIXED.read_bytes())
    proc = _run(APP_FLOW, home, str(docs), str(snapshot))
    assert proc.returncode == 0, proc.stderr
    assert "SAVED" in proc.stdout, proc.stdout + proc.stderr
    # the three reports were written where the person chose...
    assert sorted(p.name for p in docs.iterdir()) == ["report.html", "report.json",
                                                       "report.pdf"]
    # ...and nothing else remembers that folder, or the one the snapshot came from
    assert not (home / ".config" / "QtProject.conf").exists()
    assert _traces(home, docs) == []
    assert _traces(home, snap_dir) == []
    assert not list(home.rglob("recently-used.xbel"))
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert written == ["Documents/reports/report.html", "Documents/reports/report.json",
                       "Documents/reports/report.pdf", "Downloads/machine.json"]
