"""Text in widgets that cannot turn into markup or links (DESIGN.md, rule 8).

Qt guesses: a tooltip that starts with ``<`` is rich text, a label in the default
``AutoText`` format is rich text when Qt thinks it looks like HTML, and a message box's
informative text renders HTML and follows links. These helpers make the choice explicit, so
a certificate name or a file name is shown as the letters it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from checks.engine.html_text import esc
from checks.engine.plain_text import plain


def tooltip(text: str) -> str:
    """A tooltip that is always rich text holding ``text`` escaped: shown exactly as
    written, whatever it starts with (and wrapped by Qt, as rich tooltips are)."""
    return f"<p>{esc(text)}</p>" if text else ""


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show plain text only, never markup or a link."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


def machine(text: str) -> str:
    """Machine text (a path, a name, an error from the system) for a widget: controls,
    direction and invisible characters shown as escapes (checks/engine/plain_text.py). Isolate the
    result afterwards where it sits inside a sentence."""
    return plain(text)


__all__ = ["machine", "plain_label", "tooltip"]
