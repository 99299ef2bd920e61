"""The Week plan tab driven through its widgets: plans, days, a day's menu, heatmap, undo."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolButton

from planner.core.data.nutrients import CHART_KEYS
from planner.core.data.profile import Profile
from planner.core.menus.menu import MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import load_plan, read_plan
from planner.paths import ROOT
from planner.ui.widgets.roles import ID_ROLE

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "sample.plan.json"
POTASSIUM = CHART_KEYS.index("potassium")


def plan_tab(window):
    """Bring the Week plan tab to the front (its chart is built when first shown)."""
    view = window.plan_view
    window.tabs.setCurrentWidget(view)
    assert view.heatmap.built
    return view


def new_plan(window):
    window.plan_actions["New plan"].trigger()
    return plan_tab(window)


def add_with_browser(view, qtbot, text: str) -> None:
    """Search the plan tab's food browser and press Enter on the first hit."""
    browser = view.browser
    browser.search.setText(text)
    browser.table.setFocus()
    browser.table.selectionModel().setCurrentIndex(
        browser.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert browser.proxy.index(0, 0).data(ID_ROLE)
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)


def foods_of(day) -> list[str]:
    return [i.food for i in day.menu.items]


def test_empty_state_then_a_new_plan_of_seven_days(window):
    view = window.plan_view
    assert view.pages.currentIndex() == 0  # the hint page: no plan yet
    view = new_plan(window)
    assert view.pages.currentIndex() == 1
    assert [e.name for e in window.library.plans()] == ["Week plan"]
    assert view.day_list.days.model().rowCount() == 7
    assert view.day_list.days.currentIndex().row() == 0
    assert view.day_editor.day_title.text().startswith("Monday")
    assert view.people.shown.count() == 1
    # Every cell of an empty week reads 0 %, and the averages are empty bars.
    texts = view.heatmap.cell_texts()
    assert len(texts) == len(CHART_KEYS) and all(row == ["0"] * 7 for row in texts)
    np.testing.assert_allclose(view.heatmap.average_widths(), 0)


def test_foods_added_to_a_day_colour_its_column_and_the_average(window, qtbot):
    view = new_plan(window)
    add_with_browser(view, qtbot, "banana")
    plan = window.plan_session.plan
    assert foods_of(plan.days[0]) == ["banana"]
    target = window.state.targets["potassium"].value
    percent = 358 * 118 / 100 / target * 100
    image = view.heatmap.image.get_array()
    assert image.shape == (len(CHART_KEYS), 7)
    assert image[POTASSIUM, 0] == pytest.approx(percent)
    assert image[POTASSIUM, 1] == 0
    texts = view.heatmap.cell_texts()
    assert texts[POTASSIUM][0] == f"{percent:.0f}" and texts[POTASSIUM][1] == "0"
    # The daily average spreads Monday's banana over the 7 days.
    assert view.heatmap.average_widths()[POTASSIUM] == pytest.approx(percent / 7)
    assert view.heatmap.average_texts()[POTASSIUM] == f"{percent / 7:.0f} %"
    assert "1 item" in view.day_list.days.model().index(0).data()

    # Tuesday: two portions. The column of Tuesday follows, Monday's stays.
    view.select_day(1)
    view.add_foods(["banana"])
    view.day_editor.editor.model.setData(view.day_editor.editor.model.index_of_position(0, 1), "2")
    image = view.heatmap.image.get_array()
    assert image[POTASSIUM, 1] == pytest.approx(2 * percent)
    assert image[POTASSIUM, 0] == pytest.approx(percent)
    assert view.heatmap.average_widths()[POTASSIUM] == pytest.approx(3 * percent / 7)


def test_the_day_buttons_keep_their_short_labels_and_fit_beside_the_editor(window):
    """Short labels on the buttons, the full text in menus; the side column stays narrow
    enough for the day editor on a 1366 x 768 laptop."""
    view = new_plan(window)
    days = view.day_list
    view.select_day(0)  # enabling and disabling the actions must not bring back their text
    view.select_day(6)
    labels = {b.text() for b in days.findChildren(QToolButton)}
    assert {"Copy to…", "Duplicate", "Rename", "Remove", "▲", "▼"} <= labels
    assert days.copy_to_action.text() == "Copy day to other days…"  # as the menus show it
    assert days.down_action.toolTip().startswith("Move down")
    assert days.minimumSizeHint().width() <= 340


