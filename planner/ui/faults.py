"""Faults the user must hear about: unhandled exceptions are logged and shown, not lost."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner import APP_NAME

LOG_FILE = "crampless.log"
MAX_LOG_BYTES = 1_000_000
log = logging.getLogger("crampless")


def start_logging(data_dir: Path) -> Path:
    """Log to a small file in the data folder, keeping the previous one; returns its path.

    Rotated here, once per start, rather than by logging.handlers (whose import, with
    socket and pickle, costs start-up time for a log that is written only on faults).
    """
    path = Path(data_dir) / LOG_FILE
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_name(LOG_FILE + ".1"))
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    """Show unhandled exceptions in a dialog and write them to the log file.

    A Qt slot that raises would otherwise print to a console the user never sees.
    """

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unhandled exception:\n%s", text)
        if QApplication.instance() is not None:
            from PySide6.QtWidgets import QMessageBox  # on demand, see planner/ui/dialogs.py

            box = QMessageBox(
                QMessageBox.Icon.Critical,
                APP_NAME,
                f"Something went wrong: {value}\n\nYour saved menus are safe. "
                f"Details were written to {log_path}.",
            )
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook
