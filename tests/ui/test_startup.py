"""Start-up: what the first paint does not need is not loaded before it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# The path `crampless` takes: the command line parsed, the window opened and painted.
FIRST_PAINT = textwrap.dedent("""
    import sys
    from planner.app import window_args
    args = window_args(["--data-dir", sys.argv[1]])
    from PySide6.QtWidgets import QApplication
    from planner.ui.application import open_window
    window, _ = open_window(args.data_dir, [])
    QApplication.processEvents()
    heavy = ("matplotlib", "scipy", "highspy", "planner.core.optimizer", "planner.ui.plan_view",
             "planner.cli.coverage_cmd", "planner.cli.suggest_cmd", "planner.core.recipes")
    print(window.isVisible(), sorted(m for m in sys.modules if m.startswith(heavy)))
""")


def test_first_paint_loads_no_chart_or_solver_library(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "True []"


# `crampless` as a user starts it: main() runs the event loop; the script quits it once the
# work after the first paint is done, and reports the order things happened in.
MAIN = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import planner.ui.application as application
    import planner.ui.main_window as main_window
    seen = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "paint" not in seen:
                seen.append("paint")
            return False

    paints = Paints()
    app.installEventFilter(paints)
    create = application.create_window
    def spy_create(*args):
        seen.append("create")
        return create(*args)
    application.create_window = spy_create
    finish = main_window.MainWindow.finish_startup
    def spy_finish(self):
        seen.append("finish_startup")
        finish(self)
        QTimer.singleShot(0, app.quit)
    main_window.MainWindow.finish_startup = spy_finish
    from planner.app import main
    code = main(["--data-dir", sys.argv[1]])
    print(code, seen)
""")


def test_the_work_after_the_first_paint_waits_for_it(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", MAIN, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == ("0 ['create', 'paint', 'finish_startup']")


def test_after_first_paint_runs_once_after_a_paint(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from planner.ui import first_paint

    painted = []

    class Widget(QWidget):
        def paintEvent(self, event):
            painted.append(True)
            super().paintEvent(event)

    calls = []
    widget = Widget()
    qtbot.addWidget(widget)
    first_paint.AfterFirstPaint(widget, lambda: calls.append(bool(painted)))
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: nothing yet
    widget.show()
    qtbot.waitUntil(lambda: calls == [True])
    widget.update()
    qtbot.wait(50)
    assert calls == [True]  # once only

    # A window that never paints (minimised, hidden) still gets the work, a little later.
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 30)
    hidden = QWidget()
    qtbot.addWidget(hidden)
    late = []
    first_paint.AfterFirstPaint(hidden, lambda: late.append(True))
    qtbot.waitUntil(lambda: late == [True])


def test_the_start_up_probe_quits_after_the_first_paint(tmp_path):
    from planner.paths import ROOT
    from planner.ui.application import QUIT_AFTER_FIRST_PAINT

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", QUIT_AFTER_FIRST_PAINT: "1"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (0, "first paint\n"), result.stderr
    assert (tmp_path / "library.sqlite3").exists()
