"""A second process that holds a library's SQLite write lock, as a long import does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Opens the library, starts a write transaction, writes a row (so the lock is SQLite's
# RESERVED lock, held until COMMIT), says so, and waits for a line on stdin to commit.
_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO meta VALUES ('holder', 'busy')")
print("holding", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(path: Path) -> Iterator[subprocess.Popen]:
    """While inside, another process holds ``path``'s write lock (a library already made)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        if holder.stdin is not None:
            holder.stdin.write("done\n")
            holder.stdin.close()
        holder.wait(timeout=30)
