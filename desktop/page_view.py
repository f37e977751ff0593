"""A guidance page in its own window: "What Checkup cannot see" and the border checklist.

Both can be saved as a PDF to print (a trainer hands the checklist out)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.engine.html_text import dir_attr, esc
from desktop import guidance_source
from desktop.finding_html import aside
from desktop.qt_i18n import N_, _, current

PAGE_TITLES = {
    guidance_source.CANNOT_SEE: N_("What Checkup cannot see"),
    guidance_source.BORDER_CHECKLIST: N_("Before a border crossing or a risky trip"),
}


class PageDialog(QDialog):
    pdfRequested = Signal(str)  # page name

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"page-{name}")
        self.text = QTextBrowser(self)
        self.text.setObjectName("pageText")
        self.text.setOpenLinks(False)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("pagePdfButton")
        self.pdf_button.clicked.connect(lambda: self.pdfRequested.emit(self.name))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self.retranslate()

    def html(self) -> str | None:
        return guidance_source.page_html(self.name, current().lang)

    def title(self) -> str:
        return (guidance_source.page_title(self.name, current().lang)
                or _(PAGE_TITLES.get(self.name, self.name)))

    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        html = self.html()
        if html is None:
            rtl = current().rtl
            a = dir_attr(rtl)
            html = (f"<h1{a}>{esc(self.title())}</h1><p{a}>"
                    + aside(esc(_("This page is being written and will be part of a "
                                     "coming version.")), rtl)
                    + "</p>")
        self.text.setHtml(html)
        self.pdf_button.setText(_("Save as PDF…"))
        self.pdf_button.setAccessibleName(_("Save this page as a PDF"))
        self.pdf_button.setEnabled(self.html() is not None)
        self.text.setAccessibleName(self.title())
