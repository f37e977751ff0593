"""PDF through Qt's own writer (QPdfWriter + QTextDocument): no extra dependency."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_POINT_SIZE = 10.5


@contextmanager
def pdf_writer(path: str, *, title: str, margin_mm: float, resolution: int,
               orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
               confirmed: bool = True) -> Iterator[QPdfWriter]:
    """An A4 QPdfWriter that draws into memory; on leaving the block the PDF is checked and
    saved to ``path`` (a name the person chose in a save dialog) through checks.engine.safe_write,
    so a failed or half-made PDF never reaches the disk. Raises OSError (WriteProblem when
    the file could not be written) when it could not be made or saved. ``confirmed``: see
    desktop/safe_save.py."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    try:
        writer.setTitle(title)
        writer.setCreator("Checkup")
        writer.setResolution(resolution)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                         QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                         QPageLayout.Unit.Millimeter))
        yield writer
    finally:
        shiboken6.delete(writer)  # finishes the PDF
        buf.close()
    pdf = bytes(data.data())
    if not pdf.startswith(b"%PDF-"):
        raise OSError("the PDF could not be made")
    from desktop.safe_save import save_chosen

    save_chosen(path, pdf, confirmed=confirmed)


def html_to_pdf(html: str, path: str, title: str = "", base_font: QFont | None = None, *,
                confirmed: bool = True) -> None:
    """Write ``html`` (Qt's rich-text subset) as an A4 PDF. Raises OSError on failure."""
    with pdf_writer(path, title=title, margin_mm=16, resolution=300,
                    confirmed=confirmed) as writer:
        doc = QTextDocument()
        font = QFont(base_font) if base_font is not None else QFont()
        font.setPointSizeF(PDF_POINT_SIZE)
        doc.setDefaultFont(font)
        doc.setHtml(html)
        doc.print_(writer)
