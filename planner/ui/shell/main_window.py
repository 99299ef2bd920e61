"""The main window: food browser, the day's menu, live coverage chart and totals, library."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME, __version__
from planner.core.advice.cautions import menu_cautions
from planner.core.errors import InputError
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu
from planner.core.storage.jsonfiles import read_menu, write_menu
from planner.core.storage.library import Library
from planner.ui.charts.chart_data import chart_data
from planner.ui.charts.chart_export import export_figure_dialog
from planner.ui.charts.coverage_chart import CoverageChart
from planner.ui.day_menu.coverage_table import CoverageTableModel, TotalsView, guard_warnings
from planner.ui.day_menu.library_panel import LibraryPanel, MenuListModel
from planner.ui.day_menu.menu_commands import RemoveItems
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.day_menu.missing_rows import missing_message, missing_positions
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.shared.log_file import log
from planner.ui.shared.save_problems import SAVE_ERRORS, SaveProblems
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.shell.extensions import install_all
from planner.ui.shell.help_panel import HelpPanel
from planner.ui.shell.profile_bar import ProfileBar
from planner.ui.shell.pyside_import import import_unhooked
from planner.ui.shell.startup_steps import CHART_MODULES, Steps, import_step
from planner.ui.shell.window_fit import fit_to_screen
from planner.ui.widgets.dialogs import (
    about,
    confirm,
    file_name_for,
    open_file_name,
    save_file_name,
    warn,
)

# An edit of the day menu is saved as it is made, before it is painted: one WAL commit
# costs about a millisecond, and a kill or a power cut must not lose what was shown
# (docs/reliability.md; it was 400 ms, and a kill in that time lost the edit).
AUTOSAVE_DELAY_MS = 0
# The Saved menus dock at first start: narrow, the day menu needs the width.
DOCK_WIDTH = 160
NEW_MENU_NAME = "My menu"  # then "My menu 2", ... (Library.unused_name)
MENU_FILTER = "Crampless menus (*.menu.json);;JSON files (*.json)"


class MainWindow(QMainWindow):
    """Plans a day. Everything the user changes is saved in the library as they go."""

    # The day menu's coverage after every edit or profile change (core Coverage).
    coverageChanged = Signal(object)

    def __init__(self, state: AppState, library: Library, settings: Settings) -> None:
        super().__init__()
        self.state = state
        self.library = library
        self.settings = settings
        self.menu_id: int | None = None
        # A new menu shown before the library could take it (busy): saved at the next edit.
        self._new_unsaved = False
        # The data folder's lock (datadir.lock_folder), held from open_window until closing.
        self.folder_lock = None
        self.setWindowTitle(APP_NAME)

        self.undo_stack = QUndoStack(self)
        # Edit > Undo follows the active view: features add their own stacks to the group.
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.undo_stack)
        self.undo_group.setActiveStack(self.undo_stack)
        self.menu_model = MenuModel(state.foods)
        self.menu_model.pregnant = state.profile.pregnant
        self.browser = FoodBrowser(state)
        self.editor = MenuEditor(self.menu_model, self.undo_stack)
        self.chart = CoverageChart()
        self.chart.food_name = state.foods.name
        self.totals_model = CoverageTableModel(state.foods)
        self.totals = TotalsView(self.totals_model)

        self.coverage_splitter = QSplitter(Qt.Orientation.Vertical, objectName="coverageSplitter")
        self.coverage_splitter.addWidget(self.chart)
        self.coverage_splitter.addWidget(self.totals)
        self.coverage_splitter.setStretchFactor(0, 3)
        self.coverage_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.main_splitter.addWidget(self.browser)
        self.main_splitter.addWidget(self.editor)
        self.main_splitter.addWidget(self.coverage_splitter)
        self.main_splitter.setSizes([300, 400, 470])
        self.coverage_splitter.setSizes([500, 300])
        self.tabs = QTabWidget(documentMode=True)
        day = QWidget()
        QVBoxLayout(day).addWidget(self.main_splitter)
        self.tabs.addTab(day, "Day menu")
        self.setCentralWidget(self.tabs)

        self.profile_bar = ProfileBar(state.profile, state.intakes.stage_ages)
        self.profile_bar.profileEdited.connect(self._profile_edited)
        self.profile_bar.stageDropped.connect(lambda text: self.statusBar().showMessage(text, 0))
        profile_toolbar = QToolBar("Profile", objectName="profileToolbar")
        profile_toolbar.setMovable(False)
        profile_toolbar.addWidget(self.profile_bar)
        self.addToolBar(profile_toolbar)

        self.menu_list = MenuListModel(library)
        self.library_panel = LibraryPanel(self.menu_list)
        self.library_dock = self._dock(
            "Saved menus", "libraryDock", self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        help_panel = HelpPanel()
        self.help_dock = self._dock(
            "Help", "helpDock", help_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # Also told when its tab comes to the front (a show event is not: tabbed docks
        # behind others are shown too).
        self.help_dock.visibilityChanged.connect(lambda visible: visible and help_panel.load())
        self.tabifyDockWidget(self.library_dock, self.help_dock)
        self.library_dock.raise_()
        self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self._unsaved = False  # an edit of the open menu is not in the library yet
        self.save_problems = SaveProblems(self, library.path)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        self._connect()
        self._features_installed = False
        self._restore_window()
        self._open_initial_menu()
        if self.profile_bar.dropped:  # a saved profile pregnant at an age without targets
            self._profile_edited(self.profile_bar.profile())
            dropped = self.profile_bar.dropped
            # After the start's own status lines (the help's at first start).
            QTimer.singleShot(0, lambda: self.statusBar().showMessage(dropped, 0))

    # -- construction -----------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self, objectName=name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        """The menus' actions and their shortcuts. Nobody can open a menu before the
        first paint, so they are made after it, with the features (which add their own)."""
        file_menu, edit_menu, view_menu = self.file_menu, self.edit_menu, self.view_menu
        self.new_action = self._action(
            file_menu, "&New menu", self.new_menu, QKeySequence.StandardKey.New
        )
        self._action(
            file_menu,
            "&Import menu…",
            self.import_menu,
            "Ctrl+I",
            "Open a .menu.json file as a new saved menu",
        )
        self._action(
            file_menu,
            "&Export menu…",
            self.export_menu,
            "Ctrl+E",
            "Save this menu as a .menu.json file",
        )
        self._action(
            file_menu,
            "Export &chart…",
            self.export_chart,
            None,
            "Save the coverage chart as PNG, SVG or PDF",
        )
        self._action(
            file_menu,
            "Remove &missing foods",
            self.remove_missing_foods,
            None,
            "Remove this menu's items of foods the library no longer has (Ctrl+Z brings them back)",
        )
        file_menu.addSeparator()
        self.import_separator = file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(
            edit_menu,
            "&Add selected food",
            self._add_selected_food,
            "Ctrl+Return",
            "Add one portion of the selected food to the menu",
        )
        self._action(
            edit_menu,
            "Re&move selected items",  # R is Redo's
            self.editor.remove_selected,
            QKeySequence.StandardKey.Delete,
        ).setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # The food browsers own Ctrl+F (each its own search box); the menu only says so.
        self._action(edit_menu, "&Find food\tCtrl+F", lambda: self.browser.search.setFocus(), None)

        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.help_dock.toggleViewAction())
        self._action(view_menu, "Focus &food list", lambda: self.browser.table.setFocus(), "Ctrl+1")
        self._action(view_menu, "Focus &menu", lambda: self.editor.tree.setFocus(), "Ctrl+2")
        self._action(view_menu, "Focus &saved menus", self.focus_saved_menus, "Ctrl+3")

        self._action(
            self.help_menu,
            "&Help on cramps and nutrients",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(self.help_menu, "&Keyboard shortcuts", self.show_keyboard_shortcuts)
        self._action(self.help_menu, f"&About {APP_NAME}", self._about)

    def focus_saved_menus(self) -> None:
        """Ctrl+3: the saved menus shown (a closed dock opened, a tabbed one in front),
        then focused."""
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_panel.list.setFocus()

    def show_keyboard_shortcuts(self) -> None:
        from planner.ui.shell.keyboard_dialog import show_keyboard_shortcuts

        self.keyboard_dialog = show_keyboard_shortcuts(self)

    def _connect(self) -> None:
        self.browser.addRequested.connect(lambda food: self.editor.add_foods([food]))
        self.editor.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.menu_model.menuChanged.connect(self._menu_changed)
        self.state.profileChanged.connect(lambda _: self.refresh_coverage())
        self.state.profileChanged.connect(lambda p: self.menu_model.set_pregnant(p.pregnant))
        self.state.foodsChanged.connect(self._foods_changed)
        self.library_panel.openRequested.connect(self.open_menu)
        self.library_panel.newRequested.connect(self.new_menu)
        self.library_panel.duplicateRequested.connect(self.duplicate_menu)
        self.library_panel.deleteRequested.connect(self.delete_menu)
        self.menu_list.renameFailed.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.menu_list.modelReset.connect(self._list_reset)

    # -- menus --------------------------------------------------------------------------
    def _open_initial_menu(self) -> None:
        last = self.settings.value("session/last_menu_id")
        ids = [e.id for e in self.library.menus()]
        try:
            last_id = int(last) if last is not None else None
        except (TypeError, ValueError):
            last_id = None
        # The last menu first, then the others; a damaged one is skipped (and said once
        # the window is up), never replaced by an empty one.
        order = ([last_id] if last_id in ids else []) + [i for i in ids if i != last_id]
        for menu_id in order:
            if self.open_menu(menu_id, quiet=True):
                return
        self.new_menu(quiet=True)

    def open_menu(self, menu_id: int, quiet: bool = False) -> bool:
        """Open a saved menu; False when it cannot be read (said in a dialog, or with
        ``quiet`` among the library's problems, shown after start-up)."""
        self.save_now()
        try:
            menu = self.library.load_menu(menu_id)
        except (KeyError, InputError) as exc:
            if quiet:
                self.library.problems.append(f"This menu cannot be opened: {exc}")
            else:
                warn(self, APP_NAME, f"This menu cannot be opened: {exc}")
            return False
        # Foods can disappear (a custom food deleted, a library restored from a backup).
        # Their items stay on the menu, shown as missing and counted as unknown, until the
        # user removes them (planner/ui/day_menu/missing_rows.py); said here.
        gone = missing_positions(menu, self.state.foods)
        if gone:
            self.statusBar().showMessage(missing_message(menu, gone), 0)
        # Opening is not a change: saving it would make it the newest in the list, so no
        # menu is open (to save) while the model takes it.
        self.menu_id, self._new_unsaved = None, False
        self.undo_stack.clear()
        self.menu_model.set_menu(menu)
        self.menu_id = menu_id
        self._unsaved = False
        self.menu_list.set_current(menu_id)
        self.settings.set_value("session/last_menu_id", menu_id)
        self._select_in_list(menu_id)
        return True

    def new_menu(self, quiet: bool = False) -> None:
        """Start a new menu; when the library cannot take it now (another program is
        writing it), it is shown all the same and saved with the first edit that can be."""
        self.save_now()
        name = Library.unused_name(NEW_MENU_NAME, self.library.menus())
        try:
            menu_id = self.library.save_menu(Menu(name))
        except SAVE_ERRORS as exc:
            self.menu_id, self._new_unsaved = None, False
            self.undo_stack.clear()
            self.menu_model.set_menu(Menu(name))
            self._new_unsaved = self._unsaved = True
            what = f"The new menu “{name}”"
            if quiet:  # at start-up: said once the window is up
                self.library.problems.append(f"{what} could not be saved yet: {exc}")
            else:
                self.save_problems.failed(what, exc)
            return
        self.menu_list.refresh()
        self.open_menu(menu_id)
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def duplicate_menu(self, menu_id: int) -> None:
        self.save_now()
        try:
            new_id = self.library.duplicate_menu(menu_id)
        except SAVE_ERRORS as exc:
            warn(self, APP_NAME, f"The menu could not be duplicated: {exc}. Try again later.")
            return
        self.menu_list.refresh()
        self.open_menu(new_id)

    def delete_menu(self, menu_id: int) -> None:
        name = next((e.name for e in self.library.menus() if e.id == menu_id), "this menu")
        if not confirm(self, "Delete menu", f"Delete the menu “{name}”? This cannot be undone."):
            return
        try:
            self.library.delete_menu(menu_id)
        except SAVE_ERRORS as exc:  # busy or refused: the menu stays, open as it was
            warn(self, APP_NAME, f"“{name}” could not be deleted: {exc}. Try again later.")
            return
        if menu_id == self.menu_id:
            self.menu_id = None
        self.menu_list.refresh()
        if self.menu_id is None:
            remaining = self.library.menus()
            if remaining:
                self.open_menu(remaining[0].id)
            else:
                self.new_menu()

    def save_now(self) -> bool:
        """Write the open menu to the library if it changed since it was opened or last
        saved (autosave calls this after each edit); False when the write failed."""
        if not self._unsaved or (self.menu_id is None and not self._new_unsaved):
            return True
        try:
            menu_id = self.library.save_menu(self.menu_model.menu, self.menu_id)
        except SAVE_ERRORS as exc:
            self.save_problems.failed(f"The menu “{self.menu_model.menu.name}”", exc)
            return False
        self.save_problems.succeeded()
        self._unsaved = False
        self.menu_list.refresh()
        if self._new_unsaved:  # a new menu the library could not take before: it has now
            self._new_unsaved = False
            self.menu_id = menu_id
            self.menu_list.set_current(menu_id)
            self.settings.set_value("session/last_menu_id", menu_id)
            self._select_in_list(menu_id)
        return True

    def remove_missing_foods(self) -> None:
        """Remove the items whose foods the library no longer has, in one undo step."""
        positions = missing_positions(self.menu_model.menu, self.state.foods)
        if not positions:
            self.statusBar().showMessage("This menu has no items of missing foods.", 5000)
            return
        command = RemoveItems(self.menu_model, positions)
        command.setText("Remove missing foods")
        self.undo_stack.push(command)
        self.statusBar().showMessage(
            f"Removed {len(positions)} item(s) of missing foods (Ctrl+Z brings them back).", 5000
        )

    def import_menu(self, path: str | None = None) -> None:
        if not path:
            path = open_file_name(self, "Import menu", self._last_folder(), MENU_FILTER)
            if not path:
                return
        try:
            menu = read_menu(Path(path), known=self.state.foods.__contains__)
        except InputError as exc:
            warn(self, "Import menu", f"This menu cannot be imported:\n{exc}")
            return
        self._remember_folder(path)
        untouched = self._untouched_new_menu()
        self.save_now()
        # Two menus of one name could not be told apart in the list (plans do the same).
        menu.name = Library.unused_name(menu.name, self.library.menus())
        try:
            menu_id = self.library.save_menu(menu)
            if untouched is not None:
                # A fresh "My menu" nobody has used: the import takes its place in the
                # list rather than leaving an empty menu behind (it holds nothing to lose).
                self.library.delete_menu(untouched)
        except SAVE_ERRORS as exc:
            warn(self, "Import menu", f"{path} could not be saved to the library: {exc}")
            return
        if untouched is not None:
            self.menu_id = None
        self.menu_list.refresh()
        self.open_menu(menu_id)
        self.statusBar().showMessage(f"Imported {Path(path).name} as “{menu.name}”", 5000)

    def open_document(self, path: Path) -> None:
        """A menu or plan file named on the command line (a double-click on one runs
        ``crampless FILE``): imported into the library like File > Import, and shown."""
        from planner.core.storage.jsonfiles import is_plan_file

        # The Week plan tab comes with the features, after the first paint: now, then.
        self._load_pandas()
        self._install_features()
        if is_plan_file(path):
            if self.plan_view.import_plan(str(path)):
                self.tabs.setCurrentWidget(self.plan_view)
        else:
            self.tabs.setCurrentIndex(0)
            self.import_menu(str(path))

    def _untouched_new_menu(self) -> int | None:
        """The open menu's id when it is a new one left as it was made: the default name,
        no food, no edit since it was opened. None otherwise."""
        menu = self.menu_model.menu
        default_name = re.fullmatch(rf"{re.escape(NEW_MENU_NAME)}( \d+)?", menu.name)
        if self.menu_id is None or menu.items or self.undo_stack.count() or not default_name:
            return None
        return self.menu_id

    def export_menu(self, path: str | None = None) -> None:
        if not path:
            suggested = str(
                Path(self._last_folder()) / file_name_for(self.menu_model.menu.name, ".menu.json")
            )
            path, _ = save_file_name(self, "Export menu", suggested, MENU_FILTER)
            if not path:
                return
        try:
            write_menu(Path(path), self.menu_model.menu)
        except OSError as exc:
            warn(self, "Export menu", f"{path} could not be written: {exc.strerror or exc}")
            return
        self._remember_folder(path)
        self.statusBar().showMessage(f"Exported to {path}", 5000)

    def export_chart(self) -> None:
        if self.chart.built:
            written = export_figure_dialog(
                self,
                self.chart.figure,
                file_name_for(self.menu_model.menu.name, " coverage.png"),
                self._last_folder(),
            )
            if written:
                self._remember_folder(str(written))
                self.statusBar().showMessage(f"Chart saved to {written}", 5000)

    def _last_folder(self) -> str:
        return str(self.settings.value("session/last_folder", str(Path.home())))

    def _remember_folder(self, path: str) -> None:
        self.settings.set_value("session/last_folder", str(Path(path).parent))

    def _select_in_list(self, menu_id: int) -> None:
        row = self.menu_list.row_of(menu_id)
        if row >= 0:
            self.library_panel.list.setCurrentIndex(self.menu_list.index(row))

    def _list_reset(self) -> None:
        self.menu_list.current_id = self.menu_id
        if self.menu_id is not None:
            self._select_in_list(self.menu_id)

    # -- live coverage ------------------------------------------------------------------
    def _menu_changed(self) -> None:
        self.refresh_coverage()
        self.setWindowTitle(f"{self.menu_model.menu.name} – {APP_NAME}")
        if self.menu_id is not None or self._new_unsaved:
            self._unsaved = True
            self.save_now()

    def refresh_coverage(self) -> None:
        """Recompute totals for the menu and profile; redraw the chart and the table."""
        foods = self.state.foods
        coverage = compute_coverage(self.menu_model.menu, foods, self.state.targets)
        self.coverage = coverage
        # Under the totals: missing targets (items of missing foods are among the
        # unknowns), then pregnancy cautions and seaweed's iodine.
        cautions = menu_cautions(self.menu_model.menu, foods, self.state.profile)
        notes = [self.state.missing_note, *(f"⚠ {c.message}" for c in cautions)]
        self.totals.set_coverage(coverage, foods, "\n".join(n for n in notes if n))
        self.menu_model.set_guard_warnings(guard_warnings(coverage))
        if self.chart.built:  # else _build_chart comes back here once it has made it
            self.chart.set_data(chart_data(coverage, foods, self.menu_model.menu))
        self.coverageChanged.emit(coverage)

    def _profile_edited(self, profile) -> None:
        self.state.set_profile(profile)
        self.settings.set_profile(profile)
        if self.state.missing_note:  # also under the totals, for as long as it holds
            self.statusBar().showMessage(self.state.missing_note, 10000)

    def _foods_changed(self, foods) -> None:
        self.menu_model.set_foods(foods)
        self.chart.food_name = foods.name
        self.refresh_coverage()

    def _add_selected_food(self) -> None:
        """Add the selected foods of the tab in front: a tab with its own food browser
        (the week plan's) adds to its own menu, any other to the day menu."""
        page = self.tabs.currentWidget()
        if hasattr(page, "browser") and hasattr(page, "add_foods"):
            browser, add = page.browser, page.add_foods
        else:
            browser, add = self.browser, self.editor.add_foods
        foods = browser.selected_foods() or (
            [browser.current_food()] if browser.current_food() else []
        )
        if foods:
            add(foods)

    # -- window state ---------------------------------------------------------------------
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

    def finish_startup(self) -> None:
        """Work the first paint does not need: the other tabs and panels
        (planner/ui/shell/extensions.py) and the chart (matplotlib), all at once (tests and
        benchmarks; the app runs ``continue_startup``)."""
        self._load_pandas()
        self._install_features()
        self._build_chart()
        self.browser.model.prepare_search()

    def continue_startup(self) -> None:
        """``finish_startup`` as the app runs it after the first paint: in steps, one per
        turn of the event loop, so that the window answers the user meanwhile."""
        Steps(
            [
                self._load_pandas,
                self._install_features,
                *(import_step(name, self._chart_failed) for name in CHART_MODULES),
                self._build_chart,
                # The search index, so that the first keystroke is as quick as the next.
                self.browser.model.prepare_search,
            ],
            self,
        )

    @staticmethod
    def _load_pandas() -> None:
        """pandas (0.2 s), which the first paint does without and the features need."""
        import_unhooked("pandas")

    def _chart_failed(self, error: Exception) -> None:
        log.error("Cannot load the chart: %r", error)
        self.chart.show_failure(f"The chart cannot be shown: {error}")

    def _install_features(self) -> None:
        if self._features_installed:
            return
        self._features_installed = True
        self._build_actions()
        install_all(self)
        self._tab_order()
        if self.settings.value("window/state") is None:
            self._default_layout()
        self._restore_layout()
        tab = self.settings.value("window/tab")
        if tab is not None and str(tab).isdigit() and int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))

    def _tab_order(self) -> None:
        """Tab goes from the menu on to its totals, then the profile and the docks: the
        totals' tabs come with the features, so creation order had put them last."""
        tabs = getattr(self, "coverage_tabs", None)
        if tabs is not None:
            QWidget.setTabOrder(self.editor.move_button, tabs)
            QWidget.setTabOrder(tabs, self.totals.table)

    def _build_chart(self) -> None:
        self.chart.build()
        self.refresh_coverage()

    def closeEvent(self, event) -> None:
        if not self.save_now() and not confirm(
            self, APP_NAME, "The last changes to the menu could not be saved. Close anyway?"
        ):
            event.ignore()
            return
        self.save_window_state()
        super().closeEvent(event)
        if self.folder_lock is not None:  # all saved: another window may open the folder
            self.folder_lock.unlock()

    # -- help -----------------------------------------------------------------------------
    def _point_to_help(self) -> None:
        self.statusBar().showMessage(
            "Crampless plans meals; it is not medical advice. Help (F1) says what the "
            "nutrients do and when to see a doctor.",
            30000,
        )

    def show_help(self) -> None:
        self.help_dock.show()
        self.help_dock.raise_()

    def _about(self) -> None:
        import html  # with the dialog: its entity table is not a start-up cost

        folder = html.escape(str(self.library.path.parent))
        about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b> plans meals that cover the nutrients linked to "
            "muscle cramps."
            "<p>Food values: USDA SR28 (National Nutrient Database for Standard Reference, "
            "Release 28, 2016; public domain). Targets: NASEM Dietary Reference Intakes and "
            "EFSA Dietary Reference Values.</p>"
            f"<p>Your saved menus, plans, foods and settings are in {folder}.</p>"
            f"<p>{APP_NAME} is free software under the MIT licence. It is a planning tool, "
            "not medical advice.</p>",
        )
