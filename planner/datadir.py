"""The folder of the user's library: where it is by default, and one window at a time on it."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from planner import APP_NAME

# Imported with this module, which the window imports before PySide6 (planner/ui/__init__.py).
if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

ORGANIZATION = "Crampless"


def default_data_dir() -> Path:
    """QStandardPaths' AppDataLocation, so the window and the command line agree.

    Only QtCore is imported (no display needed); it is a dependency anyway.
    """
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


# -- one window per data folder ------------------------------------------------------------
# Each window autosaves the menu and plan it has open and writes its settings on closing, so
# a second window on the same folder would save its stale copy over the first one's changes.
# The window holds an exclusive lock on a file in the folder for as long as it is open: the
# system's own file lock (flock, or locking on Windows), which the system lets go when the
# process ends, crashed or not, so no lock is ever left behind. The subcommands do not take
# it (they read, or import in one transaction); import-usda asks whether a window holds it.

LOCK_NAME = "crampless.lock"


class FolderInUse(Exception):
    """Another window has the folder open."""


class LockUnavailable(Exception):
    """The folder is writable but its lock file cannot be opened (a folder in its place, a
    file another user owns): without the lock two windows would overwrite each other."""


class FolderLock:
    """A held lock; ``unlock`` (or the end of the process) lets the folder go."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @property
    def locked(self) -> bool:
        return self._fd is not None

    def unlock(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases its lock
            self._fd = None

    def __del__(self) -> None:  # dropped without unlock(): the folder goes free all the same
        self.unlock()


def lock_folder(data_dir: Path) -> FolderLock | None:
    """The folder's lock; raises FolderInUse when another window holds it. None when no
    lock file can be opened in a read-only folder: the window then opens without one and
    says so when it cannot save. LockUnavailable when the folder is writable but the lock
    file is not (a folder in its place, a file left by ``sudo crampless ...``)."""
    path = Path(data_dir) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if os.access(data_dir, os.W_OK) and not _read_only_system(exc):
            raise LockUnavailable(
                f"{path}: the lock file cannot be opened ({exc.strerror or exc}); remove it "
                "or make it yours, so that two windows cannot overwrite each other's changes"
            ) from None
        return None
    try:
        if sys.platform == "win32":
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held elsewhere (BlockingIOError; PermissionError on Windows)
        os.close(fd)
        raise FolderInUse(str(data_dir)) from None
    return FolderLock(fd)


def _read_only_system(exc: OSError) -> bool:
    return exc.errno == errno.EROFS


def window_has_folder(data_dir: Path) -> bool:
    """Whether a window has the folder open now (its lock is held)."""
    try:
        lock = lock_folder(data_dir)
    except FolderInUse:
        return True
    except LockUnavailable:
        return False
    if lock is not None:
        lock.unlock()
    return False
