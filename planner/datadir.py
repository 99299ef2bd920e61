"""The default folder of the user's library: the platform's application-data folder."""

from __future__ import annotations

from pathlib import Path

from planner import APP_NAME

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
