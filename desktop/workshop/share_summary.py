"""“Share an anonymous summary with my trainer”.

The dialog makes a summary (checks/workshop/summary.py) with a fresh random code, shows every field
that will be shared — nothing else is in it — and offers three ways to hand it over, all
offline: a small file saved through the history-free file dialog (for a USB stick), a QR
code on screen, and a short code to read out or type. Nothing is written unless the person
presses "Save to a file…"; the random code lives only in this dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checks.engine.i18n import isolate
from checks.engine.plain_text import plain
from checks.engine.registry import get_check
from checks.engine.runner import ScanResult
from checks.workshop.summary import Summary, SummaryError, build_summary
from desktop.privacy.file_dialogs import ask_save_path
from desktop.qt_i18n import _
from desktop.status_text import status_words
from desktop.workshop.qr import QrWidget

OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}


def check_title(check_id: str) -> str:
    c = get_check(check_id)
    return _(c.title) if c is not None else check_id


class ShareSummaryDialog(QDialog):
    def __init__(self, result: ScanResult, recorded_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareSummaryDialog")
        self.setModal(False)
        self._recorded_name = recorded_name  # shown, translated: a demo machine's name
        self.summary: Summary | None = None
        self.problem = ""
        try:
            self.summary = build_summary(result)
        except SummaryError as exc:
            self.problem = str(exc)
        self.saved_path = ""

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("shareHeading")
        self.heading.setWordWrap(True)
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setObjectName("shareIntro")
        self.intro.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setObjectName("shareWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("#shareWarning { background: #ffd21f; color: #111111;"
                                   " border: 2px solid #1a1a1a; padding: 6px; }")
        self.warning.setVisible(bool(recorded_name))
        self.fields_label = QLabel(self)
        self.fields_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_label.setObjectName("shareFieldsLabel")
        self.fields = QTreeWidget(self)
        self.fields.setObjectName("shareFields")
        self.fields.setColumnCount(2)
        self.fields.setRootIsDecorated(False)
        self.fields.setAlternatingRowColors(True)
        # What is shared is never cut short: the "shared as" column takes the width it
        # needs; the explanation column gets the rest (its full text is in a tooltip).
        header = self.fields.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.fields_label.setBuddy(self.fields)

        self.qr = QrWidget(self)
        self.qr_label = QLabel(self)
        self.qr_label.setTextFormat(Qt.TextFormat.PlainText)
        self.qr_label.setObjectName("shareQrLabel")
        self.qr_label.setWordWrap(True)
        self.code_label = QLabel(self)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setObjectName("shareCodeLabel")
        self.code_label.setWordWrap(True)
        self.code = QLabel(self)
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setObjectName("shareCode")
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 1.45)
        mono.setBold(True)
        self.code.setFont(mono)
        self.code.setFrameShape(QFrame.Shape.Box)
        self.status = QLabel(self)
        self.status.setObjectName("shareStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.save_button = QPushButton(self)
        self.save_button.setObjectName("shareSave")
        self.save_button.clicked.connect(self.save_dialog)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("shareButtons")
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("shareClose")

        left = QVBoxLayout()
        left.addWidget(self.fields_label)
        left.addWidget(self.fields, 1)
        right = QVBoxLayout()
        right.addWidget(self.qr_label)
        right.addWidget(self.qr, 1)
        right.addWidget(self.code_label)
        right.addWidget(self.code)
        body = QHBoxLayout()
        body.addLayout(left, 4)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.warning)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        if self.summary is not None:
            self.qr.set_text(self.summary.qr_text())
            # groups separated by spaces on screen, so a line breaks only between groups
            self.code.setText(self.summary.typed_code().replace("-", " "))
        self.save_button.setEnabled(self.summary is not None)
        self.apply_fonts()
        self.retranslate()
        self.resize(1000, 640)

    def apply_fonts(self) -> None:
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(max(f.pointSizeF(), 9.0) * 1.3)
        self.heading.setFont(f)

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Share an anonymous summary"))
        self.heading.setText(_("Share an anonymous summary with your trainer"))
        self.intro.setText(_(
            "This is everything that will be shared: which checks passed and which did not, "
            "the kind of system, the version of Checkup and a random code made just now. "
            "It does not contain your name, the computer's name, any address or serial "
            "number, your apps, or any detail of what was found. The random code is not kept: "
            "sharing again makes a new one."))
        if self._recorded_name:
            self.warning.setText(_(
                "This summary describes the demo machine “{name}”, not this computer.").format(
                    name=_(self._recorded_name)))
        self.fields_label.setText(_("Exactly what will be shared:"))
        self.fields.setHeaderLabels([_("What"), _("Shared as")])
        self.fields.header().setAccessibleName(_("Column headings"))
        self.fields.setAccessibleName(_("Exactly what will be shared"))
        self.fields.setAccessibleDescription(
            _("Each line is one piece of information in the summary, as it is written."))
        self.qr_label.setText(_("Show this QR code to your trainer:"))
        self.qr.setAccessibleName(_("QR code of the summary"))
        self.qr.setAccessibleDescription(
            _("It holds the same information as the code written below it."))
        self.code_label.setText(_("Or read out this code, or let your trainer type it:"))
        self.code.setAccessibleName(_("Code of the summary"))
        self.code.setAccessibleDescription(
            _("Letters and digits in groups of four. A typing mistake is detected."))
        self.save_button.setText(_("Save to a file…"))
        self.save_button.setAccessibleName(_("Save to a file…"))
        self.save_button.setAccessibleDescription(
            _("Save the summary as a small file, for example on a USB stick for your trainer."))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
        if self.summary is None:
            self.status.setText(_("No summary can be made: {reason}").format(
                reason=isolate(plain(self.problem))))
        self._fill()

    def _fill(self) -> None:
        self.fields.clear()
        s = self.summary
        if s is None:
            return
        rows = [
            (_("Kind of system"), f"os: {s.os}", OS_NAMES.get(s.os, s.os)),
            (_("Version of Checkup"), f"app_version: {s.app_version}", ""),
            (_("Random code, new for each share and not kept"),
             f"random_code: {s.random_code}", ""),
        ]
        for cid, status in s.checks:
            rows.append((f"{check_title(cid)} — {status_words(status)}",
                         f"{cid}: {status.value}", ""))
        for what, shared, extra in rows:
            text = f"{what} ({isolate(plain(extra))})" if extra else what
            item = QTreeWidgetItem([text, isolate(plain(shared))])
            item.setToolTip(0, text)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.fields.addTopLevelItem(item)

    def shared_lines(self) -> list[str]:
        """The "shared as" column, without isolates (for tests and screen readers)."""
        out = []
        for i in range(self.fields.topLevelItemCount()):
            item = self.fields.topLevelItem(i)
            if item is not None:
                out.append(item.text(1).strip("\u2068\u2069\u200e"))
        return out

    # -- saving (the only write, and only on request) ---------------------------------------
    def suggested_name(self) -> str:
        code = self.summary.random_code if self.summary is not None else "summary"
        return f"checkup-summary-{code}.json"

    def save_dialog(self) -> str | None:
        if self.summary is None:
            return None
        path, _chosen = ask_save_path(self, _("Save the anonymous summary"),
                                      [_("Checkup summary (*.json)")], self.suggested_name(),
                                      suffixes=["json"])
        if not path:
            return None
        return self.write_to(path)

    def write_to(self, path: str) -> str | None:
        if self.summary is None:
            return None
        from desktop.safe_save import problem_line, save_chosen

        try:
            save_chosen(path, self.summary.file_bytes())
        except OSError as exc:
            self.status.setText(_("The summary could not be saved: {reason}").format(
                reason=isolate(plain(problem_line(exc)))))
            return None
        self.saved_path = path
        self.status.setText(_("Saved: {path}").format(path=isolate(plain(path))))
        return path
