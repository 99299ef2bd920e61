"""When opening a library must run SQLite's quick check: not when the file is as the last
session left it after a good check.

The quick check reads every page (about 65 ms over the 17 MB an SR28 import makes, most
of what a start with the import cost beyond the bare window). So a library closed cleanly
gets a stamp beside it (``library.sqlite3-checked``): the size, modification and change
times and inode of the file as that session left it. The stamp is written only when the
session's library was checked, or trusted by its own stamp, on opening; no other
connection wrote it meanwhile (``PRAGMA data_version``); nothing damaged was read; and
SQLite left no write-ahead log. Opening for writing removes the stamp first, so a session
that ends any other way (a crash, a kill) leaves none and the next opening checks. Any
change to the file by anything else moves its change time (which no tool can set back),
and a stamp written in the same clock tick as the file's last change is not trusted, as
git treats its "racily clean" files: a write in that tick could not be told apart.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from planner.core.storage.atomic import atomic_write_bytes

STAMP_SUFFIX = "-checked"
# How long closing waits, at most, for the clock to pass the file's last change, so that
# the stamp is later than it (file times move in ticks of 1-10 ms; on a file system with
# coarser times the stamp stays too close and the next opening simply checks).
SETTLE_NS = 20_000_000


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def _file_state(path: Path) -> dict[str, int] | None:
    """What the stamp records of the library; None when it cannot be trusted as it is
    (no file, or a write-ahead log with changes beside it, another session's or left by a
    crash: the file alone is not the library then). A read-only opening leaves an empty
    log, which changes nothing."""
    try:
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path.with_name(path.name + "-wal")).st_size:
                return None
        info = os.stat(path)
    except OSError:
        return None
    return {
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "ctime_ns": info.st_ctime_ns,
        "inode": info.st_ino,
    }


def unchanged_since_check(path: Path, consume: bool) -> bool:
    """Whether the library at ``path`` is as a session left it after a good check.
    ``consume`` (opening for writing): the stamp is removed, whatever it said."""
    stamp = stamp_path(path)
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        stamped_ns = os.stat(stamp).st_mtime_ns
    except (OSError, ValueError):
        return False
    finally:
        if consume:
            with contextlib.suppress(OSError):
                stamp.unlink()
    state = _file_state(path)
    if state is None or not isinstance(recorded, dict):
        return False
    # Racily clean: a change in the tick the stamp was written in would keep the times.
    return recorded == state and state["mtime_ns"] < stamped_ns and state["ctime_ns"] < stamped_ns


def record_check(path: Path) -> None:
    """Stamp the library, closed, as checked (nothing when it cannot be: it is then checked
    at the next opening, as before)."""
    state = _file_state(path)
    if state is None:
        return
    now = time.time_ns()
    # Never longer than SETTLE_NS, even for a file dated in the future.
    settled = min(max(state["mtime_ns"], state["ctime_ns"]), now) + SETTLE_NS
    while time.time_ns() < settled:
        time.sleep(0.002)
    with contextlib.suppress(OSError):
        atomic_write_bytes(stamp_path(path), json.dumps(state).encode())
