"""Presenter view: a demo machine, full screen, one finding at a time, driven by the keys a
presentation clicker sends; never the trainer's own machine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checks.engine.model import Status
from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

SCENARIO = "windows10-unencrypted-telegram"
NAME = "Windows 10 laptop: no disk encryption, Telegram"


@pytest.fixture
def window(qtbot, desktop_env):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)  # the real, registered checks
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.shutdown()


def _present(qtbot, window):
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        assert window.open_scenario(SCENARIO)
    view = window.workshop.start_presenter()
    from desktop.workshop.presenter import PresenterView

    assert isinstance(view, PresenterView)
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=3000)
    return view


def test_keyboard_and_clicker_keys_move_through_the_findings(qtbot, window):
    view = _present(qtbot, window)
    assert view.isFullScreen()
    assert NAME in view.banner.text() and "not this computer" in view.banner.text()
    assert view.index == 0 and view.slide_count() == 1 + len(window.result.findings)
    assert NAME in view.plain_text()  # the overview names the machine
    for key, expected in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2),
                          (Qt.Key.Key_Space, 3), (Qt.Key.Key_Left, 2),
                          (Qt.Key.Key_PageUp, 1), (Qt.Key.Key_End, view.slide_count() - 1),
                          (Qt.Key.Key_Right, view.slide_count() - 1),  # stays on the last
                          (Qt.Key.Key_Home, 0), (Qt.Key.Key_Left, 0)):
        qtbot.keyClick(view, key)
        qtbot.waitUntil(lambda e=expected: view.index == e, timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: view.index == 1, timeout=3000)
    first = view.current_finding()
    assert first is not None and first.status is Status.FAIL  # most urgent first
    text = view.plain_text()
    assert window.title_for(first.check_id) in text
    assert "Needs action" in text
    assert "How to fix it" in text  # its fix steps, for the machine's own system
    assert "1 of" not in view.position.text() and "2 of" in view.position.text()
    qtbot.keyClick(view, Qt.Key.Key_B)  # blank the screen...
    qtbot.waitUntil(lambda: view.blanked, timeout=3000)
    assert window.title_for(first.check_id) not in view.plain_text()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # ...and carry on
    qtbot.waitUntil(lambda: view.index == 2 and not view.blanked, timeout=3000)
    with qtbot.waitSignal(view.closed, timeout=3000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.workshop.presenter is None, timeout=3000)


def test_each_slide_shows_what_to_do_on_the_demo_machine_system(qtbot, window):
    view = _present(qtbot, window)
    seen_fix = seen_verify = False
    for i in range(1, view.slide_count()):
        view.go_to(i)
        f = view.current_finding()
        assert f is not None
        text = view.plain_text()
        assert window.title_for(f.check_id) in text
        if f.status is Status.FAIL and "How to fix it" in text:
            seen_fix = True
            assert "macOS" not in text.split("How to fix it", 1)[1][:60]
        if f.status is Status.UNKNOWN and "How to check it yourself" in text:
            seen_verify = True
        # the largest text that fits: never below the projector minimum
        assert view.font_px >= 14
    assert seen_fix
    del seen_verify  # depends on the scenario's unknowns
    view.close()


def test_the_presenter_never_shows_this_computer(qtbot, window, monkeypatch):
    """With no demo machine on screen it asks which demo machine to present."""
    from desktop.workshop.scenario_picker import ScenarioPicker

    picker = window.workshop.start_presenter()
    assert isinstance(picker, ScenarioPicker) and picker.present
    qtbot.waitExposed(picker)
    assert picker.open_button.text() == "Present it"
    assert picker.select(SCENARIO)
    with qtbot.waitSignal(window.scanFinished, timeout=20000):
        picker.accept()
    qtbot.waitUntil(lambda: window.workshop.presenter is not None, timeout=5000)
    view = window.workshop.presenter
    assert view is not None and NAME in view.banner.text()
    view.close()


def test_presenter_in_arabic_is_right_to_left(qtbot, window):
    window.apply_language("ar", save=False)
    view = _present(qtbot, window)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClick(view, Qt.Key.Key_Right)  # a clicker's "next" is the same key in Arabic
    qtbot.waitUntil(lambda: view.index == 1, timeout=3000)
    assert "Needs action" not in view.plain_text()
    view.close()
    window.apply_language("en", save=False)


@pytest.mark.parametrize(("lang", "next_keys"), [
    ("en", "→, Page Down or Space: next"),
    ("es", "→, Av Pág o Espacio: siguiente"),
])
def test_the_key_hint_separates_the_keys(qtbot, window, lang, next_keys):
    """It read "→ Page Down Space: next", as if "Page Down Space" were one key."""
    window.apply_language(lang, save=False)
    view = _present(qtbot, window)
    assert view.hint.text().startswith(next_keys)
    assert view.accessibleDescription() == view.hint.text()
    view.close()
    window.apply_language("en", save=False)
