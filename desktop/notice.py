"""A one-time notice at the top of the window (e.g. settings that could not be read)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.qt_i18n import _


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet(
            "#noticeBar { background: #e8f0fe; border: 2px solid #1a4d8f; }"
            "#noticeBar QLabel { color: #0b1f3a; background: transparent; }")
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.dismiss = QPushButton(self)
        self.dismiss.setObjectName("noticeDismiss")
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self._text: Callable[[], str] = lambda: ""
        self.hide()
        self.retranslate()

    def show_notice(self, text: Callable[[], str]) -> None:
        """``text`` is called again on a language switch, so the notice is retranslated."""
        self._text = text
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.label.setText(self._text())
        self.setAccessibleName(self.label.text())
        self.dismiss.setText(_("Dismiss"))
        self.dismiss.setAccessibleName(_("Dismiss this notice"))
