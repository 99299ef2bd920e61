"""The SQLite library: menus saved, listed, renamed, duplicated, deleted; corruption recovered."""

from __future__ import annotations

import pytest

from planner.core.errors import InputError, LibraryCorrupt
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE


def test_menu_lifecycle(tmp_path):
    lib, backup = Library.open_or_recover(tmp_path)
    assert backup is None
    menu = Menu("Monday", [MenuItem("banana", "breakfast", grams=118)])
    menu_id = lib.save_menu(menu)
    assert lib.load_menu(menu_id) == menu
    menu.items.append(MenuItem("banana", "snack", portions=1))
    assert lib.save_menu(menu, menu_id) == menu_id
    copy_id = lib.duplicate_menu(menu_id)
    assert lib.load_menu(copy_id).name == "Monday (copy)"
    lib.rename_menu(menu_id, "Tuesday")
    assert {e.name for e in lib.menus()} == {"Tuesday", "Monday (copy)"}
    with pytest.raises(InputError):
        lib.rename_menu(menu_id, "  ")
    lib.delete_menu(copy_id)
    assert [e.id for e in lib.menus()] == [menu_id]
    lib.close()
    reopened = Library(tmp_path / LIBRARY_FILE)
    assert reopened.load_menu(menu_id).items == menu.items


def test_failed_transaction_changes_nothing(tmp_path):
    lib = Library(tmp_path / LIBRARY_FILE)
    lib.save_menu(Menu("Kept"))
    with pytest.raises(RuntimeError), lib.transaction() as db:
        db.execute("DELETE FROM menus")
        raise RuntimeError("boom")
    assert [e.name for e in lib.menus()] == ["Kept"]


def test_corrupt_library_is_backed_up_and_replaced(tmp_path):
    path = tmp_path / LIBRARY_FILE
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryCorrupt):
        Library(path)
    lib, backup = Library.open_or_recover(tmp_path)
    assert backup is not None and backup.read_bytes().startswith(b"this is not a database")
    assert lib.menus() == []
