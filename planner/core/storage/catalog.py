"""Every food the app knows: foods.csv plus the foods in the user's library."""

from __future__ import annotations

from pathlib import Path

from planner.core.data.foods import FoodTable
from planner.core.data.foods_csv import load_foods
from planner.core.errors import InputError, LibraryCorrupt, LibraryUnavailable
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.paths import FOODS_CSV


def load_catalog(
    data_dir: Path | None = None,
    foods_csv: Path = FOODS_CSV,
    library: Library | None = None,
    problems: list[str] | None = None,
) -> FoodTable:
    """foods.csv with the library's imported and custom foods and its recipes.

    ``library`` is an open library (the window's); without it, the library in
    ``data_dir`` is read if there is one (it is never created here). foods.csv ids win
    over library ids (these carry a ``usda-``, ``custom-`` or ``recipe-`` prefix anyway).
    What of the library could not be read and was skipped is added to ``problems``.
    """
    foods = load_foods(foods_csv)
    if library is not None:
        return with_library_foods(foods, library)
    path = Path(data_dir) / LIBRARY_FILE if data_dir is not None else None
    if path is None or not path.exists():
        return foods
    try:
        # Read-only: a command that only reads never waits for, or blocks, a writer.
        opened = Library(path, read_only=True)
    except LibraryCorrupt as exc:
        raise InputError("", "", f"{exc} (opening the window moves it aside)") from None
    except LibraryUnavailable as exc:
        raise InputError("", "", str(exc)) from None
    try:
        return with_library_foods(foods, opened)
    finally:
        if problems is not None:
            problems.extend(opened.problems)
        opened.close()


def with_library_foods(foods: FoodTable, library: Library) -> FoodTable:
    """``foods`` plus the library's foods and recipes, with the portions its user chose.

    Recipes come last: their values derive from every other food, foods.csv's included.
    """
    if not library.has_foods():
        return foods
    # Only now: most start-ups (no imported or custom foods) never need these modules.
    from planner.core.storage.library_foods import (
        apply_portions,
        chosen_portions,
        library_food_table,
    )

    merged = foods.merged(library_food_table(library))
    if library.db.execute("SELECT EXISTS (SELECT 1 FROM recipes)").fetchone()[0]:
        # Recipes need pandas; a library without them opens the window without it.
        from planner.core.storage.recipes import load_recipes
        from planner.core.storage.recipes_as_foods import recipes_table

        merged = merged.merged(recipes_table(load_recipes(library), merged))
    return apply_portions(merged, chosen_portions(library))
