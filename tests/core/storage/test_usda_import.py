"""Importing SR28: the shared zip in full, cancelling, re-importing, and every kind of bad input."""

from __future__ import annotations

import math
import zipfile

import numpy as np
import pytest

from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.data.profile import Profile
from planner.core.data.ranking import rank
from planner.core.data.search import build_haystacks, matches
from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.catalog import load_catalog
from planner.core.storage.custom_foods import CustomFood, load_custom_foods, save_custom_food
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.core.storage.library_foods import choose_portion, measures
from planner.core.storage.usda_import import ImportCancelled, import_usda, usda_import_info
from tests.fixtures import write_foods_csv
from tests.sr28_fixtures import sr28_files, write_sr28


def count(library: Library, table: str, where: str = "") -> int:
    return library.db.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0]


def snapshot(library: Library) -> dict[str, object]:
    """Everything an import may touch, to compare before and after."""
    db = library.db
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in (
            "meta",
            "menus",
            "foods",
            "custom_values",
            "usda_food_groups",
            "usda_nutrients",
            "usda_weights",
            "food_portion",
        )
    } | {"values": count(library, "usda_values")}


# --- the shared SR28 zip, imported once for the module ----------------------------------


@pytest.fixture(scope="module")
def imported(sr28_zip, tmp_path_factory):
    """A library with the full SR28 imported, and the progress calls the import made."""
    folder = tmp_path_factory.mktemp("sr28-library")
    library = Library(folder / LIBRARY_FILE)
    calls = []
    summary = import_usda(sr28_zip, library, lambda *call: calls.append(call))
    yield folder, library, summary, calls
    library.close()


@pytest.fixture(scope="module")
def catalog(imported, tmp_path_factory):
    folder, _, _, _ = imported
    foods_csv = write_foods_csv(tmp_path_factory.mktemp("tiny") / "foods.csv")
    return load_catalog(folder, foods_csv)


def test_full_import_stores_every_food_value_and_measure(imported):
    _, library, summary, calls = imported
    assert (summary.foods, summary.values, summary.measures) == (8789, 679045, 15438)
    assert count(library, "foods", "WHERE source='usda'") == 8789
    assert count(library, "usda_values") == 679045
    assert count(library, "usda_weights") == 15438
    assert count(library, "usda_food_groups") == 25
    assert count(library, "usda_nutrients") == 150
    # All 150 nutrients, not only the planner's 11: banana's protein is there too.
    protein = library.db.execute(
        "SELECT value FROM usda_values WHERE ndb='09040' AND nutr_no='203'"
    ).fetchone()
    assert protein == (1.09,)
    assert usda_import_info(library)["source"] == "sr28asc.zip"
    done = [c[0] for c in calls]
    assert done == sorted(done) and calls[-1][:2] == (100, 100)
    assert len({c[2] for c in calls}) >= 8  # says what it is doing


def test_imported_banana_has_sr28_values(catalog):
    banana = "usda-09040"
    values = catalog.values.loc[banana]
    expected = {
        "energy": 89,
        "magnesium": 27,
        "potassium": 358,
        "calcium": 5,
        "iron": 0.26,
        "vitamin_b6": 0.367,
        "folate": 20,
        "vitamin_b12": 0.0,
        "water": 74.91,
        "sodium": 1,
    }
    for key, value in expected.items():
        assert values[key] == pytest.approx(value), key
    info = catalog.info.loc[banana]
    assert info["name"] == "Bananas, raw"
    assert info["category"] == "fruit"
    assert info["usda_food_group"] == "Fruits and Fruit Juices"
    assert info["refuse_pct"] == 36
    assert (info["portion_name"], info["portion_g"]) == ("1 cup, mashed", 225)  # Seq 1
    assert info["source"] == "usda"


