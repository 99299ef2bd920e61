"""What the window does after its first paint: pandas, the features' tabs and menus'
actions, the chart (matplotlib) and the search index, in steps with the event loop
running between them (startup_steps.py); and a file named on the command line, opened
then."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTabWidget

from planner.ui.charts.coverage_chart import CoverageChart
from planner.ui.foods.food_browser import FoodBrowser
from planner.ui.shared.log_file import log
from planner.ui.shared.settings import Settings
from planner.ui.shell.extensions import install_all
from planner.ui.shell.pyside_import import import_unhooked
from planner.ui.shell.startup_steps import CHART_MODULES, Steps, import_step


class DeferredStartup:
    """The start-up work MainWindow leaves until after its first paint (a mixin of it).

    Installing the features makes the menus' actions first (window_actions.py), then
    lets the features add theirs, and restores the layout they join (window_layout.py).
    """

    # Made by MainWindow.__init__.
    settings: Settings
    browser: FoodBrowser
    chart: CoverageChart
    tabs: QTabWidget
    _features_installed: bool

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

    def _build_chart(self) -> None:
        self.chart.build()
        self.refresh_coverage()

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
