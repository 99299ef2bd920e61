"""The library's SQLite file: opened (read-only where it may), checked, its tables made or
migrated, moved aside when damaged, and SQLite's errors said as the library's own."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from planner.core.errors import (
    LibraryBusy,
    LibraryCorrupt,
    LibraryTooNew,
    LibraryUnavailable,
)
from planner.core.storage.diary_schema import DIARY_SCHEMA
from planner.core.storage.food_schema import FOOD_SCHEMA
from planner.core.storage.library_check import record_check, unchanged_since_check

LIBRARY_FILE = "library.sqlite3"
# 2 added the food tables of planner.core.storage.food_schema (menus and plans are unchanged).
# 3 gave imported USDA foods the tags their food group and name give (usda_tags).
# 4 added the cramp diary's tables of planner.core.storage.diary_schema, and households
#   (a plan's people, saved to start new plans with).
SCHEMA_VERSION = 4
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
CREATE TABLE IF NOT EXISTS households (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    updated REAL NOT NULL
);
"""


class LibraryFile:
    """The library's SQLite file, open, with its tables up to date; what is stored in it
    is the business of Library (menus and plans) and of the food modules.

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
        # True while the connection is SQLite's mode=ro (commands that only read).
        self.read_only = read_only
        checked = False  # the quick check is skipped for a file as a good check left it
        try:
            if read_only and self.path.exists():
                checked = unchanged_since_check(self.path, consume=False)
                self.db = _connect(self.path, read_only=True)
                self.read_only = True
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
            self.read_only = False
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
            for statement in (_SCHEMA + FOOD_SCHEMA + DIARY_SCHEMA).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            if version is not None:
                # From 1, the statements above created the food tables; from 2, the foods
                # an earlier version imported get their tags; from 3, the diary's tables
                # and households.
                if version < 3:
                    _tag_imported_foods(db)
                db.execute(
                    "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),)
                )

    # -- housekeeping -------------------------------------------------------------------
    @classmethod
    def open_or_recover(cls, data_dir: Path) -> tuple[Self, Path | None]:
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

    def _problem(self, place: str, message: str) -> None:
        text = f"{LIBRARY_FILE}: {place}: {message}"
        if text not in self.problems:
            self.problems.append(text)

    def has_foods(self) -> bool:
        """Whether it holds any food, recipe or chosen portion (else foods.csv alone is
        the catalog, and the modules that read them need not load)."""
        return any(
            self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in ("foods", "recipes", "food_portion")
        )


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        # mode=ro: SQLite itself refuses every write on this connection.
        uri = f"{path.resolve().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)


# Python's sqlite3 module's own error for stored text that is not UTF-8: bytes garbled
# inside a page, which SQLite's quick check does not read (it checks the pages' structure).
_NOT_UTF8 = "Could not decode to UTF-8"


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether the error says the file is damaged (not busy, full or refused)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    return isinstance(exc, sqlite3.OperationalError) and str(exc).startswith(_NOT_UTF8)


def damage_text(exc: sqlite3.Error) -> str:
    """What a damage error says, in a few words (the module's UTF-8 error quotes the
    whole garbled text)."""
    return "its stored text is garbled (not UTF-8)" if str(exc).startswith(_NOT_UTF8) else str(exc)


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
