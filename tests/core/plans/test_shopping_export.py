"""Shopping list exports: CSV and Markdown against golden files, CSV injection, the PDF read back.

Set CRAMPLESS_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (a new
foods.csv, a new layout), then review the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from planner.core.data.foods import FoodTable
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import Day, Plan, read_plan
from planner.core.plans.shopping import ShoppingList, shopping_list
from planner.core.plans.shopping_export import (
    CSV_HEADER,
    FORMULA_STARTS,
    csv_cell,
    shopping_csv,
    shopping_markdown,
    write_text_export,
)
from planner.core.plans.shopping_state import ShoppingState

GOLDEN = Path(__file__).parent / "golden"
DATE = dt.date(2025, 11, 25)
STATE = ShoppingState(ticked=frozenset({"banana"}), pantry=frozenset({"cheddar"}))


@pytest.fixture(scope="module")
def week(foods) -> ShoppingList:
    plan = read_plan(GOLDEN / "week.plan.json", foods.__contains__)
    return shopping_list(plan, foods).with_state(STATE)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CRAMPLESS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path}"


def test_csv_golden(week):
    _golden("week.shopping.csv", shopping_csv(week))


def test_markdown_golden(week):
    _golden("week.shopping.md", shopping_markdown(week, DATE))


def test_golden_plan_covers_the_cases(week):
    """The fixed plan holds what the golden files are meant to show."""
    rows = week.rows
    assert "tap-water" not in rows.index
    assert rows.at["banana", "refuse_pct"] > 0 and rows.at["banana", "unit"] == "piece"
    assert rows.at["potatoes", "unit"] == "kg"
    assert rows.at["cheddar", "in_pantry"] and rows.at["banana", "ticked"]
    assert rows["aisle"].nunique() >= 5
    # A food bought in another form than eaten: 300 g boiled lentils, 99 g dry.
    assert rows.at["lentils", "name"] == "Lentils, dry" and rows.at["lentils", "edible_g"] == 300


def test_markdown_layout(week):
    text = shopping_markdown(week, DATE)
    lines = text.splitlines()
    assert lines[0] == "# Shopping list: Golden week"
    assert "2025-11-25 · 3 days · 2 people" in lines
    assert "## Fruit" in lines
    banana = next(line for line in lines if "Banana" in line)
    assert banana.startswith("- [x] Banana: ")
    cheddar = next(line for line in lines if "Cheddar" in line)
    assert cheddar.startswith("- [x] ") and cheddar.endswith("(in pantry)")
    assert any(line.startswith("- [ ] ") for line in lines)


def _made_up(names: dict[str, str], category: str = "pantry") -> FoodTable:
    info = pd.DataFrame(
        {
            "name": list(names.values()),
            "category": category,
            "portion_g": 100.0,
            "refuse_pct": 0.0,
            "purchase_unit": "pack",
            "purchase_unit_g": 250.0,
            "tags": [()] * len(names),
        },
        index=pd.Index(list(names), name="id"),
    )
    return FoodTable.from_frames(info, pd.DataFrame(index=info.index))


def _list_of(foods: FoodTable) -> ShoppingList:
    items = [MenuItem(food, grams=100) for food in foods.ids]
    return shopping_list(Plan("Odd names", days=[Day("Monday", Menu("Monday", items))]), foods)


EVIL_NAMES = {
    "link": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1",
    "minus": "-2",
    "at": "@SUM(A1:A9)",
    "tab": "\tTabbed",
    "cr": "\rReturn",
    "fine": 'Plain, with "quotes"',
}


def test_csv_injection_escaped():
    text = shopping_csv(_list_of(_made_up(EVIL_NAMES)))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_HEADER
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), f"{cell!r} would run as a formula"
    names = {row[1]: row[2] for row in rows[1:]}
    for food, name in EVIL_NAMES.items():
        expected = "'" + name if name.startswith(FORMULA_STARTS) else name
        assert names[food] == expected


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@A1", "\tx", "\rx"])
def test_csv_cell_quotes_formula_starts(value):
    assert csv_cell(value) == "'" + value
    assert csv_cell("Banana") == "Banana"
    assert csv_cell(-2.5) == -2.5, "numbers are data, not formulas"


def test_markdown_escapes_names():
    foods = _made_up({"odd": "*Bold* [link](x) <b>|pipe|</b> back\\slash"})
    line = next(
        line for line in shopping_markdown(_list_of(foods), DATE).splitlines() if "Bold" in line
    )
    assert line.startswith(r"- [ ] \*Bold\* \[link\](x) \<b\>\|pipe\|\</b\> back\\slash: ")


def test_failed_write_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_text_export(tmp_path / "missing" / "list.csv", "x")
    target = tmp_path / "list.md"
    target.write_text("old list")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(OSError):
        write_text_export(folder, "new list")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.md", "list.md"]
    assert target.read_text() == "old list"


# -- PDF ------------------------------------------------------------------------------
def _pdf_pages(data: bytes) -> list[list[str]]:
    """Each page's text lines, whitespace collapsed (pypdf puts tabs between words)."""
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        pages.append([line for line in lines if line])
    return pages


