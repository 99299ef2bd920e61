"""The window with the USDA import: reloading the foods after a library change, the food list."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.storage.catalog import load_catalog
from tests.benchmarks.timing import best_time, report
from tests.benchmarks.usda_library import imported_data_dir


@pytest.fixture
def window(qtbot):
    from planner.ui.shell.application import create_window

    window, _ = create_window(imported_data_dir("food-ui"))
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    yield window
    window.close()


def test_reload_after_a_library_change(window):
    """What saving a custom food, a recipe or a portion costs: the catalog and every view."""
    from PySide6.QtWidgets import QApplication

    def reload():
        window.food_library.reload_foods()
        QApplication.processEvents()

    ours = best_time(reload, repeat=3)
    floor = best_time(lambda: load_catalog(library=window.library), repeat=5)
    report(f"reload {len(window.state.foods):,} foods into the window", ours, floor, "<= 0.5 s")
    print("(floor: load_catalog alone)")


def test_clearing_the_search(window):
    """Back from a search to the whole list, sorted by name (the food list's default)."""
    from PySide6.QtWidgets import QApplication

    browser = window.browser
    names = window.state.foods.info["name"].to_numpy(object)

    def clear():
        browser.search.setText("banana")
        QApplication.processEvents()
        browser.search.clear()
        QApplication.processEvents()

    ours = best_time(clear, repeat=3)
    floor = best_time(
        lambda: np.argsort(np.array([n.casefold() for n in names]), kind="stable"), repeat=5
    )
    report(f"clear a search over {len(names):,} foods", ours, floor, "<= 0.1 s")
    print("(floor: sorting the names with numpy)")
