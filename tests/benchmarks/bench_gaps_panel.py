"""The “Close my gaps” panel: what it adds to an edit while shown (foods.csv, full table)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from planner.core.library import LIBRARY_FILE, Library
from planner.core.usda_import import import_usda
from planner.paths import ROOT, SR28_ZIP
from tests.benchmarks.timing import best_time, report

SAMPLE = ROOT / "docs" / "sample.menu.json"


@cache
def _imported_dir() -> Path:
    """A data folder whose library holds the full import (made once per run)."""
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    folder = Path(tempfile.mkdtemp(prefix="bench-gaps-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    library = Library(folder / LIBRARY_FILE)
    try:
        import_usda(SR28_ZIP, library)
    finally:
        library.close()
    return folder


def _edit_times(qtbot, data_dir: Path) -> tuple[float, float, int]:
    """Best time of an amount edit until everything is on screen: panel shown, then hidden."""
    from PySide6.QtWidgets import QApplication

    from planner.core.menu import MenuItem
    from planner.ui.application import create_window
    from planner.ui.menu_commands import EditItem

    window, _ = create_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    window.import_menu(str(SAMPLE))
    model = window.menu_model
    amounts = iter(range(10**6))

    def edit():
        item = model.menu.items[2]  # the banana, in grams
        grams = 100 + next(amounts) % 7
        window.undo_stack.push(EditItem(model, 2, MenuItem(item.food, item.meal, grams=grams)))
        QApplication.processEvents()

    window.coverage_tabs.setCurrentWidget(window.gaps_panel)
    QApplication.processEvents()
    shown = best_time(edit, repeat=15)
    window.coverage_tabs.setCurrentWidget(window.totals)
    QApplication.processEvents()
    hidden = best_time(edit, repeat=15)
    count = len(window.state.foods)
    window.close()
    return shown, hidden, count


def test_edit_with_the_panel_shown_foods_csv(qtbot, tmp_path):
    shown, hidden, count = _edit_times(qtbot, tmp_path)
    report(f"edit with the gaps panel shown ({count} foods)", shown, hidden, "<= 1.5x")
    print("(floor: the same edit with the Totals tab in front)")


def test_edit_with_the_panel_shown_full_table(qtbot):
    shown, hidden, count = _edit_times(qtbot, _imported_dir())
    report(f"edit with the gaps panel shown ({count:,} foods)", shown, hidden, "<= 1.5x")
    print("(floor: the same edit with the Totals tab in front)")
