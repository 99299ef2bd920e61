"""Menu and plan files (.menu.json, .plan.json): reading with checks, writing atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.core.atomic import atomic_write_text
from planner.core.errors import InputError
from planner.core.menu import MEALS, Menu, MenuItem, amount_problem

MENU_FORMAT = "crampless.menu"
PLAN_FORMAT = "crampless.plan"
VERSION = 1

# Says whether a food id is known (foods.csv or the user's library).
FoodCheck = Callable[[str], bool]


def read_json(path: Path) -> Any:
    """Parse a JSON file; a missing file or bad JSON is an InputError naming the line."""
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is no error.
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "", "is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InputError(path, "", "not a UTF-8 text file") from None
    except OSError as exc:
        raise InputError(path, "", exc.strerror or str(exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from None


def check_header(data: Any, fmt: str, source: Path | str) -> None:
    """Check the ``format`` and ``version`` fields a saved file starts with."""
    if not isinstance(data, dict):
        raise InputError(source, "", "expected a JSON object")
    if data.get("format") != fmt:
        raise InputError(source, "format", f"expected {fmt!r}, found {data.get('format')!r}")
    version = data.get("version")
    if version != VERSION:
        raise InputError(
            source, "version", f"version {version!r} is not supported (this app reads {VERSION})"
        )


def menu_from_dict(
    data: Any, source: Path | str, where: str = "", known: FoodCheck | None = None
) -> Menu:
    """A Menu from its JSON object; ``where`` prefixes places (``days[2].menu.``)."""
    if not isinstance(data, dict):
        raise InputError(source, where.rstrip(".") or "", "expected a menu object")
    name = data.get("name", "Untitled menu")
    if not isinstance(name, str):
        raise InputError(source, f"{where}name", "must be text")
    items_data = data.get("items")
    if not isinstance(items_data, list):
        raise InputError(source, f"{where}items", "expected a list of items")
    items = []
    for n, item in enumerate(items_data):
        place = f"{where}items[{n}]"
        if not isinstance(item, dict):
            raise InputError(source, place, "expected an object")
        food = item.get("food")
        if not isinstance(food, str) or not food:
            raise InputError(source, f"{place}.food", "missing food id")
        if known is not None and not known(food):
            raise InputError(source, f"{place}.food", f"unknown food {food!r}")
        has_grams, has_portions = "grams" in item, "portions" in item
        if has_grams == has_portions:
            raise InputError(source, place, "give exactly one of 'grams' or 'portions'")
        unit = "g" if has_grams else "portions"
        amount = item["grams" if has_grams else "portions"]
        problem = amount_problem(amount, unit)
        if problem:
            raise InputError(source, f"{place}.{'grams' if has_grams else 'portions'}", problem)
        meal = item.get("meal", "snack")
        if meal not in MEALS:
            raise InputError(
                source, f"{place}.meal", f"unknown meal {meal!r} (use {', '.join(MEALS)})"
            )
        entry = MenuItem(food, meal).with_amount(float(amount), unit)
        if "measure" in item:
            entry = _with_measure(entry, item["measure"], source, f"{place}.measure")
        items.append(entry)
    return Menu(name, items)


def _with_measure(item: MenuItem, data: Any, source: Path | str, place: str) -> MenuItem:
    """An item in grams, counted in a household measure (``{"name": "1 cup", "grams":
    244}``): an optional field, so that files without it read as before."""
    if item.grams is None:
        raise InputError(source, place, "a measure goes with 'grams', not 'portions'")
    if not isinstance(data, dict) or set(data) != {"name", "grams"}:
        raise InputError(source, place, "expected {'name': text, 'grams': number}")
    name, grams = data["name"], data["grams"]
    if not isinstance(name, str) or not name.strip() or name in ("g", "portions"):
        raise InputError(source, f"{place}.name", "must be the measure's name")
    if isinstance(grams, bool) or not isinstance(grams, int | float) or not grams > 0:
        raise InputError(source, f"{place}.grams", f"{grams!r} is not a weight above 0")
    return replace(item, measure=name, measure_g=float(grams))


def menu_to_dict(menu: Menu) -> dict[str, Any]:
    """The menu's JSON object (without the file header)."""
    items = []
    for item in menu.items:
        entry: dict[str, Any] = {"food": item.food}
        if item.grams is not None:
            entry["grams"] = item.grams
            if item.measure and item.measure_g:
                entry["measure"] = {"name": item.measure, "grams": item.measure_g}
        else:
            entry["portions"] = item.portions
        entry["meal"] = item.meal
        items.append(entry)
    return {"name": menu.name, "items": items}


def read_menu(path: Path, known: FoodCheck | None = None) -> Menu:
    """Read a .menu.json file, checking every item."""
    data = read_json(path)
    check_header(data, MENU_FORMAT, path)
    return menu_from_dict(data, path, known=known)


def menu_json(menu: Menu) -> str:
    return json.dumps({"format": MENU_FORMAT, "version": VERSION, **menu_to_dict(menu)}, indent=2)


def write_menu(path: Path, menu: Menu) -> None:
    """Write a .menu.json file atomically."""
    atomic_write_text(Path(path), menu_json(menu) + "\n")
