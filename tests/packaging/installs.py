"""Building Crampless as a user gets it, offline: a clean copy of the checkout, its wheel,
and a fresh virtual environment outside the checkout with that wheel installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner.paths import ROOT

# What a clean clone holds beyond the tracked files: none of it may reach a build.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*cache",
    ".hypothesis", ".benchmarks", "tmp",
)  # fmt: skip


def clean_checkout(into: Path) -> Path:
    """A copy of the repository without anything a build or a run left in it."""
    source = into / "crampless"
    shutil.copytree(ROOT, source, ignore=NOT_IN_A_CLONE)
    return source


def needs_setuptools_that_builds_wheels() -> None:
    """The test extra brings setuptools >= 70.1, which builds a wheel with no download."""
    try:
        from setuptools import __version__
    except ImportError:
        pytest.skip("setuptools is not installed: run .ci/setup test")
    if tuple(int(part) for part in __version__.split(".")[:2]) < (70, 1):
        pytest.skip(f"setuptools {__version__} builds no wheel offline: run .ci/setup test")


def build_wheel(checkout: Path, into: Path) -> Path:
    """The wheel of ``checkout``, built with the setuptools at hand (no download)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "--quiet", "-w", str(into),
         str(checkout)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (wheel,) = into.glob("crampless-*.whl")
    return wheel


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def venv_script(env: Path, name: str) -> Path:
    return env / ("Scripts" if sys.platform == "win32" else "bin") / name


def install_in_fresh_venv(wheel: Path, env: Path) -> Path:
    """A new virtual environment at ``env`` with ``wheel`` installed; returns its python.

    The dependencies (PySide6, pandas, ...) are not downloaded again: a .pth file adds
    this interpreter's site-packages after the new environment's own. Its path lines are
    added as they are, without running the .pth files in them, so an editable install of
    the checkout there stays out: ``planner`` can only come from the wheel.
    """
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120
    )
    python = venv_python(env)
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    Path(site, "zz_dependencies.pth").write_text("\n".join(ours) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--disable-pip-version-check", "--quiet", str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return python


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH, and a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), **extra)
    env.update(XDG_CONFIG_HOME=str(home / "config"))
    return env
