"""The banner shown while a recorded machine is on screen: it cannot be missed.

It names the machine so nobody mistakes a demo or someone else's snapshot for their own
computer. High contrast (black on yellow, thick border), bold, large, and announced to
screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from checks.engine.i18n import isolate
from checks.engine.plain_text import plain
from desktop.qt_i18n import _, own_direction


class RecordedBanner(QFrame):
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordedBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            "#recordedBanner { background: #ffd21f; border: 3px solid #1a1a1a; }"
            "#recordedBanner QLabel { color: #111111; background: transparent; }"
            "#recordedBanner QPushButton { color: #111111; background: #fff6cc;"
            " border: 2px solid #1a1a1a; padding: 4px 12px; }"
            "#recordedBanner QPushButton:focus { border: 3px solid #0b57d0; }"
        )
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setObjectName("bannerHeadline")
        self.headline.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("bannerDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.clicked.connect(self.closeRequested)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.headline)
        texts.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addLayout(texts, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._name = ""
        self._when = ""
        self._synthetic = False
        self._translate_name = False
        self.apply_fonts()
        self.retranslate()
        self.hide()

    def apply_fonts(self) -> None:
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(self.font().pointSizeF() * 1.25)
        self.headline.setFont(f)

    def show_for(self, name: str, when: str, synthetic: bool,
                 translate_name: bool = False) -> None:
        """``translate_name``: the name is a shipped scenario's msgid, not a person's data."""
        self._name, self._when, self._synthetic = name, when, synthetic
        self._translate_name = translate_name
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.headline.setText(_("Not your computer: you are looking at a recorded machine."))
        if self._translate_name:
            name = _(self._name)
        else:
            name = isolate(plain(self._name)) if self._name else ""
        if self._synthetic:
            detail = _("Demo machine “{name}”. Nothing here is about this computer.")
        else:
            detail = _("Recording “{name}”, made {when}. Nothing here is about this computer.")
        self.detail.setText(detail.format(name=name, when=own_direction(self._when)))
        self.close_button.setText(_("Close the recording"))
        self.close_button.setAccessibleName(_("Close the recording"))
        self.close_button.setAccessibleDescription(
            _("Stop showing the recorded machine and go back to this computer."))
        self.setAccessibleName(self.headline.text())
        self.setAccessibleDescription(self.detail.text())
