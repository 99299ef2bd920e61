"""``python -m planner.build.bundle`` without PyInstaller: one line saying what to install."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from planner.build.bundle import pyinstaller_args
from planner.paths import FOODS_CSV, RESOURCES, ROOT


@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is not None, reason="PyInstaller is installed"
)
def test_without_pyinstaller_it_says_what_to_install(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "planner.build.bundle", "--dist", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "crampless[bundle]" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_bundle_takes_the_tables_where_the_package_keeps_them(tmp_path):
    args = pyinstaller_args(tmp_path / "dist", tmp_path / "work")
    data = [args[i + 1] for i, a in enumerate(args) if a == "--add-data"]
    sep = ";" if sys.platform == "win32" else ":"
    assert data == [f"{FOODS_CSV}{sep}planner/data", f"{RESOURCES}{sep}planner/data/resources"]
    assert args[args.index("--collect-submodules") + 1] == "planner"
