"""A household in the Week plan, driven through its widgets: people added, edited and
removed (undoable), the person shown, the household view, own items, the Day menu tab's
coverage for a person, completion for a person, saved households."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from planner.core.data.nutrients import CHART_KEYS
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.households import households, load_household
from planner.core.plans.people import Person
from planner.core.plans.plan import load_plan
from planner.ui.plan.person_dialog import PersonDialog
from tests.ui.plan.test_plan_view import new_plan

POTASSIUM = CHART_KEYS.index("potassium")
TOM = Person("Tom", Profile("male", 15), 1.3)


def _answer_person_dialog(qtbot, fill) -> None:
    """When the person dialog opens, ``fill`` it and press OK (a real modal run)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PersonDialog)
        fill(dialog)
        dialog.accept()
        if dialog.isVisible():  # refused: say why in the test
            problem = dialog.problem.text()
            dialog.reject()
            raise AssertionError(problem)

    QTimer.singleShot(0, answer)


def _potassium_percent(view, day: int = 0) -> float:
    return float(view.heatmap.image.get_array()[POTASSIUM, day])


def test_add_edit_remove_a_person_through_the_dialog_and_undo(window, qtbot):
    view = new_plan(window)
    view.add_foods(["banana"])
    plan = window.plan_session.plan
    bar = view.people

    def fill_tom(dialog: PersonDialog) -> None:
        dialog.name.setText("Tom")
        dialog.sex.setCurrentIndex(dialog.sex.findData("male"))
        dialog.age.setValue(15)
        dialog.share.setValue(1.3)

    _answer_person_dialog(qtbot, fill_tom)
    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    assert plan.people[1] == TOM
    assert bar.person().name == "Tom", "the person added is shown"
    # Tom eats 1.3 x the banana, against a 15-year-old boy's potassium target.
    target = window.state.intakes.targets(TOM.profile)["potassium"].value
    assert _potassium_percent(view) == pytest.approx(358 * 118 * 1.3 / target)
    shopping = window.shopping_view.shopping.rows
    assert shopping.at["banana", "edible_g"] == pytest.approx(118 * 2.3)

    def rename(dialog: PersonDialog) -> None:
        dialog.name.setText("Thomas")
        dialog.stage.setCurrentIndex(0)

    view.day_editor.whose.setCurrentIndex(view.day_editor.whose.findData("Tom"))
    view.add_foods(["kiwi"])  # Tom's own kiwi
    assert [i.food for i in plan.days[0].own["Tom"]] == ["kiwi"]
    assert view.model.index(0).data() == "Monday  ·  1 item + 1 own"
    _answer_person_dialog(qtbot, rename)
    qtbot.mouseClick(bar.edit_button, Qt.MouseButton.LeftButton)
    assert plan.person_names() == ["Person 1", "Thomas"]
    assert [i.food for i in plan.days[0].own_items("Thomas")] == ["kiwi"], "own items follow"
    qtbot.mouseClick(bar.remove_button, Qt.MouseButton.LeftButton)
    assert plan.person_names() == ["Person 1"] and plan.days[0].own_items("Thomas") == []
    assert not bar.remove_button.isEnabled(), "a plan keeps at least one person"

    window.undo_action.trigger()  # the removal
    assert plan.person_names() == ["Person 1", "Thomas"]
    assert [i.food for i in plan.days[0].own_items("Thomas")] == ["kiwi"]
    window.undo_action.trigger()  # the rename
    assert plan.person_names() == ["Person 1", "Tom"]
    window.undo_action.trigger()  # the kiwi
    window.undo_action.trigger()  # Tom
    assert plan.person_names() == ["Person 1"]
    assert window.shopping_view.shopping.rows.at["banana", "edible_g"] == pytest.approx(118)
    window.redo_action.trigger()
    assert plan.people[1] == TOM
    saved, _ = load_plan(window.library, window.plan_session.plan_id)
    assert saved.people[1] == TOM, "every edit is saved as it is made"


