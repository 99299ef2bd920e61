"""The food library in the window: USDA import, custom foods, recipes, portions, their files."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from planner.core.data.nutrients import GUARD_KEYS, KEYS
from planner.core.storage.custom_foods import load_custom_foods
from planner.core.storage.library_foods import chosen_portions
from planner.core.storage.recipes import load_recipes
from planner.core.storage.usda_import import usda_import_info
from planner.ui.foods.portion_dialog import PortionDialog
from planner.ui.widgets.roles import ID_ROLE
from planner.ui.widgets.text_colours import text_colours
from tests.sr28_fixtures import sr28_files, write_sr28

SR28_FOODS = 8789


def visible_ids(window) -> list[str]:
    proxy = window.browser.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def select(window, food_id: str) -> None:
    """Select ``food_id`` in the food list as a click would."""
    browser = window.browser
    model = browser.model
    index = browser.proxy.mapFromSource(model.index(model.row_of(food_id), 0))
    assert index.isValid(), f"{food_id} is not shown"
    browser.table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def wait_for(run, qtbot) -> str:
    """Wait until a started import reports its outcome (the worker takes ~2-3 s in full)."""
    with qtbot.waitSignal(run.done, timeout=120_000) as blocker:
        pass
    return blocker.args[0]


def run_import(window, qtbot, path, **kwargs) -> tuple[object, str]:
    run = window.food_library.usda.start_usda_import(path, **kwargs)
    assert run is not None
    return run, wait_for(run, qtbot)


@pytest.fixture
def warnings(monkeypatch):
    """Message boxes the code shows, as (title, text); none is left open."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text))
    )
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a: shown.append((title, text))
    )
    return shown


def status(window) -> str:
    return window.statusBar().currentMessage()


# --- USDA import -------------------------------------------------------------------------


def test_usda_import_runs_in_a_worker_and_adds_every_food(window, qtbot, sr28_zip, monkeypatch):
    before = window.browser.proxy.rowCount()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(sr28_zip), "USDA SR28 ASCII zip")
    )
    threads = []
    original = window.food_library.usda.start_usda_import

    def start(path, should_cancel=None):
        run = original(path, should_cancel)
        # Runs in the emitting thread: proves where the import happens.
        run.worker.progressed.connect(
            lambda *_: threads.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
        )
        return run

    monkeypatch.setattr(window.food_library.usda, "start_usda_import", start)
    window.food_library.actions["import_usda"].trigger()
    run = window.food_library.usda.import_run
    assert run is not None and run.dialog.isVisible()
    assert run.dialog.windowModality() == Qt.WindowModality.WindowModal
    assert wait_for(run, qtbot) == "imported"

    assert threads and threading.get_ident() not in threads  # not on the GUI thread
    assert not run.dialog.isVisible()
    assert window.browser.proxy.rowCount() == before + SR28_FOODS
    assert "8,789" in status(window)
    window.browser.search.setText("Bananas, raw")
    assert "usda-09040" in visible_ids(window)
    select(window, "usda-09040")
    detail = window.browser.detail.toPlainText()
    assert "Fruits and Fruit Juices" in detail and "imported" in detail
    # Imported foods rank with the others: sorting by magnesium per 100 g puts SR28's top first.
    window.browser.search.clear()
    window.browser.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    top = visible_ids(window)[0]
    assert top == window.state.foods.values["magnesium"].idxmax() and top.startswith("usda-")
    # And go into menus like any food.
    window.editor.add_foods(["usda-09040"])
    assert window.coverage["potassium"].amount == pytest.approx(358 * 225 / 100)


