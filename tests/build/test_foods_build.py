"""foods.csv against SR28 and the mapping: the build, every value, the mapping's checks."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from planner.build.claims import computed_unsupported_claims
from planner.build.food_mapping import MAPPING_COLUMNS
from planner.build.foods_build import (
    FOODS_COLUMNS,
    build_foods,
    foods_csv_text,
    main,
)
from planner.build.sr28_tables import Sr28, read_sr28
from planner.core.data.foods_csv import load_foods
from planner.core.data.nutrients import GUARD_COLUMNS, NUTRIENTS
from planner.core.errors import InputError
from planner.paths import (
    FOOD_MAPPING_CSV,
    FOODS_CSV,
    PORTION_AMOUNTS_CSV,
    REFERENCE_INTAKES_CSV,
)

# --- independent reads: the csv module on the zip, not the builder's pandas reader ---------


def _sr28_records(zip_path: Path, table: str) -> Iterator[list[str]]:
    with zipfile.ZipFile(zip_path) as archive, archive.open(f"{table}.txt") as raw:
        text = io.TextIOWrapper(raw, encoding="latin-1", newline="")
        yield from csv.reader(text, delimiter="^", quotechar="~")


def _read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def foods_rows() -> list[dict[str, str]]:
    return _read_rows(FOODS_CSV)


@pytest.fixture(scope="module")
def mapping_rows() -> list[dict[str, str]]:
    return _read_rows(FOOD_MAPPING_CSV)


@pytest.fixture(scope="module")
def sr28_values(sr28_zip, foods_rows, mapping_rows) -> dict[tuple[str, str], str]:
    """(NDB, Nutr_No) -> Nutr_Val for the foods in foods.csv and their bought forms."""
    ndbs = {row["usda_ndb"] for row in foods_rows} | {row["bought_ndb"] for row in mapping_rows}
    return {
        (record[0], record[1]): record[2]
        for record in _sr28_records(sr28_zip, "NUT_DATA")
        if record[0] in ndbs
    }


@pytest.fixture(scope="module")
def sr28(sr28_zip) -> Sr28:
    return read_sr28(sr28_zip)


@pytest.fixture(scope="module")
def built(sr28) -> pd.DataFrame:
    return build_foods(FOOD_MAPPING_CSV, sr28, REFERENCE_INTAKES_CSV)


def _by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows}


# --- foods.csv is the build's output, and the build is SR28's ------------------------------


def test_foods_csv_is_what_the_builder_builds(built):
    assert tuple(built.columns) == FOODS_COLUMNS
    assert FOODS_CSV.read_bytes() == foods_csv_text(built).encode("utf-8"), (
        "foods.csv is stale: run python -m planner.build.foods_build"
    )


def test_every_nutrient_value_is_sr28s(foods_rows, sr28_values):
    assert len(foods_rows) >= 80
    for row in foods_rows:
        for n in NUTRIENTS:
            cell = row[n.food_column]
            sr28 = sr28_values.get((row["usda_ndb"], n.usda_number))
            where = f"{row['id']} {n.food_column}"
            if sr28 is None:
                assert cell == "", f"{where}: SR28 has no value, foods.csv says {cell!r}"
            else:
                assert cell != "", f"{where}: SR28 says {sr28}, foods.csv has none"
                assert float(cell) == float(sr28), f"{where}: {cell} != SR28 {sr28}"


def test_descriptions_groups_refuse_and_portions_are_sr28s(sr28_zip, foods_rows, mapping_rows):
    described = {r[0]: r for r in _sr28_records(sr28_zip, "FOOD_DES")}
    groups = {r[0]: r[1] for r in _sr28_records(sr28_zip, "FD_GROUP")}
    weights = {(r[0], r[1]): r for r in _sr28_records(sr28_zip, "WEIGHT")}
    seqs = {row["id"]: row["portion_seq"] for row in mapping_rows}
    # A part or a number of SR28's measure (0.25 cup of prunes): its grams scale alike.
    scaled = {row["id"]: float(row["amount"]) for row in _read_rows(PORTION_AMOUNTS_CSV)}
    for row in foods_rows:
        food = described[row["usda_ndb"]]
        assert row["usda_description"] == food[2]
        assert row["usda_food_group"] == groups[food[1]]
        assert float(row["refuse_pct"]) == float(food[8] or 0)
        weight = weights[(row["usda_ndb"], seqs[row["id"]])]
        amount = scaled.get(row["id"], float(weight[2]))
        assert float(row["portion_g"]) == pytest.approx(
            float(weight[4]) * amount / float(weight[2])
        )
        assert float(row["portion_name"].split(" ")[0]) == amount
        assert row["portion_name"].endswith(" " + weight[3])


def test_banana_spot_check(foods_rows):
    banana = _by_id(foods_rows)["banana"]
    assert banana["usda_ndb"] == "09040"
    assert banana["usda_description"] == "Bananas, raw"
    expected = {
        "energy_kcal": 89,
        "magnesium_mg": 27,
        "potassium_mg": 358,
        "calcium_mg": 5,
        "iron_mg": 0.26,
        "vitamin_b6_mg": 0.367,
        "folate_ug_dfe": 20,
        "vitamin_b12_ug": 0,
    }
    assert {k: float(banana[k]) for k in expected} == expected
    assert banana["vitamin_b12_ug"] == "0.00"  # SR28's text, not a reformatted number
    assert banana["refuse_pct"] == "36"
    assert banana["portion_name"] == '1 medium (7" to 7-7/8" long)'
    assert banana["portion_g"] == "118"
    # One banana as bought: 118 g eaten is 64 % of it.
    assert banana["purchase_unit"] == "piece"
    assert banana["purchase_unit_g"] == "184.4"


def test_guard_nutrients_are_sr28s_liver_and_brazil_nuts(foods_rows):
    assert FOODS_COLUMNS[-len(GUARD_COLUMNS) :] == GUARD_COLUMNS
    liver = _by_id(foods_rows)["beef-liver"]
    # SR28 13327 (beef liver, pan-fried): retinol 319, copper 312, zinc 309, per 100 g.
    assert (liver["retinol_ug"], liver["copper_mg"], liver["zinc_mg"]) == ("7728", "14.588", "5.23")
    assert _by_id(foods_rows)["brazil-nuts"]["selenium_ug"] == "1917.0"
    # Dates: SR28 gives no retinol and no selenium: unknown, not 0.
    dates = _by_id(foods_rows)["dates"]
    assert dates["retinol_ug"] == "" and dates["selenium_ug"] == ""
    assert math.isnan(load_foods(FOODS_CSV).values.at["dates", "selenium"])


def test_an_unknown_value_stays_empty(foods_rows, sr28_values):
    # SR28 gives black currants no folate (435) and no vitamin D (328): unknown, not 0.
    currants = _by_id(foods_rows)["black-currants"]
    assert ("09083", "435") not in sr28_values and ("09083", "328") not in sr28_values
    assert currants["folate_ug_dfe"] == "" and currants["vitamin_d_ug"] == ""
    assert math.isnan(load_foods(FOODS_CSV).values.at["black-currants", "folate"])


def test_amounts_have_a_leading_zero_and_no_trailing_point_zero(foods_rows):
    names = {row["id"]: row["portion_name"] for row in foods_rows}
    assert names["green-peas"] == "0.5 cup"  # SR28 writes ".5"
    assert names["rolled-oats"] == "0.333 cup"
    assert not any(name.split(" ")[0].endswith(".0") for name in names.values())


def test_every_food_has_what_a_planner_needs(foods_rows):
    for row in foods_rows:
        assert float(row["portion_g"]) > 0, row["id"]
        assert float(row["purchase_unit_g"]) > 0, row["id"]
    assert _by_id(foods_rows)["tap-water"]["tags"].split(";")[-1] == "no-shopping"


# --- as bought -----------------------------------------------------------------------------

WATER = "255"


def test_lentils_are_bought_dry_by_dry_matter(foods_rows, mapping_rows, sr28_values):
    lentils = _by_id(foods_rows)["lentils"]
    assert lentils["usda_ndb"] == "16070"  # boiled
    assert _by_id(mapping_rows)["lentils"]["bought_ndb"] == "16069"  # raw (dry)
    boiled, raw = (float(sr28_values[(ndb, WATER)]) for ndb in ("16070", "16069"))
    factor = float(lentils["as_bought_factor"])
    assert factor == pytest.approx((100 - boiled) / (100 - raw), abs=5e-4)
    assert factor < 0.4  # 1 g dry makes about 3 g boiled
    assert lentils["bought_description"] == "Lentils, raw"
    assert lentils["bought_name"] == "Lentils, dry"  # what the shopping list calls it


def test_shelled_nuts_and_peeled_fruit(foods_rows):
    foods = _by_id(foods_rows)
    # SR28's refuse is the shell; shoppers buy shelled kernels.
    assert foods["almonds"]["refuse_pct"] == "60"
    assert foods["almonds"]["as_bought_factor"] == "1.000"
    assert foods["almonds"]["bought_description"] == ""
    # A banana is bought with its peel: 100 / (100 - 36), rounded half up.
    assert float(foods["banana"]["as_bought_factor"]) == pytest.approx(100 / 64, abs=5e-4)
    assert foods["banana"]["as_bought_factor"] == "1.563"


def test_every_as_bought_factor_follows_its_rule(sr28_zip, foods_rows, mapping_rows, sr28_values):
    described = {r[0]: r for r in _sr28_records(sr28_zip, "FOOD_DES")}
    mapping = _by_id(mapping_rows)
    for row in foods_rows:
        bought, cell = mapping[row["id"]]["bought_ndb"], row["as_bought_factor"]
        description = ""
        no_refuse = mapping[row["id"]]["bought_no_refuse"] == "yes"
        if bought:
            eaten_water = float(sr28_values[(row["usda_ndb"], WATER)])
            bought_water = float(sr28_values[(bought, WATER)])
            refuse = 0.0 if no_refuse else float(described[bought][8] or 0)
            expected = (100 - eaten_water) / (100 - bought_water) * 100 / (100 - refuse)
            description = described[bought][2]
        else:
            expected = 1.0 if no_refuse else 100 / (100 - float(row["refuse_pct"]))
        assert re.fullmatch(r"\d+\.\d{3}", cell), row["id"]
        assert float(cell) == pytest.approx(expected, abs=5e-4), row["id"]
        assert row["bought_description"] == description, row["id"]


def test_cooked_foods_are_bought_raw_or_dry(foods_rows):
    foods = _by_id(foods_rows)
    for dry in ("white-rice", "bulgur", "whole-wheat-pasta", "chickpeas", "buckwheat"):
        assert float(foods[dry]["as_bought_factor"]) < 0.5, dry
    # Roasting and baking lose water: more raw meat and fish is bought than is eaten.
    for raw in ("chicken-breast", "ground-beef", "cod", "beef-liver"):
        assert float(foods[raw]["as_bought_factor"]) > 1.2, raw
    assert foods["cod"]["bought_description"] == "Fish, cod, Atlantic, raw"
    # Bone-in lamb leg: SR28's raw refuse (bone, fat) comes on top of the cooking loss.
    assert float(foods["lamb"]["as_bought_factor"]) > 2


def test_the_loader_carries_the_factor():
    foods = load_foods(FOODS_CSV)
    assert foods.info.at["lentils", "as_bought_factor"] == 0.331
    assert foods.info.at["almonds", "as_bought_factor"] == 1
    assert foods.info.at["cod", "bought_description"] == "Fish, cod, Atlantic, raw"


@pytest.mark.parametrize(
    ("food", "bought", "message"),
    [
        # Sprouted lentils hold 67 g water: lighter than boiled lentils, yet not a dry good.
        ("lentils", "11248", "only a dry good (under 15 g water) may weigh less"),
        # Almonds in shell (60 % refuse) would make more chocolate than was bought.
        ("dark-chocolate", "12061", "is a dry good (4.41 g water per 100 g)"),
        ("lentils", "08370", "SR28 has no water value for 08370"),
    ],
)
def test_an_implausible_bought_form_is_refused(tmp_path, sr28, mapping_rows, food, bought, message):
    mapping = _edited_mapping(
        tmp_path, mapping_rows, food, "bought_ndb", bought, bought_name="Test form"
    )
    line = _line_of(mapping_rows, food)
    with pytest.raises(InputError) as caught:
        build_foods(mapping, sr28, REFERENCE_INTAKES_CSV)
    assert str(caught.value).startswith(f"food_mapping.csv: line {line}, column bought_ndb: ")
    assert message in str(caught.value)


def test_bought_name_is_the_mappings_exactly_where_a_bought_form_is(foods_rows, mapping_rows):
    mapping = _by_id(mapping_rows)
    for row in foods_rows:
        curated = mapping[row["id"]]
        assert row["bought_name"] == curated["bought_name"], row["id"]
        assert bool(row["bought_name"]) == bool(curated["bought_ndb"]), row["id"]
    # The planner's own columns, then the guard nutrients' (added later, at the end).
    assert FOODS_COLUMNS[-2 - len(GUARD_COLUMNS)] == "bought_name"


@pytest.mark.parametrize(
    ("food", "value", "message"),
    [
        ("lentils", "", "empty: name the form bought for bought_ndb"),
        ("lentils", "  ", "empty: name the form bought for bought_ndb"),
        ("banana", "Bananas, green", "'Bananas, green': leave empty when bought_ndb is empty"),
        # Shelled nuts are bought as eaten: no bought form, so no bought name.
        ("almonds", "Almonds, shelled", "leave empty when bought_ndb is empty"),
    ],
)
def test_bought_name_faults_name_file_line_and_column(tmp_path, mapping_rows, food, value, message):
    mapping = _edited_mapping(tmp_path, mapping_rows, food, "bought_name", value)
    line = _line_of(mapping_rows, food)
    # Checked with the mapping, before SR28 is read.
    with pytest.raises(ValueError) as caught:
        build_foods(mapping, tmp_path / "no-sr28-needed.zip", REFERENCE_INTAKES_CSV)
    assert isinstance(caught.value, InputError)
    assert str(caught.value).startswith(f"food_mapping.csv: line {line}, column bought_name: ")
    assert message in str(caught.value)


def test_a_potato_baked_in_its_skin_is_bought_raw_by_dry_matter_without_peel(foods_rows):
    # Baking dries it (74.89 g water per 100 g against 79.25 raw), so more raw potato is
    # bought than baked potato eaten; SR28's raw entry counts a 25 % peel as refuse, which
    # a potato baked and eaten in its skin does not lose.
    potato = _by_id(foods_rows)["baked-potato"]
    assert potato["as_bought_factor"] == "1.210"  # (100 - 74.89) / (100 - 79.25)
    assert potato["bought_description"] == "Potatoes, flesh and skin, raw"
    assert potato["bought_name"] == "Baking potatoes, raw"


# --- unsupported claims --------------------------------------------------------------------


def test_honey_does_not_back_the_potassium_claim(foods_rows, mapping_rows):
    # 1 tbsp (21 g) x 52 mg/100 g = 11 mg, well under 10 % of 2600 mg.
    assert _by_id(foods_rows)["honey"]["unsupported_claims"] == "potassium"
    assert _by_id(mapping_rows)["honey"]["unsupported_claims"] == "potassium"
    assert _by_id(foods_rows)["banana"]["unsupported_claims"] == ""


def test_claims_rule_flags_known_low_values_only():
    foods = pd.DataFrame(
        {
            "article_lists": ["potassium;magnesium", "potassium", ""],
            "portion_g": ["100", "100", "100"],
            **{n.food_column: ["", "", ""] for n in NUTRIENTS},
        }
    )
    foods.loc[0, "potassium_mg"] = "259"  # 259 mg < 260 mg (10 % of 2600): flagged
    foods.loc[0, "magnesium_mg"] = ""  # unknown: not flagged
    foods.loc[1, "potassium_mg"] = "260"  # exactly 10 %: backed
    claims = computed_unsupported_claims(foods, {"potassium": 2600.0, "magnesium": 320.0})
    assert claims.tolist() == ["potassium", "", ""]


def test_a_mapping_that_drifts_from_the_data_is_refused(tmp_path, sr28, mapping_rows):
    mapping = _edited_mapping(tmp_path, mapping_rows, "honey", "unsupported_claims", "")
    with pytest.raises(ValueError, match=r"food_mapping\.csv: line \d+, column unsupported_claims"):
        build_foods(mapping, sr28, REFERENCE_INTAKES_CSV)
    with pytest.raises(InputError, match=r"honey: .*\(add potassium\)"):
        build_foods(mapping, sr28, REFERENCE_INTAKES_CSV)


# --- the mapping's checks ------------------------------------------------------------------


def _edited_mapping(
    tmp_path: Path, rows: list[dict[str, str]], food: str, column: str, value: str, **more: str
) -> Path:
    """The mapping with ``food``'s ``column`` (and any ``more`` columns) set."""
    path = tmp_path / "food_mapping.csv"
    edits = {column: value, **more}
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(MAPPING_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, **edits} if row["id"] == food else row for row in rows)
    return path