def test_the_heatmap_titles_fit_on_a_small_screen(window):
    """The window as it opens on a 1366 x 768 laptop: no title runs off the figure."""
    assert window.plan_view.import_plan(str(ROOT / "docs" / "sample.plan.json"))  # real bars
    heatmap = plan_tab(window).heatmap
    window.resize(int(1366 * 0.9), int(728 * 0.9))
    QApplication.processEvents()
    heatmap.canvas.draw()
    from matplotlib.text import Text

    figure = heatmap.figure
    names = {a.get_title(loc) for a in figure.axes for loc in ("left", "center", "right")}
    titles = [t for t in figure.findobj(Text) if t.get_text() and t.get_text() in names]
    assert len(titles) == 2  # the heatmap's and the daily average's
    renderer = heatmap.canvas.get_renderer()
    for title in titles:
        assert title.get_window_extent(renderer).x1 <= figure.bbox.width, title.get_text()


def test_a_nutrient_without_a_target_reads_no_target_not_unknown(window):
    view = new_plan(window)
    view.add_foods(["banana"])
    # The plan's person has targets of their own (the profile bar is the day menu's).
    baby = Person("Baby", Profile("female", 0, standard="efsa"))
    view.people.edit_person(baby)
    magnesium = CHART_KEYS.index("magnesium")
    assert view.heatmap.cell_texts()[magnesium][0] == "–"
    assert view.heatmap.average_texts()[magnesium] == "no target"
    note = window.state.intakes.missing_note(baby.profile, CHART_KEYS)
    assert view.chart.note.text().startswith(note)
    assert "NASEM (US/Canada) targets cover this age." in view.chart.note.text()
    view.people.edit_person(Person("Baby", Profile("female", 0, standard="nasem")))
    assert view.heatmap.cell_texts()[magnesium][0].isdigit()
    assert "No targets" not in view.chart.note.text()


def test_unknown_values_are_hatched_question_marks_with_a_note(window):
    view = new_plan(window)
    view.add_foods(["black-currants"])  # SR28 gives no vitamin D for them
    d = CHART_KEYS.index("vitamin_d")
    assert view.heatmap.image.get_array().mask[d, 0]  # transparent: the hatching shows
    assert view.heatmap.cell_texts()[d][0] == "?"
    # The empty days count as 0: the average is known to be at least 0.
    assert view.heatmap.average_texts()[d] == "≥ 0 %"
    assert "Hatched" in view.chart.note.text()
    assert "Black currants" in view.heatmap.tooltip_at(d, 0)
    view.select_day(1)
    view.add_foods(["banana"])
    assert view.heatmap.cell_texts()[d][1] == "0"
    view.select_day(0)
    view.add_foods(["banana"])
    assert view.heatmap.cell_texts()[d][0] == "≥0"  # a lower bound, not a plain 0


def test_undo_of_day_edits_returns_to_the_day_they_were_made_on(window):
    view = new_plan(window)
    view.add_foods(["banana"])
    view.select_day(2)
    view.add_foods(["kiwi"])
    plan = window.plan_session.plan
    assert window.undo_group.activeStack() is window.plan_session.undo_stack
    window.undo_action.trigger()  # Edit > Undo while the plan tab is in front
    assert foods_of(plan.days[2]) == []
    window.undo_action.trigger()
    assert view.day_list.days.currentIndex().row() == 0  # it shows Monday again to undo there
    assert foods_of(plan.days[0]) == []
    assert view.heatmap.image.get_array()[POTASSIUM, 0] == 0
    window.redo_action.trigger()
    assert foods_of(plan.days[0]) == ["banana"]
    # The Day menu tab keeps its own history.
    window.tabs.setCurrentIndex(0)
    assert window.undo_group.activeStack() is window.undo_stack


def test_day_list_edits_are_undoable(window, qtbot):
    view = new_plan(window)
    model = view.day_list.days.model()
    plan = window.plan_session.plan
    view.add_foods(["banana"])
    view.day_list.duplicate_action.trigger()
    assert [d.name for d in plan.days[:3]] == ["Monday", "Monday (copy)", "Tuesday"]
    assert foods_of(plan.days[1]) == ["banana"] and plan.days[1].menu is not plan.days[0].menu
    assert view.day_list.days.currentIndex().row() == 1

    assert model.setData(model.index(1), "Feast day")  # typed into the list (F2)
    assert plan.days[1].name == "Feast day"
    view.day_list.days.setFocus()
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [d.name for d in plan.days[:3]] == ["Monday", "Tuesday", "Feast day"]
    assert view.day_list.days.currentIndex().row() == 2
    view.day_list.up_action.trigger()
    view.day_list.up_action.trigger()
    assert plan.days[0].name == "Feast day" and not view.day_list.up_action.isEnabled()
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_Delete)
    assert len(plan.days) == 7 and "Feast day" not in [d.name for d in plan.days]

    stack = window.plan_session.undo_stack
    for _ in range(5):  # remove, up, up, down, rename
        stack.undo()
    assert [d.name for d in plan.days[:2]] == ["Monday", "Monday (copy)"]
    stack.undo()  # the duplicate
    assert len(plan.days) == 7 and plan.days[1].name == "Tuesday"
    assert not model.setData(model.index(0), "   ")  # an empty name is refused