def test_cancel_after_the_first_progress_leaves_the_library_unchanged(window, qtbot, sr28_zip):
    window.editor.add_foods(["banana", "kiwi"])
    window.save_now()
    menus_before = [(e.name, window.library.load_menu(e.id)) for e in window.library.menus()]
    ids_before = list(window.state.foods.ids)
    checks = []

    def stop() -> bool:
        # The core checks before each progress report: the second check follows the first.
        checks.append(1)
        return len(checks) > 1

    run, outcome = run_import(window, qtbot, sr28_zip, should_cancel=stop)
    assert outcome == "cancelled"
    assert not run.dialog.isVisible()
    assert list(window.state.foods.ids) == ids_before
    assert not any(f.startswith("usda-") for f in window.state.foods.ids)
    assert usda_import_info(window.library) is None
    assert window.library.db.execute("SELECT COUNT(*) FROM foods").fetchone()[0] == 0
    menus_after = [(e.name, window.library.load_menu(e.id)) for e in window.library.menus()]
    assert menus_after == menus_before
    assert "unchanged" in status(window)


def test_the_progress_dialogs_cancel_button_stops_the_import(window, qtbot, sr28_zip):
    run = window.food_library.usda.start_usda_import(sr28_zip)
    # Clicked at once: the worker is still reading the files.
    run.dialog.findChild(QPushButton).click()
    assert wait_for(run, qtbot) == "cancelled"
    assert usda_import_info(window.library) is None
    assert not any(f.startswith("usda-") for f in window.state.foods.ids)
    assert window.food_library.usda.import_run is None


def test_closing_the_window_mid_import_stops_it_first(make_window, tmp_path, sr28_zip):
    window = make_window(tmp_path)
    run = window.food_library.usda.start_usda_import(sr28_zip)
    window.close()  # waits for the worker: Qt must not destroy a running thread
    assert not run.worker.isRunning()
    assert usda_import_info(window.library) is None


def test_bad_zip_is_named_with_file_and_line_and_nothing_is_imported(
    window, qtbot, tmp_path, warnings
):
    files = sr28_files()
    files["NUT_DATA.txt"][2] = files["NUT_DATA.txt"][2].replace("^358^", "^3S8^")
    bad = write_sr28(tmp_path / "bad", files, zip_name="sr28.zip")
    ids_before = list(window.state.foods.ids)
    _, outcome = run_import(window, qtbot, bad)
    assert outcome == "failed"
    [(title, text)] = warnings
    assert title == "Import USDA database"
    assert "sr28.zip/NUT_DATA.txt: line 3: Nutr_Val '3S8' is not a number" in text
    assert "Nothing was imported" in text
    assert list(window.state.foods.ids) == ids_before
    assert usda_import_info(window.library) is None


def test_import_from_a_folder_and_asking_before_replacing(window, qtbot, tmp_path, monkeypatch):
    folder = write_sr28(tmp_path / "sr28")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    window.food_library.actions["import_usda_folder"].trigger()
    assert wait_for(window.food_library.usda.import_run, qtbot) == "imported"
    assert {"usda-09040", "usda-12014", "usda-13000"} <= set(window.state.foods.ids)
    assert window.state.foods.info.at["usda-13000", "usda_food_group"] == "Beef Products"

    asked = []

    def cancel(*args):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    assert window.food_library.usda.import_usda_folder() is None
    assert "Replace them?" in asked[0] and window.food_library.usda.import_run is None


# --- portions ---------------------------------------------------------------------------