def _line_of(rows: list[dict[str, str]], food: str) -> int:
    return next(i for i, row in enumerate(rows) if row["id"] == food) + 2


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("usda_ndb", "99999", "unknown NDB number '99999'"),
        ("usda_ndb", "9040", "'9040' is not a 5-digit NDB"),
        ("portion_seq", "42", "Seq 42 is not in SR28 WEIGHT"),
        ("tags", "vegan;glutenous", "unknown tag 'glutenous'"),
        ("category", "sweets", "unknown category 'sweets'"),
        ("purchase_unit", "crate", "unknown purchase unit 'crate'"),
        ("purchase_unit_g", "120", "leave empty for piece foods"),
        ("article_lists", "potassium;zinc", "unknown nutrient 'zinc'"),
        ("unsupported_claims", "iron", "'iron' is not in article_lists"),
        ("bought_ndb", "99999", "unknown NDB number '99999'"),
        ("bought_ndb", "9040", "'9040' is not a 5-digit NDB"),
        ("bought_ndb", "09040", "the eaten form itself: leave empty"),
        ("bought_no_refuse", "no", "'no': write yes or leave empty"),
    ],
)
def test_mapping_faults_name_file_line_and_column(
    tmp_path, sr28, mapping_rows, column, value, message
):
    # A bought form needs its shopper's name too; give one so the fault tested is the one hit.
    more = {"bought_name": "Bananas, test"} if column == "bought_ndb" else {}
    mapping = _edited_mapping(tmp_path, mapping_rows, "banana", column, value, **more)
    line = _line_of(mapping_rows, "banana")
    with pytest.raises(ValueError) as caught:
        build_foods(mapping, sr28, REFERENCE_INTAKES_CSV)
    assert str(caught.value).startswith(f"food_mapping.csv: line {line}, column {column}: ")
    assert message in str(caught.value)


