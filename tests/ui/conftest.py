"""Fixtures for window tests: a real MainWindow on a fresh data folder."""

from __future__ import annotations

import pytest

from planner.ui.shell.application import create_window


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Open a window on ``tmp_path`` (or a given folder); closed at teardown."""
    windows = []

    def make(data_dir=None):
        window, backup = create_window(data_dir or tmp_path)
        qtbot.addWidget(window)
        window.show()
        window.finish_startup()
        window.backup = backup
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()
