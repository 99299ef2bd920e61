"""A two-level tree model: group rows at the top (meals, aisles), their children below."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from planner.ui.widgets.roles import ModelIndex

# internalId of a group row; a child row carries its group's row + 1.
_GROUP_ID = 0


class GroupedTreeModel(QAbstractItemModel):
    """The index scheme and Qt plumbing of a group/child tree, with ``columns`` as headers.

    Subclasses say how many groups there are and how many children each has; they address
    rows through ``group_index``, ``child_index`` and ``group_of``.
    """

    columns: tuple[str, ...] = ()

    def group_count(self) -> int:
        raise NotImplementedError

    def child_count(self, group: int) -> int:
        raise NotImplementedError

    def group_index(self, group: int, column: int = 0) -> QModelIndex:
        return self.createIndex(group, column, _GROUP_ID)

    def child_index(self, group: int, row: int, column: int = 0) -> QModelIndex:
        return self.createIndex(row, column, group + 1)

    @staticmethod
    def group_of(index: ModelIndex) -> int | None:
        """The group row a child index belongs to; None for group rows and invalid ones."""
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        return index.internalId() - 1

    # -- Qt model interface -------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(self.columns):
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < self.group_count():
                return self.group_index(row, column)
            return QModelIndex()
        if parent.internalId() != _GROUP_ID or not 0 <= row < self.child_count(parent.row()):
            return QModelIndex()
        return self.child_index(parent.row(), row, column)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        group = self.group_of(index)
        return QModelIndex() if group is None else self.group_index(group)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self.group_count()
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return self.child_count(parent.row())
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None
