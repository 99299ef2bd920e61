"""A standalone one-folder Crampless, for people without Python: ``python -m planner.build.bundle``.

PyInstaller (the ``bundle`` extra: ``pip install .[bundle]``; pyproject.toml says why not
pyside6-deploy) freezes the app, Python, Qt and the libraries into ``dist/crampless/``,
foods.csv and resources/ inside it where an installed package keeps them (planner/data).
Its ``crampless`` executable (``crampless.exe`` on Windows) opens the window and runs every
subcommand, on a machine of the same system without Python or a virtual environment.
Build it on each system it is for: PyInstaller does not cross-compile.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import planner
from planner.desktop import ICON_SIZES, icon_png
from planner.paths import FOODS_CSV, PACKAGED_DATA, RESOURCES, ROOT

NAME = "crampless"
# Installed in the build's environment for the tests or the build, never imported by the
# app (pandas and matplotlib import some of them optionally, which would bundle them).
NOT_BUNDLED = (
    "tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "pytest_qt", "pytestqt",
    "pytest_benchmark", "IPython", "PyInstaller", "setuptools", "pip", "pypdf",
)  # fmt: skip


def pyinstaller_args(dist: Path, work: Path) -> list[str]:
    """PyInstaller's command line for the one-folder bundle."""
    data = f"planner/{PACKAGED_DATA}"
    args = [
        str(Path(planner.__file__).with_name("__main__.py")),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--distpath", str(dist),
        "--workpath", str(work),
        "--specpath", str(work),
        # The window loads its features and the subcommands' modules by name, after the
        # first paint (planner/ui/shell/extensions.py): PyInstaller's analysis would miss them.
        "--collect-submodules", "planner",
        "--add-data", f"{FOODS_CSV}{os.pathsep}{data}",
        "--add-data", f"{RESOURCES}{os.pathsep}{data}/resources",
    ]  # fmt: skip
    for module in NOT_BUNDLED:
        args += ["--exclude-module", module]
    if sys.platform in ("win32", "darwin"):
        # The executable's own icon (PyInstaller converts the PNG, with Pillow, which
        # matplotlib brings); Linux desktops take it from install-desktop instead.
        args += ["--icon", str(icon_png(max(ICON_SIZES)))]
    if sys.platform == "darwin":
        # An .app for the Finder; its Contents/MacOS/crampless still runs the subcommands.
        # Elsewhere the executable keeps its console, so that the subcommands can print
        # (on Windows, the window then opens beside a console).
        args.append("--windowed")
    return args


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m planner.build.bundle", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "bundle", help="default: build/bundle/"
    )
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__
    except ImportError:
        print(
            "bundle: PyInstaller is not installed: pip install 'crampless[bundle]' "
            "(or pip install -e '.[bundle]' in a checkout)",
            file=sys.stderr,
        )
        return 2
    PyInstaller.__main__.run(pyinstaller_args(args.dist, args.work))
    folder = args.dist / NAME
    print(f"{folder}: {folder_size(folder) / 2**20:.0f} MB; run {folder / NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
