"""What every PDF Crampless writes shares: a GUI application to draw text with, the paper
of the user's locale, the margins and resolution, fonts whose text can be copied, and the
document made in memory then written atomically."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from planner import APP_NAME, __version__
from planner.core.storage.atomic import atomic_write_bytes

MARGIN_MM = 18.0
PDF_DPI = 300

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display).

    Drawing text needs the font database, which only a QGuiApplication sets up; the
    command line has none and may run on a machine without a display.
    """
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("drawing a PDF needs a QGuiApplication, not a QCoreApplication")
        return app
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else APP_NAME])
    return _app


def pdf_font(points: float, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    # The text is searched and copied from the PDF: "fi" must stay two letters, not the
    # ligature glyph (U+FB01) that text extraction would return. setFeature is Qt 6.7+.
    if hasattr(font, "setFeature"):
        font.setFeature(QFont.Tag("liga"), 0)
    return font


def draw_footer(painter: QPainter, font: QFont, colour: QColor, text: str, page: QRectF) -> None:
    """``text`` centred at the foot of ``page`` (the space below the body)."""
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(page, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), text)


def default_page_size() -> QPageSize:
    """Letter where the locale measures in US units, A4 elsewhere."""
    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def pdf_bytes(
    title: str, paint: Callable[[QPdfWriter], object], page_size: QPageSize | None = None
) -> bytes:
    """A PDF document made in memory: ``paint`` draws its pages on the writer."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(page_size or default_page_size())
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    paint(writer)
    del writer  # the writer finishes the document when its painter ends; drop it before reading
    buffer.close()
    return bytes(data.data())


def write_pdf(path: Path, document: bytes) -> None:
    """Write the PDF atomically; an OSError leaves no partial file and is re-raised."""
    atomic_write_bytes(Path(path), document)
