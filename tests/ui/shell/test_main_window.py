"""The main window driven through its real widgets."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextBrowser

from planner.core.data.foods import FoodTable
from planner.core.data.nutrients import NUTRIENTS, REPORTED
from planner.core.storage.library_file import LIBRARY_FILE
from planner.paths import ROOT
from planner.ui.day_menu.menu_model import AMOUNT, UNIT
from planner.ui.foods.food_detail import food_detail_html
from planner.ui.shell.application import StartupError, create_window
from planner.ui.widgets.roles import ID_ROLE


def visible_ids(window) -> list[str]:
    proxy = window.browser.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def amount(window, key):
    return window.coverage[key].amount


def test_search_filters_by_word_starts_ignoring_case_and_accents(window, qtbot):
    total = window.browser.proxy.rowCount()
    assert total == len(window.state.foods)
    qtbot.keyClicks(window.browser.search, "PUMPKIN")
    ids = visible_ids(window)
    assert "pumpkin-seeds" in ids and "banana" not in ids
    window.browser.search.clear()
    qtbot.keyClicks(window.browser.search, "nana")  # not the start of a word
    assert "banana" not in visible_ids(window)
    window.browser.search.setText("bànàna")
    assert visible_ids(window) == ["banana"]
    window.browser.search.clear()
    assert window.browser.proxy.rowCount() == total


def test_aisle_and_diet_filters(window):
    browser = window.browser
    browser.aisle.setCurrentIndex(browser.aisle.findData("fish"))
    fish = visible_ids(window)
    assert fish and all(window.state.foods.info.at[f, "category"] == "fish" for f in fish)
    browser.aisle.setCurrentIndex(0)
    browser.diet_actions[("require", "vegan")].setChecked(True)
    vegan = visible_ids(window)
    assert "banana" in vegan and "milk" not in vegan
    assert all("vegan" in window.state.foods.info.at[f, "tags"] for f in vegan)


def test_sort_by_nutrient_per_portion(window):
    browser = window.browser
    browser.per.setCurrentIndex(browser.per.findData("portion"))
    column = 2 + 1  # Food, Aisle, then energy, magnesium...
    browser.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    top = visible_ids(window)[0]
    per_portion = (
        window.state.foods.values["magnesium"] * window.state.foods.info["portion_g"] / 100
    )
    assert top == per_portion.idxmax()


def test_a_basis_that_does_not_apply_is_told_apart_from_an_unknown_value(window):
    """Tap water per 100 kcal: its values are known, but it has no calories ("n/a");
    chum salmon's vitamin D is unknown in SR28 ("?")."""
    browser = window.browser
    browser.per.setCurrentIndex(browser.per.findData("100kcal"))

    def cell(food_id, key):
        browser.search.setText(window.state.foods.name(food_id))
        row = visible_ids(window).index(food_id)
        index = browser.proxy.index(row, 2 + [n.key for n in NUTRIENTS].index(key))
        return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)

    text, tip = cell("tap-water", "magnesium")
    assert text == "n/a" and "no calories" in tip and "unknown" not in tip
    text, tip = cell("chum-salmon", "vitamin_d")
    assert text == "?" and "unknown" in tip
    browser.per.setCurrentIndex(browser.per.findData("100g"))
    assert cell("tap-water", "magnesium")[0] == "1"  # per 100 g it has a value


def test_add_edit_move_remove_with_undo(window, qtbot):
    browser, editor, model = window.browser, window.editor, window.menu_model
    browser.search.setText("banana")
    browser.table.setFocus()
    browser.table.selectionModel().setCurrentIndex(
        browser.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    assert [i.food for i in model.menu.items] == ["banana"]
    one = amount(window, "potassium")
    assert one == pytest.approx(358 * 118 / 100)
    widths_one = window.chart.segment_widths().copy()

    # In-place edit to 2 portions: totals and the chart follow.
    index = model.index_of_position(0, AMOUNT)
    assert model.setData(index, "2")
    assert amount(window, "potassium") == pytest.approx(2 * one)
    assert not np.allclose(window.chart.segment_widths(), widths_one)

    # Bad amounts are refused and nothing changes.
    for bad in ("abc", "-5", "1e9"):
        model.setData(model.index_of_position(0, AMOUNT), bad)
        assert model.menu.items[0].portions == 2
    # Switch to grams keeps the quantity.
    model.setData(model.index_of_position(0, UNIT), "g")
    assert model.menu.items[0].grams == pytest.approx(236)
    assert amount(window, "potassium") == pytest.approx(2 * one)

    editor.move_positions([0], "dinner")
    assert model.menu.items[0].meal == "dinner"
    editor.select_positions([0])
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert model.menu.items == [] and amount(window, "potassium") == 0

    stack = window.undo_stack
    stack.undo()  # remove
    assert model.menu.items[0].meal == "dinner"
    stack.undo()  # move
    assert model.menu.items[0].meal != "dinner"
    stack.undo()  # unit
    stack.undo()  # amount
    assert amount(window, "potassium") == pytest.approx(one)
    stack.redo()
    assert amount(window, "potassium") == pytest.approx(2 * one)
    stack.undo()
    stack.undo()  # the add itself
    assert model.menu.items == []
    np.testing.assert_allclose(window.chart.segment_widths(), 0)


def _below_the_rows(tree):
    """The strip of the tree's viewport just under its last row, as grey levels."""
    model = tree.model()
    last = model.index(model.rowCount() - 1, 0)
    if tree.isExpanded(last) and model.rowCount(last):
        last = model.index(model.rowCount(last) - 1, 0, last)
    top = tree.visualRect(last).bottom() + 16
    image = tree.viewport().grab().toImage()
    return {
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 3)
        for y in range(top, min(top + 30, image.height()))
    }


