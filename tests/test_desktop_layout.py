"""A wider window (a projector, larger text) gives the findings list its share of the width,
so check names are not cut short."""

from __future__ import annotations

from tests.desktop_support import desktop_env_fixture  # noqa: F401 - fixture


def test_a_wider_window_widens_the_findings_list_too(qtbot, desktop_env):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    w = MainWindow(Settings(larger_text=True), persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    before = w.splitter.sizes()
    w.resize(w.width() + 420, w.height() + 200)
    qtbot.waitUntil(lambda: w.splitter.sizes() != before)
    after = w.splitter.sizes()
    grown = [a - b for a, b in zip(after, before, strict=True)]
    assert grown[0] > 0.3 * sum(grown), (before, after)
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_scenario("windows10-unencrypted-telegram")
    view = w.findings
    title_col = 1
    metrics = view.fontMetrics()
    for _status, title in view.row_texts():
        assert metrics.horizontalAdvance(title) < view.columnWidth(title_col) or \
            view.header().sectionPosition(title_col) + metrics.horizontalAdvance(title) \
            <= view.viewport().width(), (title, view.columnWidth(title_col))
    w.controller.shutdown()
