"""A busy, newer or partly damaged library: told apart from a corrupt one, never moved
aside, its readable rows opened and the damaged ones said (issue 20, item 1)."""

from __future__ import annotations

import sqlite3

import pytest

import planner.core.storage.library_file as library_module
from planner.core.errors import (
    InputError,
    LibraryBusy,
    LibraryCorrupt,
    LibraryTooNew,
    LibraryUnavailable,
)
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.custom_foods import CustomFood, save_custom_food
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE, SCHEMA_VERSION
from planner.core.storage.recipes import Ingredient, Recipe, save_recipe
from tests.library_holder import write_lock_held


def make_library(folder) -> Library:
    library = Library(folder / LIBRARY_FILE)
    library.save_menu(Menu("Monday", [MenuItem("banana", "snack", grams=118)]))
    return library


def files_in(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_library_another_process_is_writing_opens_and_is_not_moved_aside(tmp_path):
    make_library(tmp_path).close()
    with write_lock_held(tmp_path / LIBRARY_FILE):
        library, backup = Library.open_or_recover(tmp_path)
        assert backup is None
        assert [e.name for e in library.menus()] == ["Monday"]
        library.close()
        reader = Library(tmp_path / LIBRARY_FILE, read_only=True)
        assert [e.name for e in reader.menus()] == ["Monday"]
        reader.close()
    assert not any("corrupt" in name for name in files_in(tmp_path))


def test_a_library_that_must_be_migrated_while_busy_is_busy_not_corrupt(tmp_path, monkeypatch):
    make_library(tmp_path).close()
    db = sqlite3.connect(tmp_path / LIBRARY_FILE, isolation_level=None)
    db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")  # an older library
    db.close()
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 0.2)
    with (
        write_lock_held(tmp_path / LIBRARY_FILE),
        pytest.raises(LibraryBusy, match="another program is writing it"),
    ):
        Library.open_or_recover(tmp_path)
    assert not any("corrupt" in name for name in files_in(tmp_path))
    library = Library(tmp_path / LIBRARY_FILE)  # once free, it migrates
    assert library.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )


def test_opening_an_up_to_date_library_writes_nothing(tmp_path):
    make_library(tmp_path).close()
    before = (tmp_path / LIBRARY_FILE).read_bytes()
    library = Library(tmp_path / LIBRARY_FILE, read_only=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        library.db.execute("DELETE FROM menus")
    library.close()
    assert (tmp_path / LIBRARY_FILE).read_bytes() == before


def test_a_library_of_a_newer_crampless_is_refused_as_such_and_kept(tmp_path):
    make_library(tmp_path).close()
    db = sqlite3.connect(tmp_path / LIBRARY_FILE, isolation_level=None)
    db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    db.close()
    with pytest.raises(LibraryTooNew, match="made by a newer Crampless") as raised:
        Library.open_or_recover(tmp_path)
    assert not isinstance(raised.value, LibraryCorrupt)
    assert LIBRARY_FILE in files_in(tmp_path)
    assert not any("corrupt" in n for n in files_in(tmp_path))


def test_a_schema_version_that_is_not_a_number_is_refused_not_moved(tmp_path):
    make_library(tmp_path).close()
    db = sqlite3.connect(tmp_path / LIBRARY_FILE, isolation_level=None)
    db.execute("UPDATE meta SET value='three' WHERE key='schema_version'")
    db.close()
    with pytest.raises(LibraryUnavailable, match="'three' is not a number") as raised:
        Library.open_or_recover(tmp_path)
    assert not isinstance(raised.value, LibraryCorrupt)
    assert not any("corrupt" in n for n in files_in(tmp_path))


def test_a_failed_integrity_check_is_one_line(tmp_path):
    library = make_library(tmp_path)
    for n in range(200):
        library.save_menu(Menu(f"Menu {n}", [MenuItem("banana", "snack", grams=n)] * 40))
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    path = tmp_path / LIBRARY_FILE
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096, 2):  # every other b-tree page scrambled
        data[page * 4096 + 8 : page * 4096 + 64] = bytes(range(56))
    path.write_bytes(bytes(data))
    with pytest.raises(LibraryCorrupt) as raised:
        Library(path)
    assert "\n" not in str(raised.value)


