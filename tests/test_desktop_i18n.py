"""Languages in the window: no string escapes translation (pseudo-locale), Arabic lays out
right to left, Spanish and Arabic show no English, and a switch at runtime retranslates."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checks.engine.i18n import LANGUAGES
from desktop.qt_i18n import current, qt_catalogue_loaded, set_language
from tests.desktop_support import (  # noqa: F401 - fixtures
    desktop_env_fixture,
    scan_fixture,
    strip_data,
    untranslated_remainder,
    visible_texts,
    window_fixture,
)
from tools.i18n import TRANSLATIONS, extract, parts

# Texts that are the same in every language: names, not words to translate.
NAMES = {"Checkup", *LANGUAGES.values()}
# Words that stay in Latin script in Arabic text: brand and format names.
LATIN_NAMES = re.compile(r"(?<![A-Za-z])(Checkup|PDF|HTML|JSON|Qt|Python|Signal|Telegram|"
                         r"WhatsApp|FileVault|BitLocker|LUKS|MacBook|Mac|macOS|Windows|Linux|"
                         r"Ubuntu)(?![A-Za-z])")
# Data the tests' own checks put on screen (titles and summaries come from test code, not
# from a catalogue), and the report labels and engine sentences that other parts translate.
TEST_DATA = re.compile(r"\(test\)|^findingsList\.row\d+\.1")


def _scan_and_select(qtbot, window) -> None:
    scan_fixture(qtbot, window)
    window.findings.select_check("demo-disk")
    window.statusBar().showMessage("")


def test_pseudo_locale_leaves_no_untranslated_visible_string(qtbot, window):
    window.apply_language("qps", save=False)
    _scan_and_select(qtbot, window)
    window.notice.show_notice(lambda: __import__("desktop.qt_i18n").qt_i18n._(
        "Your saved settings could not be read, so Checkup started with its default "
        "settings. Choose your language and text size again if needed."))
    problems = []
    for where, text in visible_texts(window):
        if text in NAMES or where.startswith("languageMenu/"):
            continue
        if re.search(r"[^\W\d_]", untranslated_remainder(text)):
            problems.append((where, text))
    assert problems == []
    # the pane's own headings are translated too; evidence stays as data (isolated)
    pane = window.pane.plain_text()
    assert "⟦" in pane
    assert "\u2068\u200elsblk --json -o NAME,TYPE,MOUNTPOINT\u200e\u2069" in pane


def test_arabic_lays_out_right_to_left_and_shows_no_english(qtbot, window):
    window.language_actions["ar"].trigger()
    assert current().lang == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.findings.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert qt_catalogue_loaded()  # Qt's own strings (dialog buttons) from PySide6's qtbase_ar
    _scan_and_select(qtbot, window)
    problems = []
    for where, text in visible_texts(window):
        if text in NAMES or where.startswith("languageMenu/") or TEST_DATA.search(text) \
                or TEST_DATA.search(where) or where.startswith("guidanceText"):
            continue
        rest = LATIN_NAMES.sub("", strip_data(text))
        if re.search(r"[A-Za-z]{2,}", rest):
            problems.append((where, text))
    assert problems == []
    # the summary counts use Arabic plural forms, not English
    assert not re.search(r"[A-Za-z]", window.header.summary.text())
    # evidence is isolated so it is not scrambled by the right-to-left layout
    assert "\u2068\u200elsblk --json -o NAME,TYPE,MOUNTPOINT\u200e\u2069" in window.pane.plain_text()
    # Qt's own words come from PySide6's qtbase_ar: the About dialog's Close button
    about = window.show_about()
    close = about.buttons.buttons()[0].text()
    assert close and not re.search(r"[A-Za-z]", close), close
    assert about.layoutDirection() == Qt.LayoutDirection.RightToLeft
    about.close()


def test_spanish_shows_no_english_chrome(qtbot, window):
    english = dict(visible_texts(window))
    window.language_actions["es"].trigger()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    spanish = dict(visible_texts(window))
    same = [(k, v) for k, v in spanish.items()
            if english.get(k) == v and v not in NAMES and re.search(r"[A-Za-z]{3,}", v)
            and not k.startswith("languageMenu/")]
    assert same == []
    assert window.header.scan_button.text() != "Scan this computer"


def test_switching_language_at_runtime_retranslates_everything_shown(qtbot, window):
    _scan_and_select(qtbot, window)
    english_rows = window.findings.row_texts()
    english_pane = window.pane.plain_text()
    window.language_actions["es"].trigger()
    assert window.findings.row_texts()[0][0] != english_rows[0][0]
    assert window.pane.plain_text() != english_pane
    assert window.file_menu.title() != "&File"
    window.language_actions["en"].trigger()
    assert window.findings.row_texts() == english_rows
    assert window.file_menu.title() == "&File"


def test_language_names_are_shown_in_their_own_script(window):
    names = {code: act.text() for code, act in window.language_actions.items()}
    assert names == {"en": "English", "es": "Español", "ar": "العربية"}
    window.language_actions["ar"].trigger()
    assert {code: act.text() for code, act in window.language_actions.items()} == names
    assert window.language_actions["ar"].isChecked()


def test_every_desktop_string_is_translated_in_each_shipped_language():
    fresh = extract(parts()["desktop"])
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in fresh if m.id}
    assert ids  # the window has strings to translate
    for lang in ("es", "ar"):
        with (TRANSLATIONS / lang / "desktop.po").open("rb") as fh:
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
        assert missing == [], lang


def test_pseudo_language_is_not_offered_to_people(window):
    assert "qps" not in window.language_actions
    set_language("en")


def test_no_gettext_call_hides_inside_an_f_string():
    """Babel cannot extract ``_()`` inside an f-string: such a string would never be
    translated (the pseudo-locale would not notice, as it wraps at runtime)."""
    import ast

    offenders = []
    for path in parts()["desktop"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                            and sub.func.id in ("_", "ngettext", "N_") \
                            and sub.args and isinstance(sub.args[0], ast.Constant):
                        offenders.append(f"{path.name}:{sub.lineno}")
    assert offenders == []


# What Qt's QLocale.system().uiLanguages() gives on a Mac whose languages are Arabic, then
# English (Qt adds the script and the bare language to each entry).
MAC_ARABIC_FIRST = ["ar-Arab-EG", "ar-EG", "ar-Arab", "ar", "en-Latn-US", "en-US", "en"]


def _open_window(qtbot, ui_languages):
    """Start as desktop.app does: the saved settings, else the system's languages."""
    from desktop.main_window import MainWindow
    from desktop.qt_i18n import default_language
    from desktop.settings import load_settings
    from tests.desktop_support import demo_checks

    settings, problem = load_settings()
    set_language(default_language(settings.language, ui_languages=ui_languages))
    w = MainWindow(settings, problem, checks_provider=demo_checks)
    qtbot.addWidget(w)
    w.show()
    return w


