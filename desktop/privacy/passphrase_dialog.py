"""Ask for a passphrase: a new one (typed twice, checked for length) to protect a report, or
an existing one to open a protected report. The passphrase is never stored anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checks.privacy.report_crypto import MIN_PASSPHRASE, passphrase_problem
from desktop.qt_i18n import N_, _, current, layout_direction

# Report formats a protected report can hold (key, label); see desktop/privacy/report_export.py.
PROTECTED_FORMATS: tuple[tuple[str, str], ...] = (
    ("html", N_("Web page")),
    ("pdf", N_("PDF document")),
    ("json", N_("Data for other programs (JSON)")),
)


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, new: bool) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.intro = QLabel(self)
        self.intro.setObjectName("passphraseIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.first = QLineEdit(self)
        self.first.setObjectName("passphraseField")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit(self)
        self.second.setObjectName("passphraseAgainField")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.format = QComboBox(self)
        self.format.setObjectName("protectedFormat")
        for key, _label in PROTECTED_FORMATS:
            self.format.addItem("", key)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #8a1c1c;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.first_label = QLabel(self)
        self.first_label.setTextFormat(Qt.TextFormat.PlainText)
        self.second_label = QLabel(self)
        self.second_label.setTextFormat(Qt.TextFormat.PlainText)
        self.format_label = QLabel(self)
        self.format_label.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.first_label, self.first)
        if new:
            self.form.addRow(self.second_label, self.second)
            self.form.addRow(self.format_label, self.format)
        else:
            self.second.hide()
            self.format.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        tr = current()
        self.setLayoutDirection(layout_direction(tr.direction))
        if self.new:
            self.setWindowTitle(_("Save a protected report"))
            self.intro.setText(_(
                "The report will be encrypted with a passphrase, so only someone who knows it "
                "can read it. Checkup does not keep the passphrase: if it is lost, the report "
                "cannot be opened. The file can also be opened with the standard “age” "
                "tool.").strip())
        else:
            self.setWindowTitle(_("Open a protected report"))
            self.intro.setText(_("Type the passphrase the report was protected with."))
        self.first_label.setText(_("&Passphrase:"))
        self.first_label.setBuddy(self.first)
        self.second_label.setText(_("The same &again:"))
        self.second_label.setBuddy(self.second)
        self.format_label.setText(_("&Kind of report:"))
        self.format_label.setBuddy(self.format)
        for i, (_key, label) in enumerate(PROTECTED_FORMATS):
            self.format.setItemText(i, _(label))
        self.first.setAccessibleName(_("Passphrase"))
        self.second.setAccessibleName(_("The same passphrase again"))
        self.format.setAccessibleName(_("Kind of report"))

    def passphrase(self) -> str:
        return self.first.text()

    def format_key(self) -> str:
        return str(self.format.currentData())

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _try_accept(self) -> None:
        if self.new:
            problem = passphrase_problem(self.first.text())
            if problem is not None:
                self._show_problem(current().render(problem))
                return
            if self.first.text() != self.second.text():
                self._show_problem(_("The two passphrases are not the same."))
                return
        elif not self.first.text():
            self._show_problem(_("Type the passphrase first."))
            return
        self.accept()

    def clear(self) -> None:
        """Forget the typed text (called once the dialog is done)."""
        self.first.clear()
        self.second.clear()


__all__ = ["MIN_PASSPHRASE", "PROTECTED_FORMATS", "PassphraseDialog"]
