"""The “Close my gaps” panel: suggestions beside the chart, one-click adding, exclusions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog

from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import PREGNANCY_TAG, Exclusions, allowed_food_ids
from planner.core.advice.optimizer import complete_menu
from planner.core.advice.suggestions import GAP_KEYS, gaps, per_serving, suggest_foods
from planner.core.data.ceilings import ceilings
from planner.core.data.foods import FoodTable
from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import KEYS
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.jsonfiles import write_menu
from planner.paths import ROOT
from planner.ui.gaps.exclusions_dialog import ExclusionsDialog
from planner.ui.gaps.gaps_actions import PER_KEY
from planner.ui.gaps.gaps_model import ADD, AMOUNT, NAME
from planner.ui.gaps.gaps_panel import SHOWN
from planner.ui.widgets.roles import ID_ROLE

SAMPLE = ROOT / "docs" / "sample.menu.json"


def show_panel(window, menu_path=SAMPLE):
    if menu_path is not None:
        window.import_menu(str(menu_path))
    window.coverage_tabs.setCurrentWidget(window.gaps_panel)
    return window.gaps_panel


def listed(panel) -> dict[str, list[str]]:
    """Nutrient -> food ids, as the tree shows them."""
    model = panel.model
    result = {}
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        result[model.key_of(parent)] = [
            model.index(r, NAME, parent).data(ID_ROLE) for r in range(model.rowCount(parent))
        ]
    return result


def expected(window, exclusions=None, per="serving") -> dict[str, list[str]]:
    state = window.state
    exclusions = exclusions or Exclusions()
    coverage = compute_coverage(window.menu_model.menu, state.foods, state.targets)
    allowed = allowed_food_ids(state.foods, exclusions, state.profile)
    menu = window.menu_model.menu
    found = suggest_foods(
        coverage,
        state.foods,
        state.targets,
        allowed,
        per=per,
        top=SHOWN,
        on_menu=menu.grams_by_food(state.foods),
    )
    return {k: [s.food_id for s in v] for k, v in found.items()}


def tags_of(window, food: str) -> tuple[str, ...]:
    return tuple(window.state.foods.info.at[food, "tags"])


def click_add(panel, qtbot, key: str, food: str) -> None:
    index = panel.model.food_index(key, food, ADD)
    assert index.isValid(), f"{food} is not suggested for {key}"
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_the_gaps_of_the_menu_with_the_foods_suggest_foods_ranks(window, qtbot):
    panel = show_panel(window)
    state = window.state
    coverage = compute_coverage(window.menu_model.menu, state.foods, state.targets)
    under = gaps(coverage, state.targets)
    # The sample day misses calcium, iron, vitamin D and water for a woman of 50.
    assert list(under) == ["calcium", "iron", "vitamin_d", "water"]
    assert listed(panel) == expected(window)
    assert list(listed(panel)) == [k for k in GAP_KEYS if k in under]
    assert window.coverage_tabs.tabText(1) == "Close my gaps (4)"

    model = panel.model
    calcium = model.index(0, 0)
    gap = under["calcium"]
    assert model.data(calcium).startswith(f"Calcium: {gap:.0f} mg to go")
    top = suggest_foods(
        coverage, state.foods, state.targets, allowed_food_ids(state.foods), top=SHOWN
    )["calcium"][0]
    row = [model.index(0, c, calcium).data() for c in range(ADD + 1)]
    assert row[0] == state.foods.name(top.food_id)
    assert row[2] == f"{100 * top.share_of_gap:.0f} % of gap"
    assert row[1] == f"{fmt_amount(top.amount_per_serving)} mg"
    assert row[3] == f"{top.kcal_per_serving:,.0f}"
    assert row[4] == "Add"
    assert model.headerData(AMOUNT, Qt.Orientation.Horizontal) == "Per serving"
    tip = model.index(0, NAME, calcium).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{row[0]}: one serving = {top.serving}\n")
    assert f"One serving closes {top.closes_pct:.0f} % of the" in tip

    # Per 100 kcal: another ranking, and the amount column says so.
    panel.per_buttons["100kcal"].click()
    assert listed(panel) == expected(window, per="100kcal")
    assert listed(panel) != expected(window)
    assert model.headerData(AMOUNT, Qt.Orientation.Horizontal) == "Per 100 kcal"
    assert window.settings.value("gaps/per") == "100kcal"
    # Tap water closes the water gap for no calories: first, and said so.
    water = model.food_index("water", "tap-water", AMOUNT)
    assert water.row() == 0 and water.data() == "no calories"


def test_add_button_adds_one_serving_and_undo_takes_it_back(window, qtbot):
    panel = show_panel(window)
    state = window.state
    before_items = list(window.menu_model.menu.items)
    before = compute_coverage(window.menu_model.menu, state.foods, state.targets)
    food = listed(panel)["iron"][1]  # soybeans: no limit to worry about
    suggestion = panel.model.suggestion(panel.model.food_index("iron", food))
    assert suggestion.own_portion  # "1 cup, 172 g": the food's own portion
    click_add(panel, qtbot, "iron", food)

    items = window.menu_model.menu.items
    assert items[:-1] == before_items
    added = items[-1]
    assert (added.food, added.portions, added.grams) == (food, 1.0, None)
    assert added.meal == window.editor.add_to.currentData()
    after = window.coverage
    serving = state.foods.portion_g(food) * state.foods.values.at[food, "iron"] / 100
    assert after["iron"].amount - before["iron"].amount == pytest.approx(serving)
    assert after["iron"].amount - before["iron"].amount == pytest.approx(
        suggestion.amount_per_serving
    )
    # The panel follows: the iron gap is closed, so iron is no longer listed.
    assert "iron" not in listed(panel)
    assert listed(panel) == expected(window)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Added one serving ({suggestion.serving}) of ")

    window.undo_action.trigger()
    assert window.menu_model.menu.items == before_items
    assert window.coverage["iron"].amount == before["iron"].amount
    assert "iron" in listed(panel)


def test_a_serving_in_grams_is_added_in_grams(window, qtbot, tmp_path):
    # A banana alone misses magnesium; per 100 kcal, spinach ranks first, and its 1 cup
    # (30 g raw) is far from the 85 g vegetable serving, so a serving is 85 g.
    path = tmp_path / "banana.menu.json"
    write_menu(path, Menu("Banana", [MenuItem("banana", "breakfast", portions=1)]))
    panel = show_panel(window, path)
    panel.per_buttons["100kcal"].click()
    ranked = listed(panel)["magnesium"]
    assert "spinach" in ranked
    suggestion = panel.model.suggestion(panel.model.food_index("magnesium", "spinach"))
    assert (suggestion.grams, suggestion.serving, suggestion.own_portion) == (85.0, "85 g", False)
    count = len(window.menu_model.menu.items)
    undo_count = window.undo_stack.count()
    click_add(panel, qtbot, "magnesium", "spinach")
    items = window.menu_model.menu.items
    assert len(items) == count + 1 and window.undo_stack.count() == undo_count + 1
    assert (items[-1].food, items[-1].grams, items[-1].portions) == ("spinach", 85.0, None)
    assert "Added one serving (85 g) of Spinach" in window.statusBar().currentMessage()


def test_enter_and_double_click_add_a_serving(window, qtbot):
    panel = show_panel(window)
    count = len(window.menu_model.menu.items)
    index = panel.model.food_index("vitamin_d", listed(panel)["vitamin_d"][0])
    panel.tree.setFocus()
    panel.tree.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert len(window.menu_model.menu.items) == count + 1
    # Enter on a nutrient row adds nothing.
    panel.tree.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert len(window.menu_model.menu.items) == count + 1
    index = panel.model.food_index("calcium", listed(panel)["calcium"][0])
    rect = panel.tree.visualRect(index)
    # A double-click as Qt receives it: a click, then the double-click event.
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(window.menu_model.menu.items) == count + 1  # a click on the name adds nothing
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(window.menu_model.menu.items) == count + 2


def test_a_serving_that_would_cross_a_limit_is_not_suggested(window, qtbot, tmp_path):
    panel = show_panel(window)
    state = window.state
    plain = listed(panel)["calcium"]
    # 4 g of salt takes the sample day to 2,212 mg of sodium: a serving of the saltier
    # calcium foods (sardines, 282 mg in a can) would cross the 2,300 mg limit.
    menu = Menu("Salty day", [*show_menu_items(), MenuItem("table-salt", "dinner", grams=4)])
    path = tmp_path / "salty.menu.json"
    write_menu(path, menu)
    panel = show_panel(window, path)
    salty = listed(panel)["calcium"]
    assert "sardines" in plain and "sardines" not in salty
    assert salty == expected(window)["calcium"]
    coverage = compute_coverage(window.menu_model.menu, state.foods, state.targets)
    sodium = coverage["sodium"].amount
    limit = ceilings(state.targets)["sodium"]
    for food in salty:
        s = panel.model.suggestion(panel.model.food_index("calcium", food))
        one = per_serving(state.foods, [food], [s.grams])[0][KEYS.index("sodium")]
        assert sodium + one <= limit, food
        tip = panel.model.food_index("calcium", food).data(Qt.ItemDataRole.ToolTipRole)
        assert "one serving = " in tip and "Click Add" in tip


def test_a_food_the_menu_holds_up_to_its_cap_is_not_suggested(window, qtbot):
    # The sample day holds a cup of milk (244 g); another would pass milk's 480 g cap.
    panel = show_panel(window)
    shown = listed(panel)
    assert all("milk" not in foods for foods in shown.values())


def show_menu_items() -> list[MenuItem]:
    from planner.core.storage.jsonfiles import read_menu

    return list(read_menu(SAMPLE).items)


def test_excluding_fish_removes_fish_and_is_remembered(
    window, qtbot, monkeypatch, make_window, tmp_path
):
    panel = show_panel(window)
    assert any("fish" in tags_of(window, f) for foods in listed(panel).values() for f in foods)

    def choose_no_fish(dialog):
        dialog.tag_boxes["fish"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExclusionsDialog, "exec", choose_no_fish)
    panel.leave_out.click()
    shown = listed(panel)
    assert not any("fish" in tags_of(window, f) for foods in shown.values() for f in foods)
    assert shown == expected(window, Exclusions(frozenset({"fish"})))
    assert shown["vitamin_d"]  # other foods still close the vitamin D gap
    assert "fish" in panel.summary.text()

    window.close()
    again = make_window(tmp_path)
    assert again.gap_exclusions.exclusions.tags == frozenset({"fish"})


def test_vegan_only_keeps_vegan_foods(window, qtbot, monkeypatch):
    panel = show_panel(window)

    def choose_vegan(dialog):
        dialog.diet_buttons["vegan"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExclusionsDialog, "exec", choose_vegan)
    window.exclusions_action.trigger()
    shown = listed(panel)
    assert shown == expected(window, Exclusions(require_tags=frozenset({"vegan"})))
    assert all("vegan" in tags_of(window, f) for foods in shown.values() for f in foods)
    assert panel.summary.text().startswith("Vegan only")


def test_pregnancy_leaves_out_pregnancy_caution_foods(window, qtbot):
    panel = show_panel(window)
    before = listed(panel)
    cautioned = {
        f for foods in before.values() for f in foods if PREGNANCY_TAG in tags_of(window, f)
    }
    assert cautioned, "the test needs a pregnancy-caution food among the suggestions"
    assert "Pregnancy" not in panel.summary.text()

    bar = window.profile_bar
    bar.age.setValue(30)
    bar.stage.setCurrentIndex(bar.stage.findData("pregnant"))
    assert window.state.profile.pregnant
    shown = listed(panel)
    assert shown == expected(window)  # expected() uses the pregnant profile
    assert not any(PREGNANCY_TAG in tags_of(window, f) for foods in shown.values() for f in foods)
    assert (
        "Pregnancy: 7 foods marked “caution in pregnancy” (preformed vitamin A, listeria, "
        "iodine) are left out" in panel.summary.text()
    )

    dialog = ExclusionsDialog(
        window.gap_exclusions.exclusions, window.state.foods, window.state.profile, window
    )
    box = dialog.tag_boxes[PREGNANCY_TAG]
    assert box.isChecked() and not box.isEnabled()
    assert dialog.exclusions() == Exclusions()  # the profile's rule is not saved as a choice


def test_never_suggest_from_the_food_list(window, qtbot):
    panel = show_panel(window)
    assert "beef-heart" in listed(panel)["iron"]
    table = window.browser.table
    assert window.never_suggest_action in table.actions()
    browser = window.browser
    browser.search.setText("beef heart")
    source = browser.model.index(browser.model.row_of("beef-heart"), 0)
    table.selectRow(browser.proxy.mapFromSource(source).row())
    assert browser.selected_foods() == ["beef-heart"]
    window.never_suggest_action.trigger()

    shown = listed(panel)
    assert all("beef-heart" not in foods for foods in shown.values())
    assert shown == expected(window, Exclusions(foods=frozenset({"beef-heart"})))
    assert window.gap_exclusions.exclusions.foods == frozenset({"beef-heart"})
    assert "Never: Beef heart" in panel.summary.text()
    # A change elsewhere (another portion) does not bring it back.
    window.editor.add_foods(["lentils"])
    assert all("beef-heart" not in foods for foods in listed(panel).values())


def test_exclusions_dialog_picks_disliked_foods_by_name(window, qtbot):
    dialog = ExclusionsDialog(
        Exclusions(foods=frozenset({"milk"})), window.state.foods, window.state.profile, window
    )
    assert dialog.disliked_foods() == ["milk"]
    qtbot.keyClicks(dialog.search, "Sardines, canned")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert sorted(dialog.disliked_foods()) == ["milk", "sardines"]
    assert dialog.isVisible() is False or dialog.result() == 0  # Enter did not close it
    dialog.disliked.setCurrentRow(dialog.disliked_foods().index("milk"))
    dialog.remove_button.click()
    assert dialog.disliked_foods() == ["sardines"]
    assert dialog.exclusions() == Exclusions(foods=frozenset({"sardines"}))


def test_exclusions_dialog_says_imported_foods_are_marked_from_their_names(window, qtbot):
    foods = window.state.foods
    dialog = ExclusionsDialog(Exclusions(), foods, window.state.profile, window)
    assert dialog.imported_note.isHidden()  # foods.csv alone: its tags were checked by hand
    info = foods.info.copy()
    info.loc["almonds", "source"] = "usda"  # as if imported
    with_imported = FoodTable(info, foods.values)
    dialog = ExclusionsDialog(Exclusions(), with_imported, window.state.profile, window)
    assert not dialog.imported_note.isHidden()
    assert "Check the label" in dialog.imported_note.text()


def test_every_target_met_shows_an_empty_state(window, qtbot, tmp_path):
    state = window.state
    sample = Menu("Sample day", show_menu_items())
    done = complete_menu(
        sample,
        state.foods,
        state.targets,
        allowed_food_ids(state.foods),
        CompletionOptions(include_vitamin_d=True, include_water=True),
    )
    assert done.status == "complete"
    path = tmp_path / "complete.menu.json"
    write_menu(path, done.menu)
    panel = show_panel(window, path)
    assert panel.pages.currentWidget() is panel.empty
    assert "Every target is met" in panel.empty.text()
    assert panel.model.rowCount() == 0
    assert window.coverage_tabs.tabText(1) == "Close my gaps"


def test_hidden_panel_catches_up_when_shown(window, qtbot):
    window.import_menu(str(SAMPLE))
    panel = window.gaps_panel
    window.coverage_tabs.setCurrentWidget(window.totals)
    window.editor.add_foods(["soybeans"])
    assert panel.stale
    assert window.coverage_tabs.tabText(1) == "Close my gaps (3)"  # the count follows anyway
    window.coverage_tabs.setCurrentWidget(panel)
    assert not panel.stale
    assert listed(panel) == expected(window)
    assert window.settings.value("gaps/tab") in (1, "1")


def test_a_ranking_saved_before_servings_is_read_as_per_serving(make_window, qtbot, tmp_path):
    window = make_window(tmp_path)
    window.settings.set_value(PER_KEY, "100kcal")
    window.close()
    again = make_window(tmp_path)
    assert again.gaps_panel.per == "100kcal"
    again.settings.set_value(PER_KEY, "portion")  # the setting's value before servings
    again.close()
    third = make_window(tmp_path)
    assert third.gaps_panel.per == "serving"
    assert third.gaps_panel.per_buttons["serving"].isChecked()


def test_a_reached_upper_limit_is_named_as_why_nothing_is_suggested(window, qtbot):
    panel = show_panel(window, None)
    window.editor.add_foods(["beef-liver", "brazil-nuts"])  # retinol, selenium, copper over
    shown = listed(panel)
    assert shown and all(not foods for foods in shown.values())
    header = panel.model.index(0, 0).data()
    assert "none while the menu is at or over the upper limit of vitamin A (retinol)" in header
    window.undo_stack.undo()
    assert any(listed(panel).values()), "with the limits clear again, foods are suggested"
