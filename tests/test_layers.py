"""The folders depend one way, as docs/architecture.md draws them, and no modules in a loop.

A module may import from its own folder and from folders on the floors below its own,
never from another folder on its floor or from one above. Read from the source (every
``import`` and ``from ... import`` of a planner module, at any depth), so a forbidden
import fails here even where it sits inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import planner

ROOT = Path(planner.__file__).parent

# From the top floor down; folders on one floor do not import each other.
FLOORS: list[list[str]] = [
    ["__main__"],
    ["app"],
    ["ui.shell", "cli", "build"],
    ["ui.plan", "ui.compare", "ui.gaps", "ui.diary"],
    ["ui.day_menu"],
    ["ui.foods"],
    ["ui.charts", "ui.shared", "export"],
    ["ui.widgets"],
    ["core.diary", "core.household"],
    ["core.plans", "core.advice"],
    ["core.storage"],
    ["core.menus"],
    ["core.data"],
    ["core.errors", "desktop"],
    ["paths", "datadir"],
]
FLOOR = {folder: n for n, floor in enumerate(FLOORS) for folder in floor}


def folder_of(module: str) -> str | None:
    """The folder of FLOORS that holds planner module MODULE ("planner." left off)."""
    parts = module.split(".")
    for size in (2, 1):
        if ".".join(parts[:size]) in FLOOR:
            return ".".join(parts[:size])
    return None


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every planner module that the file at PATH imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("planner.")]


def test_every_folder_of_the_planner_is_on_a_floor():
    folders = {
        ".".join(path.relative_to(ROOT).parts[:-1]) for path in ROOT.glob("*/*/__init__.py")
    } | {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert sorted(f for f in folders if f not in FLOOR and f not in ("core", "ui")) == []


def test_imports_run_down_the_floors_and_never_across():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        own = folder_of(module)
        if own is None:  # planner/__init__.py, planner/ui/__init__.py: the packages
            continue
        for line, name in imported(path):
            other = folder_of(name.removeprefix("planner."))
            if other is None or other == own:
                continue
            if FLOOR[other] <= FLOOR[own]:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    assert wrong == []


def module_file(name: str) -> Path | None:
    """The file of planner module NAME, None for a package or a name inside a module."""
    path = ROOT.parent.joinpath(*name.split(".")).with_suffix(".py")
    return path if path.exists() else None


def test_no_modules_import_each_other_in_a_loop():
    # Imports inside functions count too: a loop through them is one the reader must keep
    # in mind all the same.
    graph = {
        path: {f for _, name in imported(path) if (f := module_file(name)) and f != path}
        for path in ROOT.rglob("*.py")
        if path.name != "__init__.py"
    }
    loops = []
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    stack: list[Path] = []

    def visit(node: Path) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            loop = []
            while True:
                member = stack.pop()
                loop.append(str(member.relative_to(ROOT.parent)))
                if member == node:
                    break
            if len(loop) > 1:
                loops.append(sorted(loop))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert loops == []