def test_imported_foods_carry_the_guard_nutrients(catalog):
    """Retinol, selenium, zinc, copper and manganese come from NUT_DATA like the rest."""
    nuts = catalog.values.loc["usda-12078"]  # Nuts, brazilnuts, dried, unblanched
    assert (nuts["selenium"], nuts["zinc"], nuts["copper"], nuts["manganese"]) == pytest.approx(
        (1917.0, 4.06, 1.743, 1.223)
    )
    liver = catalog.values.loc["usda-13327"]  # beef liver, pan-fried
    assert liver["retinol"] == pytest.approx(7728)
    # A value SR28 does not give stays unknown.
    assert np.isnan(catalog.values.at["usda-09421", "retinol"])  # Medjool dates


def test_imported_foods_join_the_tiny_foods_in_search_and_ranking(catalog):
    assert len(catalog) == 8789 + 3
    assert catalog.info.loc["apple", "source"] == "foods.csv"
    found = catalog.ids[matches(build_haystacks(catalog), "bananas raw")]
    assert "usda-09040" in found
    top = rank(catalog, "magnesium", "100g").index[:20]
    assert all(food.startswith("usda-") for food in top)
    # SR28 gives no vitamin D for some foods: unknown, not 0.
    assert catalog.values["vitamin_d"].isna().sum() > 1000


def test_imported_foods_carry_the_tags_their_group_and_name_give(catalog):
    # Exclusions and the pregnancy caution hold for imported foods too: a nut allergy's
    # exclusion leaves out SR28's almonds, pregnancy its beef liver and swordfish.
    tags = catalog.info["tags"]
    assert tags["usda-12061"] == ("vegan", "vegetarian", "contains-nuts")  # Nuts, almonds
    # Beef liver, raw
    assert tags["usda-13325"] == ("meat", "offal", "pregnancy-caution", "vitamin-a-rich")
    assert tags["usda-15076"] == ("fish",)  # Fish, salmon, Atlantic, wild, raw
    assert tags["usda-15149"] == ("shellfish",)  # Crustaceans, shrimp, raw
    assert tags["usda-16087"] == ("vegan", "vegetarian", "contains-peanuts")  # Peanuts
    nuts = allowed_food_ids(catalog, Exclusions(tags=frozenset({"contains-nuts"})))
    assert "usda-12061" not in nuts and "usda-16087" in nuts
    pregnant = allowed_food_ids(catalog, profile=Profile(sex="female", age=30, pregnant=True))
    assert not {"usda-13325", "usda-15110"} & set(pregnant)  # beef liver, swordfish
    assert "usda-15076" in pregnant
    vegan = allowed_food_ids(catalog, Exclusions(require_tags=frozenset({"vegan"})))
    assert "usda-12061" in vegan and "usda-01123" not in vegan  # almonds; an egg


def test_every_household_measure_can_be_the_portion(imported, tmp_path):
    folder, library, _, _ = imported
    options = measures(library, "usda-09040")
    assert len(options) == 8
    medium = next(m for m in options if m.name.startswith("1 medium"))
    assert medium.grams == 118
    choose_portion(library, "usda-09040", medium.seq)
    try:
        foods_csv = write_foods_csv(tmp_path / "foods.csv")
        foods = load_catalog(folder, foods_csv)
        assert foods.portion_g("usda-09040") == 118
        assert foods.info.at["usda-09040", "portion_name"] == medium.name
    finally:
        library.db.execute("DELETE FROM food_portion")


@pytest.mark.parametrize("stop_at", [10, 75])
def test_cancelling_leaves_the_library_as_it_was(sr28_zip, tmp_path, stop_at):
    """Cancelled while reading (10 %) and while storing values (75 %): nothing changes."""
    library = Library(tmp_path / LIBRARY_FILE)
    library.save_menu(Menu("Kept", [MenuItem("banana", "breakfast", grams=118)]))
    save_custom_food(library, CustomFood("Oat drink", "drinks", {"calcium": 120}))
    before = snapshot(library)
    seen = []

    def progress(done, total, message):
        seen.append(done)

    with pytest.raises(ImportCancelled):
        import_usda(
            sr28_zip, library, progress, should_cancel=lambda: bool(seen) and seen[-1] >= stop_at
        )
    assert snapshot(library) == before
    assert [e.name for e in library.menus()] == ["Kept"]
    assert list(load_custom_foods(library)) == ["custom-oat-drink"]
    assert count(library, "usda_values") == 0
    assert usda_import_info(library) is None
    library.close()


