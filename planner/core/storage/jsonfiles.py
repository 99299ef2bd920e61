"""Menu and plan files (.menu.json, .plan.json): reading with checks, writing atomically."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.core.errors import InputError
from planner.core.menus.menu import MAX_ITEMS, MAX_MENU_NAME, MEALS, Menu, MenuItem, amount_problem
from planner.core.storage.atomic import atomic_write_text

MENU_FORMAT = "crampless.menu"
PLAN_FORMAT = "crampless.plan"
VERSION = 1
# Version 2 gave a plan its people (docs/file-formats.md); version 1 plans still read.
PLAN_VERSIONS = (1, 2)

# Says whether a food id is known (foods.csv or the user's library).
FoodCheck = Callable[[str], bool]


# Larger than any file the app writes (the largest plan it allows, 366 days of 200
# items, is about 9 MB as exported): a bigger file is refused before it is parsed.
MAX_FILE_BYTES = 16_000_000
# Integers longer than this are read as floats (json's int() refuses 4,300 digits and
# float() of a huge int overflows); no amount in these files needs more.
MAX_INT_DIGITS = 20
# An escaped UTF-16 surrogate that is not half of a pair is not text (it cannot be shown,
# printed or saved as UTF-8).
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


def _is_text(data: Any) -> bool:
    """Whether every string in ``data`` can be written as UTF-8 (no lone surrogate)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_json(path: Path) -> Any:
    """Parse a JSON file; a missing file or bad JSON is an InputError naming the line."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(
                path, "", f"larger than {MAX_FILE_BYTES // 1_000_000} MB; not a file of this app"
            )
        # utf-8-sig: a byte-order mark, as some Windows editors write, is no error.
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "", "is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InputError(path, "", "not a UTF-8 text file") from None
    except OSError as exc:
        raise InputError(path, "", exc.strerror or str(exc)) from None
    try:
        data = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(path, "", "invalid JSON: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a number json itself cannot convert
        raise InputError(path, "", f"invalid JSON: {exc}") from None
    lone = _LONE_SURROGATE.search(text)
    if lone and not _is_text(data):
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - text.rfind("\n", 0, lone.start())
        raise InputError(
            path, f"line {line}, column {column}", f"{lone.group()} is half a character, not text"
        )
    return data


def is_plan_file(path: Path) -> bool:
    """Whether ``path`` holds a plan rather than a menu: by its name (.plan.json,
    .menu.json), else by its ``format``. A file that is neither counts as a menu, whose
    reader then says what is wrong with it."""
    name = Path(path).name.lower()
    if name.endswith((".plan.json", ".menu.json")):
        return name.endswith(".plan.json")
    try:
        data = read_json(path)
    except InputError:
        return False
    return isinstance(data, dict) and data.get("format") == PLAN_FORMAT


def check_header(
    data: Any, fmt: str, source: Path | str, versions: tuple[int, ...] = (VERSION,)
) -> int:
    """Check the ``format`` and ``version`` fields a saved file starts with; the version."""
    if not isinstance(data, dict):
        raise InputError(source, "", "expected a JSON object")
    if data.get("format") != fmt:
        raise InputError(source, "format", f"expected {fmt!r}, found {data.get('format')!r}")
    version = data.get("version")
    if isinstance(version, bool) or version not in versions:  # true == 1 in Python
        reads = " or ".join(map(str, versions))
        raise InputError(
            source, "version", f"version {version!r} is not supported (this app reads {reads})"
        )
    return int(version)


def menu_from_dict(
    data: Any, source: Path | str, where: str = "", known: FoodCheck | None = None
) -> Menu:
    """A Menu from its JSON object; ``where`` prefixes places (``days[2].menu.``)."""
    if not isinstance(data, dict):
        raise InputError(source, where.rstrip(".") or "", "expected a menu object")
    name = data.get("name", "Untitled menu")
    if not isinstance(name, str):
        raise InputError(source, f"{where}name", "must be text")
    if len(name) > MAX_MENU_NAME:
        raise InputError(
            source, f"{where}name", f"a name can be at most {MAX_MENU_NAME} characters"
        )
    return Menu(name, items_from_list(data.get("items"), source, f"{where}items", known))


def items_from_list(
    items_data: Any, source: Path | str, place: str, known: FoodCheck | None = None
) -> list[MenuItem]:
    """Menu items from their JSON list at ``place`` (``items``, ``days[0].own.Anna``);
    each fault names the item (``items[3].food``)."""
    if not isinstance(items_data, list):
        raise InputError(source, place, "expected a list of items")
    if len(items_data) > MAX_ITEMS:
        raise InputError(
            source,
            place,
            f"{len(items_data):,} items; a day's menu holds at most {MAX_ITEMS}",
        )
    items = []
    for n, item in enumerate(items_data):
        items.append(_item_from_dict(item, source, f"{place}[{n}]", known))
    return items


def _item_from_dict(item: Any, source: Path | str, place: str, known: FoodCheck | None) -> MenuItem:
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
        raise InputError(source, f"{place}.meal", f"unknown meal {meal!r} (use {', '.join(MEALS)})")
    entry = MenuItem(food, meal).with_amount(float(amount), unit)
    if "measure" in item:
        entry = _with_measure(entry, item["measure"], source, f"{place}.measure")
    return entry


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
    return {"name": menu.name, "items": items_to_list(menu.items)}


def items_to_list(menu_items: Sequence[MenuItem]) -> list[dict[str, Any]]:
    """Menu items as their JSON list."""
    items = []
    for item in menu_items:
        entry: dict[str, Any] = {"food": item.food}
        if item.grams is not None:
            entry["grams"] = item.grams
            if item.measure and item.measure_g:
                entry["measure"] = {"name": item.measure, "grams": item.measure_g}
        else:
            entry["portions"] = item.portions
        entry["meal"] = item.meal
        items.append(entry)
    return items


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
