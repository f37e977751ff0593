"""The one way hand-built HTML escapes text and sets its direction.

Every module that writes HTML by hand (the HTML report, the guidance renderers, the handouts,
the window's finding pane, principles view, pages, presenter and About box) escapes through
``esc`` and sets direction through these helpers, so that machine text (paths, names, command
output: hostile, DESIGN.md rule 8) reaches a person only as escaped text, isolated left to
right inside right-to-left pages, and no module decides again how.

Two kinds of reader:

- a web browser (the saved HTML report): ``dir=`` on the page, ``<bdi dir="ltr">`` around
  each piece of machine text (``bdi_ltr``);
- Qt's rich text (the window, PDFs, handouts), which honours neither ``<bdi>`` nor ``dir``
  alone for alignment: a right-to-left block needs ``dir="rtl" align="right"``
  (``dir_attr``), a left-to-right block inside it ``dir="ltr" align="left"`` (``LTR_ATTR``),
  and left-to-right fragments are wrapped in Unicode isolates (``isolated``,
  ``checks.engine.i18n.isolate``).

Which direction a language takes is decided in ``checks.engine.i18n.text_direction`` alone.
Nothing here imports Qt.
"""

from __future__ import annotations

import html

from checks.engine.i18n import isolate

LTR_ATTR = ' dir="ltr" align="left"'
RTL_ATTR = ' dir="rtl" align="right"'


def esc(text: str, *, quote: bool = True) -> str:
    """``text`` as HTML text: ``& < >`` escaped, and with ``quote`` (for attribute values)
    ``" '`` too."""
    return html.escape(text, quote=quote)


def dir_attr(rtl: bool) -> str:
    """The attributes of a block (``<p>``, ``<h2>``, ``<li>``…) in a right-to-left page for
    Qt's rich text; nothing in a left-to-right one."""
    return RTL_ATTR if rtl else ""


def align_attr(rtl: bool) -> str:
    """The alignment alone, for a table cell of a right-to-left page (the table carries
    ``dir``)."""
    return ' align="right"' if rtl else ""


def dir_value(rtl: bool) -> str:
    """``"rtl"`` or ``"ltr"``, for a ``dir=`` the caller writes itself."""
    return "rtl" if rtl else "ltr"


def isolated(text: str) -> str:
    """Machine text for Qt's rich text: kept left to right by isolates, then escaped."""
    return esc(isolate(text))


def qt_document(lang: str, direction: str, title: str, body: str) -> str:
    """A whole document for Qt's rich text (guidance, pages, handouts): ``lang``, ``dir`` on
    the page and its body, the (plain) ``title`` escaped, and ``body`` (HTML) as given on
    lines of its own."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}" dir="{direction}">'
            f'<head><meta charset="utf-8"><title>{esc(title)}</title></head>'
            f'<body dir="{direction}">\n{body}\n</body></html>\n')


def bdi_ltr(text: str) -> str:
    """Machine text for a web browser: escaped, in a left-to-right ``<bdi>``."""
    return f'<bdi dir="ltr">{esc(text)}</bdi>'