# --- a made-up SR28: formats, re-import, bad input --------------------------------------


@pytest.fixture
def library(tmp_path):
    library = Library(tmp_path / "data" / LIBRARY_FILE)
    yield library
    library.close()


@pytest.mark.parametrize("packed", ["zip", "folder"])
def test_small_sr28_from_zip_or_folder(tmp_path, library, packed):
    source = write_sr28(tmp_path / "sr28", zip_name="sr28.zip" if packed == "zip" else None)
    summary = import_usda(source, library)
    assert (summary.foods, summary.values, summary.measures) == (3, 19, 4)
    foods = load_catalog(library.path.parent, write_foods_csv(tmp_path / "foods.csv"))
    assert foods.values.at["usda-09040", "potassium"] == 358
    assert math.isnan(foods.values.at["usda-09040", "vitamin_d"])  # not in NUT_DATA
    assert foods.values.at["usda-12014", "vitamin_d"] == 0.0
    beef = foods.info.loc["usda-13000"]
    assert beef["tags"] == ("meat",) and beef["refuse_pct"] == 0  # empty Refuse
    assert math.isnan(beef["portion_g"]) and beef["portion_name"] == ""  # no measures
    assert [m.name for m in measures(library, "usda-12014")] == ["1 cup", "0.5 oz"]


def test_importing_again_replaces_the_data_and_keeps_the_users(tmp_path, library):
    source = write_sr28(tmp_path / "sr28")
    import_usda(source, library)
    choose_portion(library, "usda-09040", 2)
    library.save_menu(Menu("Kept"))
    save_custom_food(library, CustomFood("Oat drink", "drinks", {"calcium": 120}))
    files = sr28_files()
    files["NUT_DATA.txt"] = [line.replace("^358^", "^360^") for line in files["NUT_DATA.txt"]]
    import_usda(write_sr28(tmp_path / "sr28b", files), library)
    assert count(library, "foods", "WHERE source='usda'") == 3
    assert count(library, "usda_values") == 19
    foods = load_catalog(library.path.parent, write_foods_csv(tmp_path / "foods.csv"))
    assert foods.values.at["usda-09040", "potassium"] == 360
    assert foods.portion_g("usda-09040") == 118
    assert "custom-oat-drink" in foods and [e.name for e in library.menus()] == ["Kept"]


def _swap(n: int, old: str, new: str):
    """A change of the lines of a file: ``old`` becomes ``new`` in line ``n`` (from 0)."""

    def change(lines: list[str]) -> list[str]:
        assert old in lines[n]
        return [*lines[:n], lines[n].replace(old, new), *lines[n + 1 :]]

    return change


