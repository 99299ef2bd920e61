"""The window's first size: the default where it fits, maximised on a small screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

from planner.ui.shell.window_fit import DEFAULT_SIZE, fit_to_screen, fits


def test_a_desktop_screen_holds_the_default_size_a_laptop_screen_does_not():
    assert fits(QRect(0, 0, 1920, 1040))
    assert fits(QRect(0, 0, 1600, 960))
    assert not fits(QRect(0, 0, 1366, 728))  # 1366 x 768 less a panel
    assert not fits(QRect(0, 0, 1440, 860))  # wide enough, but no room for a title bar


def test_default_size_centred_where_it_fits(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, QRect(0, 40, 1920, 1040))
    assert widget.size() == DEFAULT_SIZE and not widget.isMaximized()
    assert widget.pos() == QPoint((1920 - 1400) // 2, 40 + (1040 - 860) // 2)


def test_maximised_on_a_small_screen_with_a_normal_size_that_fits(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    small = QRect(0, 0, 1366, 728)
    fit_to_screen(widget, small)
    assert widget.windowState() & Qt.WindowState.WindowMaximized
    assert widget.size() == QSize(int(1366 * 0.9), int(728 * 0.9))
    assert small.contains(QRect(widget.pos(), widget.size()))


def test_the_first_window_opens_at_its_default_size_and_later_where_it_was_left(
    make_window, tmp_path
):
    first = make_window(tmp_path)
    assert first.size() == DEFAULT_SIZE and not first.isMaximized()
    first.resize(1200, 800)
    first.move(30, 20)
    first.close()
    second = make_window(tmp_path)
    assert second.size() == QSize(1200, 800)
    # Where it was left (give or take the frame the platform adds), not centred again.
    assert (second.pos() - QPoint(30, 20)).manhattanLength() <= 6
