"""The user's library: saved menus and plans, in the SQLite file of library_file.py (which
also holds the imported and custom foods and the recipes)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from planner.core.errors import InputError
from planner.core.menus.menu import Menu
from planner.core.storage.jsonfiles import menu_from_dict, menu_to_dict
from planner.core.storage.library_file import LIBRARY_FILE, LibraryFile, damage_text, is_damage


@dataclass(frozen=True)
class Entry:
    """A saved menu or plan as listed: its id, name and last change (Unix time)."""

    id: int
    name: str
    updated: float


class Library(LibraryFile):
    """Saved menus, plans and households, each stored as its JSON object in one row."""

    # -- menus and plans share one shape ---------------------------------------------
    def _list(self, table: str) -> list[Entry]:
        query = f"SELECT id, name, updated FROM {table} ORDER BY updated DESC, id DESC"
        try:
            rows = self.db.execute(query).fetchall()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            rows = self._readable_rows(table)
        return [Entry(int(i), str(name), _seconds(updated)) for i, name, updated in rows]

    def _readable_rows(self, table: str) -> list[tuple]:
        """The rows of ``table`` that can still be read, one at a time; each damaged one
        is skipped and said in ``problems`` (it stays in the file as it is)."""
        rows = []
        for (entry_id,) in self.db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall():
            try:
                row = self.db.execute(
                    f"SELECT id, name, updated FROM {table} WHERE id=?", (entry_id,)
                ).fetchone()
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                self._problem(f"{table[:-1]} {entry_id}", f"cannot be read ({exc}); skipped")
                continue
            rows.append(row)
        rows.sort(key=lambda r: (_seconds(r[2]), r[0]), reverse=True)
        return rows

    def _load(self, table: str, entry_id: int) -> dict:
        """A saved menu's or plan's object; InputError (naming the row) when the row is
        damaged, which is then left as it is."""
        place = f"{table[:-1]} {entry_id}"
        try:
            row = self.db.execute(f"SELECT data FROM {table} WHERE id=?", (entry_id,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self._damage_read = True
            raise InputError(LIBRARY_FILE, place, f"cannot be read ({damage_text(exc)})") from None
        if row is None:
            raise KeyError(f"no {table[:-1]} with id {entry_id}")
        try:
            data = json.loads(row[0])
        except (TypeError, ValueError, RecursionError) as exc:
            raise InputError(LIBRARY_FILE, place, f"its saved data is not JSON ({exc})") from None
        if not isinstance(data, dict):
            raise InputError(LIBRARY_FILE, place, "its saved data is not a JSON object")
        return data

    def _save(self, table: str, name: str, data: dict, entry_id: int | None) -> int:
        blob = json.dumps(data)
        now = time.time()
        with self.transaction() as db:
            if (
                entry_id is not None
                and db.execute(f"SELECT 1 FROM {table} WHERE id=?", (entry_id,)).fetchone()
            ):
                db.execute(
                    f"UPDATE {table} SET name=?, data=?, updated=? WHERE id=?",
                    (name, blob, now, entry_id),
                )
                return entry_id
            cursor = db.execute(
                f"INSERT INTO {table} (id, name, data, updated) VALUES (?, ?, ?, ?)",
                (entry_id, name, blob, now),
            )
            return int(cursor.lastrowid)

    def _rename(self, table: str, entry_id: int, name: str) -> None:
        data = self._load(table, entry_id)
        data["name"] = name
        self._save(table, name, data, entry_id)

    def _delete(self, table: str, entry_id: int) -> None:
        with self.transaction() as db:
            db.execute(f"DELETE FROM {table} WHERE id=?", (entry_id,))

    # -- menus -----------------------------------------------------------------------
    def menus(self) -> list[Entry]:
        """Saved menus, most recently changed first."""
        return self._list("menus")

    def load_menu(self, menu_id: int) -> Menu:
        return menu_from_dict(self._load("menus", menu_id), f"{LIBRARY_FILE} menu {menu_id}")

    def save_menu(self, menu: Menu, menu_id: int | None = None) -> int:
        """Insert or update a menu; returns its id."""
        return self._save("menus", menu.name, menu_to_dict(menu), menu_id)

    def rename_menu(self, menu_id: int, name: str) -> None:
        self._rename("menus", menu_id, _checked_name(name))

    def delete_menu(self, menu_id: int) -> None:
        self._delete("menus", menu_id)

    def duplicate_menu(self, menu_id: int) -> int:
        menu = self.load_menu(menu_id)
        menu.name = self.unused_name(f"{menu.name} (copy)", self.menus())
        return self.save_menu(menu)

    @staticmethod
    def unused_name(wanted: str, entries: list[Entry]) -> str:
        """``wanted``, or ``wanted 2``, ``wanted 3``... whichever is not taken yet."""
        taken = {e.name for e in entries}
        name, n = wanted, 2
        while name in taken:
            name, n = f"{wanted} {n}", n + 1
        return name

    # -- plans (their objects are built by planner.core.plans.plan) ---------------------------
    def plans(self) -> list[Entry]:
        return self._list("plans")

    def load_plan_data(self, plan_id: int) -> dict:
        return self._load("plans", plan_id)

    def save_plan_data(self, name: str, data: dict, plan_id: int | None = None) -> int:
        return self._save("plans", name, data, plan_id)

    def rename_plan(self, plan_id: int, name: str) -> None:
        self._rename("plans", plan_id, _checked_name(name))

    def delete_plan(self, plan_id: int) -> None:
        self._delete("plans", plan_id)

    # -- households (their people are read by planner.core.plans.households) ------------
    def households(self) -> list[Entry]:
        return self._list("households")

    def load_household_data(self, household_id: int) -> dict:
        return self._load("households", household_id)

    def save_household_data(self, name: str, data: dict, household_id: int | None = None) -> int:
        return self._save("households", name, data, household_id)

    def delete_household(self, household_id: int) -> None:
        self._delete("households", household_id)


def _seconds(value: object) -> float:
    """A row's ``updated`` time; 0 (the oldest) when it is not a number."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InputError("", "name", "a name cannot be empty")
    if len(name) > 200:
        raise InputError("", "name", "a name can be at most 200 characters")
    return name
