"""The layout at first start: on a 1366 x 768 laptop the totals show every row and the
Limit column; the food list a name and nutrients; long names can be read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.paths import ROOT
from planner.ui.foods.food_model import FIXED_COLUMNS
from planner.ui.widgets.roles import ID_ROLE


@pytest.mark.parametrize("size", [(1366, 740), (1600, 970)])
def test_the_first_start_layout_shows_the_whole_totals_table(window, size):
    window.import_menu(str(ROOT / "docs" / "sample.menu.json"))
    window.showNormal()
    window.resize(*size)
    QApplication.processEvents()
    window._default_layout()  # as at the first start, with the window's real size
    QApplication.processEvents()
    table = window.totals.table
    header = table.horizontalHeader()
    viewport = table.viewport()
    # Every column in view, the last (Limit) too: no scrolling sideways.
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= viewport.width()
    assert header.sectionSize(last) >= table.columnWidth(last) > 0
    assert not table.horizontalScrollBar().isVisible()
    # Every row in view.
    rows = window.totals_model.rowCount()
    assert rows * table.verticalHeader().defaultSectionSize() <= viewport.height()
    # The food list: the name and at least two nutrients in view.
    browser = window.browser.table
    shown = [
        c
        for c in range(len(FIXED_COLUMNS), window.browser.model.columnCount())
        if browser.horizontalHeader().sectionViewportPosition(c) + 40 < browser.viewport().width()
        and not browser.isColumnHidden(c)
    ]
    assert len(shown) >= 2
    # The Saved menus in front, the help behind it.
    assert window.help_dock.widget().visibleRegion().isEmpty()


def test_long_food_names_have_their_whole_name_in_a_tooltip(window):
    browser = window.browser
    proxy = browser.proxy
    longest = max(range(proxy.rowCount()), key=lambda r: len(proxy.index(r, 0).data()))
    index = proxy.index(longest, 0)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    food = index.data(ID_ROLE)
    foods = window.state.foods
    assert tip.startswith(foods.name(food)) and foods.cell(food, "usda_description") in tip
