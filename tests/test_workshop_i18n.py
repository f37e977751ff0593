"""The workshop's windows in every language: no string escapes translation (pseudo-locale),
the parts are complete in Spanish and Arabic, Arabic lays them out right to left, and every
interactive widget has an accessible name."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt

from tests.desktop_support import (  # noqa: F401 - fixture
    desktop_env_fixture,
    strip_data,
    visible_texts,
)
from tests.test_desktop_a11y import _nameless
from tools.i18n import TRANSLATIONS, extract, parts

PARTS = ("workshop", "content")  # content: the handouts are printed in the workshop
_INNERMOST = re.compile("⟦[^⟦⟧]*⟧")


def untranslated_remainder(text: str) -> str:
    """What is left once pseudo-translated parts (nested ones too: a translated demo machine
    name inside a translated sentence) and isolated data are taken out."""
    text = strip_data(text)
    while _INNERMOST.search(text):
        text = _INNERMOST.sub("", text)
    return text
# Data shown as data: summary fields as shared, OS and language names, the code's example.
DATA = re.compile(r"^(os|app_version|random_code|[a-z0-9-]+): [a-z0-9_.]+$|^ABCD-EFGH-…$"
                  r"|^(Windows|macOS|Linux|English|Español|العربية)$")


@pytest.mark.parametrize("part", PARTS)
def test_every_string_of_the_workshop_is_translated(part):
    fresh = extract(parts()[part])
    assert len(fresh)
    for lang in ("es", "ar"):
        with (TRANSLATIONS / lang / f"{part}.po").open("rb") as fh:
            cat = read_po(fh, locale=lang)
        missing = []
        for m in fresh:
            if not m.id:
                continue
            tm = cat.get(m.id)
            strings = (tm.string if isinstance(tm.string, (list, tuple)) else [tm.string]) \
                if tm is not None else []
            if tm is None or tm.fuzzy or not all(strings):
                missing.append(m.id)
        assert missing == [], (part, lang)


@pytest.fixture
def workshop_window(qtbot, desktop_env):
    from desktop.main_window import MainWindow

    w = MainWindow(persist_settings=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.shutdown()


def _open_all(qtbot, w):
    with qtbot.waitSignal(w.scanFinished, timeout=20000):
        assert w.open_scenario("linux-kubuntu-well-kept")
    share = w.workshop.share_summary()
    dash = w.workshop.show_dashboard()
    assert share is not None and share.summary is not None
    dash.add_code(share.summary.typed_code())
    dash.add_code("NOT-A-CODE")
    hand = w.workshop.show_handouts()
    picker = w.workshop.choose_demo()
    view = w.workshop.start_presenter()
    for dlg in (share, dash, hand, picker, view):
        qtbot.waitExposed(dlg)
    return [share, dash, hand, picker, view]


def test_pseudo_locale_leaves_no_untranslated_string_in_the_workshop(qtbot, workshop_window):
    workshop_window.apply_language("qps", save=False)
    problems = []
    for dlg in _open_all(qtbot, workshop_window):
        dlg.retranslate()
        for where, text in visible_texts(dlg):
            if DATA.search(text) or where.startswith(("shareCode", "presenterSlide",
                                                      "handoutsPreview", "scenarioTree")):
                continue
            if re.search(r"[^\W\d_]{2,}", untranslated_remainder(text)):
                problems.append((dlg.objectName(), where, text))
    assert problems == [], "\n".join(map(str, problems))
    workshop_window.apply_language("en", save=False)


def test_arabic_workshop_is_right_to_left_and_named_for_screen_readers(qtbot, workshop_window):
    workshop_window.apply_language("ar", save=False)
    for dlg in _open_all(qtbot, workshop_window):
        assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft, dlg.objectName()
        assert _nameless(dlg) == [], dlg.objectName()
        title = dlg.windowTitle()
        assert re.search("[\u0600-\u06ff]", title), (dlg.objectName(), title)
    workshop_window.apply_language("en", save=False)


def test_every_workshop_control_has_an_accessible_name_in_english(qtbot, workshop_window):
    for dlg in _open_all(qtbot, workshop_window):
        assert _nameless(dlg) == [], dlg.objectName()
    menu = workshop_window.workshop.menu
    assert [a.text() for a in menu.actions() if a.text()] == [
        "&Demo machines…", "&Presenter view", "&Share an anonymous summary with my trainer…",
        "&Trainer's dashboard…", "Print &handouts…"]