def test_a_menu_row_whose_json_does_not_parse_is_named_and_left_as_it_is(tmp_path):
    library = make_library(tmp_path)
    bad = library.save_menu(Menu("Tuesday"))
    library.db.execute("UPDATE menus SET data='{not json' WHERE id=?", (bad,))
    assert {e.name for e in library.menus()} == {"Monday", "Tuesday"}
    said = rf"library.sqlite3: menu {bad}: its saved data is not JSON"
    with pytest.raises(InputError, match=said):
        library.load_menu(bad)
    assert library.db.execute("SELECT data FROM menus WHERE id=?", (bad,)).fetchone() == (
        "{not json",
    )


def test_text_in_number_columns_is_unknown_and_said_and_a_bad_recipe_skipped(tmp_path):
    library = make_library(tmp_path)
    bar = save_custom_food(
        library,
        CustomFood("Oat bar", "pantry", {"energy": 400.0, "magnesium": 100.0}, "1 bar", 40.0),
    )
    save_recipe(library, Recipe("Porridge", 2, (Ingredient("banana", 100.0),), "other"))
    save_recipe(library, Recipe("Mash", 1, (Ingredient("banana", 50.0),), "other"))
    library.db.execute("UPDATE custom_values SET value='lots' WHERE nutrient='magnesium'")
    library.db.execute("UPDATE foods SET portion_g='heavy' WHERE id=?", (bar,))
    library.db.execute("UPDATE recipes SET servings='many' WHERE name='Porridge'")
    library.close()
    problems: list[str] = []
    foods = load_catalog(tmp_path, problems=problems)
    assert foods.value(bar, "energy") == 400.0
    assert foods.values[["magnesium"]].loc[bar].isna().all()  # unknown, not 0
    assert foods.portion_g(bar) != foods.portion_g(bar)  # NaN
    assert "recipe-mash" in foods and "recipe-porridge" not in foods
    assert any("custom_values" in p and "'lots'" in p for p in problems)
    assert any("recipe recipe-porridge" in p and "skipped" in p for p in problems)
    assert all("\n" not in p for p in problems)


def test_a_lock_file_another_user_owns_is_said_a_read_only_folder_is_not(tmp_path, monkeypatch):
    """As left by one ``sudo crampless import-usda`` (tried through os.open: the tests
    run as root, for whom no file is refused)."""
    import os

    import planner.datadir as datadir

    real_open = os.open

    def refused(path, *args, **kwargs):
        if str(path).endswith(datadir.LOCK_NAME):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(datadir.os, "open", refused)
    with pytest.raises(datadir.LockUnavailable, match="Permission denied"):
        datadir.lock_folder(tmp_path)
    assert datadir.window_has_folder(tmp_path) is False  # import-usda still runs
    monkeypatch.setattr(datadir.os, "access", lambda *args: False)  # a read-only folder
    assert datadir.lock_folder(tmp_path) is None


def test_damage_inside_an_overflow_page_passes_the_check_and_is_said_when_read(tmp_path):
    """A menu too long for one page lives on in overflow pages; bytes garbled there (a
    disk's bad sector, a truncated copy) pass SQLite's quick check, which reads the pages'
    structure, not their content. The damaged menu is named when read and left as it is;
    the library opens, and its other menus read."""
    library = make_library(tmp_path)
    # ~200 items: far more JSON than one 4 KiB page holds. The last gram value marks
    # the end of the text, which lies in an overflow page.
    items = [MenuItem("banana", "snack", grams=100 + i / 1000) for i in range(199)]
    items.append(MenuItem("banana", "snack", grams=987.654))
    big = library.save_menu(Menu("Long day", items))
    library.close()
    path = tmp_path / LIBRARY_FILE
    data = bytearray(path.read_bytes())
    end = data.find(b"987.654")
    assert end > 4096, "the end of the menu should lie past its first page"
    data[end - 120 : end + 7] = b"\xff" * 127
    path.write_bytes(bytes(data))
    (tmp_path / f"{LIBRARY_FILE}-checked").unlink(missing_ok=True)  # a full check, then

    library = Library(path)  # the quick check passes: nothing is moved aside
    try:
        assert {e.name for e in library.menus()} == {"Monday", "Long day"}
        said = rf"library.sqlite3: menu {big}: cannot be read \(its stored text is garbled"
        with pytest.raises(InputError, match=said):
            library.load_menu(big)
        monday = next(e.id for e in library.menus() if e.name == "Monday")
        assert library.load_menu(monday).name == "Monday"
    finally:
        library.close()
    assert path.read_bytes() == bytes(data), "nothing was written over the damage"
    assert files_in(tmp_path) >= {LIBRARY_FILE}
