"""The diary in the library: stored, read back, edited, deleted, restored; schema 3 migrated."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

from planner.core.diary.diary_store import DayTie, Diary
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE, SCHEMA_VERSION
from tests.core.diary import fixture_diary as fx


def test_episodes_round_trip_in_time_order_and_by_night(tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    diary = Diary(library)
    ids = [diary.add(e) for e in reversed(fx.episodes())]
    assert len(set(ids)) == len(ids)
    library.close()
    diary = Diary(Library(tmp_path / LIBRARY_FILE, read_only=True))
    stored = diary.episodes()
    assert [replace(e, id=None) for e in stored] == sorted(fx.episodes(), key=lambda e: e.when)
    inside = diary.episodes(fx.FIRST, fx.LAST)
    assert [e.when_text for e in inside] == [r[0] for r in fx.ROWS[:5]]
    assert (
        diary.episodes(dt.date(2026, 11, 16), dt.date(2026, 11, 16))[0].note == "after the period"
    )


def test_update_delete_and_restore_under_the_same_id(tmp_path):
    diary = Diary(Library(tmp_path / LIBRARY_FILE))
    episode_id = diary.add(fx.episodes()[0])
    e = diary.get(episode_id)
    diary.update(replace(e, minutes=7.5, note="longer"))
    assert (diary.get(episode_id).minutes, diary.get(episode_id).note) == (7.5, "longer")
    kept = diary.get(episode_id)
    diary.delete(episode_id)
    assert diary.episodes() == []
    assert diary.add(kept) == episode_id
    assert diary.episodes() == [kept]


def test_add_many_skips_what_is_already_there(tmp_path):
    diary = Diary(Library(tmp_path / LIBRARY_FILE))
    assert diary.add_many(fx.episodes()) == (7, 0)
    assert diary.add_many(fx.episodes()) == (0, 7)
    assert len(diary.episodes()) == 7


def test_ties_round_trip_and_replace(tmp_path):
    diary = Diary(Library(tmp_path / LIBRARY_FILE))
    for tie in fx.ties().values():
        diary.tie(tie)
    assert diary.ties() == fx.ties()
    assert list(diary.ties(fx.FIRST, fx.LAST)) == [dt.date(2026, 11, d) for d in (2, 3, 5)]
    day = dt.date(2026, 11, 2)
    diary.tie(DayTie(day, "menu 'Cheese day'", fx.CHEESE_DAY))
    assert diary.ties()[day].menu == fx.CHEESE_DAY
    diary.untie(day)
    assert day not in diary.ties()


def test_a_bad_row_is_skipped_and_said(tmp_path):
    library = Library(tmp_path / LIBRARY_FILE)
    diary = Diary(library)
    diary.add(fx.episodes()[0])
    library.db.execute(
        "INSERT INTO diary_episodes (at, leg, muscle, minutes, severity, updated) "
        "VALUES ('2026-11-05 02:00', 'left', 'calf', 900, 3, 0)"
    )
    library.db.execute("INSERT INTO diary_days VALUES ('2026-11-06', 'x', 'not json', 0)")
    assert len(diary.episodes()) == 1
    assert diary.ties() == {}
    assert any("diary episode 2: minutes" in p for p in library.problems)
    assert any("diary day 2026-11-06" in p for p in library.problems)


def test_a_version_3_library_gets_the_diary_and_keeps_its_menus(tmp_path):
    path = tmp_path / LIBRARY_FILE
    library = Library(path)
    library.save_menu(fx.APPLE_DAY)
    library.db.execute("DROP TABLE diary_episodes")
    library.db.execute("DROP TABLE diary_days")
    library.db.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    library.close()
    library = Library(path, read_only=True)  # an older library is migrated even so
    assert library.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )
    assert SCHEMA_VERSION == 4
    assert [e.name for e in library.menus()] == ["Apple day"]
    diary = Diary(library)
    assert diary.episodes() == []
    library.close()
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"diary_episodes", "diary_days", "menus", "foods"} <= tables
