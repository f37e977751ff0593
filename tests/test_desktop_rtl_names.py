"""A demo machine's translated name, and the date of a scan, read right to left in the
Arabic header, banner and reports.

Text parameters of messages are isolated as left-to-right fragments (paths, versions). The
translated name of a demo machine is an Arabic phrase with Latin words in it; laid out left to
right it was scrambled in the header ("«Telegramقرص غير مشفّر، و :Windows 10 حاسوب…»")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption

from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture

SCENARIO = "windows10-unencrypted-telegram"


def _glyph_x(layout: QTextLayout, char: str) -> list[float]:
    xs = []
    for run in layout.glyphRuns():
        wanted = set(run.rawFont().glyphIndexesForString(char))
        xs += [p.x() for gi, p in zip(run.glyphIndexes(), run.positions(), strict=True)
               if gi in wanted]
    return sorted(xs)


def _layout(text: str, font) -> QTextLayout:
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(8000)
    layout.endLayout()
    return layout


def test_the_arabic_header_shows_the_demo_name_right_to_left(qtbot, desktop_env):
    from desktop.main_window import MainWindow
    from desktop.qt_i18n import _
    from desktop.workshop.scenarios import list_scenarios

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.apply_language("ar", save=False)
    w.show()
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_scenario(SCENARIO)
    text = w.header.source.text()
    name = _(next(s for s in list_scenarios() if s.id == SCENARIO).name)
    assert name in text and "Telegram" in name and "Windows" in name
    # Right to left: "Windows" comes before "Telegram" in the name, so it is drawn right of it
    # (the line's other "Windows", in "Scanned system", comes later: further left).
    layout = _layout(text, w.header.source.font())
    t_x, w_x = _glyph_x(layout, "T"), _glyph_x(layout, "W")
    assert len(t_x) == 1 and len(w_x) == 2
    assert w_x[0] < t_x[0] < w_x[1], text
    w.controller.shutdown()


def test_left_to_right_languages_get_the_name_unchanged():
    from desktop.qt_i18n import own_direction, set_language

    set_language("en")
    assert own_direction("Windows 10 laptop") == "Windows 10 laptop"
    set_language("ar")
    assert own_direction("حاسوب").startswith("\u2068\u200f")
    set_language("en")


def test_the_arabic_header_shows_the_scan_date_right_to_left(qtbot, desktop_env, monkeypatch):
    """Babel writes "25‏/11‏/2026، 2:47:48 م" for Arabic; isolated left to right,
    its right-to-left marks moved the day to the far end ("/2026/11، 2:47:48 م25")."""
    import time
    from dataclasses import replace
    from datetime import datetime, timezone

    from desktop.main_window import MainWindow

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.apply_language("ar", save=False)
    w.show()
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_scenario(SCENARIO)
    assert w.result is not None
    # (without the data-age sentence, whose own date has a 3 and a 6 too)
    live = replace(w.result, source={"kind": "live"}, data=None,
                   started=datetime(2026, 11, 23, 12, 0, 0, tzinfo=timezone.utc))
    _summary, text = w._result_texts(live)
    assert "2026" in text and "23" in text
    layout = _layout(text, w.header.source.font())
    three, six = _glyph_x(layout, "3"), _glyph_x(layout, "6")
    assert len(three) == 1 and len(six) == 1, text  # "23", the day; "2026", the year
    # right to left, the day is read first: it is drawn right of the year
    assert three[0] > six[0], text
    w.controller.shutdown()
    monkeypatch.delenv("TZ")
    time.tzset()
