"""The window: time to shown (vs a bare PySide6 window importing pandas), edit-to-redraw, memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time

from tests.benchmarks.timing import best_time, report

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

BARE = textwrap.dedent("""
    import pandas
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    print("shown", flush=True)
""")

OURS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from planner.ui.application import create_window
    app = QApplication([])
    window, _ = create_window(Path(sys.argv[1]))
    window.show()
    app.processEvents()
    print("shown", flush=True)
""")

MEMORY = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from planner.ui.application import create_window
    app = QApplication([])
    window, _ = create_window(Path(sys.argv[1]))
    window.show()
    window.finish_startup()
    window.editor.add_foods(list(window.state.foods.ids[:20]))
    app.processEvents()
    window.chart.canvas.draw()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def _wall(script: str, *args: str) -> float:
    """From starting the process to the window's first paint (not counting its exit)."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=ENV,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as child:
        line = child.stdout.readline()
        shown = time.perf_counter() - start
        child.wait()
    assert line.strip() == "shown", "the window did not open"
    return shown


def test_time_to_shown_window():
    with tempfile.TemporaryDirectory() as data_dir:
        _wall(OURS, data_dir)  # warm the file cache and create the library once
        ours = min(_wall(OURS, data_dir) for _ in range(5))
        bare = min(_wall(BARE) for _ in range(5))
    report("time to a shown window", ours, bare, "<= 1.3x")


def test_edit_to_redrawn_chart(qtbot, tmp_path):
    """An amount edit as the user makes it: command, totals, chart on screen (events run)."""
    from PySide6.QtWidgets import QApplication

    from planner.core.menu import MenuItem
    from planner.ui.application import create_window
    from planner.ui.menu_commands import EditItem

    window, _ = create_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    window.editor.add_foods(list(window.state.foods.ids[:12]))
    QApplication.processEvents()
    canvas = window.chart.canvas
    model = window.menu_model
    amounts = iter(range(10**6))

    def edit():
        item = model.menu.items[0]
        grams = 100 + next(amounts) % 7  # small changes, as typing an amount makes
        window.undo_stack.push(EditItem(model, 0, MenuItem(item.food, item.meal, grams=grams)))
        QApplication.processEvents()

    ours = best_time(edit, repeat=15)
    floor = best_time(canvas.draw, repeat=10)
    report("edit -> totals -> chart on screen", ours, floor, "<= 30 ms absolute")
    print("(floor: one full redraw of the same figure)")
    window.close()


def test_memory():
    with tempfile.TemporaryDirectory() as data_dir:
        out = subprocess.run(
            [sys.executable, "-c", MEMORY, data_dir],
            check=True,
            env=ENV,
            capture_output=True,
            text=True,
        ).stdout
        bare = subprocess.run(
            [
                sys.executable,
                "-c",
                BARE + "\nimport resource\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
            ],
            check=True,
            env=ENV,
            capture_output=True,
            text=True,
        ).stdout
    ours_mb, bare_mb = int(out.split()[-1]) / 1024, int(bare.split()[-1]) / 1024
    print(
        f"peak RSS: {ours_mb:.0f} MB (bare PySide6 + pandas window: {bare_mb:.0f} MB; "
        f"ratio {ours_mb / bare_mb:.2f}x; target <= 250 MB)"
    )