def test_a_duplicate_id_is_refused_before_sr28_is_read(tmp_path, mapping_rows):
    mapping = _edited_mapping(tmp_path, mapping_rows, "kiwi", "id", "banana")
    line = _line_of(mapping_rows, "kiwi")
    with pytest.raises(ValueError, match=rf"food_mapping\.csv: line {line}, column id: duplicate"):
        build_foods(mapping, tmp_path / "no-sr28-needed.zip", REFERENCE_INTAKES_CSV)


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "food_mapping.csv"
    path.write_text("id,name\nbanana,Banana\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"food_mapping\.csv: header: the columns must be"):
        build_foods(path, tmp_path, REFERENCE_INTAKES_CSV)


# --- reading SR28 --------------------------------------------------------------------------

# A two-food SR28 in its own format: CRLF, ~text~, ^-separated, an empty (unknown) value.
MINI_SR28 = {
    "FOOD_DES.txt": "~09040~^~0900~^~Bananas, raw~^~BANANAS,RAW~^^^~Y~^~Skin~^36^~Musa~^6.25^^^\r\n"
    "~19296~^~1900~^~Honey~^~HONEY~^^^~Y~^^0^^6.25^^^\r\n",
    "FD_GROUP.txt": "~0900~^~Fruits and Fruit Juices~\r\n~1900~^~Sweets~\r\n",
    "NUT_DATA.txt": "~09040~^~306~^358^1^^~1~^^^^^^^^^^^^\r\n"
    "~09040~^~418~^0.00^0^^~4~^^^^^^^^^^^^\r\n"
    "~09040~^~203~^1.09^1^^~1~^^^^^^^^^^^^\r\n"
    "~19296~^~306~^52^1^^~1~^^^^^^^^^^^^\r\n",
    "WEIGHT.txt": '~09040~^5^1^~medium (7" to 7-7/8" long)~^118^^\r\n~19296~^2^1^~tbsp~^21^^\r\n',
}


def _write_mini_sr28(folder: Path, lower_case: bool = False) -> Path:
    folder.mkdir()
    for name, text in MINI_SR28.items():
        (folder / (name.lower() if lower_case else name)).write_bytes(text.encode("latin-1"))
    return folder


def test_read_sr28_reads_a_folder_and_a_zip_alike(tmp_path):
    folder = _write_mini_sr28(tmp_path / "sr28", lower_case=True)
    archive = tmp_path / "sr28.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, text in MINI_SR28.items():
            zipped.writestr(f"sr28asc/{name}", text.encode("latin-1"))
    from_folder, from_zip = read_sr28(folder), read_sr28(archive)
    for part in ("foods", "groups", "nutrients", "weights"):
        pd.testing.assert_frame_equal(getattr(from_folder, part), getattr(from_zip, part))
    # Only tracked nutrients are kept (not protein, 203); text stays as SR28 writes it.
    assert from_zip.nutrients["value"].tolist() == ["358", "0.00", "52"]
    assert from_zip.foods.set_index("ndb").at["19296", "refuse"] == "0"
    assert from_zip.weights.at[0, "measure"] == 'medium (7" to 7-7/8" long)'


def test_read_sr28_names_a_missing_table_and_a_missing_path(tmp_path):
    folder = _write_mini_sr28(tmp_path / "sr28")
    (folder / "WEIGHT.txt").unlink()
    with pytest.raises(InputError, match=r"WEIGHT\.txt is missing"):
        read_sr28(folder)
    with pytest.raises(InputError, match="not found"):
        read_sr28(tmp_path / "nowhere.zip")


def test_the_full_zip_reads_whole(sr28):
    assert len(sr28.foods) == 8789 and len(sr28.weights) == 15438 and len(sr28.groups) == 25
    assert sr28.foods["ndb"].str.fullmatch(r"\d{5}").all()
    assert set(sr28.nutrients["nutr_no"]) == {n.usda_number for n in NUTRIENTS}


# --- the command line ----------------------------------------------------------------------


def test_command_line_builds_and_checks(tmp_path, sr28_zip, capsys):
    output = tmp_path / "foods.csv"
    assert main(["--sr28", str(sr28_zip), "--output", str(output)]) == 0
    assert output.read_bytes() == FOODS_CSV.read_bytes()
    assert main(["--sr28", str(sr28_zip), "--output", str(output), "--check"]) == 0
    output.write_bytes(output.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["--sr28", str(sr28_zip), "--output", str(output), "--check"]) == 1
    assert "run: python -m planner.build.foods_build" in capsys.readouterr().err


def test_command_line_reports_bad_input_in_one_line(tmp_path, capsys):
    assert main(["--mapping", str(tmp_path / "missing.csv"), "--check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.csv: file not found" in err


# --- portions, raw values beside unknowns, the entries people eat ---------------------------


def test_oversized_portions_are_a_quarter_of_sr28s_cup(foods_rows):
    rows = _by_id(foods_rows)
    assert (rows["prunes"]["portion_name"], rows["prunes"]["portion_g"]) == (
        "0.25 cup, pitted",
        "43.5",
    )
    assert rows["dried-figs"]["portion_g"] == "37.25"
    assert rows["dried-apricots"]["portion_g"] == "32.5"
    assert (rows["wheat-bran"]["portion_name"], rows["wheat-bran"]["portion_g"]) == (
        "0.25 cup",
        "14.5",
    )
    # The claims follow: a quarter cup of prunes backs no magnesium or iron claim.
    assert rows["prunes"]["unsupported_claims"] == "magnesium;iron"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prunes,0,why", "line 2, column amount: '0' is not a positive number"),
        ("figs,0.25,why", "line 2, column id: 'figs' is not a food of the mapping"),
        ("prunes,0.25,", "line 2, column reason: empty: say why this portion"),
    ],
)
def test_a_bad_portion_amount_is_refused(tmp_path, sr28, text, message):
    path = tmp_path / "portion_amounts.csv"
    path.write_text("id,amount,reason\n" + text + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_foods(FOOD_MAPPING_CSV, sr28, REFERENCE_INTAKES_CSV, path)
    assert str(caught.value) == f"portion_amounts.csv: {message}"


def test_a_raw_value_is_carried_beside_an_unknown_cooked_one(foods_rows, sr28_values):
    rows = _by_id(foods_rows)
    # Baked sea bass (15092) has no vitamin D in SR28; its raw fillet (15091) has 5.6 ug.
    assert ("15092", "328") not in sr28_values and sr28_values[("15091", "328")] == "5.6"
    assert rows["sea-bass"]["vitamin_d_ug"] == "" and rows["sea-bass"]["raw_values"] == (
        "vitamin_d=5.6"
    )
    # Only where the cooked value is unknown, and never from a dry good (rice, lentils).
    assert rows["white-rice"]["raw_values"] == "" and rows["banana"]["raw_values"] == ""
    for row in foods_rows:
        for pair in filter(None, row["raw_values"].split(";")):
            key = pair.split("=")[0]
            assert row[next(n.food_column for n in NUTRIENTS if n.key == key)] == "", row["id"]


def test_the_entries_people_eat(foods_rows):
    rows = _by_id(foods_rows)
    # Mackerel with a vitamin D value (Pacific and jack, cooked: 11.4 ug), corn boiled,
    # peanuts dry-roasted, tuna by drained weight, not SR28's old 165 g can.
    assert (rows["mackerel"]["usda_ndb"], rows["mackerel"]["vitamin_d_ug"]) == ("15201", "11.4")
    assert rows["sweet-corn"]["usda_ndb"] == "11168" and rows["peanuts"]["usda_ndb"] == "16390"
    assert (rows["tuna"]["purchase_unit"], rows["tuna"]["portion_g"]) == ("kg", "85")
    # The fortified and enriched entries beside the unfortified and unenriched ones.
    assert rows["milk-vitamin-d"]["vitamin_d_ug"] == "1.3" and rows["milk"]["usda_ndb"] == "01211"
    enriched, plain = rows["white-rice-enriched"], rows["white-rice"]
    assert float(enriched["iron_mg"]) > 5 * float(plain["iron_mg"])
    assert float(enriched["folate_ug_dfe"]) > 30 * float(plain["folate_ug_dfe"])