def test_choosing_another_portion_changes_portion_items(window, qtbot, tmp_path, warnings):
    # Without the USDA data a foods.csv food has no measures to choose from.
    select(window, "banana")
    assert window.food_library.portions.choose_portion() is None
    assert "Import" in warnings[-1][1]

    _run, outcome = run_import(window, qtbot, write_sr28(tmp_path / "sr28"))
    assert outcome == "imported"
    window.editor.add_foods(["banana"])  # 1 portion
    potassium = window.coverage["potassium"].amount
    assert window.menu_model.menu.items[0].grams_of(window.state.foods) == 118
    grams_cell = window.menu_model.index_of_position(0, 3)  # what the menu shows
    kcal_before = window.menu_model.index_of_position(0, 4).data()
    assert grams_cell.data() == "118"

    select(window, "banana")
    window.food_library.actions["choose_portion"].trigger()
    dialog = window.food_library.dialog
    assert isinstance(dialog, PortionDialog)
    assert [m.name for m in dialog.measures] == ["1 cup, mashed", '1 medium (7" to 7-7/8" long)']
    assert dialog.list.currentRow() == 1  # the portion in use
    assert "portions will use the new weight" in dialog.note.text()
    dialog.select_seq(1)
    assert "118 g now, 225 g with this measure" in dialog.effect.text()
    dialog.use_button.click()

    assert window.state.foods.portion_g("banana") == 225
    assert window.menu_model.menu.items[0].grams_of(window.state.foods) == 225
    assert window.menu_model.index_of_position(0, 3).data() == "225"
    assert window.menu_model.index_of_position(0, 4).data() != kcal_before
    assert window.coverage["potassium"].amount == pytest.approx(potassium * 225 / 118)
    assert chosen_portions(window.library)["banana"].grams == 225

    select(window, "banana")
    window.food_library.portions.choose_portion()
    window.food_library.dialog.reset_button.click()
    assert window.state.foods.portion_g("banana") == 118
    assert window.coverage["potassium"].amount == pytest.approx(potassium)


# --- custom foods -------------------------------------------------------------------------


def test_custom_food_per_label_serving_goes_to_the_browser_and_the_menu(window, qtbot):
    window.food_library.actions["new_food"].trigger()
    dialog = window.food_library.dialog
    qtbot.keyClicks(dialog.name, "Magnesium bar")
    dialog.aisle.setCurrentIndex(dialog.aisle.findData("pantry"))
    dialog.tags["vegan"].setChecked(True)
    dialog.per_serving.setChecked(True)
    qtbot.keyClicks(dialog.serving_g, "30")
    qtbot.keyClicks(dialog.values["magnesium"], "120")
    qtbot.keyClicks(dialog.values["energy"], "150")
    assert dialog.converted["magnesium"].text() == "= 400 mg"
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()

    food_id = "custom-magnesium-bar"
    stored = load_custom_foods(window.library)[food_id]
    assert stored.values == {"energy": 500.0, "magnesium": 400.0}
    assert (stored.portion_name, stored.portion_g) == ("1 serving", 30.0)
    foods = window.state.foods
    assert foods.values.at[food_id, "magnesium"] == 400
    assert np.isnan(foods.values.at[food_id, "potassium"])  # left empty: unknown, not 0
    assert food_id in visible_ids(window)
    assert window.browser.current_food() == food_id
    assert "custom food" in window.browser.detail.toPlainText()

    before = window.coverage["magnesium"].amount
    window.editor.add_foods([food_id])
    assert window.coverage["magnesium"].amount == pytest.approx(before + 120)
    assert food_id in window.coverage["potassium"].unknown_foods


def test_invalid_custom_food_keeps_ok_disabled_with_the_reason(window, qtbot):
    dialog = window.food_library.custom_foods.new_custom_food()
    # A fresh form is not an error: the missing name is a grey hint until one is typed.
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Give the food a name to save it."
    colours = text_colours()
    assert dialog.problem.hint and colours.muted in dialog.problem.styleSheet()
    qtbot.keyClicks(dialog.name, "O")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    assert dialog.problem.text() == "Name: a name cannot be empty"
    assert not dialog.problem.hint and colours.caution in dialog.problem.styleSheet()
    dialog.name.setText("Oat drink")
    assert dialog.ok_button.isEnabled() and dialog.problem.text() == ""
    dialog.values["calcium"].setText("-5")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Calcium: must be at least 0"
    dialog.values["calcium"].setText("lots")
    assert dialog.problem.text() == "Calcium: 'lots' is not a number"
    dialog.values["calcium"].setText("120,5")  # a decimal comma is a number
    assert dialog.ok_button.isEnabled()
    dialog.values["iron"].setText("200000")
    assert "more than 100 g can hold" in dialog.problem.text()
    dialog.values["iron"].clear()
    dialog.portion_name.setText("1 glass")
    assert not dialog.ok_button.isEnabled() and dialog.problem.text().startswith("Portion grams")
    dialog.portion_g.setText("250")
    dialog.per_serving.setChecked(True)
    assert not dialog.ok_button.isEnabled() and dialog.problem.text().startswith("Label serving")
    dialog.serving_g.setText("0")
    assert not dialog.ok_button.isEnabled()
    dialog.per_100g.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    assert load_custom_foods(window.library) == {}


