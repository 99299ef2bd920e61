"""The imported foods' planner nutrients kept as one stored matrix, read in one row.

usda_values holds every SR28 value (679,045 rows, 123,837 of them the planner's); reading
those at each start-up took most of the time a window with the USDA import took over
one without. The matrix is derived from usda_values, never the record: the import writes
it, and triggers on usda_values delete it whenever a value is inserted, changed or
deleted (by this program or any other), so it is never stale. When it is missing or
does not fit (another set of planner nutrients, other foods), the values are read from
usda_values and the matrix stored again where the library may be written.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.core.data.nutrients import NUTRIENTS
from planner.core.storage.library_file import BUSY_TIMEOUT_S

# The SR28 nutrient number of each planner nutrient, in registry order: the columns.
PLANNER_NUTR_NOS: tuple[str, ...] = tuple(n.usda_number for n in NUTRIENTS)

# Little-endian float64, NaN where SR28 has no value: the same on every machine.
_DTYPE = np.dtype("<f8")
_SEPARATOR = ","

_TABLE = """
CREATE TABLE IF NOT EXISTS usda_matrix (
    nutrients TEXT NOT NULL,
    ndbs TEXT NOT NULL,
    data BLOB NOT NULL
)"""
# One trigger per kind of change: any write to usda_values makes the matrix go.
_EVENTS = ("INSERT", "UPDATE", "DELETE")
_TRIGGERS = tuple(
    f"CREATE TRIGGER IF NOT EXISTS usda_matrix_stale_on_{event.lower()} "
    f"AFTER {event} ON usda_values BEGIN DELETE FROM usda_matrix; END"
    for event in _EVENTS
)


@dataclass(frozen=True)
class StoredMatrix:
    """What the library holds: its rows' NDB numbers and the values (rows x nutrients)."""

    ndbs: list[str]
    values: np.ndarray


def read_matrix(db: sqlite3.Connection, nutr_nos: Sequence[str]) -> StoredMatrix | None:
    """The stored matrix for these nutrient numbers (in this order), or None when there is
    none, it was stored for other nutrients, or its size does not fit its rows."""
    has_table = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='usda_matrix'"
    ).fetchone()
    if not has_table:
        return None
    row = db.execute("SELECT nutrients, ndbs, data FROM usda_matrix LIMIT 1").fetchone()
    if row is None or row[0] != _SEPARATOR.join(nutr_nos):
        return None
    ndbs = row[1].split(_SEPARATOR) if row[1] else []
    data = row[2]
    if not isinstance(data, bytes) or len(data) != len(ndbs) * len(nutr_nos) * _DTYPE.itemsize:
        return None
    values = np.frombuffer(data, dtype=_DTYPE).reshape(len(ndbs), len(nutr_nos))
    return StoredMatrix(ndbs, values.astype(float))


def store_matrix(
    db: sqlite3.Connection, nutr_nos: Sequence[str], ndbs: Sequence[str], values: np.ndarray
) -> None:
    """Replace the stored matrix (inside the caller's transaction)."""
    create_matrix_table(db)
    db.execute("DELETE FROM usda_matrix")
    db.execute(
        "INSERT INTO usda_matrix VALUES (?, ?, ?)",
        (
            _SEPARATOR.join(nutr_nos),
            _SEPARATOR.join(ndbs),
            np.ascontiguousarray(values, dtype=_DTYPE).tobytes(),
        ),
    )


def create_matrix_table(db: sqlite3.Connection) -> None:
    """The table and the triggers that keep it from going stale (idempotent)."""
    for statement in (_TABLE, *_TRIGGERS):
        db.execute(statement)


def drop_matrix(db: sqlite3.Connection) -> None:
    """No matrix and no triggers (inside the caller's transaction): an import about to
    write 679,045 values would otherwise run a trigger for each of them."""
    for event in _EVENTS:
        db.execute(f"DROP TRIGGER IF EXISTS usda_matrix_stale_on_{event.lower()}")
    db.execute("DROP TABLE IF EXISTS usda_matrix")


def try_store_matrix(
    db: sqlite3.Connection, nutr_nos: Sequence[str], ndbs: Sequence[str], values: np.ndarray
) -> bool:
    """Store the matrix if the library can be written right now; False when it cannot.

    A cache, so never worth a wait: busy (another process writing), read-only or full,
    the next start reads usda_values again, as it always could.
    """
    db.execute("PRAGMA busy_timeout=0")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            store_matrix(db, nutr_nos, ndbs, values)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    except sqlite3.OperationalError:
        return False
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    return True
