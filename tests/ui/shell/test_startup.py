"""Start-up: what the first paint does not need is not loaded before it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from planner.core.data.nutrients import KEYS
from planner.core.storage.library_file import LIBRARY_FILE
from tests.offscreen import OFFSCREEN


def run_offscreen(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Python with ``args`` in a fresh process, Qt offscreen (plus ``env``)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": OFFSCREEN, **env},
        timeout=120,
    )


# The path `crampless` takes: the command line parsed, the window opened and painted.
FIRST_PAINT = textwrap.dedent("""
    import sys
    from planner.app import window_args
    args = window_args(["--data-dir", sys.argv[1]])
    print("argparse" in sys.modules)
    import planner.ui
    print("pandas" in sys.modules, "PySide6" in sys.modules)  # pandas loads after the paint
    from PySide6.QtWidgets import QApplication
    from planner.ui.shell.application import open_window
    window, _ = open_window(args.data_dir, [])
    QApplication.processEvents()
    heavy = ("pandas", "matplotlib", "scipy", "planner.core.advice.optimizer",
             "planner.ui.plan.plan_view",
             "planner.cli.coverage_cmd", "planner.cli.suggest_cmd", "planner.core.storage.recipes")
    print(window.isVisible(), sorted(m for m in sys.modules if m.startswith(heavy)))
    # The menus are on the bar from the first paint; their actions come right after it.
    print([a.text() for a in window.menuBar().actions()], len(window.file_menu.actions()))
""")


def test_first_paint_loads_no_chart_or_solver_library(tmp_path):
    result = run_offscreen("-c", FIRST_PAINT, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "False",
        "False False",
        "True []",
        "['&File', '&Edit', '&View', '&Help'] 0",
    ]


def test_a_library_in_use_still_paints_first_without_pandas(qapp, tmp_path):
    # Everything the window restores is painted through the food table's plain columns:
    # a menu in grams and portions with a food of unknown folate, the list per portion
    # sorted by magnesium, a pregnancy profile.
    from planner.core.data.profile import Profile
    from planner.core.menus.menu import Menu, MenuItem
    from planner.core.storage.library import Library
    from planner.ui.foods.food_model import FIXED_COLUMNS
    from planner.ui.shared.settings import Settings

    library = Library(tmp_path / LIBRARY_FILE)
    menu = Menu(
        "Monday",
        [
            MenuItem("banana", "breakfast", portions=2),
            MenuItem("kiwi", "snack", grams=150),
            MenuItem("dark-chocolate", "snack", grams=30),
        ],
    )
    menu_id = library.save_menu(menu)
    library.close()
    settings = Settings(tmp_path)
    settings.set_profile(Profile(sex="female", age=31, pregnant=True))
    settings.set_value("session/last_menu_id", menu_id)
    settings.set_value("browser/per", "portion")
    magnesium = len(FIXED_COLUMNS) + KEYS.index("magnesium")
    settings.set_value("browser/sort", f"{magnesium}:1")
    settings.sync()

    result = run_offscreen("-c", FIRST_PAINT + SHOWN, str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[1:3] == ["False False", "True []"]
    # What the first paint showed: the restored menu, its totals, the sorted list.
    shown = json.loads(lines[4])
    names = window_foods_names("banana", "kiwi", "dark-chocolate")
    assert shown["menu"] == names, shown
    assert shown["first_food_by_magnesium"] != shown["first_food_by_name"]
    assert shown["folate_total"].startswith("≥ ")  # a lower bound: the chocolate's is unknown
    assert names[2] in shown["folate_tip"]


def window_foods_names(*ids: str) -> list[str]:
    from planner.core.data.foods_csv import load_foods
    from planner.paths import FOODS_CSV

    foods = load_foods(FOODS_CSV)
    return [foods.name(food_id) for food_id in ids]


# After FIRST_PAINT: what the window showed, read from its models.
SHOWN = textwrap.dedent("""
    import json
    from planner.core.data.nutrients import KEYS
    tree = window.editor.tree.model()
    names = []
    for meal in range(tree.rowCount()):
        parent = tree.index(meal, 0)
        names += [tree.index(r, 0, parent).data() for r in range(tree.rowCount(parent))]
    table = window.browser.table.model()
    totals = window.totals_model
    row = KEYS.index("folate")
    print(json.dumps({
        "menu": names,
        "first_food_by_magnesium": table.index(0, 0).data(),
        "first_food_by_name": sorted(window.state.foods.column("name"), key=str.casefold)[0],
        "folate_total": totals.index(row, 1).data(),
        "folate_tip": totals.index(row, 1).data(3),
    }))
