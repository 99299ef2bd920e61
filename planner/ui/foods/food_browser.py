"""The food browser: search, aisle and diet filters, the sortable table and a detail pane."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.categories import AISLES, TAGS
from planner.core.data.nutrients import KEYS
from planner.core.data.ranking import PER_CHOICES
from planner.ui.foods.food_detail import food_detail_html
from planner.ui.foods.food_model import FIXED_COLUMNS, FoodFilterProxy, FoodTableModel
from planner.ui.shared.state import AppState
from planner.ui.widgets.menu_button import MenuButton
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.shortcuts import focus_key
from planner.ui.widgets.text_colours import text_colours

# Diet filters: a tag a food must have, or tags it must not have.
REQUIRE_FILTERS = ("vegan", "vegetarian")
EXCLUDE_FILTERS = (
    "contains-dairy",
    "contains-egg",
    "contains-gluten",
    "contains-nuts",
    "contains-peanuts",
    "contains-soy",
    "fish",
    "shellfish",
    "meat",
    "pregnancy-caution",
)


class FoodTableView(QTableView):
    """The food table; Enter adds the current food, as a double-click does."""

    activatedFood = Signal(str)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedFood.emit(self.currentIndex().data(ID_ROLE))
            return
        super().keyPressEvent(event)


class FoodBrowser(QWidget):
    """Every food, filtered and ranked; emits ``addRequested`` with a food id."""

    addRequested = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = FoodTableModel(state.foods, state.targets)
        # Sorted by name before the proxy and the view are attached: re-sorting then would
        # make both read every row again through Python.
        self.model.sort(0, Qt.SortOrder.AscendingOrder)
        self.proxy = FoodFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText="Search foods…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        # Names a screen reader says for controls whose only label is their content.
        self.search.setAccessibleName("Search foods")
        self.search.textChanged.connect(self._search_changed)
        self.aisle = QComboBox()
        # Narrower than its longest aisle when room is short (the list still shows it
        # whole): sized to that, the food list took 340 px from the menu on a small screen.
        self.aisle.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.aisle.setMinimumContentsLength(10)
        self.aisle.setAccessibleName("Aisle")
        self.aisle.addItem("All aisles", "")
        for key, label in AISLES.items():
            self.aisle.addItem(label, key)
        self.aisle.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.aisle.currentData())
        )
        diet_menu = QMenu()
        self.diet_actions: dict[tuple[str, str], QAction] = {}
        for tag in REQUIRE_FILTERS:
            self._diet_action(diet_menu, ("require", tag), f"{TAGS[tag]} only")
        diet_menu.addSeparator()
        for tag in EXCLUDE_FILTERS:
            self._diet_action(diet_menu, ("exclude", tag), f"Hide: {TAGS[tag].lower()}")
        self.diet = MenuButton("Diet", diet_menu)
        self.diet.setToolTip("Show only foods that fit a diet, or hide foods with a tag")
        self.per = QComboBox()
        self.per.setAccessibleName("Amounts per")
        for key, label in PER_CHOICES.items():
            self.per.addItem(label, key)
        self.per.currentIndexChanged.connect(lambda: self.model.set_per(self.per.currentData()))

        self.table = FoodTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (as in the totals)
        self.table.setAccessibleName("Foods")
        # Row headers hidden before the model comes: a shown one would first ask the
        # model about every row to size itself.
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setModel(self.proxy)
        # The indicator first, so that enabling sorting sorts once, by name.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(84)  # "Magnesium" whole in its header
        header.resizeSection(0, 190)
        header.resizeSection(1, 120)
        # The aisle last on screen (the model keeps its column): in the pane's default
        # width the nutrients, shaded by the share of the target, come right after the name,
        # the cramp nutrients first (magnesium beside the name), energy after them.
        header.moveSection(1, header.count() - 1)
        energy = len(FIXED_COLUMNS) + KEYS.index("energy")
        header.moveSection(header.visualIndex(energy), header.count() - 2)
        self.table.doubleClicked.connect(lambda i: self.addRequested.emit(i.data(ID_ROLE)))
        self.table.activatedFood.connect(self.addRequested)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Food details")
        self.detail.setOpenLinks(False)
        # Whole words only: Qt's default breaks a nutrient's name mid-word in a narrow pane.
        self.detail.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        # Short: a placeholder does not wrap, and the pane is narrow on a small screen.
        self.detail.setPlaceholderText("Select a food to see its details.")

        filters = QHBoxLayout()
        filters.addWidget(self.aisle, 1)
        filters.addWidget(self.diet)
        filters.addWidget(self.per)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("browserSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.splitter)

        focus = QAction(self)
        focus.setShortcut(QKeySequence.StandardKey.Find)
        focus.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(focus)
        self.search.returnPressed.connect(self._focus_first_row)
        # Down from the search box goes to the list, as in a launcher's results.
        focus_key(self.search, Qt.Key.Key_Down, self._focus_first_row)

        state.profileChanged.connect(lambda _: self._targets_changed())
        state.foodsChanged.connect(self._foods_changed)

    def _search_changed(self, text: str) -> None:
        """Show the matches, best first; the header shows no sort while they are ranked,
        and the sort chosen before once the search is cleared."""
        self.proxy.set_query(text)
        header = self.table.horizontalHeader()
        sort = self.model.sort_column
        shown = (-1, Qt.SortOrder.AscendingOrder) if self.model.ranked or sort is None else sort
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != shown:
            # Only the indicator: the model has its rows already.
            blocked = header.blockSignals(True)
            header.setSortIndicator(*shown)
            header.blockSignals(blocked)
            header.viewport().update()

    def _diet_action(self, menu: QMenu, key: tuple[str, str], text: str) -> None:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.toggled.connect(self._diet_changed)
        self.diet_actions[key] = action

    def _diet_changed(self) -> None:
        require = {
            t for (kind, t), a in self.diet_actions.items() if kind == "require" and a.isChecked()
        }
        exclude = {
            t for (kind, t), a in self.diet_actions.items() if kind == "exclude" and a.isChecked()
        }
        self.proxy.set_tags(frozenset(require), frozenset(exclude))
        count = len(require) + len(exclude)
        self.diet.set_label(f"Diet ({count})" if count else "Diet")

    def _focus_first_row(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _targets_changed(self) -> None:
        self.model.set_targets(self.state.targets)
        self._show_detail(self.table.currentIndex())

    def _foods_changed(self, foods) -> None:
        self.model.set_foods(foods)

    def _show_detail(self, index) -> None:
        food_id = index.data(ID_ROLE) if index.isValid() else None
        if food_id is None:
            self.detail.clear()
            return
        colours = text_colours()
        self.detail.setHtml(
            food_detail_html(
                self.state.foods, food_id, self.state.targets, colours, self.state.profile
            )
        )

    def sort_state(self) -> str:
        """The list's sort as ``column:order`` (0 ascending, 1 descending), to remember
        (the column sort, not a search's ranking)."""
        column, order = self.model.sort_column or (0, Qt.SortOrder.AscendingOrder)
        return f"{column}:{order.value}"

    def restore_sort(self, state: object) -> None:
        """Sort as ``sort_state`` said; anything unreadable (a hand-edited or older settings
        file, a column the list no longer has) leaves it sorted by name."""
        column, _, order = str(state or "").partition(":")
        if not (column.isdigit() and order in ("0", "1")):
            return
        if 0 <= int(column) < self.model.columnCount() and (int(column), order) != (0, "0"):
            self.table.sortByColumn(int(column), Qt.SortOrder(int(order)))

    def current_food(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_foods(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(ID_ROLE) for r in rows]
