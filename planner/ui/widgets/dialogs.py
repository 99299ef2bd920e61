"""Small dialogs shared by the window and its features: questions, warnings, file names.

QMessageBox and QFileDialog are imported when a dialog opens, not with this module: the
first import of a Qt class creates its enums (QMessageBox's take ~1.5 ms), and the window
opens without needing either (docs/performance.md).
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/cancel question (Cancel the default, as for anything not undoable)."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def critical(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, text)


def about(parent: QWidget, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, title, text)


def open_file_name(parent: QWidget, title: str, start: str, filters: str) -> str:
    """The file the user chose to open, or "" if they cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    return path


def save_file_name(parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
    """The file name the user chose to save as ("" if they cancelled) and the filter chosen."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, title, start, filters)


# Characters no file name may hold on one system or another (Windows is the strictest).
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name_for(name: str, ending: str) -> str:
    """A file name to suggest for something the user named: ``Mon/Tue`` would be a folder
    and ``Week: 48`` is no file name on Windows, so such characters become ``-``."""
    stem = _NOT_IN_FILE_NAMES.sub("-", name).strip(" .-") or "untitled"
    return stem + ending
