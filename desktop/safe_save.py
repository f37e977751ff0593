"""Window saves: every file the window writes goes through :mod:`checks.engine.safe_write`.

The person chose the name in Checkup's save dialog, which asked before replacing a file, so a
window save replaces an existing file, and a link under the chosen name is itself replaced
by the new file (what it pointed to is never written; see checks/engine/safe_write.py). A name the
dialog did not show (the window added the format's extension afterwards) was never
confirmed: it is saved with ``confirmed=False``, which refuses an existing file or a link.
Nothing is written before the whole content is ready in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from checks.engine.safe_write import WriteProblem, write_file
from desktop.qt_i18n import current


def save_chosen(path: str, data: bytes, *, confirmed: bool = True) -> str:
    """Write ``data`` to a path the person chose in a save dialog (``confirmed``: the
    dialog asked before replacing what is there). Raises WriteProblem."""
    return write_file(path, data, replace=confirmed, replace_link=confirmed)


def problem_line(exc: OSError) -> str:
    """The one clear line for a failed save, in the window's language."""
    if isinstance(exc, WriteProblem):
        return current().render(exc.message)
    return str(exc.strerror or exc)


def png_bytes(img: QImage) -> bytes:
    """``img`` as a PNG, in memory. Raises OSError when Qt cannot encode it."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = img.save(buf, "PNG")  # type: ignore[call-overload]
    buf.close()
    if not ok:
        raise OSError("the image could not be made")
    return bytes(data.data())