def test_add_days_empty_from_a_saved_menu_and_from_the_day_menu(window):
    window.editor.add_foods(["kiwi", "almonds"])
    # Typed into the name box, as a user names a menu (the box would otherwise put its
    # own text back when it loses focus, and every edit is saved at once).
    window.editor.name.setText("Kiwi day")
    window.editor.name.editingFinished.emit()
    window.save_now()
    view = new_plan(window)
    plan = window.plan_session.plan
    view.day_list.add_empty_action.trigger()
    assert plan.days[7].name == "Day 8" and plan.days[7].menu.items == []

    view.day_list.saved_menus.aboutToShow.emit()  # what opening "Copy of a saved menu" does
    [action] = [a for a in view.day_list.saved_menus.actions() if a.text() == "Kiwi day"]
    action.trigger()
    assert plan.days[8].name == "Day 9"
    assert foods_of(plan.days[8]) == ["kiwi", "almonds"]
    assert view.day_list.days.currentIndex().row() == 8

    view.day_list.add_day_menu_action.trigger()
    assert foods_of(plan.days[9]) == ["kiwi", "almonds"]
    # Copies: editing the plan's day leaves the day menu alone.
    view.add_foods(["banana"])
    assert foods_of(plan.days[9]) == ["kiwi", "almonds", "banana"]
    assert [i.food for i in window.menu_model.menu.items] == ["kiwi", "almonds"]
    assert view.heatmap.image.get_array().shape == (len(CHART_KEYS), 10)


def test_people_change_is_undoable_and_scales_the_shopping(window):
    view = new_plan(window)
    view.add_foods(["banana"])
    shopping = window.shopping_view
    one = shopping.shopping.rows.at["banana", "edible_g"]
    assert one == pytest.approx(118)
    view.people.add_person(Person("Tom", Profile("male", 15)))
    view.people.add_person(Person("Ann", Profile("female", 40)))
    assert len(window.plan_session.plan.people) == 3
    assert shopping.shopping.rows.at["banana", "edible_g"] == pytest.approx(3 * 118)
    # Coverage is per person: the heatmap does not change with the number of people.
    target = window.state.targets["potassium"].value
    assert view.heatmap.image.get_array()[POTASSIUM, 0] == pytest.approx(358 * 118 / target)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert view.people.shown.count() == 1
    assert shopping.shopping.rows.at["banana", "edible_g"] == 118


def test_plan_survives_closing_and_reopening(make_window, tmp_path):
    first = make_window(tmp_path)
    view = new_plan(first)
    view.add_foods(["banana"])
    view.select_day(3)
    view.add_foods(["kiwi"])
    for age in (10, 20, 30):
        view.people.add_person(Person(f"Aged {age}", Profile("male", age), 1.2))
    view.header.name.setText("Summer week")
    view.header.name.editingFinished.emit()
    first.close()  # the autosave has not fired yet: closing saves

    second = make_window(tmp_path)
    plan = second.plan_session.plan
    assert plan.name == "Summer week" and len(plan.people) == 4
    assert foods_of(plan.days[0]) == ["banana"] and foods_of(plan.days[3]) == ["kiwi"]
    assert second.plan_view.header.name.text() == "Summer week"
    assert second.plan_view.people.shown.count() == 4
    assert plan.people[3] == Person("Aged 30", Profile("male", 30), 1.2)


def test_edits_autosave_to_the_library(window, qtbot):
    view = new_plan(window)
    view.add_foods(["banana"])
    plan_id = window.plan_session.plan_id
    qtbot.waitUntil(lambda: foods_of(load_plan(window.library, plan_id)[0].days[0]) == ["banana"])


