"""No Arabic text is set in italic. Arabic script has no italic, and with common fonts
(DejaVu Sans Oblique has no Arabic letters) Qt drew the welcome pane's last sentence as a row
of empty boxes. In left-to-right languages the same remarks stay italic."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument

from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

ARABIC = re.compile("[\u0600-\u06ff]")


def italic_texts(doc: QTextDocument) -> list[str]:
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.charFormat().fontItalic() and frag.text().strip():
                out.append(frag.text())
            it += 1
        block = block.next()
    return out


@pytest.fixture
def window(qtbot, desktop_env):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.shutdown()


def test_the_welcome_pane_has_no_italic_arabic(window):
    window.apply_language("ar", save=False)
    doc = window.pane.browser.document()
    assert ARABIC.search(doc.toPlainText())
    assert italic_texts(doc) == []
    window.apply_language("en", save=False)
    assert any("demo machine" in t for t in italic_texts(window.pane.browser.document()))


def test_the_principles_dialog_has_no_italic_arabic(qtbot, window):
    window.apply_language("ar", save=False)
    dlg = window.show_principles()
    qtbot.waitExposed(dlg)
    texts = [t for t in italic_texts(dlg.text.document()) if ARABIC.search(t)]
    assert texts == []


def test_the_html_helpers_keep_italics_for_left_to_right_only():
    from desktop.finding_html import aside

    assert aside("x", rtl=False) == "<i>x</i>"
    assert aside("x", rtl=True) == "x"


def test_the_principles_dialog_keeps_its_italic_source_line_in_english(qtbot, window):
    dlg = window.show_principles()
    qtbot.waitExposed(dlg)
    assert italic_texts(dlg.text.document()) != []
