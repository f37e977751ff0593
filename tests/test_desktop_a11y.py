"""Accessibility: every interactive widget has a name a screen reader can say, and the main
controls are reached by keyboard in a sensible order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenuBar,
    QTextEdit,
    QWidget,
)

from tests.desktop_support import (  # noqa: F401 - fixtures
    desktop_env_fixture,
    scan_fixture,
    window_fixture,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit, QMenuBar)


def _nameless(root: QWidget) -> list[str]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        interactive = isinstance(w, INTERACTIVE) or (
            w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isEnabled()
            and not w.objectName().startswith("qt_"))
        if not interactive or w.objectName() in ("qt_scrollarea_viewport",):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not (name or "").strip():
            out.append(f"{type(w).__name__}#{w.objectName()}")
    return out


def test_every_interactive_widget_has_an_accessible_name(qtbot, window):
    assert _nameless(window) == []
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    assert _nameless(window) == []
    for dlg in (window.show_about(), window.show_principles(),
                window.show_page("cannot-see"), window.show_page("border-checklist")):
        qtbot.waitExposed(dlg)
        assert _nameless(dlg) == [], dlg.objectName()
        dlg.close()


def test_main_controls_have_descriptions(window):
    for w in (window.header.scan_button, window.header.cancel_button,
              window.header.save_button, window.findings, window.pane.browser,
              window.pane.handout_button, window.banner.close_button):
        assert w.accessibleName(), w.objectName()
        assert w.accessibleDescription(), w.objectName()


def test_keyboard_reaches_the_controls_in_order(qtbot, window):
    scan_fixture(qtbot, window)
    window.activateWindow()
    window.banner.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window.banner.close_button.hasFocus(), timeout=2000)
    seen: list[QWidget] = []
    for _ in range(12):
        w = QApplication.focusWidget()
        if w is not None and w not in seen:
            seen.append(w)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    order = [w.objectName() for w in seen]
    expected = ["bannerClose", "scanButton", "saveButton", "cannotSeeButton", "findingsList",
                "guidanceText"]
    positions = [order.index(name) for name in expected]
    assert positions == sorted(positions), order


def test_scan_and_menus_work_from_the_keyboard(qtbot, window):
    assert window.scan_action.shortcut().toString() == "F5"
    assert window.cancel_action.shortcut().toString() == "Esc"
    assert not window.open_action.shortcut().isEmpty()
    assert not window.save_action.shortcut().isEmpty()
    assert window.larger_action.shortcut().toString() == "Ctrl++"
    for menu in (window.file_menu, window.view_menu, window.help_menu):
        assert "&" in menu.title()  # Alt+letter opens it


def test_the_window_icon_is_the_neutral_launcher_icon() -> None:
    # Issue 7: a searched laptop should not advertise what its owner worries about. The
    # taskbar/dock shows the window's icon, so it is the same plain checklist as the launcher
    # (it was a shield).
    from checks.engine.resources import resource_path

    root = Path(__file__).resolve().parent.parent
    window_icon = Path(resource_path("icons", "checkup.svg")).read_bytes()
    assert window_icon == (root / "packaging" / "icons" / "checkup.svg").read_bytes()
