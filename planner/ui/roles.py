"""Item data roles the window's models share."""

from __future__ import annotations

from PySide6.QtCore import Qt

# The id a row stands for: a food id, or a saved menu's or plan's id. One role for every
# model, so a view or a drag handler can ask any of them the same way.
ID_ROLE = Qt.ItemDataRole.UserRole
