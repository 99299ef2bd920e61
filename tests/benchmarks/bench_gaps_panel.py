"""The “Close my gaps” panel: what it adds to an edit while shown (foods.csv, full table)."""

from __future__ import annotations

from pathlib import Path

from planner.paths import ROOT
from tests.benchmarks.timing import best_time, report
from tests.benchmarks.usda_library import imported_data_dir

SAMPLE = ROOT / "docs" / "sample.menu.json"


def _edit_times(qtbot, data_dir: Path) -> tuple[float, float, int]:
    """Best time of an amount edit until everything is on screen: panel shown, then hidden."""
    from PySide6.QtWidgets import QApplication

    from planner.core.menus.menu import MenuItem
    from planner.ui.day_menu.menu_commands import EditItem
    from planner.ui.shell.application import create_window

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
    shown, hidden, count = _edit_times(qtbot, imported_data_dir("gaps"))
    report(f"edit with the gaps panel shown ({count:,} foods)", shown, hidden, "<= 1.5x")
    print("(floor: the same edit with the Totals tab in front)")
