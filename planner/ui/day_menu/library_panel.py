"""The list of saved menus: open, new, rename, duplicate, delete."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.errors import InputError
from planner.core.storage.library import Entry, Library
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key

MENU_MIME = "application/x-crampless-menu-ids"


class EntryListModel(QAbstractListModel):
    """Saved menus or plans (``fetch`` lists them), newest change first; the open one bold.

    Subclasses decide what a name typed into the list does (``setData``).
    """

    def __init__(self, fetch: Callable[[], list[Entry]]) -> None:
        super().__init__()
        self._fetch = fetch
        self.entries: list[Entry] = []
        self.current_id: int | None = None
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.entries = self._fetch()
        self.endResetModel()

    def set_current(self, entry_id: int | None) -> None:
        self.current_id = entry_id
        if self.entries:
            self.dataChanged.emit(self.index(0), self.index(len(self.entries) - 1))

    def row_of(self, entry_id: int | None) -> int:
        return next((r for r, e in enumerate(self.entries) if e.id == entry_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return entry.name
        if role == ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Changed " + time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.updated))
        if role == Qt.ItemDataRole.FontRole and entry.id == self.current_id:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable


class MenuListModel(EntryListModel):
    """Saved menus; a name typed into the list renames the menu in the library."""

    renameFailed = Signal(str)

    def __init__(self, library: Library) -> None:
        self.library = library
        super().__init__(library.menus)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        try:
            self.library.rename_menu(self.entries[index.row()].id, str(value))
        except InputError as exc:
            self.renameFailed.emit(exc.message)
            return False
        self.refresh()
        return True

    # A saved menu dragged onto a day of the week plan fills that day.
    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [MENU_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = list(dict.fromkeys(self.entries[i.row()].id for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(MENU_MIME, "\n".join(str(i) for i in ids).encode())
        return mime


def menu_ids_from_mime(mime: QMimeData) -> list[int]:
    """The saved menus' ids a drag carries (none when it carries something else)."""
    if not mime.hasFormat(MENU_MIME):
        return []
    return [int(s) for s in bytes(mime.data(MENU_MIME)).decode().split("\n") if s.isdigit()]


class LibraryPanel(QWidget):
    """Buttons and the list; the window does the opening, creating and deleting."""

    openRequested = Signal(int)
    newRequested = Signal()
    duplicateRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(self, model: MenuListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.list = QListView()
        self.list.setModel(model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.activated.connect(lambda i: self.openRequested.emit(i.data(ID_ROLE)))
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        # A 2 x 2 grid keeps the dock narrow (a row of four sets a 260 px minimum).
        buttons = QGridLayout()
        for n, (text, tip, slot) in enumerate(
            (
                ("New", "New menu (Ctrl+N)", self.newRequested.emit),
                ("Duplicate", "Duplicate the selected menu", self._duplicate),
                ("Rename", "Rename the selected menu (F2)", self._rename),
                ("Delete", "Delete the selected menu (Del)", self._delete),
            )
        ):
            button = QPushButton(text, toolTip=tip)  # widens with the dock, as push buttons do
            button.clicked.connect(slot)
            buttons.addWidget(button, n // 2, n % 2)
        # Del deletes the selected menu (after asking) while the list has the focus.
        focus_key(self.list, QKeySequence.StandardKey.Delete, self._delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def selected_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _duplicate(self) -> None:
        if (menu_id := self.selected_id()) is not None:
            self.duplicateRequested.emit(menu_id)

    def _rename(self) -> None:
        if self.list.currentIndex().isValid():
            self.list.edit(self.list.currentIndex())

    def _delete(self) -> None:
        if (menu_id := self.selected_id()) is not None:
            self.deleteRequested.emit(menu_id)
