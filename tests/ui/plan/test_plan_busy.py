"""The week plan's new, duplicate, delete, rename and import on a library another process
is writing (an import): one clear message each, nothing changed (issue 20, item 1)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

import planner.core.storage.library_file as library_file
import planner.ui.plan.saved_plans as saved_plans_module
from planner.core.plans.plan import Plan, save_plan, write_plan
from planner.core.storage.library import LIBRARY_FILE, Library
from tests.library_holder import write_lock_held

BUSY = "another program is writing it (an import?)"


@pytest.fixture
def busy_window(make_window, tmp_path, monkeypatch):
    """A window on a library with two plans; SQLite waits 0.2 s for a writer, not 5 s."""
    library = Library(tmp_path / LIBRARY_FILE)
    other = save_plan(library, Plan.new("Other week"))
    opened = save_plan(library, Plan.new("This week"))  # the newest: opened first
    library.close()
    monkeypatch.setattr(library_file, "BUSY_TIMEOUT_S", 0.2)
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text: warned.append((title, text))
    )
    monkeypatch.setattr(saved_plans_module, "confirm", lambda *a: True)
    window = make_window(tmp_path)
    assert window.plan_session.plan_id == opened
    return window, warned, other, opened


def names(window) -> list[str]:
    return sorted(e.name for e in window.library.plans())


def test_plan_actions_on_a_busy_library_say_so_once_and_change_nothing(busy_window, tmp_path):
    window, warned, other, opened = busy_window
    view = window.plan_view
    path = tmp_path / "in.plan.json"
    write_plan(path, Plan.new("Imported"))
    with write_lock_held(tmp_path / LIBRARY_FILE):
        view.new_plan()
        view.saved_plans.duplicate_plan(opened)
        view.saved_plans.delete_plan(opened)
        view.saved_plans.rename_plan(other, "Renamed week")
        assert not view.import_plan(str(path))
    titles = [title for title, _ in warned]
    assert titles == ["New plan", "Duplicate plan", "Delete plan", "Rename plan", "Import plan"]
    for _, text in warned:
        assert BUSY in text and "Nothing was changed." in text and "\n" not in text
        assert "database is locked" not in text
    assert "“This week” could not be deleted" in warned[2][1]
    assert names(window) == ["Other week", "This week"]
    assert window.plan_session.plan_id == opened  # the plan refused deletion stays open
    assert [e.name for e in view.plan_list.entries] == ["This week", "Other week"]
    view.saved_plans.delete_plan(opened)  # the writer is done: it works again
    assert names(window) == ["Other week"]


def test_renaming_the_open_plan_on_a_busy_library_says_busy(busy_window, tmp_path):
    window, warned, _, opened = busy_window
    with write_lock_held(tmp_path / LIBRARY_FILE):
        window.plan_view.saved_plans.rename_plan(opened, "Renamed")
    ((_, text),) = warned
    assert "“Renamed” could not be saved" in text and BUSY in text
    assert "database is locked" not in text
    assert window.plan_session.save_now()  # saved once the writer is done
    assert "Renamed" in names(window)