def test_the_empty_menus_hint_is_there_from_the_first_paint(qtbot, tmp_path):
    window, _ = create_window(tmp_path)
    qtbot.addWidget(window)
    tree = window.editor.tree
    window.show()
    qtbot.waitExposed(window)
    assert len(_below_the_rows(tree)) > 1  # the hint's text, before the features load


def test_an_empty_menu_says_how_to_add_foods(window, qtbot):
    tree = window.editor.tree
    assert window.menu_model.menu.items == []
    qtbot.waitExposed(window)
    assert len(_below_the_rows(tree)) > 1  # the hint's text on the background
    window.editor.add_foods(["banana"])
    QApplication.processEvents()
    assert len(_below_the_rows(tree)) == 1  # background only: the hint is gone
    window.undo_stack.undo()
    QApplication.processEvents()
    assert len(_below_the_rows(tree)) > 1


def test_drop_foods_on_a_meal_and_move_items_by_drag(window):
    model = window.menu_model
    mime = window.browser.model.mimeData(
        [window.browser.model.index(window.browser.model.row_of("kiwi"), 0)]
    )
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, model.meal_index("lunch"))
    assert [(i.food, i.meal) for i in model.menu.items] == [("kiwi", "lunch")]
    drag = model.mimeData([model.index_of_position(0)])
    model.dropMimeData(drag, Qt.DropAction.MoveAction, -1, 0, model.meal_index("snack"))
    assert model.menu.items[0].meal == "snack"
    window.undo_stack.undo()
    assert model.menu.items[0].meal == "lunch"


def test_keyboard_only(window, qtbot):
    window.activateWindow()
    window.editor.tree.setFocus()
    qtbot.keyClick(window.editor.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.browser.search.hasFocus()
    qtbot.keyClicks(window.browser.search, "kiwi")
    qtbot.keyClick(window.browser.search, Qt.Key.Key_Return)  # to the first row
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Return)  # add it
    assert [i.food for i in window.menu_model.menu.items] == ["kiwi"]
    window.editor.tree.setFocus()
    window.editor.select_positions([0])
    qtbot.keyClick(window.editor.tree, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.menu_model.menu.items[0].meal == "dinner"
    qtbot.keyClick(window.editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.menu_model.menu.items[0].meal != "dinner"
    window.undo_action.trigger()
    assert window.menu_model.menu.items == []


def test_down_from_the_search_box_goes_to_the_first_match(window, qtbot):
    window.activateWindow()
    window.browser.search.setFocus()
    qtbot.keyClicks(window.browser.search, "kiwi")
    qtbot.keyClick(window.browser.search, Qt.Key.Key_Down)
    assert window.browser.table.hasFocus()
    assert window.browser.current_food() == "kiwi"
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Return)
    assert [i.food for i in window.menu_model.menu.items] == ["kiwi"]


def test_typing_a_number_on_an_item_edits_its_amount(window, qtbot):
    """From the keyboard alone: Ctrl+2 to the menu, Down to the item, type, Enter."""
    window.activateWindow()
    window.editor.add_foods(["kiwi"])
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tree = window.editor.tree
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # from the meal to its item, in the food column
    qtbot.keyClicks(tree, "3")  # opens the amount's editor with the 3 typed
    editor = QApplication.focusWidget()
    assert editor is not tree and editor.text() == "3"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.menu_model.menu.items[0].portions == 3)
    window.undo_stack.undo()
    assert window.menu_model.menu.items[0].portions == 1


@pytest.mark.parametrize(
    ("unit", "typed", "expected"),
    [("g", "2,000", 2000.0), ("portions", "1,5", 1.5), ("g", "2,000.5", 2000.5)],
)
def test_amounts_typed_with_commas_read_as_the_window_shows_them(
    window, qtbot, unit, typed, expected
):
    """ "2,000" g is two thousand grams, as the menu shows water; "1,5" is one and a half."""
    window.activateWindow()
    model = window.menu_model
    window.editor.add_foods(["tap-water"])
    model.setData(model.index_of_position(0, UNIT), unit)
    window.editor.edit_amount(0)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    field = "grams" if unit == "g" else "portions"
    qtbot.waitUntil(lambda: getattr(model.menu.items[0], field) == expected)


def test_the_amount_editor_takes_no_letters_and_no_sign(window, qtbot):
    window.activateWindow()
    window.editor.add_foods(["kiwi"])
    window.editor.edit_amount(0)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "-x2e5")
    assert editor.text() == "25"


@pytest.mark.parametrize(("typed", "age"), [("7,5", 7.5), ("0,5", 0.5), ("72", 72.0)])
def test_an_age_typed_with_a_decimal_comma(window, qtbot, typed, age):
    """Qt's C locale took "7,5" for seventy-five (a thousands comma)."""
    window.activateWindow()
    box = window.profile_bar.age
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == age and window.state.profile.age == age


