"""Faults the user must hear about: unhandled exceptions are logged and shown, not lost."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner import APP_NAME
from planner.ui.shared.log_file import log


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
            from PySide6.QtWidgets import (
                QMessageBox,  # on demand, see planner/ui/widgets/dialogs.py
            )

            box = QMessageBox(
                QMessageBox.Icon.Critical,
                APP_NAME,
                f"Something went wrong: {value}\n\nYour saved menus are safe. "
                f"Details were written to {log_path}.",
            )
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook
