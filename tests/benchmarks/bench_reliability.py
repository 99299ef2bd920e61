"""Kills, as docs/reliability.md counts them: kill -9 a window 0.1 s after an edit (20
times), and an ``import-usda`` at random moments (10 times); then what reached the library.

Run on demand: ``python -m pytest tests/benchmarks/bench_reliability.py -s``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.paths import ROOT, SR28_ZIP

EDIT_KILLS = 20
IMPORT_KILLS = 10


def _kill_after(args: list[str], wait_for: str | None, delay: float) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        if wait_for is not None:
            assert child.stdout is not None and child.stdout.readline().strip() == wait_for
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_edits_survive_kill_9_a_tenth_of_a_second_after(tmp_path):
    lost = 0
    for run in range(EDIT_KILLS):
        folder = tmp_path / f"run{run}"
        command = [sys.executable, "-m", "tests.kill_after_edit", str(folder), "banana"]
        _kill_after(command, "edited", 0.1)
        library = Library(folder / LIBRARY_FILE, read_only=True)
        (entry,) = library.menus()
        lost += [i.food for i in library.load_menu(entry.id).items] != ["banana"]
        library.close()
    print(f"kill -9 0.1 s after an edit: {EDIT_KILLS} runs, {lost} edits lost")
    assert lost == 0


@pytest.mark.skipif(not SR28_ZIP.exists(), reason="needs the SR28 zip")
def test_an_import_killed_at_any_moment_is_whole_or_absent(tmp_path):
    rng = random.Random(20)
    outcomes = {"whole": 0, "absent": 0}
    for run in range(IMPORT_KILLS):
        folder = tmp_path / f"run{run}"
        library = Library(folder / LIBRARY_FILE)
        library.save_menu(Menu("Kept", [MenuItem("banana", "snack", grams=1)]))
        library.close()
        command = [sys.executable, "main.py", "--data-dir", str(folder), "import-usda"]
        _kill_after([*command, str(SR28_ZIP)], None, rng.uniform(0.5, 8.0))
        library = Library(folder / LIBRARY_FILE, read_only=True)
        foods = library.db.execute("SELECT COUNT(*) FROM foods").fetchone()[0]
        values = library.db.execute("SELECT COUNT(*) FROM usda_values").fetchone()[0]
        assert [e.name for e in library.menus()] == ["Kept"]
        library.close()
        assert (foods, values) in ((0, 0), (8789, 679045)), (foods, values)
        outcomes["whole" if foods else "absent"] += 1
    print(f"import-usda killed {IMPORT_KILLS} times: {outcomes}, none partial")
