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

from planner.core.errors import (
    InputError,
    LibraryBusy,
    LibraryCorrupt,
    LibraryTooNew,
    LibraryUnavailable,
)
from planner.core.menus.menu import Menu
from planner.core.storage.food_schema import FOOD_SCHEMA
from planner.core.storage.jsonfiles import menu_from_dict, menu_to_dict
from planner.core.storage.library_check import record_check, unchanged_since_check

LIBRARY_FILE = "library.sqlite3"
# 2 added the food tables of planner.core.storage.food_schema (menus and plans are unchanged).
# 3 gave imported USDA foods the tags their food group and name give (usda_tags).
SCHEMA_VERSION = 3
# The version of usda_tags' rules the library's imported foods were tagged by (meta key
# usda_tag_rules): foods imported under older rules get today's tags when it opens.
# 2: never-suggested kinds and pregnancy reasons (alcohol, flours, seaweed, listeria, ...);
# 3: dry mixes and powders, protein concentrates.
USDA_TAG_RULES = 3
# How long a change waits for another process's write (an import) before giving up.
BUSY_TIMEOUT_S = 5.0
# Problems SQLite's quick check lists at most (one is shown, the rest counted).
CHECK_LINES = 100
# SQLite's primary result codes that mean the file itself is damaged or not a database.
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED

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

    def __init__(self, path: Path, read_only: bool = False) -> None:
        """Open (or create) the library at ``path``.

        ``read_only`` (commands that only read): nothing is written, unless the library
        was made by an older Crampless and its tables must first be brought up to date.
        Raises LibraryCorrupt only for damage (SQLite says so, or its quick check fails);
        a busy library is LibraryBusy, a newer one LibraryTooNew, a disk or permission
        problem LibraryUnavailable: those are never moved aside.
        """
        self.path = Path(path)
        # What could not be read and was skipped (a damaged row), said to the user once.
        self.problems: list[str] = []
        # Checked (or as the last session left it after a check: library_check.py), and
        # what SQLite's data_version was then; None: closing stamps nothing.
        self._checked_version: int | None = None
        self._damage_read = False
        checked = False  # the quick check is skipped for a file as a good check left it
        try:
            if read_only and self.path.exists():
                checked = unchanged_since_check(self.path, consume=False)
                self.db = _connect(self.path, read_only=True)
                if not checked:
                    self._check()
                    checked = True
                if self._version() == SCHEMA_VERSION and self._tags_current():
                    return
                # An older library: its tables must be made, or its foods tagged, first.
                self._close_quietly()
            # Writing: the stamp goes, and comes back only when this session closes well.
            checked = unchanged_since_check(self.path, consume=True) or checked
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = _connect(self.path, read_only=False)
            # A no-op (no write lock) when the library is in WAL mode already.
            self.db.execute("PRAGMA journal_mode=WAL")
            if not checked:
                self._check()
            version = self._version()
            if version is None or version < SCHEMA_VERSION:
                # Only now the write lock: a library that is up to date is opened without
                # writing, so a long import in another process does not stop it opening.
                self._create_or_migrate(version)
            if not self._tags_current():
                self._retag()
            self._checked_version = self._data_version()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise classified(exc, self.path) from None
        except LibraryUnavailable:
            self._close_quietly()
            raise
        self.db.execute("PRAGMA foreign_keys=ON")

    def _check(self) -> None:
        """SQLite's quick check, reported as one line (it lists up to a hundred)."""
        found = [row[0] for row in self.db.execute(f"PRAGMA quick_check({CHECK_LINES})")]
        if found != ["ok"]:
            more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
            first = " ".join(str(found[0]).split()) if found else "no answer"
            raise LibraryCorrupt(f"{self.path}: integrity check failed: {first}{more}")

    def _version(self) -> int | None:
        """The schema version the library says it has; None for a new, empty file."""
        has_meta = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            return None
        try:
            version = int(str(row[0]).strip())
        except ValueError:
            raise LibraryUnavailable(
                f"{self.path}: its schema version {row[0]!r} is not a number; left as it is"
            ) from None
        if version > SCHEMA_VERSION:
            raise LibraryTooNew(
                f"{self.path}: made by a newer Crampless (schema {version}; this one reads "
                f"up to {SCHEMA_VERSION}); left as it is: update Crampless to open it"
            )
        return version

    def _tags_current(self) -> bool:
        """Whether the imported foods carry the tags of today's usda_tags rules (a library
        with no imported food has nothing to tag)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='usda_tag_rules'").fetchone()
        if row is not None and row[0] == str(USDA_TAG_RULES):
            return True
        return not self.db.execute("SELECT 1 FROM foods WHERE source='usda' LIMIT 1").fetchone()

    def _retag(self) -> None:
        """Tag the imported foods by today's rules, and say so in the meta table."""
        with self.transaction() as db:
            _tag_imported_foods(db)
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('usda_tag_rules', ?)", (str(USDA_TAG_RULES),)
            )

    def _create_or_migrate(self, version: int | None) -> None:
        with self.transaction() as db:
            # Every statement is idempotent (CREATE ... IF NOT EXISTS).
            for statement in (_SCHEMA + FOOD_SCHEMA).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            if version is not None:
                # From 1, the statements above created the food tables; from 2, the foods
                # an earlier version imported get their tags.
                _tag_imported_foods(db)
                db.execute(
                    "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),)
                )

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
        """Close it; stamped as checked when only this session wrote it and it read no
        damage (library_check.py), so the next opening need not check it again."""
        stamp = (
            self._checked_version is not None
            and not self.problems
            and not self._damage_read
            and self._data_version() == self._checked_version
        )
        self._close_quietly()
        if stamp:
            record_check(self.path)

    def _data_version(self) -> int | None:
        """SQLite's count of changes other connections committed (None when unreadable)."""
        try:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])
        except (sqlite3.Error, AttributeError, TypeError):
            return None

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

    def _problem(self, place: str, message: str) -> None:
        text = f"{LIBRARY_FILE}: {place}: {message}"
        if text not in self.problems:
            self.problems.append(text)

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
            raise InputError(LIBRARY_FILE, place, f"cannot be read ({exc})") from None
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


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        # mode=ro: SQLite itself refuses every write on this connection.
        uri = f"{path.resolve().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file is damaged (not busy, full or refused)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


def classified(exc: sqlite3.Error, path: Path) -> LibraryUnavailable:
    """The library error an SQLite error stands for, by SQLite's result code."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in _DAMAGE_CODES:
        return LibraryCorrupt(f"{path}: {exc}")
    if primary in _BUSY_CODES:
        return LibraryBusy(
            f"{path}: another program is writing it (an import?) and did not finish within "
            f"{BUSY_TIMEOUT_S:g} s; try again when it has finished"
        )
    return LibraryUnavailable(f"{path}: {exc}")


def _tag_imported_foods(db: sqlite3.Connection) -> None:
    """Give every imported USDA food the tags its food group and name give."""
    rows = db.execute(
        "SELECT id, usda_food_group, usda_description FROM foods WHERE source = 'usda'"
    ).fetchall()
    if not rows:
        return
    # Here, not at the top: its patterns are compiled on import, and only a migration or
    # an import needs them.
    from planner.core.storage.usda_tags import usda_tags

    db.executemany(
        "UPDATE foods SET tags = ? WHERE id = ?",
        [(";".join(usda_tags(group or "", name or "")), food_id) for food_id, group, name in rows],
    )


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
