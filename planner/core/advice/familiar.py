"""The foods a user already eats: those of their saved menus and plans.

"Complete my menu" prefers them to foods the user never chose (completion_problem.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from planner.core.errors import LibraryCorrupt
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE


def familiar_food_ids(library: Library) -> frozenset[str]:
    """Ids of every food in the library's saved menus and plans.

    A saved menu or plan that cannot be read is skipped: a preference is no reason to
    stop a completion (the menu and plan lists report such entries themselves).
    """
    found: set[str] = set()
    for entry in library.menus():
        try:
            found.update(library.load_menu(entry.id).food_ids())
        except Exception:  # see the docstring
            continue
    for entry in library.plans():
        try:
            found.update(_plan_foods(library.load_plan_data(entry.id)))
        except Exception:  # see the docstring
            continue
    return frozenset(found)


def familiar_in_folder(data_dir: Path) -> frozenset[str]:
    """``familiar_food_ids`` of the library in ``data_dir``; none when there is no
    library or it cannot be read (never created here)."""
    path = Path(data_dir) / LIBRARY_FILE
    if not path.exists():
        return frozenset()
    try:
        library = Library(path)
    except LibraryCorrupt:
        return frozenset()
    try:
        return familiar_food_ids(library)
    finally:
        library.close()


def _plan_foods(data: dict) -> Iterable[str]:
    for day in data.get("days", []):
        lists = [(day.get("menu") or {}).get("items", [])]
        own = day.get("own")
        if isinstance(own, dict):  # each person's own items (plans of version 2)
            lists += list(own.values())
        for items in lists:
            for item in items if isinstance(items, list) else ():
                food = item.get("food") if isinstance(item, dict) else None
                if isinstance(food, str):
                    yield food
