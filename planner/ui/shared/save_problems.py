"""Saves that fail (a full disk, a folder gone read-only): said once in a dialog, then in
the status bar, while what was edited stays open and unsaved for the next try."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from planner import APP_NAME
from planner.core.storage.library_file import classified
from planner.ui.shared.log_file import log
from planner.ui.widgets.dialogs import warn

# What writing the library can raise when the disk, not the program, is at fault.
SAVE_ERRORS = (sqlite3.Error, OSError)


def refused_text(what: str, error: Exception, library_path: Path) -> str:
    """One line for a library write that failed (``what``: ``“Week” could not be
    deleted``): a busy library (another program writing it, an import) said as such, not
    as SQLite's "database is locked"; nothing was changed."""
    if isinstance(error, sqlite3.Error):
        reason = str(classified(error, library_path))
    else:
        reason = f"{library_path}: {getattr(error, 'strerror', None) or error}"
    return f"{what}: {reason}. Nothing was changed."


class SaveProblems:
    """The window's one voice for failed saves, so that autosaving every change does not
    put up a dialog every time."""

    def __init__(self, window: QMainWindow, library_path: Path) -> None:
        self.window = window
        self.library_path = library_path
        self._told = False

    def failed(self, what: str, error: Exception) -> None:
        if isinstance(error, sqlite3.Error):  # busy said as busy, not "database is locked"
            reason = str(classified(error, self.library_path))
        else:
            reason = f"{self.library_path}: {error}"
        text = (
            f"{what} could not be saved to {reason}. "
            "It stays open here, and the next change tries again."
        )
        log.warning("%s", text)
        if self._told:
            self.window.statusBar().showMessage(text, 15000)
        else:
            self._told = True
            warn(self.window, APP_NAME, text)

    def succeeded(self) -> None:
        self._told = False
