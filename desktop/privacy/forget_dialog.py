""""Forget everything" in the window: ask once, delete (checks/privacy/forget.py), say what was
deleted. From then on this session keeps settings in memory only, so closing the window
does not write them back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checks.privacy.appdirs import hold_in_memory
from checks.privacy.forget import ForgetResult, forget_everything
from checks.privacy.privacy_cli import forget_lines
from desktop.qt_i18n import _, current


class ForgetDialog(QDialog):
    forgotten = Signal(object)  # the ForgetResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forgetDialog")
        self.result_: ForgetResult | None = None
        self.text = QLabel(self)
        self.text.setObjectName("forgetText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("forgetDetails")
        self.details.setReadOnly(True)
        self.details.hide()
        self.forget_button = QPushButton(self)
        self.forget_button.setObjectName("forgetConfirm")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.forget_button.clicked.connect(self.forget)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self.resize(620, 260)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Forget everything"))
        self.forget_button.setText(_("&Forget everything"))
        if self.result_ is None:
            self.text.setText(_(
                "Checkup will delete everything it stored on this computer: its settings "
                "(language and text size). It keeps no history, no list of recent files and "
                "no log. Reports you saved yourself are not touched. Until you close it, "
                "Checkup will not save settings again."))
        else:
            lines = forget_lines(self.result_, current())
            self.text.setText(lines[0] if lines else "")
            self.details.setPlainText("\n".join(lines[1:]))

    def forget(self) -> ForgetResult:
        result = forget_everything()
        hold_in_memory("the person asked Checkup to forget everything")
        self.result_ = result
        self.forget_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.details.show()
        self.retranslate()
        self.forgotten.emit(result)
        return result
