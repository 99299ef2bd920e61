"""The standalone bundle (python -m planner.build.bundle) runs the command line and the
window without Python or the checkout's virtual environment (issue 19). Needs PyInstaller
(the bundle extra); the build takes a minute or two."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from planner import APP_ID, __version__
from planner.app import main
from planner.paths import ROOT
from planner.ui.shell.application import QUIT_AFTER_FIRST_PAINT
from tests.offscreen import OFFSCREEN

pytest.importorskip("PyInstaller", reason="the bundle extra is not installed")
pytestmark = pytest.mark.slow

EXE = "crampless.exe" if sys.platform == "win32" else "crampless"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """(the bundle's executable, a folder outside the checkout to run it in)."""
    work = tmp_path_factory.mktemp("bundle")
    built = subprocess.run(
        [sys.executable, "-m", "planner.build.bundle", "--dist", str(work / "dist"),
         "--work", str(work / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    folder = work / "dist" / "crampless"
    assert f"{folder}: " in built.stdout
    # Moved away from where it was built, as a user's download would be.
    moved = shutil.move(folder, work / "Crampless 0.1")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return work / moved / EXE, elsewhere


def no_python_env(home, **extra: str) -> dict[str, str]:
    """A bare environment: no virtual environment, no Python on PATH, a home of its own."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return {**env, "XDG_DATA_HOME": str(home / "data"), **extra}


def run(bundle, *args: str, **env: str) -> subprocess.CompletedProcess:
    exe, elsewhere = bundle
    return subprocess.run(
        [str(exe), *args],
        cwd=elsewhere,
        env=no_python_env(elsewhere, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_bundle_carries_no_build_or_test_tools(bundle):
    internal = bundle[0].parent / "_internal"
    assert (internal / "planner" / "data" / "foods.csv").read_bytes() == (
        ROOT / "foods.csv"
    ).read_bytes()
    assert not [p for p in internal.iterdir() if p.name.startswith(("pytest", "PyInstaller"))]
    assert not list(internal.rglob("sr28asc.zip"))


def test_version(bundle):
    result = run(bundle, "--version")
    assert (result.returncode, result.stdout) == (0, f"Crampless {__version__}\n"), result.stderr


def test_foods_and_coverage_answer_as_in_the_checkout(bundle, tmp_path, capsys):
    shutil.copy(ROOT / "docs" / "sample.menu.json", bundle[1] / "sample.menu.json")
    library = str(bundle[1] / "library")
    for args in (
        ("foods", "--search", "spinach"),
        ("coverage", "sample.menu.json", "--sex", "female", "--age", "55"),
    ):
        result = run(bundle, "--data-dir", library, *args)
        assert result.returncode == 0, result.stderr
        checkout_args = [str(bundle[1] / a) if a.endswith(".json") else a for a in args]
        assert main(["--data-dir", str(tmp_path), *checkout_args]) == 0
        assert result.stdout == capsys.readouterr().out


def test_bad_input_is_one_line_and_exit_2(bundle):
    result = run(bundle, "--data-dir", str(bundle[1] / "library"), "coverage", "nothing.json")
    assert (result.returncode, result.stderr) == (2, "nothing.json: file not found\n")


def test_the_window_opens_to_its_first_paint(bundle):
    data = bundle[1] / "window"
    result = run(
        bundle, "--data-dir", str(data), QT_QPA_PLATFORM=OFFSCREEN, **{QUIT_AFTER_FIRST_PAINT: "1"}
    )
    assert (result.returncode, result.stdout) == (0, "first paint\n"), result.stderr
    assert (data / "library.sqlite3").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="freedesktop only")
def test_install_desktop_starts_the_bundle_itself(bundle):
    result = run(bundle, "install-desktop")
    assert result.returncode == 0, result.stderr
    entry = (bundle[1] / "data" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{bundle[0]}" %f' in entry  # the folder's name has a space
