"""Printing the workshop handouts: a page per operating system and language, listing every
check, what to look for and where the fix is (content: checks/content/handouts.py).

Saved as one PDF through Qt's own writer (QPdfWriter), each handout from a new page, or sent
to a printer through the system's print dialog. Each handout is shrunk to fit one A4 page, but
never below MIN_POINTS: a checklist longer than that goes on over another page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageSize,
    QPainter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.content.handouts import OS_ORDER, Handout, build_handout, handout_html
from checks.engine.i18n import LANGUAGES, isolate
from checks.engine.plain_text import plain
from desktop.pdf import pdf_writer
from desktop.privacy.file_dialogs import ask_save_path
from desktop.qt_i18n import _, current, layout_direction

OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}
START_POINTS = 10.0
MIN_POINTS = 6.5  # smaller is hard to read on paper: a longer checklist takes another page


def _document(h: Handout, points: float, base_font: QFont | None,
              device: QPagedPaintDevice | None = None) -> QTextDocument:
    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPointSizeF(points)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setTextDirection(layout_direction(h.direction))
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(handout_html(h))
    return doc


def paint_handouts(device: QPagedPaintDevice, handouts: list[Handout],
                   base_font: QFont | None = None) -> list[float]:
    """Paint each handout from a new page, shrunk until it fits one page but never below
    MIN_POINTS (still readable on paper): a checklist longer than that at MIN_POINTS goes
    on over as many pages as it needs, its rows kept whole where a page allows. Returns the
    point size used for each handout."""
    sizes: list[float] = []
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be drawn")
    try:
        resolution = device.logicalDpiY()  # the writer's or printer's resolution
        page = QRectF(device.pageLayout().paintRectPixels(resolution))
        first = True
        for h in handouts:
            points = START_POINTS
            while True:
                doc = _document(h, points, base_font, device)
                doc.setTextWidth(page.width())
                if doc.size().height() <= page.height() or points <= MIN_POINTS:
                    break
                points -= 0.5
            # laid out in pages of the printable area: no line is cut between two pages
            doc.setPageSize(QSizeF(page.width(), page.height()))
            for number in range(doc.pageCount()):
                if not first:
                    device.newPage()
                first = False
                top = number * page.height()
                painter.save()
                painter.translate(0, -top)
                doc.drawContents(painter, QRectF(0, top, page.width(), page.height()))
                painter.restore()
            sizes.append(points)
    finally:
        painter.end()
    return sizes


def write_handouts_pdf(path: str, handouts: list[Handout],
                       base_font: QFont | None = None) -> list[float]:
    with pdf_writer(path, title="Checkup", margin_mm=12, resolution=300) as writer:
        sizes = paint_handouts(writer, handouts, base_font)
    return sizes


class HandoutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, base_font: QFont | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutsDialog")
        self.setModal(False)
        self._base_font = base_font
        self.intro = QLabel(self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setObjectName("handoutsIntro")
        self.intro.setWordWrap(True)
        self.os_box = QGroupBox(self)
        self.os_box.setObjectName("handoutsSystems")
        self.os_checks: dict[str, QCheckBox] = {}
        os_layout = QVBoxLayout(self.os_box)
        for os in OS_ORDER:
            box = QCheckBox(OS_NAMES[os], self.os_box)
            box.setObjectName(f"handoutOs-{os}")
            box.setChecked(True)
            box.toggled.connect(lambda _c: self._refresh_preview_choices())
            os_layout.addWidget(box)
            self.os_checks[os] = box
        self.lang_box = QGroupBox(self)
        self.lang_box.setObjectName("handoutsLanguages")
        self.lang_checks: dict[str, QCheckBox] = {}
        lang_layout = QVBoxLayout(self.lang_box)
        for code, name in LANGUAGES.items():
            box = QCheckBox(name, self.lang_box)
            box.setObjectName(f"handoutLang-{code}")
            box.setChecked(code == current().lang)
            box.toggled.connect(lambda _c: self._refresh_preview_choices())
            lang_layout.addWidget(box)
            self.lang_checks[code] = box
        self.preview_label = QLabel(self)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setObjectName("handoutsPreviewLabel")
        self.preview_choice = QComboBox(self)
        self.preview_choice.setObjectName("handoutsPreviewChoice")
        self.preview_choice.currentIndexChanged.connect(lambda _i: self._show_preview())
        self.preview_label.setBuddy(self.preview_choice)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setObjectName("handoutsPreview")
        self.status = QLabel(self)
        self.status.setObjectName("handoutsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("handoutsPdf")
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("handoutsPrint")
        self.print_button.clicked.connect(self.print_dialog)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("handoutsClose")
        self.close_button.clicked.connect(self.close)

        side = QVBoxLayout()
        side.addWidget(self.os_box)
        side.addWidget(self.lang_box)
        side.addStretch(1)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_label)
        preview_row.addWidget(self.preview_choice, 1)
        main = QVBoxLayout()
        main.addLayout(preview_row)
        main.addWidget(self.preview, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addLayout(main, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        for button in (self.pdf_button, self.print_button, self.close_button):
            button.setAutoDefault(False)
        if not any(b.isChecked() for b in self.lang_checks.values()):
            self.lang_checks["en"].setChecked(True)
        self.retranslate()
        self.resize(980, 720)

    # -- choices ---------------------------------------------------------------------------
    def selection(self) -> list[tuple[str, str]]:
        """(os family, language) of each handout to print, languages first."""
        oses = [os for os, b in self.os_checks.items() if b.isChecked()]
        langs = [code for code, b in self.lang_checks.items() if b.isChecked()]
        return [(os, lang) for lang in langs for os in oses]

    def handouts(self) -> list[Handout]:
        return [build_handout(os, lang) for os, lang in self.selection()]

    def _refresh_preview_choices(self) -> None:
        wanted = self.preview_choice.currentData()
        self.preview_choice.blockSignals(True)
        self.preview_choice.clear()
        for os, lang in self.selection():
            self.preview_choice.addItem(f"{OS_NAMES[os]} · {LANGUAGES[lang]}", (os, lang))
        idx = self.preview_choice.findData(wanted) if wanted is not None else 0
        self.preview_choice.setCurrentIndex(max(0, idx))
        self.preview_choice.blockSignals(False)
        has = bool(self.selection())
        self.pdf_button.setEnabled(has)
        self.print_button.setEnabled(has)
        self._show_preview()

    def _show_preview(self) -> None:
        data = self.preview_choice.currentData()
        if not data:
            self.preview.clear()
            return
        h = build_handout(*data)
        self.preview.setLayoutDirection(layout_direction(h.direction))
        self.preview.setHtml(handout_html(h))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print handouts"))
        self.intro.setText(_(
            "A one-page checklist for each system: the checks, what to look for and where the "
            "fix is. Choose the systems and languages your group needs."))
        self.os_box.setTitle(_("Systems"))
        self.lang_box.setTitle(_("Languages"))
        for os, box in self.os_checks.items():
            box.setAccessibleName(_("Handout for {system}").format(system=OS_NAMES[os]))
        for code, box in self.lang_checks.items():
            box.setAccessibleName(_("Handout in {language}").format(language=LANGUAGES[code]))
        self.preview_label.setText(_("Preview:"))
        self.preview_choice.setAccessibleName(_("Handout to preview"))
        self.preview.setAccessibleName(_("Preview of the handout"))
        self.pdf_button.setText(_("Save as PDF…"))
        self.pdf_button.setAccessibleName(_("Save as PDF…"))
        self.pdf_button.setAccessibleDescription(
            _("One PDF file with one page for each system and language chosen."))
        self.print_button.setText(_("Print…"))
        self.print_button.setAccessibleName(_("Print…"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        self._refresh_preview_choices()

    # -- output ----------------------------------------------------------------------------
    def save_pdf_dialog(self) -> str | None:
        path, _chosen = ask_save_path(self, _("Save handouts as PDF"),
                                      [_("PDF document (*.pdf)")], "checkup-handouts.pdf",
                                      suffixes=["pdf"])
        return self.write_pdf(path) if path else None

    def write_pdf(self, path: str) -> str | None:
        handouts = self.handouts()
        if not handouts:
            return None
        try:
            write_handouts_pdf(path, handouts, self._base_font)
        except OSError as exc:
            from desktop.safe_save import problem_line

            self.status.setText(_("The PDF could not be saved.") + " "
                                + isolate(plain(problem_line(exc))))
            return None
        self.status.setText(_("Saved: {path}").format(path=isolate(plain(path))))
        return path

    def print_dialog(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        handouts = self.handouts()
        if not handouts:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(_("Print handouts"))
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            paint_handouts(printer, handouts, self._base_font)
        except OSError as exc:
            self.status.setText(_("The handouts could not be printed.") + " " + isolate(plain(str(exc))))
            return False
        self.status.setText(_("Sent to the printer."))
        return True
