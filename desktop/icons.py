"""Icons drawn at runtime with QPainter: one distinct *shape* per status, so status never
depends on colour alone (the words beside each icon say it too)."""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from checks.engine.model import Status
from checks.engine.resources import resource_path

_COLOURS = {
    Status.FAIL: "#b3261e",
    Status.ATTENTION: "#b26a00",
    Status.ERROR: "#6a3d9a",
    Status.UNKNOWN: "#4a5a6a",
    Status.PASS: "#1e7d32",
    Status.NOT_APPLICABLE: "#8a8a8a",
}
SIZES = (16, 20, 24, 32, 48, 64)


def status_colour(status: Status) -> QColor:
    return QColor(_COLOURS[status])


def _draw(p: QPainter, status: Status, s: float) -> None:
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = status_colour(status)
    white = QPen(QColor("white"), max(1.5, s * 0.12), Qt.PenStyle.SolidLine,
                 Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    m = s * 0.06
    box = QRectF(m, m, s - 2 * m, s - 2 * m)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(colour))
    if status is Status.FAIL:  # octagon with a cross: "stop, act"
        path = QPainterPath()
        k = box.width() * 0.29
        pts = [(box.left() + k, box.top()), (box.right() - k, box.top()),
               (box.right(), box.top() + k), (box.right(), box.bottom() - k),
               (box.right() - k, box.bottom()), (box.left() + k, box.bottom()),
               (box.left(), box.bottom() - k), (box.left(), box.top() + k)]
        path.moveTo(*pts[0])
        for pt in pts[1:]:
            path.lineTo(*pt)
        path.closeSubpath()
        p.drawPath(path)
        p.setPen(white)
        a, b = s * 0.33, s * 0.67
        p.drawLine(QPointF(a, a), QPointF(b, b))
        p.drawLine(QPointF(b, a), QPointF(a, b))
    elif status is Status.ATTENTION:  # triangle with "!"
        path = QPainterPath()
        path.moveTo(s / 2, box.top())
        path.lineTo(box.right(), box.bottom())
        path.lineTo(box.left(), box.bottom())
        path.closeSubpath()
        p.drawPath(path)
        p.setPen(white)
        p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.64))
        p.drawPoint(QPointF(s / 2, s * 0.80))
    elif status is Status.ERROR:  # diamond with "!"
        path = QPainterPath()
        path.moveTo(s / 2, box.top())
        path.lineTo(box.right(), s / 2)
        path.lineTo(s / 2, box.bottom())
        path.lineTo(box.left(), s / 2)
        path.closeSubpath()
        p.drawPath(path)
        p.setPen(white)
        p.drawLine(QPointF(s / 2, s * 0.28), QPointF(s / 2, s * 0.56))
        p.drawPoint(QPointF(s / 2, s * 0.72))
    elif status is Status.UNKNOWN:  # circle with "?"
        p.drawEllipse(box)
        p.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(s * 0.68)))
        p.setFont(font)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
    elif status is Status.PASS:  # circle with a tick
        p.drawEllipse(box)
        p.setPen(white)
        p.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        path.moveTo(s * 0.28, s * 0.52)
        path.lineTo(s * 0.44, s * 0.68)
        path.lineTo(s * 0.73, s * 0.36)
        p.drawPath(path)
    else:  # not applicable: hollow circle with a dash
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour, max(1.5, s * 0.1)))
        p.drawEllipse(box.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05))
        p.drawLine(QPointF(s * 0.32, s / 2), QPointF(s * 0.68, s / 2))


def status_pixmap(status: Status, size: int, ratio: float = 1.0) -> QPixmap:
    px = QPixmap(int(size * ratio), int(size * ratio))
    px.setDevicePixelRatio(ratio)
    px.fill(Qt.GlobalColor.transparent)
    p = QPainter(px)
    try:
        _draw(p, status, float(size))
    finally:
        p.end()
    return px


@cache
def status_icon(status: Status) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(status_pixmap(status, size))
    return icon


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    path = resource_path("icons", "checkup.svg")
    icon = QIcon(str(path)) if path.is_file() else QIcon()
    if icon.pixmap(32).isNull():
        return status_icon(Status.PASS)
    return icon
