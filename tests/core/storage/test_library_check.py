"""The quick check on opening is skipped only for a library as a session left it after a
good check (core/storage/library_check.py); any other library is checked, and a damaged
one still moved aside."""

from __future__ import annotations

import os
import sqlite3

import pytest

from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage import library_check
from planner.core.storage.library import LIBRARY_FILE, Library
from planner.core.storage.library_check import stamp_path


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The libraries SQLite's quick check ran on, in order."""
    ran: list[str] = []
    check = Library._check

    def counted(self: Library) -> None:
        ran.append(self.path.name)
        check(self)

    monkeypatch.setattr(Library, "_check", counted)
    return ran


def closed_library(folder, menus: int = 1) -> Library:
    library = Library(folder / LIBRARY_FILE)
    for n in range(menus):
        library.save_menu(Menu(f"Menu {n}", [MenuItem("banana", "snack", grams=100 + n)] * 40))
    library.close()
    return library


def scramble(path) -> None:
    """Every other b-tree page overwritten in place: the same size, other bytes."""
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096, 2):
        data[page * 4096 + 8 : page * 4096 + 64] = bytes(range(56))
    path.write_bytes(bytes(data))


def test_a_library_closed_well_opens_without_checking_until_it_changes(tmp_path, checks):
    closed_library(tmp_path)
    assert stamp_path(tmp_path / LIBRARY_FILE).exists()
    assert checks == [LIBRARY_FILE]  # the new library, once
    for read_only in (True, True, False, False):
        library = Library(tmp_path / LIBRARY_FILE, read_only=read_only)
        assert [e.name for e in library.menus()] == ["Menu 0"]
        library.close()
    assert len(checks) == 1
    # An edit and a clean close: still trusted (only this session wrote it).
    library = Library(tmp_path / LIBRARY_FILE)
    library.save_menu(Menu("Tuesday", [MenuItem("banana", "snack", grams=50)]))
    library.close()
    Library(tmp_path / LIBRARY_FILE).close()
    assert len(checks) == 1


def test_a_library_changed_behind_its_stamp_is_checked_and_moved_aside(tmp_path, checks):
    closed_library(tmp_path, menus=200)
    path = tmp_path / LIBRARY_FILE
    before = os.stat(path)
    scramble(path)
    # Even with its size and modification time put back, its change time has moved.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    library, backup = Library.open_or_recover(tmp_path)
    assert backup is not None and backup.exists()
    assert checks == [LIBRARY_FILE, LIBRARY_FILE, LIBRARY_FILE]  # new, damaged, fresh
    assert library.menus() == []
    library.close()


def test_a_session_that_does_not_close_leaves_no_stamp(tmp_path, checks):
    closed_library(tmp_path)
    crashed = Library(tmp_path / LIBRARY_FILE)  # opened for writing: the stamp is taken
    assert not stamp_path(tmp_path / LIBRARY_FILE).exists()
    crashed.save_menu(Menu("Tuesday", [MenuItem("banana", "snack", grams=50)]))
    # ... and never closed (a kill): the next opening checks.
    Library(tmp_path / LIBRARY_FILE).close()
    assert len(checks) == 2
    crashed.db.close()


def test_a_read_only_opening_never_writes_or_takes_the_stamp(tmp_path, checks):
    path = tmp_path / LIBRARY_FILE
    closed_library(tmp_path)
    stamp = stamp_path(path).read_bytes()
    stamp_path(path).unlink()
    reader = Library(path, read_only=True)  # checked: there is no stamp
    reader.close()
    assert not stamp_path(path).exists()
    assert len(checks) == 2
    path.with_name(LIBRARY_FILE + library_check.STAMP_SUFFIX).write_bytes(stamp)
    Library(path, read_only=True).close()
    assert stamp_path(path).read_bytes() == stamp
    assert len(checks) == 2


def test_another_connections_write_damage_read_or_a_log_left_mean_a_check(tmp_path, checks):
    path = tmp_path / LIBRARY_FILE
    closed_library(tmp_path)
    # Another connection wrote while the session had it open: no stamp on closing.
    library = Library(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("INSERT INTO meta VALUES ('written-by', 'another program')")
    other.close()
    library.close()
    assert not stamp_path(path).exists()
    # Damage read in the session (a row skipped): no stamp either.
    library = Library(path)
    library.problems.append(f"{LIBRARY_FILE}: menu 1: cannot be read; skipped")
    library.close()
    assert not stamp_path(path).exists()
    closed = Library(path)
    closed.close()
    assert stamp_path(path).exists()
    # A write-ahead log with changes beside the file: the file alone is not the library.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("INSERT INTO meta VALUES ('in-the-log', 'yes')")
    assert os.stat(path.with_name(LIBRARY_FILE + "-wal")).st_size > 0
    count = len(checks)
    Library(path, read_only=True).close()
    assert len(checks) == count + 1
    holder.close()


def test_a_stamp_as_late_as_the_files_last_change_is_not_trusted(tmp_path, checks):
    path = tmp_path / LIBRARY_FILE
    closed_library(tmp_path)
    changed = os.stat(path)
    # A stamp written within the file's last clock tick: a change then keeps the times.
    when = max(changed.st_mtime_ns, changed.st_ctime_ns)
    os.utime(stamp_path(path), ns=(when, when))
    Library(path, read_only=True).close()
    assert len(checks) == 2
