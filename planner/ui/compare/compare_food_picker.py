"""The Compare tab's food picker: search foods, add them to the comparison, remove them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.foods import FoodTable
from planner.core.data.ranking import PER_CHOICES
from planner.core.menus.comparison import MAX_SOURCES
from planner.ui.compare.compare_texts import SERIES_COLOURS
from planner.ui.foods.food_picker_model import FoodPickerModel
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key


class ChosenFoodsModel(QAbstractListModel):
    """The foods being compared, in the order they were added (their colours' order)."""

    chosenChanged = Signal()
    limitReached = Signal(str)

    def __init__(self, foods: FoodTable, ids: list[str] | None = None) -> None:
        super().__init__()
        self.foods = foods
        self.ids: list[str] = [i for i in (ids or []) if i in foods][:MAX_SOURCES]

    def add(self, ids: list[str]) -> int:
        """Add the foods not chosen yet, up to the limit; returns how many were added."""
        new = [i for i in dict.fromkeys(ids) if i in self.foods and i not in self.ids]
        room = MAX_SOURCES - len(self.ids)
        if len(new) > room:
            self.limitReached.emit(
                f"Up to {MAX_SOURCES} foods can be compared at once; "
                f"{len(new) - max(room, 0)} not added."
            )
            new = new[: max(room, 0)]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(new) - 1)
            self.ids.extend(new)
            self.endInsertRows()
            self.chosenChanged.emit()
        return len(new)

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self.ids = []
        self.endResetModel()
        if not self.add(ids):
            self.chosenChanged.emit()

    def remove_rows(self, rows: list[int]) -> None:
        if not rows:
            return
        self.beginResetModel()
        drop = set(rows)
        self.ids = [i for r, i in enumerate(self.ids) if r not in drop]
        self.endResetModel()
        self.chosenChanged.emit()

    def set_foods(self, foods: FoodTable) -> None:
        """A new food table; foods it no longer has leave the comparison."""
        self.beginResetModel()
        self.foods = foods
        before = self.ids
        self.ids = [i for i in self.ids if i in foods]
        self.endResetModel()
        if self.ids != before:
            self.chosenChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        food_id = self.ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.foods.name(food_id)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(SERIES_COLOURS[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            info = self.foods.info.loc[food_id]
            portion = (
                f"\nPortion: {info['portion_name']} ({info['portion_g']:g} g)"
                if info["portion_g"] > 0
                else ""
            )
            return f"{info['usda_description']} (USDA {info['usda_ndb']}){portion}"
        if role == ID_ROLE:
            return food_id
        return None


class ListWithDelete(QListView):
    """A list view that asks for its selected rows to be removed on Delete/Backspace."""

    deletePressed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class FoodPicker(QWidget):
    """The amounts' basis, a food search with its matches, and the foods chosen (up to six).

    ``chosen_model.chosenChanged`` says the foods changed; ``basis`` holds what amounts are
    per. The search index is made on ``load_matches`` (the tab's first showing).
    """

    def __init__(self, foods: FoodTable, chosen: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches_loaded = False
        self.basis = QComboBox()
        for key, label in PER_CHOICES.items():
            self.basis.addItem(label, key)
        self.food_search = QLineEdit(placeholderText="Search foods to compare…")
        self.food_search.setClearButtonEnabled(True)
        self.food_search.setMaxLength(200)
        self.match_model = FoodPickerModel()  # filled when the tab is first shown
        self.matches = QListView()
        self.matches.setModel(self.match_model)
        self.matches.setUniformItemSizes(True)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton("Add to comparison")
        self.chosen_model = ChosenFoodsModel(foods, chosen)
        self.chosen = ListWithDelete()
        self.chosen.setModel(self.chosen_model)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton("Remove")
        self.clear_button = QPushButton("Clear")
        self.hint = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        basis_row = QHBoxLayout()
        basis_row.addWidget(QLabel("Amounts"))
        basis_row.addWidget(self.basis, 1)
        layout.addLayout(basis_row)
        layout.addWidget(self.food_search)
        layout.addWidget(self.matches, 3)
        layout.addWidget(self.add_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.chosen, 2)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addWidget(self.clear_button)
        layout.addLayout(remove_row)

        self.food_search.textChanged.connect(self.match_model.set_query)
        self.food_search.returnPressed.connect(self._focus_first_match)
        focus_key(self.food_search, Qt.Key.Key_Down, self._focus_first_match)
        self.matches.activated.connect(lambda _: self.add_selected_matches())
        self.add_button.clicked.connect(self.add_selected_matches)
        self.remove_button.clicked.connect(self.remove_selected_foods)
        self.chosen.deletePressed.connect(self.remove_selected_foods)
        self.clear_button.clicked.connect(lambda: self.chosen_model.set_ids([]))
        self.update_hint()

    def load_matches(self, foods: FoodTable) -> None:
        """Make the search index, once (the tab's first showing, not start-up)."""
        if not self._matches_loaded:
            self._matches_loaded = True
            self.match_model.set_foods(foods)

    def set_foods(self, foods: FoodTable) -> None:
        """A new food table: the search follows it, and foods it lacks leave the comparison."""
        if self._matches_loaded:
            self.match_model.set_foods(foods)
        self.chosen_model.set_foods(foods)

    def add_selected_matches(self) -> None:
        rows = sorted({i.row() for i in self.matches.selectionModel().selectedIndexes()})
        if not rows and self.matches.currentIndex().isValid():
            rows = [self.matches.currentIndex().row()]
        self.chosen_model.add([self.match_model.food_id(r) for r in rows])

    def remove_selected_foods(self) -> None:
        rows = [i.row() for i in self.chosen.selectionModel().selectedRows()]
        if not rows and self.chosen.currentIndex().isValid():
            rows = [self.chosen.currentIndex().row()]
        self.chosen_model.remove_rows(rows)

    def update_hint(self) -> None:
        self.hint.setText(
            f"Compared ({len(self.chosen_model.ids)} of {MAX_SOURCES}); Delete removes:"
        )

    def _focus_first_match(self) -> None:
        if self.match_model.rowCount():
            self.matches.setFocus()
            self.matches.selectionModel().setCurrentIndex(
                self.match_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
