"""The app's identity: its icon on every window, and a menu or plan file opened from the
command line (as a double-click on one does)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QMessageBox

from planner.build.icons import render
from planner.desktop import ICON_SIZES, ICON_SVG, icon_png
from planner.paths import ROOT

SAMPLE_MENU = ROOT / "docs" / "sample.menu.json"
SAMPLE_PLAN = ROOT / "docs" / "sample.plan.json"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size):
    """A PNG left behind by an edit of the SVG fails: python -m planner.build.icons."""
    png = QImage(str(icon_png(size)))
    assert (png.width(), png.height()) == (size, size)
    drawn = render(size).convertToFormat(png.format())
    differing = [
        (x, y)
        for y in range(size)
        for x in range(size)
        if max(
            abs(a - b)
            for a, b in zip(
                QColor(png.pixel(x, y)).getRgb(), QColor(drawn.pixel(x, y)).getRgb(), strict=True
            )
        )
        > 16  # antialiasing may differ a little between Qt versions; a new drawing more
    ]
    assert differing == []


def test_at_16_pixels_the_banana_stands_out_from_its_tile(qapp):
    """Legible at 16 px: a fifth of the pixels are the banana's yellow, on the dark green."""
    image = QImage(str(icon_png(16)))
    colours = [QColor(image.pixel(x, y)) for y in range(16) for x in range(16)]
    yellow = [c for c in colours if c.alpha() == 255 and c.red() > 200 and c.blue() < 120]
    green = [c for c in colours if c.alpha() == 255 and c.green() > c.red() + 40]
    assert len(yellow) >= 40 and len(green) >= 100
    assert "<title>Crampless</title>" in ICON_SVG.read_text()


def test_the_window_and_its_dialogs_carry_the_icon(qapp, tmp_path, monkeypatch):
    from planner.ui.shared.log_file import log
    from planner.ui.shell.application import open_window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    handlers = list(log.handlers)
    try:
        window, _ = open_window(tmp_path, [])
        try:
            icon = window.windowIcon()
            assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
            assert icon.cacheKey() == qapp.windowIcon().cacheKey()
            dialog = QDialog(window)
            assert dialog.windowIcon().cacheKey() == icon.cacheKey()
            assert qapp.desktopFileName() == "org.crampless.Crampless"
        finally:
            window.close()
    finally:
        for handler in set(log.handlers) - set(handlers):
            handler.close()
            log.removeHandler(handler)


@pytest.mark.parametrize(
    ("argv", "data_dir", "file"),
    [
        (["Monday.menu.json"], None, "Monday.menu.json"),
        (["--data-dir", "d", "week.plan.json"], "d", "week.plan.json"),
        (["--data-dir=d", "/home/me/Week 48.PLAN.JSON"], "d", "/home/me/Week 48.PLAN.JSON"),
        (["coverage", "menu.json"], "not the window", None),
        (["menu.json", "--help"], "not the window", None),
        (["--data-dir", "d", "foods"], "not the window", None),
    ],
)
def test_a_menu_or_plan_file_on_the_command_line_opens_the_window(argv, data_dir, file):
    from planner.app import window_args

    args = window_args(argv)
    if data_dir == "not the window":
        assert args is None
    else:
        assert args is not None and args.command is None
        assert (args.data_dir, args.file) == (data_dir and Path(data_dir), Path(file))


def test_crampless_file_hands_the_file_to_the_window(monkeypatch, tmp_path):
    import planner.ui.shell.launch
    from planner.app import main

    calls = []
    monkeypatch.setattr(planner.ui.shell.launch, "launch", lambda *args: calls.append(args) or 0)
    assert main(["--data-dir", str(tmp_path), "Monday.menu.json"]) == 0
    assert calls == [(tmp_path, ["--data-dir", str(tmp_path), "Monday.menu.json"],
                      Path("Monday.menu.json"))]  # fmt: skip


def test_a_menu_file_opens_in_the_day_menu(window):
    window.tabs.setCurrentIndex(1)
    window.open_document(SAMPLE_MENU)
    expected = json.loads(SAMPLE_MENU.read_text())
    assert window.tabs.currentIndex() == 0
    assert window.menu_model.menu.name == expected["name"]
    assert [i.food for i in window.menu_model.menu.items] == [i["food"] for i in expected["items"]]


def test_a_plan_file_opens_in_the_week_plan_even_by_its_format_alone(window, tmp_path):
    renamed = Path(shutil.copy(SAMPLE_PLAN, tmp_path / "from-a-friend.json"))
    window.open_document(renamed)
    assert window.tabs.currentWidget() is window.plan_view
    plan = window.plan_session.plan
    assert plan.name == json.loads(SAMPLE_PLAN.read_text())["name"]
    assert len(plan.days) == len(json.loads(SAMPLE_PLAN.read_text())["days"])


def test_a_file_that_is_neither_says_so_naming_it(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.open_document(tmp_path / "missing.menu.json")
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "something-else"}')
    window.open_document(bad)
    assert "missing.menu.json: file not found" in shown[0]
    assert "notes.json: format: expected 'crampless.menu'" in shown[1]


def test_run_window_opens_the_file_once_the_window_is_painted(qapp, qtbot, tmp_path, monkeypatch):
    """The path `crampless Monday.menu.json` takes, the event loop driven by the test."""
    from PySide6.QtWidgets import QApplication

    from planner.ui.shared.log_file import log
    from planner.ui.shell.application import run_window
    from planner.ui.shell.main_window import MainWindow

    def event_loop(app) -> int:
        (window,) = [
            w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        qtbot.waitUntil(lambda: window.menu_model.menu.name == "Sample day", timeout=10000)
        assert len(window.library.menus()) >= 1
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    handlers = list(log.handlers)
    try:
        assert run_window(tmp_path, [], file=SAMPLE_MENU) == 0
    finally:
        for handler in set(log.handlers) - set(handlers):
            handler.close()
            log.removeHandler(handler)
