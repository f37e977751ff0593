"""Portable mode: settings next to the program (or beside the macOS .app), memory-only when
that place cannot be written, and nothing at all under the user's home."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checks.privacy import appdirs
from checks.privacy.appdirs import Mode, settings_location
from tests.engine_support import fresh_env

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECKUP_CONFIG_DIR", raising=False)
    monkeypatch.delenv("CHECKUP_PORTABLE", raising=False)
    monkeypatch.setattr(appdirs, "_portable_requested", False)
    monkeypatch.setattr(appdirs, "_memory_reason", None)


def test_user_folder_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    loc = settings_location(tmp_path / "app")
    assert loc.mode is Mode.USER
    if sys.platform.startswith("linux"):
        assert loc.folder == tmp_path / "xdg" / "Checkup"


def test_a_portable_file_next_to_the_program(tmp_path: Path) -> None:
    app = tmp_path / "stick" / "Checkup"
    app.mkdir(parents=True)
    (app / "portable").write_text("")
    loc = settings_location(app)
    assert (loc.mode, loc.folder) == (Mode.PORTABLE, app / "Checkup-settings")
    assert loc.folder is not None and not loc.folder.exists()  # created only when a setting is saved


def test_the_portable_option(tmp_path: Path) -> None:
    appdirs.request_portable()
    assert settings_location(tmp_path).folder == tmp_path / "Checkup-settings"


def test_macos_keeps_the_folder_beside_the_app_not_inside(tmp_path: Path) -> None:
    exe_dir = tmp_path / "USB" / "Checkup.app" / "Contents" / "MacOS"
    exe_dir.mkdir(parents=True)
    (tmp_path / "USB" / "portable").write_text("")
    loc = settings_location(exe_dir)
    assert (loc.mode, loc.folder) == (Mode.PORTABLE, tmp_path / "USB" / "Checkup-settings")


def test_macos_translocated_copy_keeps_settings_in_memory(tmp_path: Path) -> None:
    exe_dir = (tmp_path / "private" / "var" / "folders" / "x" / "T" / "AppTranslocation" /
               "0A1B" / "d" / "Checkup.app" / "Contents" / "MacOS")
    exe_dir.mkdir(parents=True)
    appdirs.request_portable()
    loc = settings_location(exe_dir)
    assert loc.mode is Mode.MEMORY and loc.folder is None
    assert "read-only" in loc.reason


def test_a_folder_that_cannot_be_written_means_memory_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "portable").write_text("")
    monkeypatch.setattr(appdirs.os, "access", lambda *_a, **_k: False)
    loc = settings_location(tmp_path)
    assert loc.mode is Mode.MEMORY and "cannot be written" in loc.reason


def test_memory_only_settings_are_never_written(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.settings import Settings, load_settings, save_settings, settings_path

    appdirs.hold_in_memory("test")
    assert settings_path() is None
    assert save_settings(Settings(language="es")) is False
    assert load_settings() == (Settings(), None)


# -- end to end: the real program, a temporary HOME ----------------------------------------
LAUNCHER = r'''
import sys
sys.path.insert(0, {root!r})
from checks.cli import main
sys.exit(main())
'''

WINDOW = r'''
import sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QEventLoop, QTimer
from checks.privacy.appdirs import settings_location
from desktop.privacy.file_dialogs import contain_qt_settings
from desktop.main_window import MainWindow
from desktop.settings import load_settings
app = QApplication(["checkup"])
contain_qt_settings()
settings, problem = load_settings()
w = MainWindow(settings, problem)
w.show()
loop = QEventLoop()
w.scanFinished.connect(lambda _r: loop.quit())
QTimer.singleShot(120_000, loop.quit)
assert w.open_scenario("linux-luks-pending-updates") or w.start_live_scan()
loop.exec()
w.apply_language("ar")
w.apply_text_size(True)
print("MODE", settings_location().mode.value, "NOTICE", w.notice.isVisible())
w.close()
'''


def _files(dirs: dict[str, Path]) -> list[str]:
    return sorted(str(p) for d in dirs.values() for p in d.rglob("*"))


def test_portable_window_writes_nothing_under_home(tmp_path: Path) -> None:
    env, dirs = fresh_env(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "portable").write_text("")
    (stick / "run_window.py").write_text(WINDOW.format(root=str(ROOT)))
    proc = subprocess.run([sys.executable, str(stick / "run_window.py")], env=env,
                          cwd=stick, capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "MODE portable NOTICE False" in proc.stdout
    assert _files(dirs) == []  # not one file under HOME, the XDG folders or TMPDIR
    saved = stick / "Checkup-settings" / "settings.json"
    assert saved.is_file() and '"ar"' in saved.read_text()
    assert sorted(p.name for p in stick.iterdir()) == ["Checkup-settings", "portable",
                                                       "run_window.py"]


def test_portable_option_on_the_command_line_and_forget(tmp_path: Path) -> None:
    env, dirs = fresh_env(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "checkup.py").write_text(LAUNCHER.format(root=str(ROOT)))
    settings = stick / "Checkup-settings" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"version": 1, "language": "es", "larger_text": false}\n')
    proc = subprocess.run([sys.executable, str(stick / "checkup.py"), "--portable", "forget"],
                          env=env, cwd=stick, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert str(settings) in proc.stdout
    assert not (stick / "Checkup-settings").exists()
    assert _files(dirs) == []
