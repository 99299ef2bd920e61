"""Filling a week: a day from a saved menu (menu, context menu, drag), a day copied to
others in one step, the kcal a day of the days with food, removing a day with food."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import load_plan
from tests.ui.plan.test_plan_view import foods_of, new_plan

BREAKFAST_DAY = Menu(
    "Porridge day",
    [
        MenuItem("rolled-oats", "breakfast", portions=1.0),
        MenuItem("banana", "breakfast", portions=1.0),
    ],
)
FISH_DAY = Menu(
    "Fish day",
    [MenuItem("salmon", "dinner", portions=1.0), MenuItem("spinach", "dinner", portions=1.0)],
)


@pytest.fixture
def saved(window):
    """Two saved menus, listed in the Saved menus dock: name -> id."""
    ids = {m.name: window.library.save_menu(m) for m in (BREAKFAST_DAY, FISH_DAY)}
    window.menu_list.refresh()
    return ids


def fill_action(view, name: str):
    view.day_list.fill_menu.aboutToShow.emit()  # as opening the menu does
    return next(a for a in view.day_list.fill_menu.actions() if a.text() == name)


def drag_saved_menu_onto_day(window, view, menu_name: str, row: int) -> None:
    """What a drop of a saved menu's row onto a day's row hands the days list."""
    menus = window.menu_list
    source = next(
        menus.index(r) for r in range(menus.rowCount()) if menus.index(r).data() == menu_name
    )
    assert menus.flags(source) & Qt.ItemFlag.ItemIsDragEnabled
    mime = menus.mimeData([source])
    target = view.model.index(row)
    assert view.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    view.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)


def test_a_seven_day_plan_from_two_saved_menus_in_a_handful_of_actions(window, qtbot, saved):
    actions = 0
    view = new_plan(window)  # 1: File > New plan (7 empty days, Monday selected)
    actions += 1
    days = view.session.plan.days
    assert len(days) == 7 and view.day_list.current_row() == 0
    fill_action(view, "Porridge day").trigger()  # 2: Fill > Porridge day
    actions += 1
    drag_saved_menu_onto_day(window, view, "Fish day", 1)  # 3: drag Fish day onto Tuesday
    actions += 1
    assert view.day_list.current_row() == 1  # the day filled is shown
    # 4-7: Monday, Copy to…, untick Thursday and Saturday (ticked as empty), Copy.
    view.select_day(0)
    view.day_list.copy_to_action.trigger()
    dialog = view.filling.copy_dialog
    assert dialog.rows() == [2, 3, 4, 5, 6]  # the empty days
    dialog.set_ticked([2, 4, 6])
    dialog.accept()
    actions += 4
    # 8-10: Tuesday, Copy to… (the empty days left: Thursday, Saturday), Copy.
    view.select_day(1)
    view.day_list.copy_to_action.trigger()
    assert view.filling.copy_dialog.rows() == [3, 5]
    view.filling.copy_dialog.accept()
    actions += 3
    porridge, fish = foods_of(days[0]), foods_of(days[1])
    assert [foods_of(d) for d in days] == [porridge, fish] * 3 + [porridge]
    assert porridge == ["rolled-oats", "banana"] and fish == ["salmon", "spinach"]
    assert actions <= 10
    # Each day holds its own copy: editing one leaves the others.
    assert days[2].menu is not days[0].menu and days[2].menu.items is not days[0].menu.items
    # Saved with the plan.
    assert view.session.save_now()
    stored, _ = load_plan(window.library, view.session.plan_id)
    assert [foods_of(d) for d in stored.days] == [porridge, fish] * 3 + [porridge]
    # One Ctrl+Z takes the last copy back, whole.
    view.session.undo_stack.undo()
    assert [len(d.menu.items) for d in days] == [2, 2, 2, 0, 2, 0, 2]


def test_filling_a_day_with_food_replaces_it_says_so_and_undoes(window, saved):
    view = new_plan(window)
    messages = []
    view.statusMessage.connect(messages.append)
    fill_action(view, "Porridge day").trigger()
    fill_action(view, "Fish day").trigger()
    monday = view.session.plan.days[0]
    assert foods_of(monday) == ["salmon", "spinach"]
    assert "instead of its 2 foods" in messages[-1] and "Ctrl+Z" in messages[-1]
    # The day editor shows the day's new foods.
    assert [i.food for i in view.menu_model.menu.items] == ["salmon", "spinach"]
    view.session.undo_stack.undo()
    assert foods_of(monday) == ["rolled-oats", "banana"]
    assert [i.food for i in view.menu_model.menu.items] == ["rolled-oats", "banana"]
    # The filled day's later edits undo on the same day.
    view.session.undo_stack.redo()
    assert foods_of(monday) == ["salmon", "spinach"]


def test_the_days_context_menu_fills_and_copies(window, qtbot, saved):
    view = new_plan(window)
    menu = view.day_list.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert "Fill day with a saved menu" in texts and "Copy day to other days…" in texts
    fill = next(a.menu() for a in menu.actions() if a.text() == "Fill day with a saved menu")
    fill.aboutToShow.emit()
    next(a for a in fill.actions() if a.text() == "Fish day").trigger()
    assert foods_of(view.session.plan.days[0]) == ["salmon", "spinach"]


def test_kcal_a_day_averages_the_days_with_food(window, saved):
    view = new_plan(window)
    fill_action(view, "Porridge day").trigger()
    foods = window.state.foods
    kcal = sum(
        foods.value(i.food, "energy") * foods.portion_g(i.food) / 100 for i in BREAKFAST_DAY.items
    )
    text = view.header.summary.text()
    assert "7 days (1 with food)" in text, text
    shown = float(text.split("about ")[1].split(" kcal")[0].replace(",", ""))
    assert shown == pytest.approx(kcal, rel=0.01), text  # not a seventh of it


def test_removing_a_day_with_food_says_what_ctrl_z_does(window, saved):
    view = new_plan(window)
    messages = []
    view.statusMessage.connect(messages.append)
    fill_action(view, "Fish day").trigger()
    view.day_list.remove_day()
    assert messages[-1] == "Removed Monday and its 2 foods (Ctrl+Z brings them back)."
    view.session.undo_stack.undo()
    assert foods_of(view.session.plan.days[0]) == ["salmon", "spinach"]
    # An empty day goes without a word.
    view.select_day(6)
    count = len(messages)
    view.day_list.remove_day()
    assert len(messages) == count
