"""A QR code drawn with QPainter, from the modules computed by ``segno`` (pure Python,
maintained, no network, no image library needed).

The widget draws dark modules on white with the four-module quiet zone the QR standard asks
for, as large as the widget allows, on whole pixels so a phone or a handheld scanner reads it
from the projector or the participant's screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)


def qr_modules(text: str) -> list[list[bool]]:
    """The QR symbol's modules (True = dark), without the quiet zone.

    Error correction M at least (segno raises it when that costs no size)."""
    import segno

    symbol = segno.make_qr(text, error="m", boost_error=True)
    return [[bool(v) for v in row] for row in symbol.matrix_iter(scale=1, border=0)]


def paint_modules(painter: QPainter, rect: QRectF, modules: list[list[bool]]) -> None:
    """Draw the symbol with its quiet zone, centred in ``rect``, on whole device pixels."""
    n = len(modules)
    if n == 0:
        return
    total = n + 2 * QUIET_ZONE
    side = min(rect.width(), rect.height())
    unit = max(1, int(side // total))
    size = unit * total
    x0 = int(rect.left() + (rect.width() - size) / 2)
    y0 = int(rect.top() + (rect.height() - size) / 2)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(x0, y0, size, size, QColor("white"))
    dark = QColor("black")
    for r, row in enumerate(modules):
        for c, on in enumerate(row):
            if on:
                painter.fillRect(x0 + (c + QUIET_ZONE) * unit, y0 + (r + QUIET_ZONE) * unit,
                                 unit, unit, dark)
    painter.restore()


def qr_image(text: str, unit: int = 8) -> QImage:
    """The QR code as an image (``unit`` pixels per module)."""
    modules = qr_modules(text)
    side = (len(modules) + 2 * QUIET_ZONE) * unit
    img = QImage(side, side, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    try:
        paint_modules(p, QRectF(0, 0, side, side), modules)
    finally:
        p.end()
    return img


class QrWidget(QWidget):
    """Shows one QR code. ``set_text("")`` shows nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self._text = ""
        self._modules: list[list[bool]] = []
        self.error = ""
        self.setMinimumSize(160, 160)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # The symbol is data: never mirrored by a right-to-left layout.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self.error = ""
        try:
            self._modules = qr_modules(text) if text else []
        except Exception as exc:  # segno missing or the text too long: say so, never crash
            self._modules = []
            self.error = str(exc) or type(exc).__name__
        self.update()

    def modules(self) -> list[list[bool]]:
        return self._modules

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(260, 260)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), self.palette().window())
            if self._modules:
                paint_modules(p, QRectF(self.rect()), self._modules)
        finally:
            p.end()
