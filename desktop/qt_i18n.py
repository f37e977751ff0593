"""The window's language: gettext for our strings, Qt's own catalogues for Qt's strings.

Widgets call ``_("...")`` / ``ngettext(...)`` from here at the moment they set a text, and
implement ``retranslate()`` so a language switch at runtime re-renders everything. Qt's
standard strings (dialog buttons, the file dialog) come from the ``qtbase_<lang>.qm`` files
that PySide6 ships, installed through ``QTranslator``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from checks.engine.i18n import (
    LANGUAGES,
    N_,
    PSEUDO,
    Translator,
    rtl_isolate,
    text_direction,
    translator,
)
from checks.engine.plain_text import Own
from checks.engine.ui_language import pick_language, system_language

__all__ = ["N_", "_", "ngettext", "current", "set_language", "install_qt_translator",
           "language_choices", "default_language", "resolve_language", "own_direction",
           "layout_direction"]

_current: Translator = translator("en")
_qt_translators: list[QTranslator] = []


def current() -> Translator:
    """The Translator for the window's language."""
    return _current


def own_direction(text: str) -> str:
    """Text in the window's own language (a translated demo machine name, a date Babel wrote
    for Arabic), isolated in the window's direction.

    Messages isolate their text parameters as left-to-right fragments (paths, versions). In
    Arabic that scrambled phrases of the language: "حاسوب محمول بنظام Windows 10: قرص غير
    مشفّر، وTelegram" and Babel's "23‏/11‏/2026، 1:20:36 م" (whose right-to-left marks then
    moved the day to the end). A right-to-left mark inside the isolate keeps them right to
    left, and ``isolate`` leaves an isolated text as it is. Unchanged in left-to-right
    languages. Marked ``Own`` (the program's text, kept as it is by ``Translator.render``):
    never pass machine text."""
    return rtl_isolate(text) if _current.rtl else Own(text)


def layout_direction(direction: str | None = None) -> Qt.LayoutDirection:
    """Qt's layout direction for a text direction (``"rtl"``/``"ltr"``, as
    ``checks.engine.i18n.text_direction`` decides it); by default the window language's."""
    if direction is None:
        direction = _current.direction
    return (Qt.LayoutDirection.RightToLeft if direction == "rtl"
            else Qt.LayoutDirection.LeftToRight)


def _(text: str) -> str:
    return _current.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def resolve_language(lang: str | None) -> str:
    """A language we can show: a shipped one, the pseudo-locale, else English."""
    if lang == PSEUDO:
        return PSEUDO
    return pick_language([lang]) or "en"


def qt_ui_languages(system: str | None = None) -> list[str]:
    """The person's user-interface languages as Qt has them from Windows or macOS.

    On Linux and other Unix systems Qt builds this list from ``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` without gettext's rule that ``LANGUAGE`` does not count in
    the C locale; ``system_language`` has already read those variables by that rule, so the
    list would only bring back what the rule set aside."""
    if (system or sys.platform) not in ("win32", "darwin"):
        return []
    return list(QLocale.system().uiLanguages())


def default_language(saved: str | None,
                     ui_languages: Callable[[], Iterable[str]] | None = None) -> str:
    """The saved choice, else the system language when we ship it, else English.

    The system language: ``LANGUAGE``/``LC_*``/``LANG`` as gettext reads them, then
    ``ui_languages()`` (default: Qt's list), then ``locale.getlocale()``
    (``checks.engine.ui_language``)."""
    if saved:
        return resolve_language(saved)
    return resolve_language(system_language(platform_languages=ui_languages or qt_ui_languages))


def language_choices() -> list[tuple[str, str]]:
    """(code, name in its own script), in the order shown to people."""
    return list(LANGUAGES.items())


def set_language(lang: str) -> Translator:
    """Switch the strings (not the widgets: callers retranslate) and Qt's catalogues."""
    global _current
    _current = translator(resolve_language(lang))
    install_qt_translator(_current.lang)
    return _current


def install_qt_translator(lang: str) -> None:
    """Load Qt's own translations for ``lang`` (if shipped) and set the layout direction."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_translators:
        QCoreApplication.removeTranslator(old)
    _qt_translators.clear()
    base = lang.split("_")[0]
    if base not in ("en", PSEUDO):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in (f"qtbase_{base}", f"qt_{base}"):
            tr = QTranslator(app)
            if tr.load(name, folder):
                QCoreApplication.installTranslator(tr)
                _qt_translators.append(tr)
                break
    set_direction = getattr(app, "setLayoutDirection", None)
    if set_direction is not None:
        set_direction(layout_direction(text_direction(lang)))


def qt_catalogue_loaded() -> bool:
    """Whether a Qt catalogue is installed (used by tests)."""
    return bool(_qt_translators)
