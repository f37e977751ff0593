"""The top of the window: what the last scan found, and the one button to start a scan.

While a scan runs it shows which check is running, a progress bar and a Cancel button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.qt_i18n import _


class ScanHeader(QFrame):
    scanRequested = Signal()
    cancelRequested = Signal()
    saveRequested = Signal()
    cannotSeeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanHeader")
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.source = QLabel(self)
        self.source.setObjectName("sourceLine")
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.summary, self.source):
            label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        self.running = QLabel(self)
        self.running.setObjectName("runningCheck")
        self.running.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("scanProgress")
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(160)
        self.scan_button = QPushButton(self)
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setDefault(True)
        self.scan_button.setAutoDefault(True)
        self.scan_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.scan_button.clicked.connect(self.scanRequested)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.saveRequested)
        self.cannot_see_button = QPushButton(self)
        self.cannot_see_button.setObjectName("cannotSeeButton")
        self.cannot_see_button.setFlat(True)
        self.cannot_see_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.cannot_see_button.setStyleSheet(
            "QPushButton#cannotSeeButton { color: palette(link); text-decoration: underline;"
            " border: none; padding: 2px 0px; }"
            "QPushButton#cannotSeeButton:focus { outline: 2px solid palette(highlight); }")
        self.cannot_see_button.clicked.connect(self.cannotSeeRequested)

        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.summary)
        texts.addWidget(self.source)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.running, 1)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.cancel_button)
        texts.addLayout(progress_row)
        links = QHBoxLayout()
        links.addWidget(self.cannot_see_button)
        links.addStretch(1)
        texts.addLayout(links)

        buttons = QVBoxLayout()
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)

        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 8)
        row.addLayout(texts, 1)
        row.addSpacing(16)
        row.addLayout(buttons)

        self._state = "idle"  # idle | scanning | done
        self._summary_text = ""
        self._source_text = ""
        self._running_title = ""
        self._done = 0
        self._total = 0
        self.apply_fonts()
        self.set_idle()

    # -- fonts follow the application font (system size, or "larger text") -------------------
    def apply_fonts(self) -> None:
        base = self.font().pointSizeF()
        big = QFont(self.font())
        big.setPointSizeF(base * 1.35)
        big.setBold(True)
        self.summary.setFont(big)
        btn = QFont(self.font())
        btn.setPointSizeF(base * 1.15)
        btn.setBold(True)
        self.scan_button.setFont(btn)
        pad = max(6, int(self.fontMetrics().height() * 0.45))
        self.scan_button.setStyleSheet(f"QPushButton#scanButton {{ padding: {pad}px {pad * 3}px; }}")

    # -- states ----------------------------------------------------------------------------
    def set_idle(self) -> None:
        self._state = "idle"
        self._summary_text = ""
        self._source_text = ""
        self._refresh()

    def set_scanning(self, total: int) -> None:
        self._state = "scanning"
        self._done, self._total = 0, total
        self._running_title = ""
        self._refresh()

    def set_progress(self, done: int, total: int, running_title: str) -> None:
        self._done, self._total, self._running_title = done, total, running_title
        self._refresh()

    def set_result(self, summary: str, source: str) -> None:
        self._state = "done"
        self._summary_text, self._source_text = summary, source
        self._refresh()

    def _refresh(self) -> None:
        scanning = self._state == "scanning"
        self.running.setVisible(scanning)
        self.progress.setVisible(scanning)
        self.cancel_button.setVisible(scanning)
        self.scan_button.setEnabled(not scanning)
        self.save_button.setVisible(self._state == "done")
        self.cannot_see_button.setVisible(self._state == "done")
        self.retranslate()

    def retranslate(self) -> None:
        self.scan_button.setText(_("Scan this computer"))
        self.scan_button.setAccessibleName(_("Scan this computer"))
        self.scan_button.setAccessibleDescription(
            _("Check this computer's protections. Nothing is sent anywhere."))
        self.scan_button.setToolTip(_("Check this computer's protections (F5)"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the scan"))
        self.cancel_button.setAccessibleDescription(
            _("Stop now; checks that have not finished are shown as not checked."))
        self.save_button.setText(_("Save a report…"))
        self.save_button.setAccessibleName(_("Save a report"))
        self.save_button.setAccessibleDescription(
            _("Write these results to a file you choose. Nothing is saved otherwise."))
        self.cannot_see_button.setText(_("What Checkup cannot see"))
        self.cannot_see_button.setAccessibleName(_("What Checkup cannot see"))
        self.cannot_see_button.setAccessibleDescription(
            _("Threats no scan can rule out, and where to get expert help."))
        self.progress.setAccessibleName(_("Scan progress"))
        self.progress.setRange(0, max(1, self._total))
        self.progress.setValue(self._done)
        # TRANSLATORS: progress bar text, e.g. "3 of 7".
        self.progress.setFormat(_("{done} of {total}").format(done=self._done,
                                                              total=self._total))
        if self._state == "scanning":
            self.summary.setText(_("Checking this computer…"))
            self.source.setText(_("Only this computer is read. Nothing is sent anywhere."))
            if self._running_title:
                self.running.setText(_("Now checking: {check}").format(
                    check=self._running_title))
            else:
                self.running.setText(_("Starting…"))
        elif self._state == "done":
            self.summary.setText(self._summary_text)
            self.source.setText(self._source_text)
        else:
            self.summary.setText(_("Is this computer protected?"))
            self.source.setText(_("Press “Scan this computer”. It takes a few seconds, needs "
                                  "no password, and sends nothing anywhere."))
        self.summary.setAccessibleName(self.summary.text())
        self.source.setAccessibleName(self.source.text())
        self.running.setAccessibleName(self.running.text())
