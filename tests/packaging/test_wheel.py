"""The wheel, installed in a fresh virtual environment outside the checkout, runs from any
folder: the command line and the window (issue 19)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planner import __version__
from planner.app import main
from planner.paths import ROOT
from planner.ui.shell.application import QUIT_AFTER_FIRST_PAINT
from tests.offscreen import OFFSCREEN
from tests.packaging.installs import (
    build_wheel,
    clean_checkout,
    install_in_fresh_venv,
    needs_setuptools_that_builds_wheels,
    user_env,
    venv_script,
)

pytestmark = pytest.mark.slow  # builds and installs the wheel, ~20 s


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, python, crampless, elsewhere): a folder outside the checkout to run in."""
    needs_setuptools_that_builds_wheels()
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(clean_checkout(work), work / "dist")
    python = install_in_fresh_venv(wheel, work / "env")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return wheel, python, venv_script(work / "env", "crampless"), elsewhere


def run(installed, *args: str, **env: str) -> subprocess.CompletedProcess:
    _, _, crampless, elsewhere = installed
    return subprocess.run(
        [str(crampless), *args],
        cwd=elsewhere,
        env=user_env(elsewhere, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def in_checkout(capsys, *args: str) -> str:
    """What the checkout's own command line prints for ``args``."""
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_the_wheel_carries_the_tables_and_resources_but_no_build_data(installed):
    wheel = installed[0]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("planner/data/foods.csv") == (ROOT / "foods.csv").read_bytes()
    resources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*")}
    assert {f"planner/data/{r}" for r in resources if (ROOT / r).is_file()} <= names
    assert not [n for n in names if n.endswith(".zip") or n.startswith(("tests/", "docs/"))]


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    _, python, _, elsewhere = installed
    found = subprocess.run(
        [python, "-c", "import planner.paths as p; print(p.__file__); print(p.FOODS_CSV)"],
        cwd=elsewhere, env=user_env(elsewhere), capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    env = installed[2].parent.parent
    assert found[0].startswith(str(env)) and found[1].startswith(str(env)), found
    assert Path(found[1]).parts[-3:] == ("planner", "data", "foods.csv")


def test_version(installed):
    result = run(installed, "--version")
    assert (result.returncode, result.stdout) == (0, f"Crampless {__version__}\n"), result.stderr


def test_foods_search_spinach_answers_as_in_the_checkout(installed, tmp_path, capsys):
    data = str(installed[3] / "library")
    result = run(installed, "--data-dir", data, "foods", "--search", "spinach")
    assert result.returncode == 0, result.stderr
    assert "Spinach" in result.stdout
    assert result.stdout == in_checkout(
        capsys, "--data-dir", str(tmp_path), "foods", "--search", "spinach"
    )


def test_coverage_of_the_readme_sample_answers_as_in_the_checkout(installed, tmp_path, capsys):
    menu = shutil.copy(ROOT / "docs" / "sample.menu.json", installed[3] / "sample.menu.json")
    data = str(installed[3] / "library")
    args = ("coverage", "sample.menu.json", "--sex", "female", "--age", "55")
    result = run(installed, "--data-dir", data, *args)
    assert result.returncode == 0, result.stderr
    assert "Magnesium" in result.stdout and "Pumpkin seeds" in result.stdout
    expected = in_checkout(capsys, "--data-dir", str(tmp_path), *args[:1], str(menu), *args[2:])
    assert result.stdout == expected


def test_the_window_opens_to_its_first_paint(installed):
    data = installed[3] / "window"
    result = run(
        installed,
        "--data-dir",
        str(data),
        QT_QPA_PLATFORM=OFFSCREEN,
        **{QUIT_AFTER_FIRST_PAINT: "1"},
    )
    assert (result.returncode, result.stdout) == (0, "first paint\n"), result.stderr
    assert (data / "library.sqlite3").exists()


def test_install_desktop_starts_the_installed_command(installed):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("freedesktop only")
    result = run(installed, "install-desktop")
    assert result.returncode == 0, result.stderr
    entry = installed[3] / "data" / "applications" / "org.crampless.Crampless.desktop"
    assert f"Exec={installed[2]} %f" in entry.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ("shopping", "sample.plan.json", "--format", "md"),
        ("suggest", "sample.menu.json", "--sex", "male", "--age", "67", "--format", "table"),
    ],
)
def test_the_other_subcommands_answer_as_in_the_checkout(installed, tmp_path, capsys, args):
    for sample in ("sample.menu.json", "sample.plan.json"):
        shutil.copy(ROOT / "docs" / sample, installed[3] / sample)
    result = run(installed, "--data-dir", str(installed[3] / "library"), *args)
    assert result.returncode == 0, result.stderr
    in_place = [str(installed[3] / a) if a.endswith(".json") else a for a in args]
    assert result.stdout == in_checkout(capsys, "--data-dir", str(tmp_path), *in_place)
    assert result.stdout.strip()
