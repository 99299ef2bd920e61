"""The food table: loading, validation of every kind of bad foods.csv."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from planner.core.data.foods import NUTRIENT_KEYS, FoodTable, as_bought_factors, bought_names
from planner.core.data.foods_csv import REQUIRED_COLUMNS, load_foods
from planner.core.errors import InputError
from planner.paths import FOODS_CSV as FOODS_CSV_PATH
from tests.fixtures import TINY_FOODS, write_foods_csv


def test_loads_values_per_100g_with_unknown_as_nan(tiny_foods):
    assert list(tiny_foods.ids) == ["apple", "cheese", "mystery"]
    assert tiny_foods.values.at["cheese", "calcium"] == 700
    assert math.isnan(tiny_foods.values.at["mystery", "vitamin_d"])
    assert tiny_foods.values.at["apple", "vitamin_d"] == 0  # a real zero stays zero
    assert tiny_foods.info.at["apple", "tags"] == ("vegan", "vegetarian")
    assert tiny_foods.portion_g("cheese") == 28


def _broken(tmp_path, column, value, row=1):
    rows = [dict(r) for r in TINY_FOODS]
    rows[row][column] = value
    return write_foods_csv(tmp_path / "foods.csv", rows)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("magnesium_mg", "lots", "foods.csv: line 3, column magnesium_mg: 'lots' is not a number"),
        ("iron_mg", "-1", "foods.csv: line 3, column iron_mg: negative value -1"),
        ("id", "apple", "foods.csv: line 3, column id: duplicate id 'apple'"),
        ("id", "Bad Id", "foods.csv: line 3, column id: 'Bad Id' is not a valid id"),
        ("category", "sweets", "foods.csv: line 3, column category: unknown category 'sweets'"),
        (
            "refuse_pct",
            "100",
            "foods.csv: line 3, column refuse_pct: refuse 100 must be under 100 %",
        ),
    ],
)
def test_bad_cells_name_line_and_column(tmp_path, column, value, expected):
    with pytest.raises(InputError) as caught:
        load_foods(_broken(tmp_path, column, value))
    assert str(caught.value).startswith(expected)


def test_missing_column_is_named(tmp_path):
    columns = tuple(c for c in REQUIRED_COLUMNS if c != "potassium_mg")
    path = write_foods_csv(tmp_path / "foods.csv", columns=columns)
    with pytest.raises(InputError, match=r"foods.csv: header: missing column 'potassium_mg'"):
        load_foods(path)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(InputError, match=r"file not found"):
        load_foods(tmp_path / "nope.csv")
    bad = tmp_path / "foods.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match=r"foods\.csv"):
        load_foods(bad)


def test_rows_of_the_wrong_length_and_broken_quoting_are_named(tmp_path):
    path = write_foods_csv(tmp_path / "foods.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    width = len(lines[0].split(","))
    for broken, expected in (
        (lines[2] + ",extra", f"foods.csv: line 3: {width + 1} cells where the header names"),
        (lines[2].rsplit(",", 1)[0], f"foods.csv: line 3: {width - 1} cells where the header"),
        (lines[2] + ',"unclosed', "foods.csv: line 3: not a readable CSV file ("),
    ):
        path.write_text("\n".join([*lines[:2], broken, *lines[3:]]) + "\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_foods(path)
        assert str(caught.value).startswith(expected)


def test_empty_file_blank_lines_and_byte_order_mark(tmp_path):
    path = tmp_path / "foods.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"foods\.csv: not a readable CSV file \(it is empty\)"):
        load_foods(path)
    # A spreadsheet's BOM and blank lines are no fault; line numbers stay the file's own.
    write_foods_csv(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\ufeff" + "\n\n".join(lines) + "\n", encoding="utf-8")
    assert list(load_foods(path).ids) == ["apple", "cheese", "mystery"]
    rows = [dict(r) for r in TINY_FOODS]
    rows[2]["iron_mg"] = "-2"
    write_foods_csv(path, rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^foods\.csv: line 7, column iron_mg: negative"):
        load_foods(path)


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999", "1,5"])
def test_infinite_and_nan_text_is_not_a_number(tmp_path, value):
    with pytest.raises(InputError) as caught:
        load_foods(_broken(tmp_path, "calcium_mg", value))
    assert str(caught.value) == f"foods.csv: line 3, column calcium_mg: {value!r} is not a number"


def test_real_food_table_is_valid_and_large(foods):
    assert 80 <= len(foods) <= 160
    assert "banana" in foods and "tap-water" in foods
    assert foods.values.at["banana", "potassium"] == 358
    assert foods.info["usda_ndb"].str.fullmatch(r"\d{5}").all()


def _with_factors(tmp_path, factors):
    rows = [{**row, "as_bought_factor": f} for row, f in zip(TINY_FOODS, factors, strict=True)]
    columns = (*REQUIRED_COLUMNS, "as_bought_factor")
    return write_foods_csv(tmp_path / "foods.csv", rows, columns)


def test_as_bought_factor_falls_back_to_refuse(tmp_path, tiny_foods):
    # No column (TINY_FOODS): 100 / (100 - refuse_pct), apple's 10 % refuse.
    assert tiny_foods.info.at["apple", "as_bought_factor"] == pytest.approx(100 / 90)
    assert tiny_foods.info.at["cheese", "as_bought_factor"] == 1
    # The column, with an empty cell for cheese: that cell falls back, the others are read.
    foods = load_foods(_with_factors(tmp_path, ["0.5", "", "2.25"]))
    assert foods.info["as_bought_factor"].tolist() == [0.5, 1.0, 2.25]
    assert as_bought_factors(foods.info.drop(columns="as_bought_factor")).tolist() == (
        pytest.approx([100 / 90, 1.0, 100 / 64])
    )


def test_bought_name_is_optional_text_and_falls_back_to_the_name(tmp_path, tiny_foods):
    # No column (TINY_FOODS, library foods): every food is bought under its own name.
    assert tiny_foods.info["bought_name"].tolist() == ["", "", ""]
    assert bought_names(tiny_foods.info).tolist() == ["Apple", "Crème cheese", "Mystery fruit"]
    without = tiny_foods.info.drop(columns="bought_name")
    assert bought_names(without).tolist() == ["Apple", "Crème cheese", "Mystery fruit"]
    names = ["", " Curd, raw ", ""]
    rows = [{**row, "bought_name": n} for row, n in zip(TINY_FOODS, names, strict=True)]
    path = write_foods_csv(tmp_path / "foods.csv", rows, (*REQUIRED_COLUMNS, "bought_name"))
    foods = load_foods(path)
    assert foods.info.at["cheese", "bought_name"] == "Curd, raw"
    assert bought_names(foods.info).tolist() == ["Apple", "Curd, raw", "Mystery fruit"]


def test_real_foods_name_the_form_bought(foods):
    assert foods.info.at["lentils", "bought_name"] == "Lentils, dry"
    assert foods.info.at["cod", "bought_name"] == "Cod fillet, raw"
    assert foods.info.at["almonds", "bought_name"] == ""  # bought shelled, as eaten


@pytest.mark.parametrize(
    ("value", "message"),
    [("lots", "'lots' is not a number"), ("-1", "negative value -1"), ("0", "buys nothing")],
)
def test_bad_as_bought_factor_names_line_and_column(tmp_path, value, message):
    with pytest.raises(InputError) as caught:
        load_foods(_with_factors(tmp_path, ["1", value, "1"]))
    assert str(caught.value).startswith("foods.csv: line 3, column as_bought_factor: ")
    assert message in str(caught.value)


def test_column_lists_agree():
    """The file order (FOODS_CSV_COLUMNS) holds exactly the columns the loader checks."""
    from planner.core.data import foods_csv as f
    from planner.core.data.nutrients import GUARD_COLUMNS, REPORTED

    assert set(f.REQUIRED_COLUMNS) == set(f.TEXT_COLUMNS + f.NUMBER_COLUMNS) | {
        n.food_column for n in REPORTED
    }
    assert set(GUARD_COLUMNS) <= set(f.OPTIONAL_NUMBER_COLUMNS)
    added = set(f.FOODS_CSV_COLUMNS) - set(f.REQUIRED_COLUMNS)
    assert added == set(f.OPTIONAL_TEXT_COLUMNS + f.OPTIONAL_NUMBER_COLUMNS)
    from planner.paths import FOODS_CSV

    with open(FOODS_CSV, encoding="utf-8") as fh:
        assert tuple(fh.readline().strip().split(",")) == f.FOODS_CSV_COLUMNS


def test_a_foods_csv_without_guard_columns_holds_them_unknown(tmp_path):
    """Guard columns came later: a foods.csv written before them still loads."""
    from planner.core.data.nutrients import GUARD_COLUMNS, GUARD_KEYS
    from planner.paths import FOODS_CSV

    frame = pd.read_csv(FOODS_CSV, dtype=str, keep_default_na=False)
    old = tmp_path / "foods.csv"
    frame.drop(columns=list(GUARD_COLUMNS)).to_csv(old, index=False)
    foods = load_foods(old)
    assert foods.values.loc[:, list(GUARD_KEYS)].isna().all().all()
    assert foods.values.at["brazil-nuts", "magnesium"] == 376
    assert load_foods(FOODS_CSV).values.at["brazil-nuts", "selenium"] == 1917


def test_a_bad_guard_value_names_line_and_column(tmp_path):
    frame = pd.read_csv(FOODS_CSV_PATH, dtype=str, keep_default_na=False)
    frame.loc[1, "zinc_mg"] = "lots"
    bad = tmp_path / "foods.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(InputError, match=r"foods\.csv: line 3, column zinc_mg: 'lots' is not"):
        load_foods(bad)


def _plain_answers(foods: FoodTable) -> str:
    """What a table answers through its pandas-free accessors, for every food and column
    (as text, so that NaN equals NaN)."""
    columns = list(foods.record(foods.id_list[0]))
    return repr(
        {
            "ids": foods.id_list,
            "columns": {name: foods.column(name) for name in columns},
            "portion_g": foods.numbers("portion_g").tolist(),
            "matrix": foods.matrix.tolist(),
            "records": [foods.record(f) for f in foods.id_list],
            "cells": [
                (foods.name(f), foods.portion_g(f), foods.value(f, "vitamin_d"))
                for f in foods.id_list
            ],
            "len": len(foods),
        }
    )


def test_a_table_read_from_csv_answers_alike_from_its_columns_and_its_frames(tmp_path):
    # The window paints from the plain columns before pandas is loaded; the rest of the
    # core reads the frames, made on first use: both must say the same.
    fresh = load_foods(write_foods_csv(tmp_path / "foods.csv"))
    plain = _plain_answers(fresh)
    from_frames = FoodTable(fresh.info, fresh.values)
    assert _plain_answers(from_frames) == plain
    assert "nan" in plain and "('vegan', 'vegetarian')" in plain
    assert list(fresh.values.columns) == list(NUTRIENT_KEYS)
    assert fresh.values.to_numpy().shape == (3, len(NUTRIENT_KEYS))
    assert fresh.info.index.name == "id" and list(fresh.ids) == fresh.id_list


def test_ids_the_table_does_not_hold_read_as_unknown(tiny_foods):
    assert "gone" not in tiny_foods and "apple" in tiny_foods and ["x"] not in tiny_foods
    assert tiny_foods.positions(["cheese", "gone", "apple"]).tolist() == [1, -1, 0]
    rows = tiny_foods.rows(["cheese", "gone"])
    assert rows[0, NUTRIENT_KEYS.index("calcium")] == 700
    assert np.isnan(rows[1]).all()
    assert np.isnan(tiny_foods.numbers_of("portion_g", ["gone"])).all()
    with pytest.raises(KeyError):
        tiny_foods.position("gone")


def test_reading_foods_csv_and_a_menu_s_coverage_need_no_pandas():
    # What the window's first paint does with the table, in a fresh process.
    script = """
import sys
from planner.core.menus.coverage import compute_coverage
from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.core.menus.menu import Menu, MenuItem
from planner.core.data.profile import Profile
from planner.core.data.ranking import amounts_matrix, basis_gaps
from planner.core.data.search import build_haystacks, matches
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV
foods = load_foods(FOODS_CSV)
targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
menu = Menu("m", [MenuItem("banana", portions=1), MenuItem("kiwi", grams=100)])
coverage = compute_coverage(menu, foods, targets)
amounts_matrix(foods, "portion"), basis_gaps(foods, "100kcal")
assert matches(build_haystacks(foods), "banana").sum() >= 1
top = coverage.contributors("potassium")[0][0]
print(coverage["potassium"].amount > 0, top, "pandas" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "banana", "False"]


def test_a_food_the_table_no_longer_has_is_named_missing_and_has_no_portion(foods):
    """Menus keep items of deleted foods (issue 20, item 9): naming them never raises."""
    import math

    assert foods.name("custom-gone-bar") == "Missing food: custom-gone-bar"
    assert math.isnan(foods.portion_g("custom-gone-bar"))
    assert foods.name("banana") == "Banana" and foods.portion_g("banana") == 118