""")


# `crampless` as a user starts it: main() runs the event loop; the script quits it once the
# work after the first paint is done, and reports the order things happened in.
MAIN = textwrap.dedent("""
    import gc
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import planner.ui.shell.application as application
    import planner.ui.shell.main_window as main_window
    seen = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not any(s.startswith("paint") for s in seen):
                seen.append(f"paint, matplotlib {'matplotlib' in sys.modules}, gc {gc.isenabled()}")
            return False

    paints = Paints()
    app.installEventFilter(paints)
    create = application.create_window
    def spy_create(*args, **kwargs):
        seen.append("create")
        return create(*args, **kwargs)
    application.create_window = spy_create
    go_on = main_window.MainWindow.continue_startup
    def spy_go_on(self):
        seen.append("continue_startup")
        go_on(self)
        # An event posted now is handled while matplotlib loads, not after.
        QTimer.singleShot(0, lambda: seen.append("event handled"))
    main_window.MainWindow.continue_startup = spy_go_on
    build = main_window.MainWindow._build_chart
    def spy_build(self):
        seen.append(f"chart, gc {gc.isenabled()}")
        build(self)
        seen.append(f"drawn {self.chart.built}")
        QTimer.singleShot(0, app.quit)
    main_window.MainWindow._build_chart = spy_build
    from planner.app import main
    code = main(["--data-dir", sys.argv[1]])
    print(code, seen)
""")


def test_after_the_first_paint_the_window_answers_while_the_chart_loads(tmp_path):
    result = run_offscreen("-c", MAIN, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "0 ['create', 'paint, matplotlib False, gc False', 'continue_startup', 'event handled', "
        "'chart, gc True', 'drawn True']"
    )


def test_after_first_paint_runs_once_after_a_paint(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from planner.ui.shell import first_paint

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
    from planner.ui.shell.application import QUIT_AFTER_FIRST_PAINT

    result = run_offscreen(
        str(ROOT / "main.py"), "--data-dir", str(tmp_path), **{QUIT_AFTER_FIRST_PAINT: "1"}
    )
    assert (result.returncode, result.stdout) == (0, "first paint\n"), result.stderr
    assert (tmp_path / "library.sqlite3").exists()


def test_steps_run_one_per_turn_of_the_event_loop_and_a_failed_import_stops_them(qtbot):
    from PySide6.QtCore import QObject, QTimer

    from planner.ui.shell.startup_steps import Steps, import_step

    seen = []

    def step(name):
        def run():
            seen.append(name)
            QTimer.singleShot(0, lambda: seen.append(f"event after {name}"))

        return run

    owner = QObject()
    Steps([step("a"), step("b")], owner)
    qtbot.waitUntil(lambda: len(seen) == 4)
    assert seen == ["a", "event after a", "b", "event after b"]

    failures = []
    seen.clear()
    Steps(
        [
            import_step("colorsys", failures.append),
            step("c"),
            import_step("no_such_module_x", failures.append),
            step("d"),
        ],
        owner,
    )
    qtbot.waitUntil(lambda: len(failures) == 1)
    qtbot.wait(50)
    assert seen == ["c", "event after c"]  # d never ran
    assert isinstance(failures[0], ModuleNotFoundError)


def test_a_chart_that_cannot_load_says_why(qtbot, tmp_path):
    from planner.ui.shell.application import create_window

    window, _ = create_window(tmp_path)
    qtbot.addWidget(window)
    window._chart_failed(ImportError("no module named 'matplotlib'"))
    assert not window.chart.built
    assert "cannot be shown: no module named" in window.chart._placeholder.text()


def test_the_packaged_tables_are_read_before_qt_and_a_broken_one_is_said_in_a_dialog(
    qapp, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from planner.core.errors import InputError
    from planner.ui.shared.log_file import log
    from planner.ui.shell import launch

    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))

    def broken(*args):
        raise InputError("foods.csv", "line 4, column calcium_mg", "'lots' is not a number")

    monkeypatch.setattr(launch, "read_tables", broken)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    handlers = list(log.handlers)
    try:
        assert launch.launch(tmp_path, []) == 2
    finally:
        for handler in set(log.handlers) - set(handlers):
            handler.close()
            log.removeHandler(handler)
    assert said == [
        "Crampless cannot start:\n\nfoods.csv: line 4, column calcium_mg: 'lots' is not a number"
    ]
    # The window that could not open does not keep the folder from the next one.
    from planner.datadir import lock_folder

    lock = lock_folder(tmp_path)
    assert lock is not None and lock.locked
    lock.unlock()


# `crampless` started with the modules PySide6's feature hook reads spied on (the hook
# calls inspect.getsource on each module an import statement names for the first time),
# until its first paint or, with "steps", until the work after it is done.
HOOK_READS = textwrap.dedent("""
    import inspect, json, sys
    read = []
    getsource = inspect.getsource
    def spy(module):
        read.append(getattr(module, "__name__", "?"))
        return getsource(module)
    inspect.getsource = spy
    if sys.argv[2] == "steps":
        # Nothing Qt before main(), which loads it as `crampless` does: the spy goes in
        # with the first paint, where the collector resumes, and quits once the chart is.
        import planner.ui.shell.cold_start as cold_start
        resume = cold_start.resume_collection
        def resume_and_spy():
            resume()
            from PySide6.QtCore import QTimer
            from PySide6.QtWidgets import QApplication
            window = sys.modules["planner.ui.shell.main_window"].MainWindow
            build = window._build_chart
            def build_and_quit(self):
                build(self)
                QTimer.singleShot(0, QApplication.quit)
            window._build_chart = build_and_quit
        cold_start.resume_collection = resume_and_spy
    from planner.app import main
    main(["--data-dir", sys.argv[1]])
    record = hasattr(sys.modules.get("__feature__"), "pyside_feature_dict")
    print(json.dumps([record, "pandas" in sys.modules, "matplotlib" in sys.modules,
                      sorted(set(read))]))