def test_profile_change_updates_every_target(window):
    window.editor.add_foods(["banana"])
    bar = window.profile_bar
    bar.sex.setCurrentIndex(bar.sex.findData("female"))
    bar.age.setValue(30)
    assert window.state.targets["iron"].value == 18
    assert window.coverage["iron"].target.value == 18
    bar.stage.setCurrentIndex(bar.stage.findData("pregnant"))
    assert window.coverage["iron"].target.value == 27
    bar.sex.setCurrentIndex(bar.sex.findData("male"))
    assert not bar.stage.isEnabled()
    assert window.coverage["iron"].target.value == 8
    assert window.totals_model.index(4, 2).data().startswith("8 mg")
    bar.standard.setCurrentIndex(bar.standard.findData("efsa"))
    assert window.state.targets["magnesium"].value == 350


def test_a_profile_without_targets_says_why_on_the_chart_the_totals_and_the_gaps(window, qtbot):
    window.editor.add_foods(["banana"])
    bar = window.profile_bar
    bar.age.setValue(0)
    assert not window.totals.note.isVisibleTo(window)
    assert window.chart.labels[0].get_text() != "no target"
    bar.standard.setCurrentIndex(bar.standard.findData("efsa"))
    note = (
        "No targets at 0 years: Crampless holds EFSA (EU) values for ages 1 and over only. "
        "NASEM (US/Canada) targets cover this age."
    )
    assert window.totals.note.isVisibleTo(window) and window.totals.note.text() == note
    assert window.statusBar().currentMessage() == note
    # "?" would say a value is unknown; the banana's magnesium is known, its target is not.
    assert [label.get_text() for label in window.chart.labels] == ["no target"] * 10
    window.coverage_tabs.setCurrentWidget(window.gaps_panel)
    qtbot.waitUntil(lambda: window.gaps_panel.pages.currentWidget() is window.gaps_panel.empty)
    assert note in window.gaps_panel.empty.text()
    bar.standard.setCurrentIndex(bar.standard.findData("nasem"))
    assert not window.totals.note.isVisibleTo(window)
    assert window.chart.labels[0].get_text().endswith("%")


def test_menu_and_profile_survive_closing_and_reopening(make_window, tmp_path):
    first = make_window(tmp_path)
    first.editor.add_foods(["banana", "kiwi"])
    first.editor.name.setText("Tuesday")
    first.editor.name.editingFinished.emit()
    first.profile_bar.age.setValue(72)
    first.close()
    second = make_window(tmp_path)
    assert second.menu_model.menu.name == "Tuesday"
    assert [i.food for i in second.menu_model.menu.items] == ["banana", "kiwi"]
    assert second.state.profile.age == 72
    assert second.coverage["vitamin_d"].target.value == 20


def test_import_export_round_trip(window, tmp_path):
    window.editor.add_foods(["banana"])
    path = tmp_path / "out.menu.json"
    window.export_menu(str(path))
    data = json.loads(path.read_text())
    assert data["format"] == "crampless.menu" and data["items"][0]["food"] == "banana"
    data["name"] = "Imported"
    path.write_text(json.dumps(data))
    window.import_menu(str(path))
    assert window.menu_model.menu.name == "Imported"
    assert [i.food for i in window.menu_model.menu.items] == ["banana"]
    assert "Imported" in [e.name for e in window.library.menus()]


