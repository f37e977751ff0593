"""Settings: atomic JSON under the user config dir; a damaged file means defaults and a
one-time notice, never a crash."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.settings import (
    LARGER_TEXT_FACTOR,
    Settings,
    load_settings,
    save_settings,
    settings_dir,
    settings_path,
)
from tests.desktop_support import desktop_env_fixture, window_fixture  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent


def test_settings_live_under_platformdirs_user_config_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("CHECKUP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert settings_dir() == tmp_path / "xdg" / "Checkup"
    path = settings_path()
    assert path is not None and path.name == "settings.json"


def test_missing_file_is_defaults_without_notice(tmp_path):
    settings, problem = load_settings(tmp_path / "none.json")
    assert settings == Settings()
    assert problem is None


def test_round_trip_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    assert save_settings(Settings(language="ar", larger_text=True), path)
    assert load_settings(path) == (Settings(language="ar", larger_text=True), None)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"version": 1, "language": "ar", "larger_text": True}


@pytest.mark.parametrize("content", [
    b"{not json",
    b"\xff\xfe\x00garbage",
    b"[1, 2, 3]",
    b'{"language": 42}',
    b'{"larger_text": "yes"}',
    b'{"version": 99, "language": "es"}',
    b"",
])
def test_corrupt_file_gives_defaults_and_a_reason(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem


@pytest.mark.skipif(sys.platform.startswith("win") or os.geteuid() == 0,
                    reason="root reads any file")
def test_unreadable_file_gives_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"language": "es"}', encoding="utf-8")
    path.chmod(0)
    try:
        settings, problem = load_settings(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert settings == Settings() and problem


def test_save_failure_returns_false_not_raises(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert save_settings(Settings(), blocker / "sub" / "settings.json") is False


def test_corrupt_settings_start_the_app_with_defaults_and_a_notice(qtbot, desktop_env):
    from desktop.main_window import MainWindow
    from desktop.qt_i18n import current, default_language, set_language
    from tests.desktop_support import demo_checks

    path = settings_path()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"language": "es", "larger_text": tru')  # truncated write
    settings, problem = load_settings()
    assert problem
    set_language(default_language(settings.language))
    w = MainWindow(settings, problem, checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.show()
    assert w.notice.isVisible()
    assert "could not be read" in w.notice.label.text()
    assert not w.larger_action.isChecked()
    assert current().lang in ("en", "es", "ar")  # the system default, never a crash
    qtbot.mouseClick(w.notice.dismiss, Qt.MouseButton.LeftButton)
    assert not w.notice.isVisible()


def test_app_main_rewrites_a_corrupt_file_so_the_notice_is_one_time(tmp_path):
    """The real entry point, in a fresh process: it starts, shows the window and leaves a
    fresh default settings file in place of the damaged one (so the notice shows once)."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_bytes(b"\x00\x01 damaged")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKUP_")}
    env.update({"CHECKUP_CONFIG_DIR": str(config), "CHECKUP_BENCH_GUI": "shown",
                "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)})
    proc = subprocess.run([sys.executable, "-c",
                           "import sys; from desktop.app import main; sys.exit(main([]))"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "BENCH" in proc.stdout  # the window was shown
    assert load_settings(config / "settings.json") == (Settings(), None)


def test_language_choice_is_saved_and_used_at_next_start(qtbot, desktop_env):
    from desktop.main_window import MainWindow
    from desktop.qt_i18n import current, default_language, set_language
    from tests.desktop_support import demo_checks

    w = MainWindow(checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.language_actions["es"].trigger()
    assert current().lang == "es"
    w.larger_action.trigger()
    assert load_settings() == (Settings(language="es", larger_text=True), None)
    w.close()
    set_language("en")
    settings, problem = load_settings()
    assert default_language(settings.language) == "es"


def test_default_language_follows_the_system_when_shipped(monkeypatch):
    from desktop.qt_i18n import default_language

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ar_EG.UTF-8")
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    assert default_language(None) == "ar"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert default_language(None) == "en"  # not shipped: English
    assert default_language("es") == "es"  # a saved choice wins


def test_larger_text_scales_the_whole_window(qtbot, window):
    from PySide6.QtWidgets import QApplication

    base = QApplication.font().pointSizeF()
    summary = window.header.summary.font().pointSizeF()
    window.larger_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * LARGER_TEXT_FACTOR)
    assert window.findings.font().pointSizeF() == pytest.approx(base * LARGER_TEXT_FACTOR)
    assert window.header.summary.font().pointSizeF() == pytest.approx(
        summary * LARGER_TEXT_FACTOR)
    assert window.settings.larger_text
    window.larger_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base)
