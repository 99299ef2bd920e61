"""Searching foods in the window with the USDA table imported: README's keys add the food
typed, the list and the pickers rank the plain food first, the header tells a ranking
from a sort."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.usda_import import import_usda
from planner.paths import SR28_ZIP
from planner.ui.widgets.roles import ID_ROLE


@pytest.fixture(scope="module")
def sr28_library(tmp_path_factory):
    if not SR28_ZIP.exists():
        pytest.skip(f"the shared SR28 zip is not at {SR28_ZIP}")
    path = tmp_path_factory.mktemp("sr28") / LIBRARY_FILE
    library = Library(path)
    try:
        import_usda(SR28_ZIP, library)
    finally:
        library.close()
    return path


@pytest.fixture
def window(make_window, tmp_path, sr28_library):
    shutil.copy(sr28_library, tmp_path / LIBRARY_FILE)
    window = make_window(tmp_path)
    assert len(window.state.foods) > 8000
    return window


def shown(window, n: int = 3) -> list[str]:
    proxy = window.browser.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(min(n, proxy.rowCount()))]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("banana", "banana"),
        ("white rice", "white-rice"),
        ("milk", "milk"),
        ("egg", "egg"),
        ("spinach", "spinach"),
        ("carrots", "usda-11124"),  # Carrots, raw
    ],
)
def test_readmes_keys_add_the_food_typed(window, qtbot, typed, meant):
    """Ctrl+F, type, Down, Enter (README's keyboard table)."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.browser.search
    assert search.hasFocus()
    qtbot.keyClicks(search, typed)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert window.browser.table.hasFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Return)
    assert [item.food for item in window.menu_model.menu.items] == [meant]


def test_a_search_ranks_its_matches_and_a_header_click_sorts_them(window, qtbot):
    browser = window.browser
    header = browser.table.horizontalHeader()
    qtbot.keyClicks(browser.search, "banana")
    assert shown(window, 2) == ["banana", "usda-09040"]  # Banana; Bananas, raw
    # A ranking is no column's sort: the header shows none.
    assert header.sortIndicatorSection() == -1
    # A click on a column sorts the matches by it; typing on keeps that sort.
    browser.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [window.state.foods.name(f).casefold() for f in shown(window, 50)]
    assert names == sorted(names, reverse=True)
    qtbot.keyClicks(browser.search, "s")
    names = [window.state.foods.name(f).casefold() for f in shown(window, 50)]
    assert names == sorted(names, reverse=True)
    # Cleared, the list is every food in the column's order, and the header says so.
    browser.search.clear()
    assert browser.proxy.rowCount() == len(window.state.foods)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.DescendingOrder,
    )
    # A new search ranks again.
    qtbot.keyClicks(browser.search, "milk")
    assert shown(window, 1) == ["milk"] and header.sortIndicatorSection() == -1
    browser.search.clear()
    assert browser.sort_state() == "0:1"


def test_the_aisle_filter_keeps_the_ranking(window, qtbot):
    browser = window.browser
    browser.aisle.setCurrentIndex(browser.aisle.findData("fruit"))
    qtbot.keyClicks(browser.search, "orange")
    top = shown(window, 5)
    assert top[0] == "orange"
    assert all(window.state.foods.cell(f, "category") == "fruit" for f in top)


def test_the_comparison_and_recipe_pickers_rank_as_the_list(window, qtbot):
    from planner.ui.foods.recipe_dialog import RecipeDialog

    view = window.compare_view
    window.tabs.setCurrentWidget(view)
    view.foods_mode.click()
    qtbot.keyClicks(view.food_picker.food_search, "white rice")
    assert view.food_picker.matches.model().index(0, 0).data(ID_ROLE) == "white-rice"
    dialog = RecipeDialog(window.state.foods, window.state.targets, parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "spinach")
    model = dialog.picker_model
    assert [model.food_id(r) for r in range(2)] == ["spinach", "usda-11457"]  # Spinach, raw