def test_edit_and_delete_custom_food(window, qtbot, monkeypatch, warnings):
    dialog = window.food_library.custom_foods.new_custom_food()
    dialog.name.setText("Oat drink")
    dialog.values["calcium"].setText("120")
    dialog.ok_button.click()
    food_id = "custom-oat-drink"
    select(window, food_id)
    assert window.food_library.actions["edit_food"].isEnabled()
    window.food_library.actions["edit_food"].trigger()
    dialog = window.food_library.dialog
    assert dialog.values["calcium"].text() == "120"
    dialog.values["calcium"].setText("130")
    dialog.ok_button.click()
    assert window.state.foods.values.at[food_id, "calcium"] == 130
    assert list(load_custom_foods(window.library)) == [food_id]  # edited, not added

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.editor.add_foods([food_id])
    select(window, food_id)
    assert not window.food_library.delete_selected()
    assert "used by the menu" in warnings[-1][1]
    window.undo_stack.undo()
    select(window, food_id)
    assert window.food_library.delete_selected()
    assert food_id not in window.state.foods
    select(window, "banana")
    assert not window.food_library.actions["delete_food"].isEnabled()


# --- recipes ------------------------------------------------------------------------------


def add_ingredient(dialog, qtbot, search: str, food_id: str, grams: str) -> None:
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, search)
    model = dialog.picker_model
    row = next(r for r in range(model.rowCount()) if model.food_id(r) == food_id)
    dialog.picker.setCurrentIndex(model.index(row))
    dialog.grams.setText(grams)
    dialog.add_button.click()


def test_recipe_servings_typed_with_a_decimal_comma(window, qtbot):
    window.food_library.actions["new_recipe"].trigger()
    dialog = window.food_library.dialog
    dialog.servings.setFocus()
    dialog.servings.lineEdit().selectAll()
    qtbot.keyClicks(dialog.servings, "2,5")
    qtbot.keyClick(dialog.servings, Qt.Key.Key_Tab)
    assert dialog.servings.value() == 2.5  # Qt's C locale read 25
    dialog.reject()


def test_recipe_editor_makes_a_food_whose_values_come_from_its_ingredients(window, qtbot):
    window.food_library.actions["new_recipe"].trigger()
    dialog = window.food_library.dialog
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name, "Seed bowl")
    dialog.servings.setValue(2)
    add_ingredient(dialog, qtbot, "banana", "banana", "236")
    add_ingredient(dialog, qtbot, "pumpkin", "pumpkin-seeds", "56")
    add_ingredient(dialog, qtbot, "black curr", "black-currants", "100")
    foods = window.state.foods
    grams = {"banana": 236, "pumpkin-seeds": 56, "black-currants": 100}
    expected = {
        key: sum(foods.values.at[f, key] * g / 100 for f, g in grams.items()) / 2 for key in KEYS
    }
    preview = dialog.preview_model
    magnesium_row = KEYS.index("magnesium")
    assert preview.index(magnesium_row, 1).data() == f"{expected['magnesium']:.0f}"
    vitamin_d = preview.index(KEYS.index("vitamin_d"), 1)
    assert vitamin_d.data() == "unknown"
    assert "Black currants" in dialog.unknown_label.text()
    assert dialog.total_label.text() == "Makes 392 g: 2 servings of 196 g"
    # A grams cell takes numbers only.
    cell = dialog.ingredients.index(0, 1)
    assert not dialog.ingredients.setData(cell, "abc")
    assert dialog.ingredients.setData(cell, "236")
    dialog.ok_button.click()

    recipe_id = "recipe-seed-bowl"
    assert list(load_recipes(window.library)) == [recipe_id]
    assert recipe_id in visible_ids(window)
    assert "recipe" in window.browser.detail.toPlainText()
    window.editor.add_foods([recipe_id])  # one portion = one serving
    coverage = window.coverage
    for key in ("magnesium", "potassium", "calcium", "iron"):
        assert coverage[key].amount == pytest.approx(expected[key])
    assert recipe_id in coverage["vitamin_d"].unknown_foods  # not a partial sum


