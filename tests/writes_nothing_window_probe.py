"""Run by tests/test_writes_nothing.py in a fresh process with temporary HOME, XDG folders
and TMPDIR (not collected on its own): a full live scan in the window, then a language
change (the one thing that writes: the settings file)."""

from __future__ import annotations

import os

import pytest


@pytest.mark.skipif(not os.environ.get("CHECKUP_WRITES_NOTHING_PROBE"),
                    reason="run by tests/test_writes_nothing.py only")
def test_full_scan_in_the_window_then_a_setting(qtbot) -> None:
    from desktop.main_window import MainWindow
    from desktop.privacy.file_dialogs import contain_qt_settings
    from desktop.qt_i18n import set_language
    from desktop.settings import load_settings

    contain_qt_settings()
    settings, problem = load_settings()
    assert problem is None
    set_language("en")
    window = MainWindow(settings, problem)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.scanFinished, timeout=180_000) as blocker:
        assert window.start_live_scan()
    result = blocker.args[0]
    assert len(result.findings) >= 5
    window.pane.show_finding(result.findings[0], "x", result.platform.family)
    window.show_page("os-records")
    window.apply_language("es")  # saves the settings file
    window.close()