def _in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


def test_pdf_read_back(qapp, week):
    from planner.export.shopping_pdf import shopping_pdf_bytes

    data = shopping_pdf_bytes(week, DATE)
    assert data.startswith(b"%PDF-")
    pages = _pdf_pages(data)
    assert len(pages) == 1
    text = " ".join(pages[0])
    assert pages[0][0] == "Shopping list: Golden week"
    assert "2025-11-25 · 3 days · 2 people" in text
    expected = []
    for aisle, items in week.aisles():
        expected.append(aisle)
        for item in items:
            expected += [item.name, item.quantity]
    assert _in_order(text, expected), "every aisle heading, then its items, in shop order"
    assert "(in pantry)" in text
    assert "Tap water" not in text
    assert "page 1 of 1" in text
    # Boiled lentils are bought dry, and the list says so.
    assert "Lentils, dry 1 bag (99 g needed)" in text and "Lentils, boiled" not in text


def test_pdf_written_atomically(qapp, week, tmp_path):
    from planner.export.shopping_pdf import write_shopping_pdf

    path = tmp_path / "list.pdf"
    write_shopping_pdf(path, week, DATE)
    assert _pdf_pages(path.read_bytes())[0][0] == "Shopping list: Golden week"
    with pytest.raises(FileNotFoundError):
        write_shopping_pdf(tmp_path / "missing" / "list.pdf", week, DATE)
    assert [p.name for p in tmp_path.iterdir()] == ["list.pdf"]


AISLE_SIZES = {"fruit": 30, "vegetables": 20, "bakery-grains": 90, "legumes": 12, "pantry": 3}


@pytest.fixture(scope="module")
def long_list() -> ShoppingList:
    frames = []
    for category, count in AISLE_SIZES.items():
        names = {f"{category}-{n:03d}": f"Item {category} {n:03d}" for n in range(count)}
        frames.append(_made_up(names, category))
    foods = FoodTable(pd.concat([f.info for f in frames]), pd.concat([f.values for f in frames]))
    return _list_of(foods)


def test_pdf_page_breaks_keep_headings_with_items(qapp, long_list):
    from planner.export.shopping_pdf import shopping_pdf_bytes

    pages = _pdf_pages(shopping_pdf_bytes(long_list, DATE))
    assert len(pages) >= 4
    labels = {aisle for aisle, _ in long_list.aisles()}
    item = re.compile(r"^Item (\S+) \d{3}$")
    seen: dict[str, set[int]] = {}
    for number, lines in enumerate(pages):
        assert lines[-1] == f"Crampless · page {number + 1} of {len(pages)}"
        headings = [
            n for n, line in enumerate(lines) if line.removesuffix(" (continued)") in labels
        ]
        for n in headings:
            assert any(item.match(line) for line in lines[n + 1 :]), (
                f"page {number + 1}: heading {lines[n]!r} without an item after it"
            )
        for line in lines:
            if match := item.match(line):
                seen.setdefault(match.group(1), set()).add(number)
    assert {c: len(items) for c, items in _items_by_category(pages).items()} == AISLE_SIZES
    for category, count in AISLE_SIZES.items():
        if count <= 30:
            assert len(seen[category]) == 1, f"{category} fits on a page and is not split"
    assert len(seen["bakery-grains"]) >= 2
    continued = [line for lines in pages for line in lines if line.endswith("(continued)")]
    assert continued and continued[0] == "Bread, grains & cereals (continued)"


def _items_by_category(pages: list[list[str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for lines in pages:
        for line in lines:
            if match := re.match(r"^Item (\S+) (\d{3})$", line):
                found.setdefault(match.group(1), []).append(match.group(2))
    return found


def test_print_draws_the_same_pages(qapp, week, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from planner.export.shopping_pdf import print_shopping_list

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(path))
    assert print_shopping_list(printer, week, DATE) == 1
    assert printer.docName() == "Shopping list: Golden week"
    text = " ".join(_pdf_pages(path.read_bytes())[0])
    assert "Shopping list: Golden week" in text
    assert _in_order(text, [aisle for aisle, _ in week.aisles()])


def test_gui_app_reused(qapp):
    from planner.export.pdf_document import ensure_gui_app

    assert ensure_gui_app() is qapp


@pytest.mark.parametrize(
    ("language", "country", "points"),
    [("English", "UnitedStates", (612, 792)), ("German", "Germany", (595, 842))],
)
def test_pdf_paper_follows_the_locale(qapp, week, language, country, points):
    """Letter where the locale measures in inches (the US), A4 elsewhere."""
    from PySide6.QtCore import QLocale

    from planner.export.shopping_pdf import shopping_pdf_bytes

    before = QLocale()
    QLocale.setDefault(
        QLocale(getattr(QLocale.Language, language), getattr(QLocale.Country, country))
    )
    try:
        page = PdfReader(io.BytesIO(shopping_pdf_bytes(week, DATE))).pages[0]
    finally:
        QLocale.setDefault(before)
    size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
    assert size == points
