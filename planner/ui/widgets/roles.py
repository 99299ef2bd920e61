"""What the window's item models share: the index type they take, the data roles they answer."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

# What a model method may be given: views pass both kinds of index.
ModelIndex = QModelIndex | QPersistentModelIndex

# The id a row stands for: a food id, or a saved menu's or plan's id. One role for every
# model, so a view or a drag handler can ask any of them the same way.
ID_ROLE = Qt.ItemDataRole.UserRole