def test_a_failed_plan_save_is_said_and_closing_asks_first(window, monkeypatch):
    import planner.ui.plan.plan_session as plan_session

    view = new_plan(window)
    warned, asked = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(plan_session, "save_plan", read_only)
    view.add_foods(["banana"])
    assert window.plan_session.save_now() is False
    assert len(warned) == 1 and "The plan" in warned[0] and "Read-only" in warned[0]

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    assert not window.close()
    assert len(asked) == 1 and "week plan" in asked[0] and window.isVisible()


def test_a_day_name_with_markup_shows_as_typed(window):
    view = new_plan(window)
    view.day_list.rename_day(0, "Fish <and> chips")
    assert view.day_editor.day_title.text() == "Fish <and> chips: menu"
    assert view.day_editor.day_title.textFormat() == Qt.TextFormat.PlainText  # not read as HTML


def test_import_and_export_through_the_file_menu(window, tmp_path, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE), "Crampless plans")
    )
    window.plan_actions["Import plan…"].trigger()
    view = plan_tab(window)
    plan = window.plan_session.plan
    assert plan.name == "Sample week" and len(plan.people) == 2 and len(plan.days) == 7
    assert view.heatmap.image.get_array().shape == (len(CHART_KEYS), 7)
    assert view.header.name.text() == "Sample week"

    out = tmp_path / "exported.plan.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.plan_actions["Export plan…"].trigger()
    again = read_plan(out)
    original = read_plan(SAMPLE)
    assert again == original
    assert json.loads(out.read_text())["format"] == "crampless.plan"
    assert str(window.settings.value("session/last_folder")) == str(tmp_path)


def test_a_bad_plan_file_is_refused_naming_the_place(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    data = json.loads(SAMPLE.read_text())
    data["days"][2]["menu"]["items"][1]["food"] = "bananna"
    bad = tmp_path / "bad.plan.json"
    bad.write_text(json.dumps(data))
    assert not window.plan_view.import_plan(str(bad))
    assert "bad.plan.json: days[2].menu.items[1].food" in shown[0]
    assert window.library.plans() == []


def test_export_to_a_missing_folder_says_why(window, tmp_path, monkeypatch):
    new_plan(window)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    target = tmp_path / "missing" / "week.plan.json"
    assert window.plan_view.export_plan(str(target)) is None
    assert str(target) in shown[0] and not target.exists()


def test_plans_list_new_duplicate_rename_delete(window, monkeypatch):
    view = new_plan(window)
    view.add_foods(["banana"])
    first_id = window.plan_session.plan_id
    view.saved_plans.duplicate_plan(first_id)
    copy_id = window.plan_session.plan_id
    assert copy_id != first_id and window.plan_session.plan.name == "Week plan (copy)"
    assert foods_of(window.plan_session.plan.days[0]) == ["banana"]

    # A rename typed into the list: the open plan is renamed through its undo stack.
    row = view.plan_list.row_of(copy_id)
    assert view.plan_list.setData(view.plan_list.index(row), "Lean week")
    assert window.plan_session.plan.name == "Lean week" and view.header.name.text() == "Lean week"
    assert "Lean week" in [e.name for e in window.library.plans()]
    window.plan_session.undo_stack.undo()
    assert window.plan_session.plan.name == "Week plan (copy)"

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    view.saved_plans.delete_plan(copy_id)
    assert len(window.library.plans()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    view.saved_plans.delete_plan(copy_id)
    assert [e.id for e in window.library.plans()] == [first_id]
    assert window.plan_session.plan_id == first_id  # the other plan opens
    view.saved_plans.delete_plan(first_id)
    assert window.library.plans() == [] and view.pages.currentIndex() == 0
    assert window.shopping_view.empty_hint.isVisibleTo(window.shopping_view)


def test_chart_export_writes_the_figure(window, tmp_path, monkeypatch):
    view = new_plan(window)
    view.add_foods(["banana"])
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"plan{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        window.plan_actions["Export plan chart…"].trigger()
        assert out.read_bytes().startswith(magic)


def test_a_saved_plan_with_a_food_no_longer_known_opens_with_it_shown_missing(window):
    from planner.core.plans.plan import Plan, save_plan

    plan = Plan.new("Old", 2)
    plan.days[0].menu.items += [MenuItem("banana", grams=100), MenuItem("gone-food", grams=50)]
    plan_id = save_plan(window.library, plan)
    view = window.plan_view
    view.plan_list.refresh()
    assert view.open_plan(plan_id)
    assert foods_of(window.plan_session.plan.days[0]) == ["banana", "gone-food"]
    assert "gone-food" in window.statusBar().currentMessage()


def test_clicking_a_column_opens_that_day_and_hover_explains_a_cell(window, qtbot):
    from matplotlib.backend_bases import MouseEvent

    view = new_plan(window)
    view.add_foods(["banana"])
    heatmap = view.heatmap
    heatmap.canvas.draw()
    x, y = heatmap.heat_axes.transData.transform((4, POTASSIUM))
    MouseEvent("button_press_event", heatmap.canvas, x, y, button=1)._process()
    assert view.day_list.days.currentIndex().row() == 4
    assert view.day_editor.day_title.text().startswith("Friday")
    tip = heatmap.tooltip_at(POTASSIUM, 0)
    assert tip.startswith("Monday · Potassium") and "422 mg" in tip
    assert "daily average over 7 days" in heatmap.tooltip_at(POTASSIUM, None)


def test_keyboard_adds_and_removes_days_in_the_list(window, qtbot):
    view = new_plan(window)
    plan = window.plan_session.plan
    view.day_list.days.setFocus()
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_Insert)
    assert len(plan.days) == 8 and view.day_list.days.currentIndex().row() == 7
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [d.name for d in plan.days[7:]] == ["Day 8", "Day 8 (copy)"]
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_Delete)
    qtbot.keyClick(view.day_list.days, Qt.Key.Key_Delete)
    assert len(plan.days) == 7