def test_the_dialog_refuses_a_taken_name_and_a_pregnant_child(window, qtbot):
    view = new_plan(window)
    plan = window.plan_session.plan
    dialog = PersonDialog(
        Person("Person 2"), plan.person_names(), window.state.intakes.stage_ages, "Add", view
    )
    qtbot.addWidget(dialog)
    dialog.name.setText("Person 1")
    dialog.accept()
    assert dialog.problem.text() == "Two people are named 'Person 1'"
    assert dialog.person() is None
    dialog.name.setText("Kim")
    dialog.age.setValue(12)
    dialog.stage.setCurrentIndex(dialog.stage.findData("pregnant"))
    dialog.accept()
    assert "NASEM's pregnancy targets cover ages 14 to 50 years" in dialog.problem.text()
    dialog.sex.setCurrentIndex(dialog.sex.findData("male"))
    dialog.age.setValue(30)
    dialog.accept()
    assert "female" in dialog.problem.text()
    dialog.stage.setCurrentIndex(0)
    dialog.accept()
    assert dialog.person() == Person("Kim", Profile("male", 30), 1.0)


def test_switching_the_person_shown_and_the_household_view(window, qtbot):
    view = new_plan(window)
    view.add_foods(["banana"])
    bar = view.people
    bar.add_person(TOM)
    bar.add_person(Person("Kid", Profile("female", 4), 0.5))
    shown = {}
    for name in ("Person 1", "Tom", "Kid"):
        bar.shown.setCurrentIndex(bar.shown.findData(name))
        shown[name] = _potassium_percent(view)
    intakes = window.state.intakes
    for person in window.plan_session.plan.people:
        target = intakes.targets(person.profile)["potassium"].value
        assert shown[person.name] == pytest.approx(358 * 118 * person.share / target)
    assert "for Kid" in view.header.summary.text()

    view.chart_tabs.setCurrentWidget(view.household)
    household = view.household
    table = household.table
    assert table.columnCount() == 3 and table.rowCount() == len(CHART_KEYS) + 1
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Person 1", "Tom", "Kid"]
    # Worst day: the six empty days give 0 %; the average is a seventh of Monday's.
    assert household.cell("Tom", "potassium") == "0 %"
    assert household.cell("Kid", "Upper limits") == "none crossed"
    household.mode.setCurrentIndex(household.mode.findData("average"))
    # Whole percent, as the day menu's totals and the heatmap show them.
    assert household.cell("Tom", "potassium") == f"{shown['Tom'] / 7:.0f} %"
    # A click on a person shows their days in the heatmap.
    table.cellClicked.emit(0, 0)
    assert bar.person().name == "Person 1" and view.chart_tabs.currentWidget() is view.chart


def test_the_household_view_says_who_is_over_a_limit(window):
    view = new_plan(window)
    view.people.add_person(Person("Kid", Profile("male", 2), 1.0))
    view.add_foods(["beef-liver"])  # 1 portion: far over a two-year-old's retinol limit
    view.chart_tabs.setCurrentWidget(view.household)
    assert view.household.cell("Kid", "Upper limits") == "OVER"
    item = view.household.table.item(len(CHART_KEYS), 1)
    assert "Vitamin A" in item.toolTip()


def test_the_day_menu_tab_shows_any_persons_coverage(window):
    view = new_plan(window)
    view.people.add_person(TOM)
    window.editor.add_foods(["banana"])
    chooser = window.menu_person
    assert chooser.itemData(0) is None and chooser.findData("Tom") == 2
    chooser.setCurrentIndex(chooser.findData("Tom"))
    menu = window.menu_model.menu
    targets = window.state.intakes.targets(TOM.profile)
    assert [(i.food, i.portions) for i in menu.items] == [("banana", 1.0)]
    tom_eats = Menu("Tom", [MenuItem("banana", grams=118 * 1.3)])  # by hand: 1.3 bananas
    expected = compute_coverage(tom_eats, window.state.foods, targets)
    assert window.coverage["potassium"].amount == pytest.approx(expected["potassium"].amount)
    assert window.coverage["potassium"].target == targets["potassium"]
    assert "Coverage for Tom (male, 15 years, NASEM; share 1.3): 1.3 × this menu" in (
        window.totals.note.text()
    )
    window.chart.build()
    assert window.chart.axes.get_xlabel() == "% of Tom's daily target"
    chooser.setCurrentIndex(0)
    assert window.coverage["potassium"].target == window.state.targets["potassium"]
    assert window.chart.axes.get_xlabel() == "% of your daily target"