def test_bad_import_is_refused_with_a_message(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    path = tmp_path / "bad.menu.json"
    path.write_text(
        json.dumps(
            {"format": "crampless.menu", "version": 1, "items": [{"food": "bananna", "grams": 5}]}
        )
    )
    before = len(window.library.menus())
    window.import_menu(str(path))
    assert "bad.menu.json: items[0].food: unknown food 'bananna'" in shown[0]
    assert len(window.library.menus()) == before


def test_library_rename_duplicate_delete(window, monkeypatch):
    window.editor.add_foods(["banana"])
    first = window.menu_id
    window.duplicate_menu(first)
    assert window.menu_id != first and len(window.library.menus()) == 2
    row = window.menu_list.row_of(window.menu_id)
    window.menu_list.setData(window.menu_list.index(row), "Renamed")
    assert "Renamed" in [e.name for e in window.library.menus()]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.delete_menu(first)
    assert len(window.library.menus()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_menu(window.menu_id)
    assert window.menu_id == first and len(window.library.menus()) == 1


def test_del_in_the_saved_menus_list_deletes_the_selected_menu_after_asking(
    window, qtbot, monkeypatch
):
    window.duplicate_menu(window.menu_id)
    assert len(window.library.menus()) == 2
    listed = window.library_panel.list
    window.activateWindow()
    listed.setFocus()
    listed.setCurrentIndex(window.menu_list.index(window.menu_list.row_of(window.menu_id)))
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.keyClick(listed, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Delete the menu" in asked[0]
    assert len(window.library.menus()) == 1


def test_a_failed_autosave_is_said_once_keeps_the_edit_and_asks_before_closing(window, monkeypatch):
    """A full disk or a folder gone read-only: told once, not at every change; the next
    change that saves does; closing asks first."""
    import sqlite3

    warned, asked = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    real_save = window.library.save_menu

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(window.library, "save_menu", full_disk)
    window.editor.add_foods(["banana"])
    assert window.save_now() is False
    assert len(warned) == 1 and "database or disk is full" in warned[0]
    assert str(window.library.path) in warned[0]
    window.editor.add_foods(["kiwi"])
    assert window.save_now() is False
    assert len(warned) == 1  # the status bar says it again, not another dialog
    assert "could not be saved" in window.statusBar().currentMessage()

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    assert not window.close()  # not closed: the edits would be lost
    assert len(asked) == 1 and window.isVisible()

    monkeypatch.setattr(window.library, "save_menu", real_save)
    assert window.save_now() is True
    saved = window.library.load_menu(window.menu_id)
    assert [i.food for i in saved.items] == ["banana", "kiwi"]


def test_about_names_the_version_the_sources_and_the_data_folder(window, monkeypatch):
    from planner import __version__

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window._about()
    assert __version__ in shown[0] and "USDA SR28" in shown[0] and "NASEM" in shown[0]
    assert str(window.library.path.parent) in shown[0]
    assert "EFSA" in shown[0] and "MIT licence" in shown[0]


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("Tuesday", "Tuesday.menu.json"),
        ("Mon/Tue", "Mon-Tue.menu.json"),  # not a folder
        ("Week: 48?", "Week- 48.menu.json"),  # no file name on Windows
        ("...", "untitled.menu.json"),
    ],
)
def test_the_export_suggests_a_file_name_any_system_takes(window, monkeypatch, name, suggested):
    window.editor.name.setText(name)
    window.editor.name.editingFinished.emit()
    asked = []

    def cancel(parent, title, start, filters):
        asked.append(Path(start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    window.export_menu()
    assert asked[0].name == suggested


def test_corrupt_library_is_backed_up(make_window, tmp_path):
    (tmp_path / LIBRARY_FILE).write_bytes(b"garbage" * 500)
    window = make_window(tmp_path)
    assert window.backup is not None and window.backup.read_bytes().startswith(b"garbage")
    window.editor.add_foods(["banana"])
    window.save_now()
    assert len(window.library.menus()) == 1


def test_broken_foods_csv_stops_with_file_and_line(tmp_path):
    from tests.fixtures import TINY_FOODS, write_foods_csv

    rows = [dict(r) for r in TINY_FOODS]
    rows[2]["calcium_mg"] = "lots"
    path = write_foods_csv(tmp_path / "foods.csv", rows)
    with pytest.raises(StartupError, match=r"foods.csv: line 4, column calcium_mg"):
        create_window(tmp_path / "data", path)


def test_the_totals_name_the_foods_whose_values_are_unknown(window):
    totals = window.totals
    window.editor.add_foods(["banana"])
    assert not totals.note.isVisibleTo(window)  # every value known
    window.editor.add_foods(["chum-salmon"])  # no vitamin D value in SR28
    row = [n.key for n in NUTRIENTS].index("vitamin_d")
    amount, percent = (window.totals_model.index(row, c).data() for c in (1, 3))
    assert amount.startswith("≥ ") and percent.startswith("≥ ")
    assert totals.note.isVisibleTo(window)
    assert (
        totals.note.text() == "≥ at least: no value is known for vitamin D in Chum salmon, baked."
    )
    window.editor.add_foods(["black-currants"])
    assert totals.note.text() == (
        "≥ at least: no value is known for folate (B9) in Black currants"
        " · vitamin D in Chum salmon, baked; Black currants."
    )
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert not totals.note.isVisibleTo(window)


def test_the_totals_columns_fit_beside_the_chart_at_the_default_size(window):
    """Amount, target, % and limit all in view: no sideways scrolling at 1400 x 860."""
    window.editor.add_foods(["banana"])
    QApplication.processEvents()
    table = window.totals.table
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("size", [(1105, 600), (1229, 655), (1400, 860), (1900, 1000)])
def test_the_chart_legends_fit_at_any_window_size(window, size):
    """From the window's smallest through a small screen's (1366 x 768) to a large one,
    with the longest food names: no legend runs off the figure."""
    foods = window.state.foods
    longest = sorted(foods.ids, key=lambda f: -len(foods.name(f)))[:7]  # every slot named
    window.editor.add_foods(longest)
    window.resize(*size)
    QApplication.processEvents()
    chart = window.chart
    chart.canvas.draw()
    renderer = chart.canvas.get_renderer()
    assert len(chart.figure.legends) == 2
    for legend in chart.figure.legends:
        extent = legend.get_window_extent(renderer)
        assert extent.x0 >= 0 and extent.x1 <= chart.figure.bbox.width


@pytest.mark.parametrize("size", [(1105, 600), (1229, 655), (1400, 860), (1900, 1000)])
def test_the_nutrient_names_do_not_run_into_each_other_at_any_window_size(window, size):
    """On a short screen the chart's rows are 12 px apart: the names shrink to fit them,
    and keep matplotlib's 10 points where there is room."""
    window.editor.add_foods(["banana", "spinach"])
    window.resize(*size)
    QApplication.processEvents()
    chart = window.chart
    chart.canvas.draw()
    renderer = chart.canvas.get_renderer()
    names = [label.get_window_extent(renderer) for label in chart.axes.get_yticklabels()]
    gaps = [low.y0 - high.y1 for high, low in itertools.pairwise(reversed(names))]
    assert min(gaps) >= 0, (size, gaps)
    sizes = {label.get_fontsize() for label in chart.axes.get_yticklabels()}
    assert len(sizes) == 1
    if size[1] >= 860:
        assert sizes == {10.0}
    badges = [label.get_window_extent(renderer) for label in chart.labels if label.get_text()]
    assert all(b.height <= names[0].height * 1.6 for b in badges)


def test_chart_tooltip_names_food_and_amount(window):
    window.editor.add_foods(["banana"])
    text = window.chart.tooltip_at(0, 1)  # first food, potassium row
    assert text.startswith("Banana: 118 g") and "Potassium" in text


def test_hovering_a_bar_shows_its_food_and_amount(window):
    from matplotlib.backend_bases import MouseEvent
    from PySide6.QtWidgets import QToolTip

    window.editor.add_foods(["banana", "milk"])
    chart = window.chart
    chart.canvas.draw()
    widths = chart.segment_widths()
    first = chart.data.foods.index("banana")
    second = 1 - first
    potassium = 1
    banana_left = widths[:first, potassium].sum()
    middle = banana_left + widths[first, potassium] / 2
    assert chart.segment_at(middle, potassium) == (first, potassium)
    assert chart.segment_at(widths[:, potassium].sum() + 1, potassium) is None
    assert chart.segment_at(middle, potassium + 0.45) is None  # between two rows
    milk_middle = widths[:second, potassium].sum() + widths[second, potassium] / 2
    assert chart.segment_at(milk_middle, potassium) == (second, potassium)
    x, y = chart.axes.transData.transform((middle, potassium))
    MouseEvent("motion_notify_event", chart.canvas, x, y)._process()
    assert QToolTip.text().startswith("Banana: 118 g\nPotassium")


def test_unhandled_exception_is_logged(qapp, tmp_path, monkeypatch):
    from planner.ui.shared import log_file
    from planner.ui.shell import faults

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    log_path = log_file.start_logging(tmp_path)
    monkeypatch.setattr("sys.excepthook", None)
    faults.install_excepthook(log_path)
    import sys

    try:
        raise RuntimeError("kaboom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "kaboom" in shown[0]
    assert "RuntimeError: kaboom" in log_path.read_text()


def test_a_full_log_is_kept_as_the_previous_one_and_a_fresh_one_started(tmp_path):
    from planner.ui.shared import log_file

    old = tmp_path / log_file.LOG_FILE
    old.write_text("x" * (log_file.MAX_LOG_BYTES + 1))
    handlers = list(log_file.log.handlers)
    try:
        path = log_file.start_logging(tmp_path)
        log_file.log.warning("after the rotation")
    finally:
        for handler in set(log_file.log.handlers) - set(handlers):
            handler.close()
            log_file.log.removeHandler(handler)
    assert (tmp_path / (log_file.LOG_FILE + ".1")).stat().st_size == log_file.MAX_LOG_BYTES + 1
    assert "after the rotation" in path.read_text() and "x" not in path.read_text()


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_chart_export_formats(window, tmp_path, suffix):
    from planner.ui.charts.chart_export import save_figure

    window.editor.add_foods(["banana"])
    path = tmp_path / f"chart.{suffix}"
    save_figure(window.chart.figure, path)
    head = path.read_bytes()[:8]
    assert {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix] in head


def test_chart_export_refuses_unknown_format_and_leaves_no_file(window, tmp_path):
    from planner.ui.charts.chart_export import save_figure

    with pytest.raises(ValueError, match=r"png, \.svg or \.pdf"):
        save_figure(window.chart.figure, tmp_path / "chart.bmp")
    assert list(tmp_path.glob("chart*")) == []


def test_sorting_keeps_the_filter_and_the_selection(window):
    browser = window.browser
    browser.per.setCurrentIndex(browser.per.findData("100g"))
    browser.search.setText("seeds")
    seeds = set(visible_ids(window))
    browser.table.selectRow(0)
    selected = browser.current_food()
    for column, order in ((0, Qt.SortOrder.DescendingOrder), (3, Qt.SortOrder.DescendingOrder)):
        browser.table.sortByColumn(column, order)
        assert set(visible_ids(window)) == seeds
        assert browser.current_food() == selected
    magnesium = [window.state.foods.values.at[f, "magnesium"] for f in visible_ids(window)]
    assert magnesium == sorted(magnesium, reverse=True)
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [window.state.foods.name(f).casefold() for f in visible_ids(window)]
    assert names == sorted(names)


def test_importing_while_the_name_field_has_focus_keeps_the_imported_name(window, tmp_path):
    window.new_menu()  # leaves the focus in the name field, ready to type
    window.editor.name.setFocus()
    path = tmp_path / "day.menu.json"
    path.write_text(
        json.dumps(
            {
                "format": "crampless.menu",
                "version": 1,
                "name": "Sample day",
                "items": [{"food": "banana", "grams": 100}],
            }
        )
    )
    window.import_menu(str(path))
    assert window.editor.name.text() == "Sample day"
    window.editor.name.editingFinished.emit()  # focus leaves the field
    assert window.menu_model.menu.name == "Sample day"


def test_detail_pane_says_where_the_data_disagrees_and_warns_in_pregnancy(window):
    browser = window.browser

    def detail_of(food_id):
        browser.search.setText(window.state.foods.name(food_id))
        row = next(
            r
            for r in range(browser.proxy.rowCount())
            if browser.proxy.index(r, 0).data(ID_ROLE) == food_id
        )
        browser.table.selectRow(row)
        return browser.detail.toPlainText()

    honey = detail_of("honey")
    assert "USDA: Honey" in honey and "NDB 19296" in honey
    assert "The data does not support the article here" in honey
    assert "potassium:" in honey
    liver = detail_of("beef-liver")
    assert "Caution in pregnancy" in liver and "vitamin A" in liver
    banana = detail_of("banana")
    assert "does not support" not in banana and "Caution" not in banana


def test_the_detail_pane_says_an_imported_foods_tags_come_from_its_name(window):
    foods = window.state.foods
    assert "check the label" not in food_detail_html(foods, "almonds", window.state.targets)
    info = foods.info.copy()
    info.loc["almonds", "source"] = "usda"  # as if imported from SR28
    imported = FoodTable(info, foods.values)
    html = food_detail_html(imported, "almonds", window.state.targets)
    assert "Contains nuts" in html
    assert "from its USDA food group and name" in html and "check the label" in html


def test_a_narrow_detail_pane_breaks_lines_between_words_only(window):
    browser = window.browser
    browser.search.setText("spinach")
    browser.table.selectRow(0)
    document = browser.detail.document()
    document.setTextWidth(230)  # the pane at its narrowest usual width
    document.size()  # lays it out
    mid_word = []
    block = document.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for line in range(1, layout.lineCount()):
            start = layout.lineAt(line).textStart()
            if not (text[start - 1].isspace() or text[start - 1] in "-/·"):
                mid_word.append(text)
        block = block.next()
    assert "Magnesium" in browser.detail.toPlainText()
    assert mid_word == []


def test_the_detail_pane_needs_no_horizontal_scrolling_at_usual_widths(window):
    html = food_detail_html(window.state.foods, "spinach", window.state.targets)
    pane = QTextBrowser()
    pane.setWordWrapMode(window.browser.detail.wordWrapMode())
    pane.show()
    scrolls = []
    for width in range(290, 360):
        pane.resize(width, 600)
        pane.setHtml(html)
        QApplication.processEvents()
        if pane.horizontalScrollBar().maximum() > 0:
            scrolls.append(width)
    pane.close()
    assert scrolls == []


def test_the_food_list_opens_sorted_by_name_and_sorting_again_changes_nothing(window):
    browser = window.browser
    names = [window.state.foods.name(f).casefold() for f in visible_ids(window)]
    assert names == sorted(names)
    header = browser.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    changes = []
    browser.proxy.layoutChanged.connect(lambda *a: changes.append("layout"))
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert changes == []  # the same order again: views are not told to re-read the rows
    browser.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert changes == ["layout"]


def test_a_keystroke_that_matches_the_same_foods_leaves_the_rows_alone(window, qtbot):
    proxy = window.browser.proxy
    qtbot.keyClicks(window.browser.search, "pumpk")
    matched = visible_ids(window)
    changes = []
    for signal in (proxy.rowsRemoved, proxy.rowsInserted, proxy.layoutChanged, proxy.modelReset):
        signal.connect(lambda *a: changes.append(True))
    qtbot.keyClicks(window.browser.search, "i")  # "pumpki": still the same foods
    assert visible_ids(window) == matched and changes == []
    qtbot.keyClicks(window.browser.search, "x")  # "pumpkix": none
    assert visible_ids(window) == [] and changes


def test_the_food_list_headers_are_the_food_tables(window):
    proxy, model = window.browser.proxy, window.browser.model
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        assert [proxy.headerData(c, Qt.Orientation.Horizontal, role) for c in range(13)] == [
            model.headerData(c, Qt.Orientation.Horizontal, role) for c in range(13)
        ]
    assert proxy.headerData(2, Qt.Orientation.Horizontal) == "Energy\nkcal"
    assert proxy.headerData(0, Qt.Orientation.Vertical) is None


def test_help_says_it_is_not_medical_advice_and_when_to_see_a_doctor(make_window, tmp_path, qtbot):
    first = make_window(tmp_path)
    panel = first.help_dock.widget()
    # The first start points to the help (F1) without taking a column for it.
    qtbot.waitUntil(lambda: "Help (F1)" in first.statusBar().currentMessage())
    assert "not medical advice" in first.statusBar().currentMessage()
    assert panel.visibleRegion().isEmpty() and panel.toPlainText() == ""
    first.show_help()
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    words = panel.toPlainText()
    assert "not medical advice" in words and "See a doctor if your cramps" in words
    for remedy in ("mustard", "soap", "vinegar", "vodka", "chamomile"):  # the article's folk cures
        assert remedy not in words.lower()
    first.library_dock.raise_()
    first.close()

    again = make_window(tmp_path)
    qtbot.wait(20)
    panel = again.help_dock.widget()
    assert panel.visibleRegion().isEmpty()  # behind "Saved menus", as left
    assert panel.toPlainText() == ""  # read when first shown, not at start-up
    again.show_help()
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    assert "See a doctor if your cramps" in panel.toPlainText()
    again.close()

    # Left in front, the help is there at the next start (remembered, not forced).
    third = make_window(tmp_path)
    panel = third.help_dock.widget()
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    third.help_dock.close()
    third.close()
    fourth = make_window(tmp_path)
    qtbot.wait(20)
    assert not fourth.help_dock.isVisible()
    assert not fourth.library_dock.visibleRegion().isEmpty()


def test_opening_a_menu_does_not_save_it(window, qtbot):
    from planner.ui.shell.menu_session import AUTOSAVE_DELAY_MS

    window.duplicate_menu(window.menu_id)
    entries = window.library.menus()
    older = entries[-1]
    window.open_menu(older.id)
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert window.library.menus() == entries  # same order, same "changed" times
    window.editor.add_foods(["banana"])
    qtbot.waitUntil(lambda: window.library.menus()[0].id == older.id)  # an edit is saved


def test_controls_have_names_and_the_profile_letters_reach_them(window, qtbot):
    browser, editor = window.browser, window.editor
    named = {
        browser.search: "Search foods",
        browser.aisle: "Aisle",
        browser.per: "Amounts per",
        browser.table: "Foods",
        browser.detail: "Food details",
        editor.name: "Menu name",
        editor.tree: "Menu",
        window.totals.table: "Totals",
        window.profile_bar.stage: "Pregnancy or breastfeeding",
    }
    assert {w.accessibleName() for w in named} == set(named.values())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    bar = window.profile_bar
    for key, target in (
        (Qt.Key.Key_G, bar.age),
        (Qt.Key.Key_S, bar.sex),
        (Qt.Key.Key_T, bar.standard),
        (Qt.Key.Key_D, editor.add_to),
    ):
        browser.search.setFocus()
        qtbot.keyClick(window.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda t=target: t.hasFocus() or t.isAncestorOf(window.focusWidget()))


def test_menu_buttons_open_their_menu_below_them_with_one_arrow(window, qtbot):
    from PySide6.QtCore import QTimer

    diet = window.browser.diet
    assert diet.text() == "Diet ▾"
    # No menu set on the button itself: the style would draw a second, tiny arrow.
    assert diet.menu() is None
    seen = []

    def look_and_close():
        menu = diet.popup_menu
        seen.append(
            (menu.isVisible(), menu.pos().y() >= diet.mapToGlobal(diet.rect().bottomLeft()).y())
        )
        menu.close()

    QTimer.singleShot(100, look_and_close)
    qtbot.mouseClick(diet, Qt.MouseButton.LeftButton)
    assert seen == [(True, True)]
    window.browser.diet_actions[("require", "vegan")].setChecked(True)
    assert diet.text() == "Diet (1) ▾"


def test_no_two_items_of_a_menu_share_an_alt_letter(window):
    import re

    def letter(text):
        found = re.search(r"&([^&])", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    menus = [a.menu() for a in window.menuBar().actions()]
    assert [letter(a.text()) for a in window.menuBar().actions()] == ["f", "e", "o", "v", "h"]
    for menu in menus:
        letters = [letter(a.text()) for a in menu.actions() if not a.isSeparator()]
        used = [x for x in letters if x]
        assert len(used) == len(set(used)), (menu.title(), sorted(used))


def test_tab_goes_from_the_menu_to_its_totals_then_the_profile(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.move_button.setFocus()
    reached = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[0] is window.coverage_tabs.tabBar()
    assert reached[1] is window.totals.table
    assert reached[2] is window.profile_bar.sex
    # Tables do not keep Tab for moving between their cells.
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.browser.detail
    qtbot.keyClick(window.browser.detail, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.name


def test_secondary_and_warning_text_read_on_a_dark_palette_too(window, qtbot):
    from PySide6.QtGui import QColor, QPalette

    from planner.ui.widgets.text_colours import DARK, LIGHT, text_colours

    app = QApplication.instance()
    light = text_colours()
    assert light.warning == LIGHT.warning
    assert QColor(light.muted).lightness() < 128  # a grey darker than the light window
    saved = app.palette()
    dark = QPalette(saved)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e0e0e0"))
    app.setPalette(dark)
    try:
        colours = text_colours()
        assert colours.warning == DARK.warning and colours.caution == DARK.caution
        muted = QColor(colours.muted).lightness()
        assert QColor("#2b2b2b").lightness() + 60 < muted < QColor("#e0e0e0").lightness()
        # The food details are written in those colours ("data does not support": honey).
        select = window.browser.table
        window.browser.search.setText("honey")
        select.setCurrentIndex(window.browser.proxy.index(0, 0))
        html = window.browser.detail.toHtml()
        assert DARK.warning.lower() in html.lower()
    finally:
        app.setPalette(saved)


def test_the_food_lists_sort_is_remembered(make_window, tmp_path):
    first = make_window(tmp_path)
    magnesium = 2 + [n.key for n in NUTRIENTS].index("magnesium")
    header = first.browser.table.horizontalHeader()
    header.setSortIndicator(magnesium, Qt.SortOrder.DescendingOrder)
    top = first.browser.proxy.index(0, 0).data(ID_ROLE)
    first.close()
    second = make_window(tmp_path)
    header = second.browser.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        magnesium,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.browser.proxy.index(0, 0).data(ID_ROLE) == top != "almonds"
    second.close()
    second.settings.set_value("browser/sort", "99:banana")  # unreadable: by name
    second.settings.sync()
    third = make_window(tmp_path)
    assert third.browser.table.horizontalHeader().sortIndicatorSection() == 0


def test_an_import_takes_the_place_of_an_untouched_new_menu_only(window):
    def names():
        return sorted(e.name for e in window.library.menus())

    sample = str(ROOT / "docs" / "sample.menu.json")
    assert names() == ["My menu"]  # a first start makes one
    window.import_menu(sample)
    assert names() == ["Sample day"]  # the empty, untouched one is not left behind
    # A new menu that has been used stays, even emptied again.
    window.new_menu()
    window.editor.add_foods(["banana"])
    window.undo_stack.undo()
    window.import_menu(sample)
    # (The second import is named apart, as a plan's is.)
    assert names() == ["My menu", "Sample day", "Sample day 2"]
    assert window.statusBar().currentMessage() == "Imported sample.menu.json as “Sample day 2”"
    # So does an empty menu the user named.
    window.new_menu()
    window.editor.name.setText("Tuesday")
    window.editor.name.editingFinished.emit()
    window.import_menu(sample)
    assert "Tuesday" in names()


def test_the_food_lists_nutrients_come_right_after_the_name(window):
    # Magnesium, the first cramp nutrient, beside the name; energy after the nutrients.
    header = window.browser.table.horizontalHeader()
    model = window.browser.proxy
    shown = [
        model.headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
        for v in range(header.count())
    ]
    assert shown[0] == "Food" and shown[1].startswith("Magnesium") and shown[-1] == "Aisle"
    # The guard nutrients (retinol, selenium, ...) are no columns: the detail pane shows them.
    labels = [n.label for n in REPORTED if n.key != "energy"] + ["Energy"]
    assert [s.split("\n")[0] for s in shown[1:-1]] == labels
    # In the pane's default width, magnesium is in view beside the name.
    table = window.browser.table
    assert header.sectionViewportPosition(header.logicalIndex(1)) < table.viewport().width()


def _item_index(window, food_id):
    model = window.menu_model
    position = next(i for i, item in enumerate(model.menu.items) if item.food == food_id)
    return model.index_of_position(position)


def test_a_crossed_guard_limit_is_warned_on_the_totals_and_the_menu_rows(window):
    """Beef liver's retinol and copper are not in the table, yet their limits are watched."""
    totals = window.totals
    window.editor.add_foods(["banana"])
    assert not totals.guard_note.isVisibleTo(window)
    assert window.menu_model.data(_item_index(window, "banana"), Qt.DecorationRole) is None
    window.editor.add_foods(["beef-liver"])  # one 81 g slice: 6,260 µg retinol, 11.8 mg copper
    assert totals.guard_note.isVisibleTo(window)
    text = totals.guard_note.text()
    assert text.startswith("⚠ Over an upper limit the table does not show: ")
    assert "vitamin A (retinol) 6,260 µg, over its upper limit of 3,000 µg" in text
    assert "copper 11.9 mg, over its upper limit of 10 mg" in text  # with the banana's
    assert "(from Beef liver, pan-fried" in text
    liver = _item_index(window, "beef-liver")
    assert not window.menu_model.data(liver, Qt.DecorationRole).isNull()
    tip = window.menu_model.data(liver, Qt.ToolTipRole)
    assert "⚠ Gives 6,260 µg of vitamin A (retinol): the menu has 6,260 µg" in tip
    assert "over the upper limit of 3,000 µg" in tip
    # The banana's 0.09 mg of copper is not why the menu is over 10 mg: its row is not
    # marked (only foods giving a tenth of the limit or more are).
    banana = _item_index(window, "banana")
    assert "copper" not in window.menu_model.data(banana, Qt.ToolTipRole)
    assert window.menu_model.data(banana, Qt.DecorationRole) is None
    window.undo_stack.undo()
    assert not totals.guard_note.isVisibleTo(window)
    assert window.menu_model.data(_item_index(window, "banana"), Qt.DecorationRole) is None


def test_the_detail_pane_shows_the_guards_and_a_raw_value_beside_an_unknown(window):
    targets = window.state.targets
    nuts = QTextBrowser()
    nuts.setHtml(food_detail_html(window.state.foods, "brazil-nuts", targets))
    text = nuts.toPlainText()
    assert "Selenium" in text and "Vitamin A (retinol)" in text and "1,917" in text
    bass = QTextBrowser()
    bass.setHtml(food_detail_html(window.state.foods, "sea-bass", targets))
    assert (
        "Vitamin D: SR28's raw entry (Fish, sea bass, mixed species, raw) gives 5.6 µg per "
        "100 g; not counted, since what cooking keeps of it is not known."
    ) in bass.toPlainText()


def test_the_totals_note_gives_the_raw_value_of_an_unknown_cooked_one(window):
    window.editor.add_foods(["sea-bass"])
    assert window.coverage["vitamin_d"].unknown_foods == ("sea-bass",)
    assert window.totals.note.text() == (
        "≥ at least: no value is known for vitamin D in Sea bass, baked "
        "(raw: 5.6 µg per 100 g, not counted)."
    )