""")


@pytest.mark.parametrize("until", ["first paint", "first paint, custom foods", "steps"])
def test_pyside6s_import_hook_reads_none_of_the_libraries_loaded_after_the_paint(tmp_path, until):
    from planner.core.storage.custom_foods import CustomFood, save_custom_food
    from planner.core.storage.library import Library
    from planner.ui.shell.application import QUIT_AFTER_FIRST_PAINT

    if until.endswith("custom foods"):  # the library's foods, read without pandas too
        library = Library(tmp_path / LIBRARY_FILE)
        save_custom_food(library, CustomFood("Oat drink", "drinks", {"calcium": 120}))
        library.close()
    env = {QUIT_AFTER_FIRST_PAINT: "1"} if until != "steps" else {}
    result = run_offscreen("-c", HOOK_READS, str(tmp_path), until, **env)
    assert result.returncode == 0, result.stderr
    record, pandas, charted, read = json.loads(result.stdout.splitlines()[-1])
    if not record:
        pytest.skip("this PySide6 keeps no record of the modules its hook has read")
    assert (pandas, charted) == (until == "steps", until == "steps")
    # pandas, matplotlib and what the steps load go past the hook (pyside_import.unhooked:
    # some 80 ms of source reading saved); the window's own few modules it may read.
    heavy = ("pandas", "matplotlib", "scipy", "dateutil", "pyparsing")
    assert read and not [name for name in read if name.startswith(heavy)], read


def test_no_planner_module_uses_pyside6_features():
    # pyside_import records the window's modules as using no feature (snake_case, ...).
    from planner.paths import ROOT

    users = [
        path.name
        for path in (ROOT / "planner").rglob("*.py")
        if re.search(r"^\s*(from|import) __feature__", path.read_text(), re.MULTILINE)
    ]
    assert users == []


def test_a_second_window_on_the_same_folder_is_refused_and_the_first_keeps_it(
    qapp, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from planner.datadir import LOCK_NAME
    from planner.ui.shared.log_file import log
    from planner.ui.shell.application import open_window

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    handlers = list(log.handlers)
    try:
        first, _ = open_window(tmp_path, [])
        first.editor.add_foods(["banana"])
        assert (tmp_path / LOCK_NAME).exists()
        assert open_window(tmp_path, []) == 1  # no second window, no library opened twice
        assert said and "already open on the library in" in said[0]
        first.close()  # saves, then lets the folder go
        second, _ = open_window(tmp_path, [])
        assert [i.food for i in second.menu_model.menu.items] == ["banana"]
        second.close()
    finally:
        for handler in set(log.handlers) - set(handlers):
            handler.close()
            log.removeHandler(handler)


def test_a_lock_left_by_a_window_that_crashed_does_not_keep_the_folder(tmp_path):
    from pathlib import Path

    from planner.datadir import LOCK_NAME, lock_folder

    crash = "import os, sys; from pathlib import Path; from planner.datadir import "
    crash += "lock_folder; lock = lock_folder(Path(sys.argv[1])); os._exit(0)"
    result = run_offscreen("-c", crash, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / LOCK_NAME).exists()  # left behind, its process gone
    lock = lock_folder(Path(tmp_path))
    assert lock is not None and lock.locked
    lock.unlock()
    assert not lock.locked


def test_a_dropped_lock_lets_the_folder_go(tmp_path):
    import gc

    from planner.datadir import FolderInUse, lock_folder

    held = lock_folder(tmp_path)
    with pytest.raises(FolderInUse):
        lock_folder(tmp_path)
    del held
    gc.collect()
    again = lock_folder(tmp_path)
    assert again is not None and again.locked
    again.unlock()
