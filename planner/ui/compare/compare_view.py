"""The Compare tab: menus and plan days side by side, or foods per 100 g/portion/100 kcal.

The view joins its parts: the sources to tick (compare_sources.py), the food picker
(compare_food_picker.py), the chart (compare_chart.py) and the table
(compare_table_model.py). ``install`` adds the tab and "Compare selected foods".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.data.ranking import PER_CHOICES
from planner.core.errors import InputError
from planner.core.menus.comparison import MAX_SOURCES, Comparison, compare_foods, compare_menus
from planner.core.menus.menu import Menu
from planner.core.storage.library import Library
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.compare.compare_chart import CompareChart
from planner.ui.compare.compare_food_picker import FoodPicker
from planner.ui.compare.compare_sources import SourceListModel, list_sources, load_source
from planner.ui.compare.compare_table_model import DIFFERENCE_MODES, CompareTableModel
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState

MODES = {"menus": "Menus and plan days", "foods": "Foods"}
# Settings keys (lists are stored joined: an INI file gives a one-item list back as text).
MODE_KEY, BASIS_KEY, DIFF_KEY = "compare/mode", "compare/basis", "compare/difference"
SOURCES_KEY, FOODS_KEY = "compare/sources", "compare/foods"
SEPARATOR = "|"


def _split(value) -> list[str]:
    if isinstance(value, list):
        value = SEPARATOR.join(str(v) for v in value)
    return [v for v in str(value or "").split(SEPARATOR) if v]


class CompareView(QWidget):
    """Pick up to six menus, plan days or foods; see their bars and a table of differences.

    Work is done only while the tab is shown: changes elsewhere (an edit, a save, a new
    profile) are picked up when it is shown again.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        state: AppState,
        library: Library,
        settings: Settings,
        live_menu: Callable[[], Menu],
        folders: tuple[Callable[[], str], Callable[[str], None]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.library, self.settings = state, library, settings
        self.live_menu = live_menu
        self._last_folder, self._remember_folder = folders or (lambda: "", lambda _: None)
        self.comparison: Comparison | None = None
        self._sources_stale = True

        # Mode and difference choice.
        self.menus_mode = QRadioButton(MODES["menus"])
        self.foods_mode = QRadioButton(MODES["foods"])
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.menus_mode)
        self.mode_group.addButton(self.foods_mode)
        self.difference = QComboBox()
        for key, label in DIFFERENCE_MODES.items():
            self.difference.addItem(label, key)
        self.difference.setToolTip("What the difference columns of the table show")
        self.export_button = QPushButton("Export chart…")
        self.export_button.setToolTip("Save the chart as PNG, SVG or PDF")

        # (a) sources.
        self.source_model = SourceListModel(_split(settings.value(SOURCES_KEY, "")))
        self.sources = QListView()
        self.sources.setModel(self.source_model)
        self.sources.setUniformItemSizes(True)
        self.sources_hint = QLabel(wordWrap=True)
        self.none_hint = QLabel(
            "No saved menus or plans yet. Menus you make on the Day menu tab, and the days "
            "of saved plans, appear here.",
            wordWrap=True,
        )
        menus_page = QWidget()
        menus_layout = QVBoxLayout(menus_page)
        menus_layout.setContentsMargins(0, 0, 0, 0)
        menus_layout.addWidget(self.sources_hint)
        menus_layout.addWidget(self.sources, 1)
        menus_layout.addWidget(self.none_hint)

        # (b) foods.
        self.food_picker = FoodPicker(state.foods, _split(settings.value(FOODS_KEY, "")))

        self.pickers = QStackedWidget()
        self.pickers.addWidget(menus_page)
        self.pickers.addWidget(self.food_picker)

        # Chart and table.
        self.chart = CompareChart()
        self.chart.food_name = state.foods.name
        self.table_model = CompareTableModel()
        self.table_model.food_name = state.foods.name
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (read-only cells)
        self.table.setModel(self.table_model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results = QSplitter(Qt.Orientation.Vertical, objectName="compareResultsSplitter")
        self.results.addWidget(self.chart)
        self.results.addWidget(self.table)
        self.results.setStretchFactor(0, 1)
        self.results.setStretchFactor(1, 0)
        # The table's eleven rows and header, so the chart gets the rest.
        self.results.setSizes([600, 12 * 22 + 30])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="compareSplitter")
        self.splitter.addWidget(self.pickers)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1040])

        top = QHBoxLayout()
        top.addWidget(QLabel("Compare:"))
        top.addWidget(self.menus_mode)
        top.addWidget(self.foods_mode)
        top.addStretch(1)
        top.addWidget(QLabel("Differences:"))
        top.addWidget(self.difference)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self._restore_choices()
        self._connect()
        self._update_hints()

    # -- construction ---------------------------------------------------------------------
    def _restore_choices(self) -> None:
        mode = self.settings.value(MODE_KEY, "menus")
        (self.foods_mode if mode == "foods" else self.menus_mode).setChecked(True)
        self.pickers.setCurrentIndex(1 if mode == "foods" else 0)
        for combo, key in ((self.food_picker.basis, BASIS_KEY), (self.difference, DIFF_KEY)):
            index = combo.findData(self.settings.value(key, ""))
            if index >= 0:
                combo.setCurrentIndex(index)
        for splitter in (self.splitter, self.results):
            saved = self.settings.value(f"compare/{splitter.objectName()}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
            splitter.splitterMoved.connect(
                lambda *_, s=splitter: self.settings.set_value(
                    f"compare/{s.objectName()}", s.saveState()
                )
            )

    def _connect(self) -> None:
        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.food_picker.basis.currentIndexChanged.connect(self._basis_changed)
        self.difference.currentIndexChanged.connect(self._difference_changed)
        self.export_button.clicked.connect(self.export_chart)
        self.chart.export_action.triggered.connect(self.export_chart)
        self.source_model.chosenChanged.connect(self._sources_chosen)
        self.source_model.limitReached.connect(self.statusMessage)
        self.food_picker.chosen_model.chosenChanged.connect(self._foods_chosen)
        self.food_picker.chosen_model.limitReached.connect(self.statusMessage)
        self.state.profileChanged.connect(lambda _: self.mark_stale())
        self.state.foodsChanged.connect(self._foods_changed)

    # -- public ---------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "foods" if self.foods_mode.isChecked() else "menus"

    def set_mode(self, mode: str) -> None:
        (self.foods_mode if mode == "foods" else self.menus_mode).setChecked(True)

    def compare_foods(self, ids: list[str]) -> None:
        """Compare these foods (the food browser's "Compare selected foods")."""
        self.set_mode("foods")
        self.food_picker.chosen_model.set_ids(ids)

    def mark_stale(self, sources: bool = False) -> None:
        """Something shown may have changed; recompute now if visible (showing does too)."""
        self._sources_stale = self._sources_stale or sources
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Bring the source list, chart and table up to date."""
        if self._sources_stale:
            self._sources_stale = False
            self.refresh_sources()
        self.comparison = self._compute()
        self.table_model.set_comparison(self.comparison, self.difference.currentData())
        profile = self.state.profile.describe()
        if self.mode == "foods":
            basis = PER_CHOICES[self.food_picker.basis.currentData()]
            title = f"Foods {basis}"
            hint = "Search foods on the left and add up to 6 to compare."
        else:
            title = "Menus and plan days over a whole day"
            hint = "Tick up to 6 menus or plan days on the left to compare them."
        self.chart.set_comparison(
            self.comparison, title, f"% of your daily target ({profile})", hint
        )
        self._update_hints()

    def refresh_sources(self) -> None:
        """List the menu being edited, saved menus and every saved plan's days."""
        self.source_model.set_sources(list_sources(self.live_menu(), self.library))
        self._update_hints()

    def export_chart(self) -> None:
        if not self.chart.built:
            return
        name = "foods comparison.png" if self.mode == "foods" else "menus comparison.png"
        written = export_figure_dialog(self, self.chart.figure, name, self._last_folder())
        if written:
            self._remember_folder(str(written))
            self.statusMessage.emit(f"Chart saved to {written}")

    # -- events ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Matplotlib and the food search index are made when the tab is first shown, not
        # at start-up.
        self.chart.build()
        self.food_picker.load_matches(self.state.foods)
        self._sources_stale = True  # plans may have been saved by another view meanwhile
        self.refresh()

    def _mode_toggled(self, button, checked: bool) -> None:
        if not checked:
            return
        self.pickers.setCurrentIndex(1 if self.mode == "foods" else 0)
        self.settings.set_value(MODE_KEY, self.mode)
        self.mark_stale()

    def _basis_changed(self) -> None:
        self.settings.set_value(BASIS_KEY, self.food_picker.basis.currentData())
        if self.mode == "foods":
            self.mark_stale()

    def _difference_changed(self) -> None:
        self.settings.set_value(DIFF_KEY, self.difference.currentData())
        self.table_model.set_comparison(self.comparison, self.difference.currentData())

    def _sources_chosen(self) -> None:
        self.settings.set_value(SOURCES_KEY, SEPARATOR.join(self.source_model.chosen))
        if self.mode == "menus":
            self.mark_stale()
        self._update_hints()

    def _foods_chosen(self) -> None:
        self.settings.set_value(FOODS_KEY, SEPARATOR.join(self.food_picker.chosen_model.ids))
        if self.mode == "foods":
            self.mark_stale()
        self._update_hints()

    def _foods_changed(self, foods) -> None:
        self.food_picker.set_foods(foods)
        self.chart.food_name = self.table_model.food_name = foods.name
        self.mark_stale()

    # -- computing --------------------------------------------------------------------------
    def _compute(self) -> Comparison:
        foods, targets = self.state.foods, self.state.targets
        if self.mode == "foods":
            picker = self.food_picker
            return compare_foods(
                picker.chosen_model.ids, foods, targets, picker.basis.currentData()
            )
        named = []
        plans: dict[int, object] = {}
        for source in self.source_model.chosen_sources():
            menu = self._load(source.key, plans)
            if menu is not None:
                named.append((source.label, menu))
        return compare_menus(named, foods, targets)

    def _load(self, key: str, plans: dict) -> Menu | None:
        """The menu behind a source key, or None (and a message) if it cannot be read."""
        try:
            return load_source(key, self.library, self.live_menu, plans)
        except (KeyError, IndexError, ValueError, InputError) as exc:
            self.statusMessage.emit(f"Cannot compare {key}: {exc}")
            return None

    def _update_hints(self) -> None:
        chosen = len(self.source_model.chosen)
        self.sources_hint.setText(
            f"Tick up to {MAX_SOURCES} to compare ({chosen} chosen). The first one ticked is "
            "what the differences are measured against."
        )
        self.none_hint.setVisible(self.source_model.rowCount() <= 1)
        self.food_picker.update_hint()


def install(window) -> None:
    """Add the Compare tab and "Compare selected foods" to the window and the food list."""
    view = CompareView(
        window.state,
        window.library,
        window.settings,
        lambda: window.menu_model.menu,
        (window._last_folder, window._remember_folder),
    )
    window.compare_view = view
    window.tabs.addTab(view, "Compare")
    view.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 6000))
    # Saved menus change with every autosave; the live menu with every edit.
    window.menu_list.modelReset.connect(lambda: view.mark_stale(sources=True))
    window.coverageChanged.connect(lambda _: view.mark_stale(sources=True))

    action = QAction("Compare &selected foods", window)  # F is Find food's
    action.setStatusTip("Show the selected foods side by side on the Compare tab")
    action.setShortcut(QKeySequence("Ctrl+Shift+C"))

    def compare_selected() -> None:
        browser = window.browser
        ids = browser.selected_foods() or (
            [browser.current_food()] if browser.current_food() else []
        )
        if not ids:
            window.statusBar().showMessage("Select foods in the food list to compare them.", 6000)
            return
        view.compare_foods(ids)
        window.tabs.setCurrentWidget(view)

    action.triggered.connect(compare_selected)
    window.edit_menu.addAction(action)
    window.compare_foods_action = action
    table = window.browser.table
    # Right-click on the food list offers the action; a list with a default policy only.
    if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(action)
