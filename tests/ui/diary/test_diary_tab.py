"""The Diary in the window: logging with Ctrl+K, editing, deleting, undo, ties, the
comparison, the doctor's prompt once and the report, through real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QToolBar

from planner.core.diary.nights import CAVEAT
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Plan, save_plan

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def diary_window(window):
    window.diary_session.today = lambda: TODAY
    view = window.diary_view
    view.first.setMaximumDate(QDate(2026, 12, 5))
    view.last.setMaximumDate(QDate(2026, 12, 5))
    view.first.setDate(QDate(2026, 11, 2))
    view.last.setDate(QDate(2026, 11, 15))
    window.tabs.setCurrentWidget(view)
    return window


def _fill(dialog, when: str, leg: str, muscle: str, minutes: float, severity: int, **ticks):
    day, time = when.split()
    y, m, d = map(int, day.split("-"))
    hh, mm = map(int, time.split(":"))
    dialog.when.setDateTime(QDateTime(QDate(y, m, d), QTime(hh, mm)))
    dialog.leg.button(("left", "right", "both").index(leg)).setChecked(True)
    dialog.muscle.button(("calf", "foot", "thigh").index(muscle)).setChecked(True)
    dialog.minutes.setValue(minutes)
    dialog.severity.setValue(severity)
    for key in ticks.get("before", ()):
        dialog.before[key].setChecked(True)
    for key in ticks.get("flags", ()):
        dialog.flags[key].setChecked(True)
    dialog.note.setText(ticks.get("note", ""))


def _save(dialog, qtbot):
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
        Qt.MouseButton.LeftButton,
    )


def _log(window, qtbot, *args, **ticks):
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.diary_actions.dialog
    assert dialog is not None and dialog.isVisible()
    _fill(dialog, *args, **ticks)
    _save(dialog, qtbot)
    return dialog


def _rows(view):
    tree = view.episodes
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
        for r in range(tree.topLevelItemCount())
    ]


def test_log_with_ctrl_k_edit_delete_and_undo(diary_window, qtbot):
    window, view = diary_window, diary_window.diary_view
    toolbar = window.findChild(QToolBar, "diaryToolbar")
    assert window.log_cramp_action in toolbar.actions()
    assert window.log_cramp_action.shortcut().toString() == "Ctrl+K"
    dialog = _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6, before=["exercise"])
    assert not dialog.isVisible()
    assert _rows(view)[0][:5] == ["2026-11-03 02:10", "Mon 02 Nov", "left calf", "4", "6"]
    assert _rows(view)[0][5] == "hard exercise"
    stored = window.diary_session.diary.episodes()
    assert len(stored) == 1 and stored[0].before == {"exercise"}

    view.episodes.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(view.buttons["edit"], Qt.MouseButton.LeftButton)
    edit = window.diary_actions.dialog
    assert edit.minutes.value() == 4 and edit.before["exercise"].isChecked()
    edit.severity.setValue(9)
    _save(edit, qtbot)
    assert window.diary_session.diary.episodes()[0].severity == 9

    view.episodes.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(view.buttons["delete"], Qt.MouseButton.LeftButton)
    assert window.diary_session.diary.episodes() == []
    assert _rows(view) == []

    window.undo_action.trigger()  # the delete undone: back under its id
    assert [e.severity for e in window.diary_session.diary.episodes()] == [9]
    window.undo_action.trigger()  # the edit undone
    assert [e.severity for e in window.diary_session.diary.episodes()] == [6]
    window.undo_action.trigger()  # the logging undone
    assert window.diary_session.diary.episodes() == []
    window.redo_action.trigger()
    assert [e.severity for e in window.diary_session.diary.episodes()] == [6]
    assert _rows(view)[0][4] == "6"


def test_a_date_after_today_is_refused_in_the_dialog(diary_window, qtbot):
    window = diary_window
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.diary_actions.dialog
    # The editor stops at today; the core's check says so if it is got round.
    assert dialog.when.maximumDate() == QDate(2026, 12, 5)
    dialog.today = dt.date(2026, 11, 1)
    _fill(dialog, "2026-11-03 02:10", "left", "calf", 4, 6)
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert dialog.problem.text() == "When: 2026-11-03 02:10 is in the future (today is 2026-11-01)"
    assert window.diary_session.diary.episodes() == []


def test_tie_a_night_to_a_plan_day_and_compare_nights(diary_window, qtbot):
    window, view = diary_window, diary_window.diary_view
    banana = Menu("Mon", [MenuItem("banana", "breakfast", grams=100.0)])  # Mg 27 mg
    seeds = Menu("Tue", [MenuItem("pumpkin-seeds", "snack", grams=50.0)])  # Mg 296 mg
    plan = Plan("Week", days=[])
    plan.add_day(banana, "Monday")
    plan.add_day(seeds, "Tuesday")
    save_plan(window.library, plan)
    _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6)  # the night of Mon 2 Nov

    view.episodes.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(view.buttons["tie"], Qt.MouseButton.LeftButton)
    tie = window.diary_actions.dialog
    assert tie.use_plan.isChecked(), "a plan's day is offered first"
    assert tie.days.currentText() == "Monday", "the plan's day of that weekday first"
    assert tie.person.isHidden(), "one person eating the menu as written: no choice"
    tie.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    ties = window.diary_session.diary.ties()
    assert ties[dt.date(2026, 11, 2)].source == "plan 'Week', Monday"

    view.timeline.nightClicked.emit(dt.date(2026, 11, 3))  # a night without a cramp
    qtbot.mouseClick(view.buttons["tie"], Qt.MouseButton.LeftButton)
    tie = window.diary_actions.dialog
    assert tie.days.currentText() == "Tuesday"
    tie.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    table = view.nights.table
    assert table.horizontalHeaderItem(1).text() == "Nights with cramps\n1 night\n1 with a menu tied"
    assert table.horizontalHeaderItem(2).text() == "Nights without\n13 nights\n1 with a menu tied"
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert table.item(rows["Magnesium"], 1).text() == "27 mg · 8 %"  # 27 of 320 mg
    assert table.item(rows["Magnesium"], 2).text() == "296 mg · 92 %"
    assert view.nights.caveat.text() == CAVEAT
    assert view.nights.caveat.isVisible() and "may be chance" in CAVEAT
    assert view.timeline.data.tied == {
        dt.date(2026, 11, 2): "plan 'Week', Monday",
        dt.date(2026, 11, 3): "plan 'Week', Tuesday",
    }

    assert view.timeline.tip(dt.date(2026, 11, 2)).splitlines() == [
        "Night of Mon 02 Nov 2026",
        "02:10 left calf: 4 min, severity 6",
        "Menu: plan 'Week', Monday",
        "Magnesium: 8 %",
        "Potassium: 14 %",  # 358 of 2,600 mg
        "Calcium: 0 %",  # 5 of 1,000 mg
    ]
    view.timeline.nightClicked.emit(dt.date(2026, 11, 3))
    qtbot.mouseClick(view.buttons["untie"], Qt.MouseButton.LeftButton)
    assert dt.date(2026, 11, 3) not in window.diary_session.diary.ties()
    window.undo_action.trigger()
    assert dt.date(2026, 11, 3) in window.diary_session.diary.ties()


def test_a_household_plan_day_is_tied_as_the_chosen_person_ate_it(diary_window, qtbot):
    window, view = diary_window, diary_window.diary_view
    plan = Plan("Household", people=[Person("Anna"), Person("Sam", share=0.5)], days=[])
    monday = plan.add_day(Menu("Mon", [MenuItem("banana", "breakfast", grams=100.0)]), "Monday")
    monday.own["Sam"] = [MenuItem("pumpkin-seeds", "snack", grams=20.0)]
    save_plan(window.library, plan)
    _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6)  # the night of Mon 2 Nov

    view.episodes.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(view.buttons["tie"], Qt.MouseButton.LeftButton)
    tie = window.diary_actions.dialog
    assert tie.person.isVisibleTo(tie)
    assert [tie.person.itemText(i) for i in range(tie.person.count())] == [
        "Anna (share 1)",
        "Sam (share 0.5)",
    ]
    tie.person.setCurrentIndex(1)
    tie.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    tied = window.diary_session.diary.ties()[dt.date(2026, 11, 2)]
    assert tied.source == "plan 'Household', Monday, as Sam ate it"
    # Half the shared banana and Sam's own seeds: what Sam ate, not the menu as written.
    assert [(i.food, i.grams) for i in tied.menu.items] == [
        ("banana", 50.0),
        ("pumpkin-seeds", 20.0),
    ]


def test_the_doctor_is_suggested_once_kindly(diary_window, qtbot):
    window = diary_window
    _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6)
    assert window.diary_actions.doctor_prompt is None
    _log(window, qtbot, "2026-11-05 02:10", "right", "calf", 14, 7)
    prompt = window.diary_actions.doctor_prompt
    assert prompt is not None and prompt.isVisible()
    assert "a cramp lasted 14 minutes on 2026-11-05 02:10 (right calf)" in prompt.text()
    assert "last more than 10 minutes" in prompt.informativeText(), "the Help's own reasons"
    prompt.accept()
    window.diary_actions.doctor_prompt = None
    _log(window, qtbot, "2026-11-06 02:10", "left", "foot", 2, 3)
    assert window.diary_actions.doctor_prompt is None, "said once, not at every logging"
    _log(window, qtbot, "2026-11-07 02:10", "left", "calf", 2, 3, flags=["swollen_calf"])
    prompt = window.diary_actions.doctor_prompt
    assert "a swollen, warm, red calf was noted on 2026-11-07 02:10" in prompt.text()
    assert "14 minutes" not in prompt.text()


def test_report_for_my_doctor_from_the_file_menu(diary_window, qtbot, tmp_path):
    window = diary_window
    _log(
        window,
        qtbot,
        "2026-11-03 02:10",
        "left",
        "calf",
        4,
        6,
        before=["new_medicine"],
        note="started amlodipine",
    )
    action = window.diary_file_actions["Report for my doctor…"]
    assert action in window.file_menu.actions()
    action.trigger()
    dialog = window.diary_actions.dialog
    assert dialog.period() == (dt.date(2026, 11, 2), dt.date(2026, 11, 15))
    assert dialog.summary.text().startswith("14 nights, 1 episode on 1 of them, 0 days tied")
    out = dialog.save_pdf(str(tmp_path / "report.pdf"))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "1 episode on 1 of 14 nights; 0.5 nights with cramps a week." in text
    assert "2026-11-03 02:10: started amlodipine" in text
    assert "not a diagnosis" in text


def test_import_and_export_from_the_window(diary_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = diary_window
    _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6)
    out = window.diary_actions.export_file(str(tmp_path / "diary.csv"))
    assert out.read_text(encoding="utf-8").splitlines()[1] == "2026-11-03 02:10,left,calf,4,6,,,"
    bad = tmp_path / "bad.csv"
    bad.write_text("when,leg,muscle,minutes,severity\n2026-11-04 01:00,left,calf,700,3\n")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    assert window.diary_actions.import_file(str(bad)) is False
    assert said == [
        "Nothing was imported.\n\n"
        "bad.csv: line 2, column minutes: '700' is not a number of minutes from 0 to 600"
    ]
    good = tmp_path / "good.csv"
    good.write_text("when,leg,muscle,minutes,severity\n2026-11-04 01:00,left,calf,7,3\n")
    assert window.diary_actions.import_file(str(good)) is True
    assert len(window.diary_session.diary.episodes()) == 2
    assert len(_rows(window.diary_view)) == 2


def test_logged_from_another_tab_and_deleted_with_the_del_key(diary_window, qtbot):
    window, view = diary_window, diary_window.diary_view
    window.tabs.setCurrentIndex(0)  # the day menu
    _log(window, qtbot, "2026-11-03 02:10", "left", "calf", 4, 6)
    assert window.statusBar().currentMessage() == (
        "Cramp logged: 2026-11-03 02:10, left calf (on the Diary tab, Ctrl+Z undoes it)"
    )
    window.tabs.setCurrentWidget(view)
    assert window.undo_group.activeStack() is window.diary_session.undo_stack
    view.episodes.setFocus()
    view.episodes.topLevelItem(0).setSelected(True)
    qtbot.keyClick(view.episodes, Qt.Key.Key_Delete)
    assert window.diary_session.diary.episodes() == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.diary_session.diary.episodes()) == 1
