"""The menu editor: the day's meals and items, edited in place, by drag and drop or keyboard."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.formatting import AMOUNT_PATTERN, count_of
from planner.core.menus.menu import MAX_ITEMS, MEAL_LABELS, MEALS, MenuItem
from planner.ui.day_menu.menu_commands import AddItems, EditItem, MoveItems, RemoveItems, RenameMenu
from planner.ui.day_menu.menu_model import AMOUNT, UNIT, MenuModel
from planner.ui.widgets.menu_button import MenuButton


class AmountDelegate(QStyledItemDelegate):
    """Amount cells take numbers only; unit cells offer grams, portions, the food's
    household measures and, for drinks, ml."""

    def createEditor(self, parent, option, index):
        if index.column() == UNIT:
            combo = QComboBox(parent)
            model = index.model()
            position = model.position_of(index)
            for label, unit in model.unit_choices(model.menu.items[position]):
                combo.addItem(label, unit)
            return combo
        # With the first edit, not at start-up.
        from PySide6.QtCore import QRegularExpression
        from PySide6.QtGui import QRegularExpressionValidator

        editor = QLineEdit(parent)
        # Digits only, as read_number reads them. Not QDoubleValidator: on Enter its
        # fixup drops what the C locale takes for a thousands comma, so "1,5" became 15.
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(AMOUNT_PATTERN), editor))
        return editor

    def setEditorData(self, editor, index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            editor.setText(f"{value:g}")
            editor.selectAll()

    def setModelData(self, editor, model, index) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class MenuTree(QTreeView):
    """Delete removes the selection; typing or F2 on an item edits its amount; drops are
    handled by the model's requests. An empty menu says how to fill it."""

    deletePressed = Signal()
    EMPTY_HINT = (
        "To add a food, double-click it in the food list, press Enter on it, or drag it "
        "here onto a meal."
    )

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.menu.items or not model.rowCount():
            return
        from PySide6.QtGui import QPainter, QPalette  # only while a menu is empty

        last = self.visualRect(model.index(model.rowCount() - 1, 0))
        area = self.viewport().rect().adjusted(12, last.bottom() + 16, -12, 0)
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            area,
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            self.EMPTY_HINT,
        )
        painter.end()

    def edit(self, index, trigger=None, event=None):
        if trigger is None:  # the public edit(index)
            return super().edit(index)
        # Keys edit the amount whichever column is current: the arrow keys leave the
        # current cell in the food's column, which is not editable.
        key_triggers = (self.EditTrigger.EditKeyPressed, self.EditTrigger.AnyKeyPressed)
        if trigger in key_triggers and index.isValid() and index.column() != AMOUNT:
            amount = index.siblingAtColumn(AMOUNT)
            if amount.flags() & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentIndex(amount)
                index = amount
        return super().edit(index, trigger, event)

    def keyPressEvent(self, event) -> None:
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class MenuEditor(QWidget):
    """Shows one menu; every change goes through the undo stack."""

    statusMessage = Signal(str)

    def __init__(
        self, model: MenuModel, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.undo_stack = undo_stack

        self.name = QLineEdit()
        self.name.setPlaceholderText("Menu name")
        self.name.setAccessibleName("Menu name")
        self.name.setMaxLength(200)
        self.name.editingFinished.connect(self._rename)
        self.add_to = QComboBox()
        for meal in MEALS:
            self.add_to.addItem(MEAL_LABELS[meal], meal)
        self.add_to.setToolTip("Meal that new foods go to (when no meal is selected)")

        self.tree = MenuTree()
        self.tree.setAccessibleName("Menu")
        self.tree.setModel(model)
        self.tree.setItemDelegate(AmountDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.deletePressed.connect(self.remove_selected)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 50), (2, 62), (3, 46), (4, 42)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._after_insert)
        model.menuChanged.connect(self._sync_name)
        model.editRequested.connect(
            lambda position, item: self.undo_stack.push(EditItem(self.model, position, item))
        )
        model.addRequested.connect(self.add_foods)
        model.moveRequested.connect(self.move_positions)
        model.invalidEdit.connect(self.statusMessage)

        remove = QToolButton(text="Remove")
        remove.setToolTip("Remove the selected items (Delete)")
        remove.clicked.connect(self.remove_selected)
        move_menu = QMenu()
        self.move_actions = []
        for n, meal in enumerate(MEALS, start=1):
            action = move_menu.addAction(MEAL_LABELS[meal])
            action.setShortcut(QKeySequence(f"Alt+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, m=meal: self.move_selected(m))
            self.addAction(action)
            self.move_actions.append(action)
        move = MenuButton("Move to", move_menu)
        self.move_button = move

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        add_to_label = QLabel("A&dd to")
        add_to_label.setBuddy(self.add_to)  # Alt+D
        top.addWidget(add_to_label)
        top.addWidget(self.add_to)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addWidget(move)
        buttons.addStretch(1)
        self.kcal = QLabel()
        buttons.addWidget(self.kcal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._after_reset()

    # -- actions ----------------------------------------------------------------------
    def target_meal(self) -> str:
        """The meal of the current row, else the 'Add to' choice."""
        return self.model.meal_of(self.tree.currentIndex()) or self.add_to.currentData()

    def add_foods(
        self, food_ids: list[str], meal: str | None = None, portions: float = 1.0
    ) -> None:
        """Add one portion of each food (grams when a food has no portion)."""
        meal = meal or self.target_meal()
        items = []
        for food_id in food_ids:
            portion = self.model.foods.portion_g(food_id)
            if portion == portion:  # not NaN
                items.append(MenuItem(food_id, meal, portions=portions))
            else:
                items.append(MenuItem(food_id, meal, grams=100.0))
        room = max(MAX_ITEMS - len(self.model.menu.items), 0)
        if len(items) > room:  # a sane size keeps every edit's save and paint instant
            self.statusMessage.emit(f"A day's menu holds at most {MAX_ITEMS} items.")
            items = items[:room]
        if items:
            self.undo_stack.push(AddItems(self.model, items))

    def add_item(self, item: MenuItem) -> None:
        """Add ``item`` (its amount as given) to the meal chosen in "Add to" (the gaps
        panel's Add: not the meal of whatever row is current in the menu)."""
        meal = self.add_to.currentData()
        self.undo_stack.push(AddItems(self.model, [replace(item, meal=meal)]))

    def selected_positions(self) -> list[int]:
        rows = self.tree.selectionModel().selectedRows()
        return sorted({p for r in rows if (p := self.model.position_of(r)) is not None})

    def remove_selected(self) -> None:
        positions = self.selected_positions()
        if positions:
            self.undo_stack.push(RemoveItems(self.model, positions))

    def move_selected(self, meal: str) -> None:
        self.move_positions(self.selected_positions(), meal)

    def move_positions(self, positions: list[int], meal: str) -> None:
        command = MoveItems(self.model, positions, meal)
        if command.moves:
            self.undo_stack.push(command)
            self.select_positions(command.positions)

    def select_positions(self, positions: list[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        for p in positions:
            if p < len(self.model.menu.items):
                index = self.model.index_of_position(p)
                self.tree.expand(index.parent())
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def edit_amount(self, position: int) -> None:
        """Start typing an amount for an item (keyboard users: F2 does the same)."""
        index = self.model.index_of_position(position, AMOUNT)
        self.tree.setCurrentIndex(index)
        self.tree.edit(index)

    def _rename(self) -> None:
        name = self.name.text().strip()
        if name and name != self.model.menu.name:
            self.undo_stack.push(RenameMenu(self.model, name))
        elif not name:
            self.name.setText(self.model.menu.name)

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        if self.selected_positions():
            menu.addAction("Remove", self.remove_selected)
            move = menu.addMenu("Move to")
            for action in self.move_actions:
                move.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    # -- keeping the view tidy ----------------------------------------------------------
    def _after_reset(self) -> None:
        """Another menu was opened: its name replaces whatever the name field held, even
        with focus there, or leaving the field would rename the new menu to the old name."""
        self.tree.expandAll()
        self.name.setText(self.model.menu.name)
        self._sync_name()

    def _after_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.tree.expand(parent)
            index = self.model.index(last, 0, parent)
            self.tree.scrollTo(index)

    def _sync_name(self) -> None:
        if not self.name.hasFocus():
            self.name.setText(self.model.menu.name)
        kcal = self.model.kcal_text()
        self.kcal.setText(f"{count_of(len(self.model.menu.items), 'item')} · {kcal} kcal")
