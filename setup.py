"""Puts foods.csv and resources/ into the wheel, inside the package (pyproject.toml has the rest).

They are edited at the repository's top level, where the build tools and the docs expect
them; planner/paths.py finds them in ``planner/data`` once installed. An editable install
(`.ci/setup`) runs from the checkout and reads them where they are.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# What travels with the package, and where (planner/paths.py: PACKAGED_DATA).
DATA = ("foods.csv", "resources")
TARGET = Path("planner", "data")


class BuildWithData(build_py):
    """build_py, then the top-level data copied into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the checkout reads them in place
            return
        target = Path(self.build_lib) / TARGET
        for name in DATA:
            source = HERE / name
            if source.is_dir():
                self.copy_tree(str(source), str(target / name))
            else:
                self.mkpath(str(target))
                self.copy_file(str(source), str(target / name))


setup(cmdclass={"build_py": BuildWithData})