# case -> (file, change of its lines (None: leave the file out), expected message start)
BAD_INPUTS = {
    "missing file": ("NUT_DATA.txt", None, "sr28.zip: NUT_DATA.txt is missing"),
    "last line cut mid-record": (
        "NUT_DATA.txt",
        lambda lines: [*lines[:-1], "~13000~^~30"],
        "sr28.zip/NUT_DATA.txt: line 19: the file ends in the middle of a record (2 of 18",
    ),
    "too many fields": (
        "WEIGHT.txt",
        _swap(1, "118^^", "118^^^"),
        "sr28.zip/WEIGHT.txt: line 2: 8 fields, expected 7",
    ),
    "too few fields": (
        "NUT_DATA.txt",
        lambda lines: [*lines[:4], "~09040~^~301~^5^^^", *lines[5:]],
        "sr28.zip/NUT_DATA.txt: line 5: 6 fields, expected 18",
    ),
    "non-numeric value": (
        "NUT_DATA.txt",
        _swap(2, "^358^", "^3S8^"),
        "sr28.zip/NUT_DATA.txt: line 3: Nutr_Val '3S8' is not a number",
    ),
    "negative value": (
        "NUT_DATA.txt",
        _swap(0, "^89^", "^-89^"),
        "sr28.zip/NUT_DATA.txt: line 1: Nutr_Val -89 must be at least 0",
    ),
    "empty value": (
        "NUT_DATA.txt",
        _swap(0, "^89^", "^^"),
        "sr28.zip/NUT_DATA.txt: line 1: Nutr_Val is empty",
    ),
    "value of an unknown food": (
        "NUT_DATA.txt",
        lambda lines: [*lines, lines[0].replace("09040", "09041")],
        "sr28.zip/NUT_DATA.txt: line 20: NDB_No 09041 is not in FOOD_DES.txt",
    ),
    "value given twice": (
        "NUT_DATA.txt",
        lambda lines: [*lines, lines[1]],
        "sr28.zip/NUT_DATA.txt: line 20: value 09040/304 repeats line 2",
    ),
    "bad NDB number": (
        "FOOD_DES.txt",
        _swap(0, "~09040~", "~9040~"),
        "sr28.zip/FOOD_DES.txt: line 1: NDB_No '9040' is not a 5-digit code",
    ),
    "unknown food group": (
        "FOOD_DES.txt",
        _swap(2, "~1300~", "~1400~"),
        "sr28.zip/FOOD_DES.txt: line 3: FdGrp_Cd 1400 is not in FD_GROUP.txt",
    ),
    "quote left open": (
        "WEIGHT.txt",
        _swap(2, "~cup~", "~cup"),
        "sr28.zip/WEIGHT.txt: line 3: a ~ quote is not closed",
    ),
    "empty line inside": (
        "WEIGHT.txt",
        lambda lines: [lines[0], "", *lines[1:]],
        "sr28.zip/WEIGHT.txt: line 2: empty line",
    ),
    "carriage return inside a line": (
        "WEIGHT.txt",
        lambda lines: [lines[0] + "\r" + lines[1], *lines[2:]],
        "sr28.zip/WEIGHT.txt: line 1: a carriage return inside the line",
    ),
    "empty file": ("FD_GROUP.txt", lambda lines: [], "sr28.zip/FD_GROUP.txt: the file is empty"),
    "wrong unit": (
        "NUTR_DEF.txt",
        _swap(8, "~µg~", "~mg~"),
        "sr28.zip/NUTR_DEF.txt: line 9: nutrient 328 is in 'mg', expected 'µg'",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_names_file_and_line_and_imports_nothing(tmp_path, library, case):
    file, change, message = BAD_INPUTS[case]
    import_usda(write_sr28(tmp_path / "good"), library)
    library.save_menu(Menu("Kept"))
    before = snapshot(library)
    files = sr28_files()
    if change is None:
        del files[file]
    else:
        files[file] = change(files[file])
    cut = case == "last line cut mid-record"
    source = write_sr28(tmp_path / "bad", files, zip_name="sr28.zip", final_newline=not cut)
    with pytest.raises(InputError) as error:
        import_usda(source, library)
    assert str(error.value).startswith(message), str(error.value)
    assert snapshot(library) == before


def test_damaged_zip_and_wrong_paths_are_named(tmp_path, library):
    source = write_sr28(tmp_path / "sr28", zip_name="sr28.zip")
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("NUT_DATA.txt")
    # Flip bytes inside NUT_DATA's compressed data: its CRC check fails.
    start = info.header_offset + 30 + len(info.filename) + 5
    data[start : start + 4] = bytes(b ^ 0xFF for b in data[start : start + 4])
    source.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"^sr28\.zip/NUT_DATA\.txt: cannot be read"):
        import_usda(source, library)
    with pytest.raises(InputError, match=r"^nowhere\.zip: not found"):
        import_usda(tmp_path / "nowhere.zip", library)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"^notes\.txt: not an SR28 zip or folder"):
        import_usda(tmp_path / "notes.txt", library)
    assert count(library, "foods") == 0


def test_a_caret_inside_quoted_text_is_no_fault(tmp_path, library):
    files = sr28_files()
    files["WEIGHT.txt"][0] = files["WEIGHT.txt"][0].replace("cup, mashed", "cup ^ mashed")
    import_usda(write_sr28(tmp_path / "sr28", files), library)
    assert measures(library, "usda-09040")[0].name == "1 cup ^ mashed"