def test_del_in_the_plans_list_deletes_the_selected_plan_after_asking(window, qtbot, monkeypatch):
    view = new_plan(window)
    view.saved_plans.duplicate_plan(window.plan_session.plan_id)
    assert len(window.library.plans()) == 2
    window.activateWindow()
    view.saved_plans.plans.setFocus()
    row = view.plan_list.row_of(window.plan_session.plan_id)
    view.saved_plans.plans.setCurrentIndex(view.plan_list.index(row))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(view.saved_plans.plans, Qt.Key.Key_Delete)
    assert len(window.library.plans()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.saved_plans.plans, Qt.Key.Key_Delete)
    assert len(window.library.plans()) == 1


def test_add_selected_food_acts_on_the_tab_in_front(window):
    """Edit > Add selected food adds to the week plan's day when that tab is in front."""
    view = new_plan(window)
    view.browser.search.setText("kiwi")
    view.browser.table.selectRow(0)
    day_menu_before = list(window.menu_model.menu.items)
    action = next(a for a in window.edit_menu.actions() if a.text() == "&Add selected food")
    action.trigger()
    assert foods_of(view.current_day()) == ["kiwi"]
    assert window.menu_model.menu.items == day_menu_before
    window.tabs.setCurrentIndex(0)
    window.browser.search.setText("banana")
    window.browser.table.selectRow(0)
    action.trigger()
    assert [i.food for i in window.menu_model.menu.items][-1] == "banana"


def test_opening_a_plan_saves_neither_it_nor_the_one_left(window, qtbot):
    from planner.ui.shell.menu_session import AUTOSAVE_DELAY_MS

    view = new_plan(window)
    view.add_foods(["banana"])
    first_id = window.plan_session.plan_id
    view.saved_plans.duplicate_plan(first_id)  # saves the edit, then opens the copy
    entries = window.library.plans()
    view.open_plan(first_id)
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert window.library.plans() == entries  # same order, same "changed" times


def test_a_day_over_a_guard_limit_is_marked_on_the_heatmap(window, qtbot):
    """Beef liver on Tuesday: its retinol (not a heatmap row) crosses the upper limit."""
    view = new_plan(window)
    add_with_browser(view, qtbot, "banana")
    heat = view.heatmap
    labels = [t.get_text() for t in heat.heat_axes.get_xticklabels()]
    assert not any(label.startswith("⚠") for label in labels)
    assert "upper limit" not in view.chart.note.text()
    view.select_day(1)
    view.add_foods(["beef-liver"])
    labels = [t.get_text() for t in heat.heat_axes.get_xticklabels()]
    assert labels[1] == "⚠ Tuesday" and labels[0] == "Monday"
    assert "⚠ Tuesday: over an upper limit the chart does not show" in view.chart.note.text()
    tip = heat.tooltip_at(POTASSIUM, 1)
    assert "⚠ This day: vitamin A (retinol) 6,260 µg, over its upper limit of 3,000 µg" in tip
    assert "⚠" not in heat.tooltip_at(POTASSIUM, 0)
    view.session.undo_stack.undo()
    labels = [t.get_text() for t in heat.heat_axes.get_xticklabels()]
    assert labels[1] == "Tuesday"
