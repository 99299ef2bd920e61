"""The user's library: saved menus and plans, imported and custom foods, recipes, in SQLite."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner.core.errors import InputError, LibraryCorrupt
from planner.core.food_schema import FOOD_SCHEMA
from planner.core.jsonfiles import menu_from_dict, menu_to_dict
from planner.core.menu import Menu

LIBRARY_FILE = "library.sqlite3"
# 2 added the food tables of planner.core.food_schema (menus and plans are unchanged).
# 3 gave imported USDA foods the tags their food group and name give (usda_tags).
SCHEMA_VERSION = 3
# The version of usda_tags' rules the library's imported foods were tagged by (meta key
# usda_tag_rules): foods imported under older rules get today's tags when it opens.
# 2: never-suggested kinds and pregnancy reasons (alcohol, flours, seaweed, listeria, ...).
USDA_TAG_RULES = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS menus (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    updated REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Entry:
    """A saved menu or plan as listed: its id, name and last change (Unix time)."""

    id: int
    name: str
    updated: float


class Library:
    """Saved menus and plans, each stored as its JSON object in one row.

    WAL mode lets the window autosave on every edit without blocking readers, and a
    crash mid-write leaves the last committed state intact.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            ok = self.db.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise LibraryCorrupt(f"{self.path.name}: integrity check failed: {ok}")
            # executescript commits on its own; every statement is idempotent.
            self.db.executescript(_SCHEMA + FOOD_SCHEMA)
            self.db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            version = int(
                self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
            )
            if version > SCHEMA_VERSION:
                raise LibraryCorrupt(
                    f"{self.path.name}: made by a newer Crampless (schema {version})"
                )
            if version < SCHEMA_VERSION:
                # From 1, the script above created the food tables; from 2, the foods an
                # earlier version imported get their tags.
                with self.transaction() as db:
                    _tag_imported_foods(db)
                    db.execute(
                        "UPDATE meta SET value=? WHERE key='schema_version'",
                        (str(SCHEMA_VERSION),),
                    )
            rules = self.db.execute("SELECT value FROM meta WHERE key='usda_tag_rules'").fetchone()
            if rules is None or rules[0] != str(USDA_TAG_RULES):
                with self.transaction() as db:
                    _tag_imported_foods(db)
                    db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('usda_tag_rules', ?)",
                        (str(USDA_TAG_RULES),),
                    )
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise LibraryCorrupt(f"{self.path.name}: {exc}") from None

    # -- housekeeping -------------------------------------------------------------------
    @classmethod
    def open_or_recover(cls, data_dir: Path) -> tuple[Library, Path | None]:
        """Open the library in ``data_dir``; a corrupt one is moved aside and a fresh one made.

        Returns the library and the backup's path (None when nothing had to be moved), so
        the caller can tell the user where their old data went.
        """
        path = Path(data_dir) / LIBRARY_FILE
        try:
            return cls(path), None
        except LibraryCorrupt:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
            shutil.move(path, backup)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    shutil.move(side, backup.with_name(backup.name + suffix))
            return cls(path), backup

    def close(self) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: all of it is committed, or none."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- menus and plans share one shape ---------------------------------------------
    def _list(self, table: str) -> list[Entry]:
        rows = self.db.execute(
            f"SELECT id, name, updated FROM {table} ORDER BY updated DESC, id DESC"
        )
        return [Entry(*row) for row in rows]

    def _load(self, table: str, entry_id: int) -> dict:
        row = self.db.execute(f"SELECT data FROM {table} WHERE id=?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(f"no {table[:-1]} with id {entry_id}")
        return json.loads(row[0])

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
    def has_foods(self) -> bool:
        """Whether it holds any food, recipe or chosen portion (else foods.csv alone is
        the catalog, and the modules that read them need not load)."""
        return any(
            self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in ("foods", "recipes", "food_portion")
        )

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

    # -- plans (their objects are built by planner.core.plan) ---------------------------
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


def _tag_imported_foods(db: sqlite3.Connection) -> None:
    """Give every imported USDA food the tags its food group and name give."""
    rows = db.execute(
        "SELECT id, usda_food_group, usda_description FROM foods WHERE source = 'usda'"
    ).fetchall()
    if not rows:
        return
    # Here, not at the top: its patterns are compiled on import, and only a migration or
    # an import needs them.
    from planner.core.usda_tags import usda_tags

    db.executemany(
        "UPDATE foods SET tags = ? WHERE id = ?",
        [(";".join(usda_tags(group or "", name or "")), food_id) for food_id, group, name in rows],
    )


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InputError("", "name", "a name cannot be empty")
    if len(name) > 200:
        raise InputError("", "name", "a name can be at most 200 characters")
    return name
