"""PDF through Qt's own writer (QPdfWriter + QTextDocument): no extra dependency."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_POINT_SIZE = 10.5


@contextmanager
def pdf_writer(path: str, *, title: str, margin_mm: float, resolution: int,
               orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
               ) -> Iterator[QPdfWriter]:
    """An A4 QPdfWriter for ``path``. On leaving the block the file is closed and checked to
    be a PDF. Raises OSError when it could not be written."""
    writer = QPdfWriter(path)
    try:
        writer.setTitle(title)
        writer.setCreator("Checkup")
        writer.setResolution(resolution)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                         QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                         QPageLayout.Unit.Millimeter))
        yield writer
    finally:
        shiboken6.delete(writer)  # closes the file now
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        raise OSError(f"the PDF could not be written to {path}: {exc.strerror or exc}") from None
    if head != b"%PDF-":
        raise OSError(f"the PDF could not be written to {path}")


def html_to_pdf(html: str, path: str, title: str = "", base_font: QFont | None = None) -> None:
    """Write ``html`` (Qt's rich-text subset) as an A4 PDF. Raises OSError on failure."""
    with pdf_writer(path, title=title, margin_mm=16, resolution=300) as writer:
        doc = QTextDocument()
        font = QFont(base_font) if base_font is not None else QFont()
        font.setPointSizeF(PDF_POINT_SIZE)
        doc.setDefaultFont(font)
        doc.setHtml(html)
        doc.print_(writer)