def test_complete_my_menu_points_to_the_week_plan_while_a_person_is_shown(window, monkeypatch):
    from planner.ui.gaps.gaps_actions import PERSON_SHOWN

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    new_plan(window).people.add_person(TOM)
    window.editor.add_foods(["banana"])
    window.menu_person.setCurrentIndex(window.menu_person.findData("Tom"))
    assert window.open_completion() is None
    assert said == [PERSON_SHOWN]
    window.menu_person.setCurrentIndex(0)  # your profile: the dialog opens
    dialog = window.open_completion()
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_complete_a_day_for_a_person_into_their_own_items(window, qtbot):
    view = new_plan(window)
    view.add_foods(["white-rice"])
    view.people.add_person(TOM)
    plan = window.plan_session.plan
    dialog = view.complete_day()
    qtbot.addWidget(dialog)
    assert dialog.person.currentData() == "Tom" and dialog.own.isChecked()
    with qtbot.waitSignal(dialog.searchDone, timeout=60000):
        qtbot.mouseClick(dialog.find, Qt.MouseButton.LeftButton)
    result = dialog.result
    assert result is not None and result.safe and result.completion.additions
    assert "Re-checked for everyone" in dialog.text.text()
    shared_before = list(plan.days[0].menu.items)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert plan.days[0].menu.items == shared_before
    assert len(plan.days[0].own_items("Tom")) == len(result.completion.additions)
    window.undo_action.trigger()
    assert plan.days[0].own_items("Tom") == []


def test_into_the_shared_menu_the_dialog_says_what_the_menu_gets_and_the_person_eats(window, qtbot):
    from planner.core.data.formatting import fmt_amount

    view = new_plan(window)
    view.add_foods(["white-rice"])
    view.people.add_person(TOM)  # share 1.3
    dialog = view.complete_day()
    qtbot.addWidget(dialog)
    dialog.shared.setChecked(True)
    with qtbot.waitSignal(dialog.searchDone, timeout=60000):
        qtbot.mouseClick(dialog.find, Qt.MouseButton.LeftButton)
    additions = dialog.result.completion.additions
    assert additions
    text = dialog.text.text()
    for a in additions:
        assert f"+ {fmt_amount(a.grams / 1.3)} g" in text
        assert f"of which Tom eats {fmt_amount(a.grams)} g" in text
    dialog.reject()


def test_completing_for_a_person_leaves_out_what_the_user_never_wants_suggested(window, qtbot):
    view = new_plan(window)
    view.add_foods(["white-rice"])
    view.people.add_person(TOM)

    def additions() -> set[str]:
        dialog = view.complete_day()
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.searchDone, timeout=60000):
            qtbot.mouseClick(dialog.find, Qt.MouseButton.LeftButton)
        found = {item.food for item in dialog.result.completion.additions}
        dialog.reject()
        return found

    first = additions()
    assert first
    window.gap_exclusions.dislike(sorted(first))  # "Never suggest" these, in Close my gaps
    assert not additions() & first


def _household_actions(view) -> dict[tuple[str, str], object]:
    """(household, action) -> action, as the Households menu shows them."""
    menu = view.people.households_menu
    menu.aboutToShow.emit()
    return {
        (a.text(), sub.text()): sub
        for a in menu.actions()
        if a.menu() is not None
        for sub in a.menu().actions()
    }


def test_a_household_saved_once_starts_a_new_plan(window, qtbot, monkeypatch):
    view = new_plan(window)
    view.people.add_person(TOM)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("The Millers", True))
    view.people.households_menu.aboutToShow.emit()
    saves = [a for a in view.people.households_menu.actions() if a.text().startswith("Save")]
    saves[0].trigger()
    first_plan = window.plan_session.plan_id
    _household_actions(view)[("“The Millers”", "New plan for them")].trigger()
    assert window.plan_session.plan_id != first_plan
    assert window.plan_session.plan.people[1] == TOM
    assert view.people.shown.count() == 2


