"""The trainer's bar chart, drawn with QPainter (no chart add-on): one stacked bar per check,
split into how many participants have it in place, have something to look at, needing action, not
checkable, and the rest.

Each part has its own colour AND its own pattern, and its count is written on it, so the
chart never relies on colour alone (and survives a black-and-white printer). The same
``paint_chart`` draws the widget, the PNG and the PDF pages. Right-to-left languages mirror
it: labels on the right, bars growing leftwards.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from checks.workshop.summary import CATEGORIES
from desktop.pdf import pdf_writer

# category -> (fill colour, pattern over it, colour of the text written on it)
STYLE: dict[str, tuple[str, Qt.BrushStyle, str]] = {
    "pass": ("#1e7d32", Qt.BrushStyle.NoBrush, "#ffffff"),
    "attention": ("#f0b400", Qt.BrushStyle.BDiagPattern, "#111111"),
    "fail": ("#b3261e", Qt.BrushStyle.DiagCrossPattern, "#ffffff"),
    "unknown": ("#4a5a6a", Qt.BrushStyle.HorPattern, "#ffffff"),
    "other": ("#d9d9d9", Qt.BrushStyle.NoBrush, "#111111"),
}


@dataclass(frozen=True)
class ChartRow:
    label: str
    counts: Mapping[str, int]  # category -> participants


@dataclass(frozen=True)
class ChartData:
    title: str
    subtitle: str
    rows: Sequence[ChartRow]
    total: int  # participants: every bar is this long
    legend: Mapping[str, str]  # category -> words
    rtl: bool = False
    notes: Sequence[str] = field(default_factory=tuple)  # lines printed under the chart


def _nice_step(total: int) -> int:
    if total <= 10:
        return 1 if total <= 5 else 2
    raw = total / 6
    mag = 10 ** int(math.floor(math.log10(raw)))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return int(m * mag)
    return int(10 * mag)


class _Geometry:
    def __init__(self, data: ChartData, font: QFont, width: float) -> None:
        self.fm = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        self.bold = bold
        title_font = QFont(font)
        title_font.setBold(True)
        if font.pointSizeF() > 0:
            title_font.setPointSizeF(font.pointSizeF() * 1.35)
        else:
            title_font.setPixelSize(round(font.pixelSize() * 1.35))
        self.title_font = title_font
        self.tfm = QFontMetricsF(title_font)
        self.line = self.fm.height()
        self.pad = self.line * 0.5
        self.row_h = self.line * 2.0
        self.bar_h = self.line * 1.4
        widest = max((self.fm.horizontalAdvance(r.label) for r in data.rows), default=0.0)
        self.label_w = min(widest + self.pad * 2, width * 0.42)
        self.legend_rows = self._legend_rows(data, width)
        top = 0.0
        if data.title:
            top += self.tfm.height() + self.pad
        if data.subtitle:
            top += self._wrapped_height(data.subtitle, width) + self.pad
        top += len(self.legend_rows) * (self.line * 1.5) + self.pad
        self.rows_top = top
        self.axis_h = self.line * 1.6
        self.rows_bottom = top + len(data.rows) * self.row_h
        notes_h = sum(self._wrapped_height(n, width) + self.pad * 0.5 for n in data.notes)
        self.height = self.rows_bottom + self.axis_h + notes_h + self.pad

    def _wrapped_height(self, text: str, width: float) -> float:
        r = self.fm.boundingRect(QRectF(0, 0, max(width, 10), 10000),
                                 int(Qt.TextFlag.TextWordWrap), text)
        return r.height()

    def _legend_rows(self, data: ChartData, width: float) -> list[list[str]]:
        rows: list[list[str]] = [[]]
        used = 0.0
        for cat in CATEGORIES:
            w = self._legend_item_w(data.legend.get(cat, cat))
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append(cat)
            used += w
        return rows

    def _legend_item_w(self, text: str) -> float:
        return self.line * 1.6 + self.fm.horizontalAdvance(text) + self.line * 1.2


def chart_height(data: ChartData, font: QFont, width: float) -> int:
    return int(math.ceil(_Geometry(data, font, width).height))


def _fill_segment(p: QPainter, rect: QRectF, cat: str) -> None:
    colour, pattern, _text = STYLE[cat]
    p.fillRect(rect, QColor(colour))
    if pattern != Qt.BrushStyle.NoBrush:
        over = QColor("#ffffff") if cat != "attention" else QColor("#7a5a00")
        over.setAlpha(150)
        p.fillRect(rect, QBrush(over, pattern))
    p.setPen(QPen(QColor("#111111"), 1))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)


def paint_chart(p: QPainter, rect: QRectF, data: ChartData, font: QFont,
                text_colour: QColor | None = None) -> None:
    """Draw the whole chart (title, legend, bars, axis, notes) inside ``rect``."""
    g = _Geometry(data, font, rect.width())
    ink = text_colour or QColor("#111111")
    rtl = data.rtl
    left, width = rect.left(), rect.width()

    def x(pos: float, w: float = 0.0) -> float:
        """A left-to-right x (relative to rect) mirrored for right-to-left."""
        return left + (width - pos - w if rtl else pos)

    halign = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    y = rect.top()
    p.setPen(ink)
    if data.title:
        p.setFont(g.title_font)
        p.drawText(QRectF(left, y, width, g.tfm.height()), int(halign | Qt.AlignmentFlag.AlignVCenter),
                   data.title)
        y += g.tfm.height() + g.pad
    p.setFont(font)
    if data.subtitle:
        h = g._wrapped_height(data.subtitle, width)
        p.drawText(QRectF(left, y, width, h), int(halign | Qt.TextFlag.TextWordWrap), data.subtitle)
        y += h + g.pad
    # legend
    for legend_row in g.legend_rows:
        pos = 0.0
        for cat in legend_row:
            words = data.legend.get(cat, cat)
            sw = g.line * 1.2
            _fill_segment(p, QRectF(x(pos, sw), y + g.line * 0.15, sw, g.line * 1.0), cat)
            tw = g.fm.horizontalAdvance(words)
            p.setPen(ink)
            p.drawText(QRectF(x(pos + sw + g.line * 0.4, tw + 2), y, tw + 2, g.line * 1.3),
                       int(halign | Qt.AlignmentFlag.AlignVCenter), words)
            pos += g._legend_item_w(words)
        y += g.line * 1.5
    y = rect.top() + g.rows_top
    bar_left = g.label_w
    count_w = g.fm.horizontalAdvance("0000") + g.pad
    bar_w = max(10.0, width - bar_left - count_w)
    total = max(1, data.total)
    # grid lines and axis
    step = _nice_step(total)
    grid = QPen(QColor("#9a9a9a"), 1, Qt.PenStyle.DotLine)
    axis_y = rect.top() + g.rows_bottom
    for v in range(0, total + 1, step):
        gx = x(bar_left + bar_w * v / total)
        p.setPen(grid)
        p.drawLine(int(gx), int(y), int(gx), int(axis_y))
        p.setPen(ink)
        label = str(v)
        lw = g.fm.horizontalAdvance(label) + 4
        p.drawText(QRectF(gx - lw / 2, axis_y + 2, lw, g.line * 1.3),
                   int(Qt.AlignmentFlag.AlignCenter), label)
    # rows
    for row in data.rows:
        p.setPen(ink)
        p.setFont(font)
        p.drawText(QRectF(x(0, g.label_w - g.pad), y, g.label_w - g.pad, g.row_h),
                   int(halign | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                   g.fm.elidedText(row.label, Qt.TextElideMode.ElideRight,
                                   (g.label_w - g.pad) * 2))
        pos = 0.0
        by = y + (g.row_h - g.bar_h) / 2
        for cat in CATEGORIES:
            n = int(row.counts.get(cat, 0))
            if n <= 0:
                continue
            w = bar_w * n / total
            seg = QRectF(x(bar_left + pos, w), by, w, g.bar_h)
            _fill_segment(p, seg, cat)
            text = str(n)
            tw = g.fm.horizontalAdvance(text)
            if tw + 6 <= w:
                chip = QRectF(seg.center().x() - tw / 2 - 3, seg.center().y() - g.line / 2,
                              tw + 6, g.line)
                p.fillRect(chip, QColor(STYLE[cat][0]))
                p.setPen(QColor(STYLE[cat][2]))
                p.setFont(g.bold)
                p.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
                p.setFont(font)
            pos += w
        y += g.row_h
    # notes
    p.setPen(ink)
    y = axis_y + g.axis_h
    for note in data.notes:
        h = g._wrapped_height(note, width)
        p.drawText(QRectF(left, y, width, h), int(halign | Qt.TextFlag.TextWordWrap), note)
        y += h + g.pad * 0.5
    p.restore()


def chart_image(data: ChartData, font: QFont, width: int = 1400) -> QImage:
    """The chart on white, for a PNG."""
    margin = 24
    height = chart_height(data, font, width - 2 * margin) + 2 * margin
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    try:
        paint_chart(p, QRectF(margin, margin, width - 2 * margin, height - 2 * margin), data,
                    font)
    finally:
        p.end()
    return img


def write_chart_pdf(path: str, pages: Sequence[ChartData], font: QFont,
                    title: str = "") -> None:
    """One chart per A4 landscape page (Qt's own PDF writer). Raises OSError on failure."""
    with pdf_writer(path, title=title, margin_mm=14, resolution=150,
                    orientation=QPageLayout.Orientation.Landscape) as writer:
        p = QPainter()
        if not p.begin(writer):
            raise OSError(f"the PDF could not be written to {path}")
        try:
            page_rect = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
            page_rect.moveTo(0, 0)
            # Sizes in device pixels, so the measures match the page, not the screen.
            px_per_point = writer.resolution() / 72.0
            for i, data in enumerate(pages):
                if i:
                    writer.newPage()
                f = QFont(font)
                points = 12.0
                f.setPixelSize(round(points * px_per_point))
                # shrink the text until the chart fits on the page
                while chart_height(data, f, page_rect.width()) > page_rect.height() \
                        and points > 5:
                    points -= 0.5
                    f.setPixelSize(round(points * px_per_point))
                paint_chart(p, page_rect, data, f)
        finally:
            p.end()


class BarChart(QWidget):
    """The chart as a widget (put it in a scroll area: it grows with the number of checks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self._data: ChartData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(120)
        self.setAutoFillBackground(True)

    def data(self) -> ChartData | None:
        return self._data

    def set_data(self, data: ChartData | None) -> None:
        self._data = data
        self._resize_for(self.width())
        self.update()

    def _resize_for(self, width: int) -> None:
        if self._data is None:
            self.setFixedHeight(120)
            return
        h = chart_height(self._data, self.font(), max(200, width - 24)) + 24
        self.setFixedHeight(max(120, h))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._resize_for(self.width())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(800, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), QColor("white"))
            if self._data is not None:
                paint_chart(p, QRectF(12, 12, self.width() - 24, self.height() - 24),
                            self._data, self.font())
        finally:
            p.end()
