"""The window on a busy, partly damaged or unlockable library, with foods gone, and killed
right after an edit (issue 20, items 1, 2, 8, 9, 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.core.data.profile import Profile
from planner.core.menus.menu import MAX_ITEMS, Menu, MenuItem
from planner.core.plans.people import Person
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.datadir import LOCK_NAME
from planner.paths import ROOT
from tests.library_holder import write_lock_held


def saved_foods(folder, menu_id) -> list[str]:
    library = Library(folder / LIBRARY_FILE, read_only=True)
    try:
        return [i.food for i in library.load_menu(menu_id).items]
    finally:
        library.close()


def test_the_window_opens_a_library_another_process_is_writing(make_window, tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    menu_id = library.save_menu(Menu("Monday", [MenuItem("banana", "snack", grams=118)]))
    library.close()
    with write_lock_held(tmp_path / LIBRARY_FILE):
        window = make_window(tmp_path)
        assert window.backup is None and window.menu_id == menu_id
        assert [i.food for i in window.menu_model.menu.items] == ["banana"]
    assert not [p for p in tmp_path.iterdir() if "corrupt" in p.name]
    window.editor.add_foods(["kiwi"])  # the writer is done: edits are saved again
    assert window.save_now()
    assert saved_foods(tmp_path, menu_id) == ["banana", "kiwi"]


def test_a_lock_file_that_cannot_be_opened_stops_the_window(qapp, tmp_path, monkeypatch):
    from planner.ui.shared.log_file import log
    from planner.ui.shell.application import open_window

    (tmp_path / LOCK_NAME).mkdir()  # a folder where the lock file belongs
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = list(log.handlers)
    try:
        assert open_window(tmp_path, []) == 2
    finally:
        for handler in set(log.handlers) - set(handlers):
            handler.close()
            log.removeHandler(handler)
    assert said and LOCK_NAME in said[0] and "cannot be opened" in said[0]
    assert not (tmp_path / LIBRARY_FILE).exists()  # refused before the library was touched


def test_items_of_foods_gone_are_kept_until_the_user_removes_them(make_window, tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    items = [
        MenuItem("banana", "breakfast", grams=118),
        MenuItem("custom-gone-bar", "lunch", portions=2),
        MenuItem("usda-99999", "snack", grams=30),
    ]
    menu_id = library.save_menu(Menu("Monday", items))
    library.close()
    window = make_window(tmp_path)
    # Shown as rows (planner/ui/day_menu/missing_rows.py), said in the status bar.
    assert [i.food for i in window.menu_model.menu.items] == [i.food for i in items]
    assert "custom-gone-bar" in window.statusBar().currentMessage()
    note = window.totals.note
    assert note.isVisible() and "Missing food: custom-gone-bar" in note.text()
    window.editor.add_foods(["kiwi"])
    assert window.save_now()
    assert saved_foods(tmp_path, menu_id) == ["banana", "custom-gone-bar", "usda-99999", "kiwi"]
    window.remove_missing_foods()
    assert saved_foods(tmp_path, menu_id) == ["banana", "kiwi"]
    assert "Missing food" not in note.text()
    window.undo_stack.undo()  # one step brings both back
    assert saved_foods(tmp_path, menu_id) == ["banana", "custom-gone-bar", "usda-99999", "kiwi"]


def test_a_damaged_menu_row_is_skipped_said_and_left_as_it_is(make_window, tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    good = library.save_menu(Menu("Good", [MenuItem("banana", "snack", grams=118)]))
    bad = library.save_menu(Menu("Newer but damaged"))  # the newest: opened first
    library.db.execute("UPDATE menus SET data='{\"items\": [' WHERE id=?", (bad,))
    library.close()
    window = make_window(tmp_path)
    assert window.menu_id == good
    assert any(f"menu {bad}" in p for p in window.library.problems)
    window.editor.add_foods(["kiwi"])
    assert window.save_now()
    raw = window.library.db.execute("SELECT data FROM menus WHERE id=?", (bad,)).fetchone()
    assert raw == ('{"items": [',)


def test_a_menu_holds_at_most_max_items(window):
    window.editor.add_foods(["banana"] * (MAX_ITEMS + 5))
    assert len(window.menu_model.menu.items) == MAX_ITEMS
    assert f"at most {MAX_ITEMS}" in window.statusBar().currentMessage()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_edit_survives_kill_9_a_tenth_of_a_second_after_it(tmp_path):
    """As docs/reliability.md measures it (20 runs there; 3 here, each a window start)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for run in range(3):
        folder = tmp_path / f"run{run}"
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_after_edit", str(folder), "banana"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "edited"
            time.sleep(0.1)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        library = Library(folder / LIBRARY_FILE, read_only=True)
        (entry,) = library.menus()
        assert [i.food for i in library.load_menu(entry.id).items] == ["banana"]
        library.close()


def test_a_plans_items_of_foods_gone_are_kept_when_it_is_edited(make_window, tmp_path):
    from planner.core.plans.plan import Plan, load_plan, save_plan

    library = Library(tmp_path / LIBRARY_FILE)
    plan = Plan.new("Week", n_days=2)
    plan.days[0].menu.items = [
        MenuItem("banana", "snack", grams=100),
        MenuItem("custom-gone-bar", "lunch", portions=1),
    ]
    plan.days[1].menu.items = [MenuItem("recipe-gone-stew", "dinner", grams=300)]
    plan_id = save_plan(library, plan)
    library.close()
    window = make_window(tmp_path)
    session = window.plan_session
    if session.plan_id != plan_id:
        session.open(plan_id)
    assert [i.food for i in session.plan.days[0].menu.items] == ["banana", "custom-gone-bar"]
    for name in ("Two", "Three"):  # edits, saved at once
        window.plan_view.people.add_person(Person(name, Profile()))
    saved, _ = load_plan(window.library, plan_id)
    assert len(saved.people) == 3
    assert [i.food for i in saved.days[0].menu.items] == ["banana", "custom-gone-bar"]
    assert [i.food for i in saved.days[1].menu.items] == ["recipe-gone-stew"]


def test_a_new_library_busy_at_start_opens_and_saves_the_first_edit_later(
    make_window, tmp_path, monkeypatch
):
    import planner.core.storage.library_file as library_module

    Library(tmp_path / LIBRARY_FILE).close()  # made, no menu yet (an import has begun)
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.2)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    with write_lock_held(tmp_path / LIBRARY_FILE):
        window = make_window(tmp_path)
        assert window.menu_id is None and window.menu_model.menu.name == "My menu"
        assert any("could not be saved yet" in p for p in window.library.problems)
        window.editor.add_foods(["banana"])  # cannot be saved while the import writes
        assert len(warned) == 1 and "could not be saved" in warned[0]
    window.editor.add_foods(["kiwi"])  # the writer is done: the menu is saved with it
    assert window.menu_id is not None
    assert saved_foods(tmp_path, window.menu_id) == ["banana", "kiwi"]
    assert [e.name for e in window.library.menus()] == ["My menu"]