def test_saving_a_household_again_updates_it_rename_and_delete(window, monkeypatch):
    view = new_plan(window)
    assert view.people.save_household("Us") is not None
    view.people.add_person(TOM)
    view.people.save_household("Us")  # the same name: the same household, now with Tom
    actions = _household_actions(view)
    assert sorted({household for household, _ in actions}) == ["“Us”"]
    (saved,) = households(window.library)
    assert [p.name for p in load_household(window.library, saved.id)] == ["Person 1", "Tom"]

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("The Millers", True))
    actions[("“Us”", "Rename…")].trigger()
    actions = _household_actions(view)
    assert sorted({household for household, _ in actions}) == ["“The Millers”"]
    assert [p.name for p in load_household(window.library, saved.id)] == ["Person 1", "Tom"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    actions[("“The Millers”", "Delete…")].trigger()
    assert households(window.library) == []
    assert _household_actions(view) == {}
    assert [p.name for p in window.plan_session.plan.people] == ["Person 1", "Tom"]  # kept


def test_close_my_gaps_follows_the_person_whose_coverage_is_shown(window):
    from planner.core.advice.suggestions import gaps

    view = new_plan(window)
    kid = Person("Kid", Profile("male", 2), 0.5)
    view.people.add_person(kid)
    window.editor.add_foods(["banana"])
    panel = window.gaps_panel
    mine = len(gaps(window.coverage, window.state.targets))
    window.menu_person.setCurrentIndex(window.menu_person.findData("Kid"))
    targets = window.state.intakes.targets(kid.profile)
    assert panel.targets["potassium"] == targets["potassium"]
    assert panel.gap_count == len(gaps(window.coverage, targets))
    assert window.coverage_profile == kid.profile
    window.menu_person.setCurrentIndex(0)
    assert (
        panel.gap_count == mine and panel.targets["potassium"] == window.state.targets["potassium"]
    )


def test_a_serving_added_from_close_my_gaps_is_one_serving_for_the_person_shown(window):
    """Tom eats 1.3 x the menu: his serving goes onto it over 1.3, so he eats what was
    suggested (and checked against his limits), not 1.3 servings."""
    from planner.ui.gaps.gaps_model import ADD

    view = new_plan(window)
    view.people.add_person(TOM)
    window.editor.add_foods(["white-rice"])
    window.menu_person.setCurrentIndex(window.menu_person.findData("Tom"))
    panel = window.gaps_panel
    panel.refresh()
    key = next(k for k in panel.model.keys if panel.model.suggestions.get(k))
    index = panel.model.food_index(key, panel.model.suggestions[key][0].food_id, ADD)
    suggestion = panel.model.suggestion(index)
    before = len(window.menu_model.menu.items)
    panel._clicked(index)
    added = window.menu_model.menu.items[before:]
    assert len(added) == 1
    eaten = added[0].grams_of(window.state.foods) * TOM.share
    assert eaten == pytest.approx(suggestion.grams)
    # The gaps are worked out on what Tom eats, as the totals are.
    assert window.coverage_menu.grams(window.state.foods) == pytest.approx(
        window.menu_model.menu.grams(window.state.foods) * TOM.share
    )


def test_a_completion_that_would_take_someone_over_a_limit_cannot_be_applied(window, qtbot):
    from dataclasses import replace

    from planner.core.household.recheck import PushedOver

    view = new_plan(window)
    view.add_foods(["white-rice"])
    view.people.add_person(Person("Kid", Profile("male", 2), 1.0))
    dialog = view.complete_day()
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(dialog.person.findData("Person 1"))
    qtbot.mouseClick(dialog.shared, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.searchDone, timeout=60000):
        qtbot.mouseClick(dialog.find, Qt.MouseButton.LeftButton)
    result = dialog.result
    assert result.shared and result.safe, "held under the kid's limits"
    assert dialog.apply_button.isEnabled() == bool(result.completion.additions)
    # Were anyone taken over a limit, the dialog says who and refuses to apply it.
    unsafe = replace(result, pushed_over=(PushedOver("Kid", "retinol", 900.0, 600.0),))
    dialog._found(unsafe)
    assert "Not applied" in dialog.text.text()
    assert "Kid: vitamin A (retinol) 900 µg, over its upper limit of 600 µg" in dialog.text.text()
    assert not dialog.apply_button.isEnabled()
    dialog.own.setChecked(True)  # a choice changed: the result found no longer fits
    assert dialog.result is None