def test_first_start_speaks_the_systems_ui_language_and_a_saved_choice_wins(
        qtbot, desktop_env, monkeypatch):
    from desktop.settings import Settings, load_settings, save_settings

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # a Mac app opened in the Finder
        monkeypatch.delenv(var, raising=False)
    assert load_settings() == (Settings(), None)  # nothing saved: the first start
    w = _open_window(qtbot, lambda: MAC_ARABIC_FIRST)
    assert current().lang == "ar"
    assert w.language_actions["ar"].isChecked()
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not re.search(r"[A-Za-z]", w.header.scan_button.text())
    w.controller.shutdown()
    w.close()

    save_settings(Settings(language="es"))
    w = _open_window(qtbot, lambda: MAC_ARABIC_FIRST)
    assert current().lang == "es"
    assert w.language_actions["es"].isChecked()
    assert w.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert w.header.scan_button.text() != "Scan this computer"
    w.controller.shutdown()


def test_first_start_on_linux_keeps_gettexts_rule_for_the_c_locale(desktop_env, monkeypatch):
    """Qt's list on Linux is built from LANGUAGE even under LANG=C; the window does not use it
    there, so LANGUAGE=ar with LANG=C starts in English as gettext programs do."""
    from PySide6.QtCore import QLocale

    from desktop.qt_i18n import default_language, qt_ui_languages

    assert qt_ui_languages("linux") == []
    assert qt_ui_languages("darwin") == list(QLocale.system().uiLanguages())
    assert qt_ui_languages("win32") == list(QLocale.system().uiLanguages())
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "ar")
    monkeypatch.setenv("LANG", "C")
    assert default_language(None) == "en"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert default_language(None) == "ar"
