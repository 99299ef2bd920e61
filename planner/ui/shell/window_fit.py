"""The main window's size the first time it opens: its default where that fits the
screen, else the whole screen (a 1366 x 768 laptop cannot hold 1400 x 860)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1400, 860)
# What a window manager adds around the window: title bar and borders.
FRAME = QSize(40, 60)
# Un-maximised on a small screen, the window keeps this share of it.
NORMAL_SHARE = 0.9


def fits(available: QRect, size: QSize = DEFAULT_SIZE) -> bool:
    """Whether a window of ``size`` and its frame fit in the screen's ``available`` area."""
    return (
        available.width() >= size.width() + FRAME.width()
        and available.height() >= size.height() + FRAME.height()
    )


def fit_to_screen(window: QWidget, available: QRect) -> None:
    """Default size, centred, where it fits; else maximised over a normal size that fits."""
    small = not fits(available)
    size = (
        QSize(int(available.width() * NORMAL_SHARE), int(available.height() * NORMAL_SHARE))
        if small
        else DEFAULT_SIZE
    )
    window.resize(size)
    window.move(
        available.x() + (available.width() - size.width()) // 2,
        available.y() + (available.height() - size.height()) // 2,
    )
    if small:  # after resize(), which clears it on a window not yet shown
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
