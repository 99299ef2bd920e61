"""The main window: food browser, the day's menu, live coverage chart and totals, library.

This module builds the window and keeps the coverage live; its other parts are mixins in
their own modules: the menus' actions (window_actions.py), the geometry and layout
(window_layout.py), the open day menu and the library's menus (menu_session.py) and
the work left until after the first paint (deferred_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.core.advice.cautions import menu_cautions
from planner.core.menus.coverage import compute_coverage
from planner.core.storage.library import Library
from planner.ui.charts.chart_data import chart_data
from planner.ui.charts.coverage_chart import CoverageChart
from planner.ui.day_menu.coverage_table import CoverageTableModel, TotalsView, guard_warnings
from planner.ui.day_menu.library_panel import LibraryPanel, MenuListModel
from planner.ui.day_menu.menu_editor import MenuEditor
from planner.ui.day_menu.menu_model import MenuModel
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.shared.coverage_subject import CoverageSubject
from planner.ui.shared.save_problems import SaveProblems
from planner.ui.shared.settings import Settings
from planner.ui.shared.state import AppState
from planner.ui.shell.deferred_startup import DeferredStartup
from planner.ui.shell.help_panel import HelpPanel
from planner.ui.shell.menu_session import MenuSession
from planner.ui.shell.profile_bar import ProfileBar
from planner.ui.shell.window_actions import WindowActions
from planner.ui.shell.window_layout import DOCK_WIDTH, WindowLayout
from planner.ui.widgets.dialogs import confirm

if TYPE_CHECKING:
    from planner.core.data.profile import Profile
    from planner.core.menus.menu import Menu


class MainWindow(WindowActions, WindowLayout, MenuSession, DeferredStartup, QMainWindow):
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

        # Whose coverage of the menu is shown, when not the profile's: given the menu, what
        # a person of the week plan eats of it, against their targets (the Week plan sets it).
        self.coverage_for: Callable[[Menu], CoverageSubject] | None = None
        # Whose coverage is shown, as last computed (None until the first).
        self.coverage_subject: CoverageSubject | None = None
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

    # -- live coverage ------------------------------------------------------------------
    def _menu_changed(self) -> None:
        self.refresh_coverage()
        self.setWindowTitle(f"{self.menu_model.menu.name} – {APP_NAME}")
        if self.menu_id is not None or self._new_unsaved:
            self._unsaved = True
            self.save_now()

    @property
    def coverage_menu(self) -> Menu | None:
        """The menu as the person shown eats it (None before the first coverage)."""
        return None if self.coverage_subject is None else self.coverage_subject.menu

    @property
    def coverage_profile(self) -> Profile | None:
        return None if self.coverage_subject is None else self.coverage_subject.profile

    @property
    def coverage_share(self) -> float:
        """The share of the menu the person shown eats (1: the profile's own coverage)."""
        return 1.0 if self.coverage_subject is None else self.coverage_subject.share

    def refresh_coverage(self) -> None:
        """Recompute totals for the menu and profile; redraw the chart and the table."""
        foods, state = self.state.foods, self.state
        subject = (
            self.coverage_for(self.menu_model.menu)  # a person of the week plan
            if self.coverage_for is not None
            else CoverageSubject(
                self.menu_model.menu, state.profile, state.targets, state.missing_note
            )
        )
        menu, profile = subject.menu, subject.profile
        coverage = compute_coverage(menu, foods, subject.targets)
        self.coverage, self.coverage_subject = coverage, subject
        # Under the totals: missing targets (items of missing foods are among the
        # unknowns), then pregnancy cautions and seaweed's iodine.
        cautions = menu_cautions(menu, foods, profile)
        notes = [subject.note, *(f"⚠ {c.message}" for c in cautions)]
        self.totals.set_coverage(coverage, foods, "\n".join(n for n in notes if n))
        self.menu_model.set_guard_warnings(guard_warnings(coverage))
        if self.chart.built:  # else _build_chart comes back here once it has made it
            self.chart.set_data(chart_data(coverage, foods, menu), subject.whose)
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
