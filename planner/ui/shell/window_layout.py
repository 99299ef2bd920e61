"""The window's geometry and layout: fitted to the screen and shared out at the first
start, restored from settings.ini at every other, and saved there on closing."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QSplitter, QTabWidget, QWidget

from planner.ui.day_menu.coverage_table import TotalsView
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.shared.settings import Settings
from planner.ui.shell.window_fit import fit_to_screen

# The Saved menus dock at first start: narrow, the day menu needs the width.
DOCK_WIDTH = 160


class WindowLayout:
    """Restores and saves MainWindow's geometry, docks, splitters and tab (a mixin of it)."""

    # Made by MainWindow.__init__.
    settings: Settings
    browser: FoodBrowser
    editor: MenuEditor
    totals: TotalsView
    tabs: QTabWidget
    main_splitter: QSplitter
    coverage_splitter: QSplitter
    library_dock: QDockWidget

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            fit_to_screen(self, self.screen().availableGeometry())
        self._restore_layout()
        per = self.settings.value("browser/per")
        if per:
            index = self.browser.per.findData(per)
            if index >= 0:
                self.browser.per.setCurrentIndex(index)
        self.browser.restore_sort(self.settings.value("browser/sort"))
        if self.settings.value("session/seen_help") is None:
            # The first time only, in the status bar: the help opens on demand (a column
            # of its own at every start squeezed the food list) and stays as it is left.
            QTimer.singleShot(0, self._point_to_help)
            self.settings.set_value("session/seen_help", True)

    def _default_layout(self) -> None:
        """First run: share the width out now that the window has its real size (sizes
        given before the first show are scaled by Qt in ways that squeeze the menu)."""
        self.library_dock.raise_()
        self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        # The widths as shown, not as they were before the window's first layout.
        self.layout().activate()
        handles = 2 * self.main_splitter.handleWidth()
        total = max(self.main_splitter.width() - handles, 900)
        # The totals table whole (every column, Limit too), the rest shared between the
        # food list (a name and several nutrients) and the menu.
        coverage = max(self.totals.full_width() + 4, int(total * 0.34))
        rest = max(total - coverage, 400)
        self.main_splitter.setSizes([rest // 2, rest - rest // 2, coverage])
        # The totals' every row under the chart; the chart has the rest.
        height = max(self.coverage_splitter.height() - self.coverage_splitter.handleWidth(), 500)
        rows = min(self.totals.full_height() + 4, int(height * 0.55))
        self.coverage_splitter.setSizes([height - rows, rows])
        # The food details (portion, source, what the data does not support) need room.
        height = max(self.browser.splitter.height(), 500)
        self.browser.splitter.setSizes([int(height * 0.55), int(height * 0.45)])

    def _restore_layout(self) -> None:
        """Docks, toolbars and splitters; run again once the features have added theirs."""
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for splitter in (self.main_splitter, self.coverage_splitter, self.browser.splitter):
            sizes = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)

    def save_window_state(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        for splitter in (self.main_splitter, self.coverage_splitter, self.browser.splitter):
            self.settings.set_value(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.set_value("browser/per", self.browser.per.currentData())
        self.settings.set_value("browser/sort", self.browser.sort_state())
        self.settings.set_value("window/tab", self.tabs.currentIndex())
        self.settings.sync()

    def _tab_order(self) -> None:
        """Tab goes from the menu on to its totals, then the profile and the docks: the
        totals' tabs come with the features, so creation order had put them last."""
        tabs = getattr(self, "coverage_tabs", None)
        if tabs is not None:
            QWidget.setTabOrder(self.editor.move_button, tabs)
            QWidget.setTabOrder(tabs, self.totals.table)

    def _point_to_help(self) -> None:
        self.statusBar().showMessage(
            "Crampless plans meals; it is not medical advice. Help (F1) says what the "
            "nutrients do and when to see a doctor.",
            30000,
        )
