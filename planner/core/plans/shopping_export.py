"""A shopping list as CSV (safe to open in a spreadsheet) and as a Markdown checklist."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from pathlib import Path

from planner.core.plans.shopping import ShoppingItem, ShoppingList
from planner.core.storage.atomic import atomic_write_text

CSV_HEADER: tuple[str, ...] = (
    "aisle",
    "food",
    "name",
    "quantity",
    "units",
    "unit",
    "as_bought_g",
    "edible_g",
    "refuse_pct",
    "in_pantry",
    "ticked",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
# Spreadsheets in locales whose list separator is ";" split a cell there, so a formula
# character after a ";" starts a cell of its own: it gets the quote too.
_FORMULA_AFTER_SEMICOLON = re.compile(r";(?=[ ]*[=+\-@\t\r])")


def csv_cell(value: object) -> object:
    """``value``, with a single quote before whatever a spreadsheet would read as a formula:
    at its start, and after each ``;`` (a separator in some locales)."""
    if not isinstance(value, str):
        return value
    value = _FORMULA_AFTER_SEMICOLON.sub(";'", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _number(value: float, digits: int) -> str:
    """A number with at most ``digits`` decimals, ``""`` when unknown."""
    if math.isnan(value):
        return ""
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def shopping_csv(shopping: ShoppingList) -> str:
    """One row per food with the quantity as text and as numbers (grams, units)."""
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes a cell holding a lone carriage return,
    # which would otherwise split the row in a spreadsheet.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for item in shopping.items():
        row = [
            item.aisle,
            item.food,
            item.name,
            item.quantity,
            _number(item.units, 0 if item.unit not in ("", "kg") else 3),
            item.unit,
            _number(item.as_bought_g, 1),
            _number(item.edible_g, 1),
            _number(shopping.rows.at[item.food, "refuse_pct"], 1),
            _yes(item.in_pantry),
            _yes(item.ticked),
        ]
        writer.writerow([csv_cell(c) for c in row])
    return buffer.getvalue()


def title_of(shopping: ShoppingList) -> str:
    return f"Shopping list: {shopping.title}"


def subtitle_of(shopping: ShoppingList, date: dt.date) -> str:
    """``2025-11-25 · 7 days · 2 people``."""
    return f"{date.isoformat()} · {shopping.summary()}"


def item_detail(item: ShoppingItem) -> str:
    """The quantity with what the shopper should know about it (pantry, unknown weights)."""
    parts = [item.quantity]
    if item.note:
        parts.append(f"({item.note})")
    if item.in_pantry:
        parts.append("(in pantry)")
    return " ".join(parts)


def _md(text: str) -> str:
    """Text safe inside a Markdown line: special characters escaped, no line breaks."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def shopping_markdown(shopping: ShoppingList, date: dt.date | None = None) -> str:
    """A checklist: ``# title``, the date, then ``## Aisle`` and ``- [ ] Name: quantity``.

    Items ticked off or already in the pantry are checked (``- [x]``).
    """
    date = date or dt.date.today()
    lines = [f"# {_md(title_of(shopping))}", "", subtitle_of(shopping, date)]
    if len(shopping) == 0:
        lines += ["", "Nothing to buy: the plan has no foods."]
    for aisle, items in shopping.aisles():
        lines += ["", f"## {_md(aisle)}", ""]
        for item in items:
            box = "x" if item.ticked or item.in_pantry else " "
            lines.append(f"- [{box}] {_md(item.name)}: {_md(item_detail(item))}")
    return "\n".join(lines) + "\n"


def write_text_export(path: Path, text: str, byte_order_mark: bool = False) -> None:
    """Write an export atomically; an OSError leaves no partial file and is re-raised.

    ``byte_order_mark`` for a CSV file: Excel reads a CSV without one in the system's
    legacy code page, so "µg" and "Crème" would come out garbled. (Standard output gets
    none: a pipe's reader does not expect one.)
    """
    atomic_write_text(Path(path), ("\ufeff" if byte_order_mark else "") + text)
