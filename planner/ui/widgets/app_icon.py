"""The application's icon, set on the QApplication so that every window and dialog has it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from planner.desktop import ICON_SIZES, icon_png


def app_icon() -> QIcon:
    """The icon from its PNG sizes: QIcon reads a file only when a size is drawn, and PNGs
    need no SVG plug-in before the first paint."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon
