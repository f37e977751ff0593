"""PDF through Qt's own writer (QPdfWriter + QTextDocument): no extra dependency."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_POINT_SIZE = 10.5


def html_to_pdf(html: str, path: str, title: str = "", base_font: QFont | None = None) -> None:
    """Write ``html`` (Qt's rich-text subset) as an A4 PDF. Raises OSError on failure."""
    writer = QPdfWriter(path)
    try:
        writer.setTitle(title)
        writer.setCreator("Checkup")
        writer.setResolution(300)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 16, 16, 16),
                                         QPageLayout.Unit.Millimeter))
        doc = QTextDocument()
        font = QFont(base_font) if base_font is not None else QFont()
        font.setPointSizeF(PDF_POINT_SIZE)
        doc.setDefaultFont(font)
        doc.setHtml(html)
        doc.print_(writer)
    finally:
        shiboken6.delete(writer)  # closes the file now
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        raise OSError(f"the PDF could not be written to {path}: {exc.strerror or exc}") from None
    if head != b"%PDF-":
        raise OSError(f"the PDF could not be written to {path}")