def test_recipe_edit_and_delete_refused_while_used(window, qtbot, monkeypatch, warnings):
    dialog = window.food_library.recipes.new_recipe([("banana", 236.0), ("kiwi", 150.0)])
    dialog.name.setText("Fruit salad")
    dialog.ok_button.click()
    recipe_id = "recipe-fruit-salad"
    window.editor.add_foods([recipe_id])
    one = window.coverage["potassium"].amount

    select(window, recipe_id)
    window.food_library.actions["edit_food"].trigger()
    dialog = window.food_library.dialog
    assert dialog.windowTitle() == "Edit recipe" and dialog.ingredients.rowCount() == 2
    dialog.servings.setValue(4)
    dialog.table.selectRow(1)
    dialog.remove_button.click()
    dialog.ok_button.click()
    recipe = load_recipes(window.library)[recipe_id]
    assert recipe.servings == 4 and [i.food for i in recipe.ingredients] == ["banana"]
    # The menu's one serving follows the edited recipe.
    assert window.coverage["potassium"].amount == pytest.approx(358 * 236 / 100 / 4)
    assert window.coverage["potassium"].amount != pytest.approx(one)

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    select(window, recipe_id)
    assert not window.food_library.delete_selected()
    assert "used by the menu" in warnings[-1][1]
    assert recipe_id in window.state.foods
    window.undo_stack.undo()
    select(window, recipe_id)
    assert window.food_library.delete_selected()
    assert recipe_id not in window.state.foods and load_recipes(window.library) == {}


def test_recipe_from_selected_foods(window):
    browser = window.browser
    browser.search.setText("kiwi")
    browser.table.selectAll()
    dialog = window.food_library.recipes.new_recipe_from_selection()
    assert [f for f, _ in dialog.ingredients.items] == visible_ids(window)
    assert dialog.ingredients.items[0][1] == window.state.foods.portion_g("kiwi")
    # Ingredients given, the name not yet typed: a hint, not an error.
    assert dialog.problem.text() == "Give the recipe a name to save it."
    assert dialog.problem.hint
    dialog.reject()


# --- files --------------------------------------------------------------------------------


