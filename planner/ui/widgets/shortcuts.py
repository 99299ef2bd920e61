"""Keys that act on one widget, only while it has the focus (Del in a list, Down in a box)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def focus_key(
    widget: QWidget,
    key: QKeySequence.StandardKey | Qt.Key | str,
    slot: Callable[[], object],
) -> QShortcut:
    """Run ``slot`` when ``key`` is pressed while ``widget`` has the keyboard focus."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut
