"""A flat table model whose columns are a tuple of headers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class HeaderedTableModel(QAbstractTableModel):
    """Answers column count and horizontal headers from ``columns``; rows are the subclass's."""

    columns: tuple[str, ...] = ()

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None
