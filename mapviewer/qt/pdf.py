"""PNG encoding of a rendered picture (for the atomic writer). The PDF briefing is
mapviewer.qt.pdf_briefing; the PNG with its caption band mapviewer.qt.export_caption."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage


def image_png_bytes(image: QImage) -> bytes:
    """PNG encoding of a QImage."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # PySide6 stubs: save(QIODevice, format) exists
        raise OSError("could not encode the PNG image")
    buffer.close()
    return bytes(data.data())