def test_export_and_import_custom_foods_and_recipes(
    make_window, qtbot, tmp_path, monkeypatch, warnings
):
    first = make_window(tmp_path / "first")
    dialog = first.food_library.custom_foods.new_custom_food()
    dialog.name.setText("Oat drink")
    dialog.aisle.setCurrentIndex(dialog.aisle.findData("drinks"))
    dialog.values["calcium"].setText("120")
    dialog.ok_button.click()
    dialog = first.food_library.recipes.new_recipe([("custom-oat-drink", 250.0), ("banana", 118.0)])
    dialog.name.setText("Smoothie")
    dialog.servings.setValue(1)
    dialog.ok_button.click()

    foods_file = tmp_path / "mine.foods.json"
    recipes_file = tmp_path / "mine.recipes.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(foods_file), ""))
    first.food_library.actions["export_foods"].trigger()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(recipes_file), ""))
    first.food_library.actions["export_recipes"].trigger()
    assert json.loads(foods_file.read_text())["format"] == "crampless.foods"
    assert json.loads(recipes_file.read_text())["recipes"][0]["id"] == "recipe-smoothie"

    second = make_window(tmp_path / "second")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(recipes_file), ""))
    second.food_library.actions["import_recipes"].trigger()
    assert not warnings
    # The recipe file carries the custom food it uses.
    assert {"custom-oat-drink", "recipe-smoothie"} <= set(second.state.foods.ids)
    assert "Imported 1 recipe" in status(second)
    smoothie = second.state.foods.values.loc["recipe-smoothie"]
    pd_first = first.state.foods.values.loc["recipe-smoothie"]
    np.testing.assert_array_equal(smoothie.to_numpy(), pd_first.to_numpy())

    # The same foods again: nothing doubles; a different food under a taken id is kept apart.
    data = json.loads(foods_file.read_text())
    data["foods"][0]["values"]["calcium"] = 125
    foods_file.write_text(json.dumps(data))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(foods_file), ""))
    second.food_library.actions["import_foods"].trigger()
    assert "custom-oat-drink as custom-oat-drink-2" in status(second)
    assert second.state.foods.values.at["custom-oat-drink-2", "calcium"] == 125

    # A bad file: a message naming the file and the place; nothing imported.
    data["foods"][0]["values"]["iron"] = "lots"
    foods_file.write_text(json.dumps(data))
    ids = list(second.state.foods.ids)
    second.food_library.actions["import_foods"].trigger()
    [(title, text)] = warnings
    assert title == "Import custom foods"
    assert "mine.foods.json: foods[0].values.iron: 'lots' is not a number" in text
    assert list(second.state.foods.ids) == ids


def test_menu_file_with_a_recipe_survives_a_restart(make_window, tmp_path):
    first = make_window(tmp_path)
    dialog = first.food_library.recipes.new_recipe([("banana", 118.0)])
    dialog.name.setText("Banana")
    dialog.ok_button.click()
    first.editor.add_foods(["recipe-banana"])
    first.close()
    second = make_window(tmp_path)
    assert [i.food for i in second.menu_model.menu.items] == ["recipe-banana"]
    assert second.menu_model.menu.items[0].portions == 1


def test_a_recipe_in_a_plan_is_shopped_as_its_ingredients(window):
    dialog = window.food_library.recipes.new_recipe([("banana", 236.0), ("kiwi", 150.0)])
    dialog.name.setText("Fruit salad")
    dialog.ok_button.click()
    view = window.plan_view
    if window.plan_session.plan is None:
        view.new_plan()
    view.add_foods(["recipe-fruit-salad"])  # one serving: half the recipe
    rows = window.shopping_view.shopping.rows
    assert "recipe-fruit-salad" not in rows.index
    people = len(window.plan_session.plan.people)
    assert rows.at["banana", "edible_g"] == pytest.approx(118 * people)
    assert rows.at["kiwi", "edible_g"] == pytest.approx(75 * people)


def test_a_custom_food_takes_the_guard_nutrients_optionally(window, qtbot):
    window.food_library.actions["new_food"].trigger()
    dialog = window.food_library.dialog
    qtbot.keyClicks(dialog.name, "Selenium snack")
    dialog.aisle.setCurrentIndex(dialog.aisle.findData("pantry"))
    assert set(GUARD_KEYS) <= set(dialog.values)
    qtbot.keyClicks(dialog.values["magnesium"], "100")
    qtbot.keyClicks(dialog.values["selenium"], "500")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    stored = load_custom_foods(window.library)["custom-selenium-snack"]
    assert stored.values == {"magnesium": 100.0, "selenium": 500.0}
    foods = window.state.foods
    assert foods.values.at["custom-selenium-snack", "selenium"] == 500
    assert np.isnan(foods.values.at["custom-selenium-snack", "retinol"])  # left empty
    # 100 g (1 portion) of it: 500 µg, over the 400 µg selenium limit: warned.
    window.editor.add_foods(["custom-selenium-snack"])
    assert "selenium" in window.totals.guard_note.text()
