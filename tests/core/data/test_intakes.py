"""Reference intakes: the table's integrity and the targets a profile gets."""

from __future__ import annotations

import csv
import itertools

import pytest

from planner.core.data.intakes import COLUMNS, ReferenceIntakes
from planner.core.data.nutrients import CHART_KEYS, GUARD_KEYS
from planner.core.data.profile import Profile
from planner.core.errors import InputError
from planner.paths import REFERENCE_INTAKES_CSV


def test_woman_of_55_gets_nasem_targets(intakes):
    t = intakes.targets(Profile("female", 55))
    assert (t["magnesium"].value, t["magnesium"].kind) == (320, "RDA")
    assert t["magnesium"].upper_limit == 350 and t["magnesium"].upper_limit_scope == "supplements"
    assert not t["magnesium"].limit_applies_to_food
    assert t["calcium"].value == 1200 and t["calcium"].limit_applies_to_food
    assert t["iron"].value == 8
    assert t["potassium"].value == 2600 and t["potassium"].kind == "AI"
    assert t["sodium"].value == 1500 and t["sodium"].upper_limit == 2300
    assert t["water"].value == 2.7
    assert "energy" not in t
    assert all(target.source for target in t.values())


def test_life_stage_changes_targets(intakes):
    young = intakes.targets(Profile("female", 30))
    pregnant = intakes.targets(Profile("female", 30, pregnant=True))
    lactating = intakes.targets(Profile("female", 30, lactating=True))
    man = intakes.targets(Profile("male", 30))
    assert young["iron"].value == 18 and pregnant["iron"].value == 27 and man["iron"].value == 8
    assert pregnant["folate"].value == 600 and lactating["folate"].value == 500
    assert man["magnesium"].value == 400 and young["magnesium"].value == 310
    assert intakes.targets(Profile("female", 75))["vitamin_d"].value == 20


def test_every_age_has_every_nasem_target(intakes):
    for sex in ("female", "male"):
        for age in (
            0,
            0.4,
            0.5,
            1,
            3.9,
            4,
            8.5,
            9,
            13.9,
            14,
            18.99,
            19,
            30,
            31,
            50,
            51,
            70,
            71,
            120,
        ):
            targets = intakes.targets(Profile(sex, age))
            # Ten charted nutrients, and the five guards' limits (with a target or without).
            assert set(targets) == {*CHART_KEYS, *GUARD_KEYS}, (sex, age)


def test_efsa_adults(intakes):
    t = intakes.targets(Profile("male", 40, standard="efsa"))
    assert t["magnesium"].value == 350 and t["magnesium"].kind == "AI"
    assert t["potassium"].value == 3500
    assert t["vitamin_b12"].value == 4.0
    # EFSA sets no values for infants under 7 months, nor holds Crampless its 7-11 month
    # ones: no target rather than a wrong one.
    assert intakes.targets(Profile("male", 0.5, standard="efsa")) == {}


def test_efsa_children_and_teenagers(intakes):
    girl = intakes.targets(Profile("female", 16, standard="efsa"))
    assert (girl["magnesium"].value, girl["magnesium"].upper_limit) == (250, 250)
    assert not girl["magnesium"].limit_applies_to_food  # supplements only
    assert girl["iron"].value == 13 and girl["iron"].upper_limit is None
    assert (girl["calcium"].value, girl["calcium"].kind) == (1150, "PRI")
    assert (girl["vitamin_b6"].value, girl["vitamin_b6"].upper_limit) == (1.6, 10.7)
    assert (girl["folate"].value, girl["folate"].upper_limit) == (330, 800)
    assert (girl["vitamin_d"].value, girl["vitamin_d"].upper_limit) == (15, 100)
    assert girl["potassium"].value == 3500 and girl["vitamin_b12"].value == 4
    assert girl["sodium"].value == 2000 and girl["water"].value == 2.0
    boy = intakes.targets(Profile("male", 12, standard="efsa"))
    assert (boy["magnesium"].value, boy["iron"].value, boy["water"].value) == (300, 11, 2.1)
    child = intakes.targets(Profile("female", 5, standard="efsa"))
    assert (child["magnesium"].value, child["magnesium"].upper_limit) == (230, 250)
    assert (child["vitamin_d"].upper_limit, child["sodium"].value) == (50, 1300)
    assert (child["folate"].value, child["vitamin_b12"].value) == (140, 1.5)
    toddler = intakes.targets(Profile("male", 2, standard="efsa"))
    assert toddler["magnesium"].value == 170 and toddler["magnesium"].upper_limit is None
    assert (toddler["calcium"].value, toddler["water"].value) == (450, 1.3)
    for age in (1, 2.5, 3, 3.99, 4, 6.5, 9, 10, 10.99, 11, 14, 15, 17.99, 18, 25, 80):
        for sex in ("female", "male"):
            targets = intakes.targets(Profile(sex, age, standard="efsa"))
            assert set(CHART_KEYS) <= set(targets), (sex, age)


def test_a_profile_without_targets_is_told_why_and_what_has_them(intakes):
    keys = CHART_KEYS
    assert intakes.missing_note(Profile("male", 0.5, standard="efsa"), keys) == (
        "No targets at 0.5 years: Crampless holds EFSA (EU) values for ages 1 and over only. "
        "NASEM (US/Canada) targets cover this age."
    )
    assert intakes.missing_note(Profile("male", 0.5), keys) == ""
    assert intakes.missing_note(Profile("male", 10, standard="efsa"), keys) == ""
    assert intakes.missing_note(Profile("female", 40, standard="efsa"), keys) == ""
    # Pregnant at 16: EFSA's pregnancy values are taken from the nearest band, age 18.
    assert intakes.missing_note(Profile("female", 16, pregnant=True, standard="efsa"), keys) == ""


def test_a_table_lacking_some_nutrients_names_them(intakes):
    table = intakes.table
    dropped = (table["standard"] == "efsa") & table["nutrient"].isin(["sodium", "water"])
    note = ReferenceIntakes(table[~dropped].to_dict("records")).missing_note(
        Profile("male", 40, standard="efsa"), CHART_KEYS
    )
    assert note == (
        "No target for Sodium or Water at 40 years: Crampless holds no EFSA (EU) value for "
        "this life stage. NASEM (US/Canada) targets cover this age."
    )


def test_pregnancy_outside_published_bands_takes_nearest(intakes):
    efsa_teen = intakes.targets(Profile("female", 16, pregnant=True, standard="efsa"))
    assert efsa_teen["folate"].value == 600
    # Except calcium, which EFSA sets for a pregnant or breastfeeding girl at her age's PRI.
    assert efsa_teen["calcium"].value == 1150 and efsa_teen["calcium"].upper_limit is None
    nursing = intakes.targets(Profile("female", 17, lactating=True, standard="efsa"))
    assert nursing["calcium"].value == 1150
    assert (
        intakes.targets(Profile("female", 30, pregnant=True, standard="efsa"))["calcium"].value
        == 950
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(sex="other"),
        dict(age=-1),
        dict(age=200),
        dict(pregnant=True, lactating=True),
        dict(sex="male", pregnant=True),
        dict(standard="who"),
    ],
)
def test_impossible_profiles_are_refused(kwargs):
    with pytest.raises(InputError):
        Profile(**kwargs)


def test_bad_intakes_file(tmp_path, intakes):
    path = tmp_path / "ri.csv"
    text = (intakes.table.astype(str)).to_csv(index=False)
    path.write_text(text.replace(",320.0,", ",three hundred,", 1))
    with pytest.raises(InputError, match=r"ri.csv: line \d+, column value"):
        ReferenceIntakes.load(path)


# --- the table's invariants (docs/reference-intakes.md) ------------------------------------


def _rows() -> list[dict[str, str]]:
    with open(REFERENCE_INTAKES_CSV, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(COLUMNS)  # in the contract's order
        return list(reader)


def test_every_row_holds_allowed_values_and_limits_above_targets():
    units: dict[str, set[str]] = {}
    keys = set()
    for row in _rows():
        assert row["standard"] in ("nasem", "efsa")
        assert row["nutrient"] in (*CHART_KEYS, *GUARD_KEYS)
        kinds = ("RDA", "AI") if row["standard"] == "nasem" else ("PRI", "AI")
        # A guard's row may carry its upper limit alone (kind UL, no target).
        assert row["kind"] in ((*kinds, "UL") if row["nutrient"] in GUARD_KEYS else kinds), row
        assert row["sex"] in ("any", "male", "female")
        assert row["life_stage"] in ("infant", "child", "adult", "pregnancy", "lactation")
        if row["life_stage"] in ("pregnancy", "lactation"):
            assert row["sex"] == "female"
        assert row["source"]
        if row["kind"] == "UL":
            assert row["value"] == "" and row["upper_limit"] and row["upper_limit_scope"] == "all"
        else:
            assert float(row["value"]) > 0
        assert bool(row["upper_limit"]) == bool(row["upper_limit_scope"]), row
        if row["upper_limit"]:
            assert row["upper_limit_scope"] in ("all", "supplements")
            assert float(row["upper_limit"]) > 0
            if row["upper_limit_scope"] == "all" and row["value"]:
                assert float(row["upper_limit"]) >= float(row["value"]), row
        units.setdefault(row["nutrient"], set()).add(row["unit"])
        key = tuple(row[c] for c in ("standard", "nutrient", "sex", "life_stage", "age_min"))
        assert key not in keys, key
        keys.add(key)
    assert all(len(u) == 1 for u in units.values()), units


@pytest.mark.parametrize(
    ("standard", "stages", "start", "end"),
    [
        ("nasem", ("infant", "child", "adult"), 0, 150),
        ("nasem", ("pregnancy",), 14, 51),
        ("nasem", ("lactation",), 14, 51),
        ("efsa", ("child", "adult"), 1, 150),
        ("efsa", ("pregnancy",), 18, 150),
        ("efsa", ("lactation",), 18, 150),
    ],
)
def test_the_age_bands_cover_each_standard_without_gap_or_overlap(standard, stages, start, end):
    rows = [r for r in _rows() if r["standard"] == standard and r["life_stage"] in stages]
    # NASEM sets every guard's limit or target at every age; EFSA's guard rows are where it
    # (or the SCF) set a UL (tested below).
    for nutrient in (*CHART_KEYS, *GUARD_KEYS) if standard == "nasem" else CHART_KEYS:
        special = stages[0] in ("pregnancy", "lactation")
        for sex in ("female",) if special else ("male", "female"):
            bands = sorted(
                (float(r["age_min"]), float(r["age_max"]))
                for r in rows
                if r["nutrient"] == nutrient and r["sex"] in (sex, "any")
            )
            assert bands, (standard, nutrient, sex)
            # EFSA's calcium in pregnancy and lactation starts younger (the PRI of girls of
            # the same age applies); every other band starts where the standard does.
            earlier = special and standard == "efsa" and nutrient == "calcium"
            first = bands[0][0]
            assert first < start if earlier else first == start, (nutrient, sex, bands)
            assert bands[-1][1] == end, (nutrient, sex, bands)
            for (_, upper), (lower, _) in itertools.pairwise(bands):
                assert upper == lower, (standard, nutrient, sex, bands)


@pytest.mark.parametrize("nutrient", GUARD_KEYS)
@pytest.mark.parametrize("stage", ["child-adult", "pregnancy", "lactation"])
def test_efsa_guard_bands_never_overlap_and_run_to_the_end(nutrient, stage):
    stages = ("child", "adult") if stage == "child-adult" else (stage,)
    rows = [
        r
        for r in _rows()
        if r["standard"] == "efsa" and r["nutrient"] == nutrient and r["life_stage"] in stages
    ]
    for sex in ("female",) if stage != "child-adult" else ("male", "female"):
        bands = sorted((float(r["age_min"]), float(r["age_max"])) for r in rows if r["sex"] == sex)
        if not bands:
            continue  # no UL set (manganese), or none held (docs/reference-intakes.md)
        assert bands[-1][1] == 150, (nutrient, sex, bands)
        for (_, upper), (lower, _) in itertools.pairwise(bands):
            assert upper == lower, (nutrient, sex, bands)


def test_guard_limits_for_a_woman_of_70_and_a_toddler(intakes):
    woman = intakes.targets(Profile("female", 70))
    retinol = woman["retinol"]
    assert (retinol.value, retinol.kind, retinol.upper_limit) == (None, "UL", 3000)
    assert retinol.limit_applies_to_food and "preformed" in retinol.source
    assert (woman["selenium"].value, woman["selenium"].upper_limit) == (55, 400)
    assert (woman["zinc"].value, woman["zinc"].upper_limit) == (8, 40)
    assert (woman["copper"].value, woman["copper"].upper_limit) == (0.9, 10)
    assert (woman["manganese"].value, woman["manganese"].kind) == (1.8, "AI")
    toddler = intakes.targets(Profile("male", 2))
    assert toddler["retinol"].upper_limit == 600 and toddler["copper"].upper_limit == 1
    infant = intakes.targets(Profile("female", 0.3))
    # NASEM: "ND" for infants' copper and manganese: a target, no limit.
    assert infant["copper"].upper_limit is None and infant["manganese"].value == 0.003
    assert infant["selenium"].upper_limit == 45
    pregnant = intakes.targets(Profile("female", 30, pregnant=True))
    assert (pregnant["zinc"].value, pregnant["retinol"].upper_limit) == (11, 3000)
    efsa = intakes.targets(Profile("female", 40, standard="efsa"))
    assert (efsa["selenium"].upper_limit, efsa["retinol"].upper_limit) == (255, 3000)
    assert (efsa["zinc"].upper_limit, efsa["copper"].upper_limit) == (25, 5)
    assert efsa["zinc"].value is None
    # EFSA sets no manganese limit: NASEM's stands in (11 mg), and says so.
    assert efsa["manganese"].upper_limit == 11 and "NASEM's" in efsa["manganese"].source


def test_a_ul_row_with_a_target_or_without_a_limit_is_refused(tmp_path):
    text = REFERENCE_INTAKES_CSV.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("nasem,retinol,"))
    for broken, column in (
        (row.replace(",UL,any,infant,0,0.5,,", ",UL,any,infant,0,0.5,500,"), "value"),
        (row.replace(",600,all,", ",,,"), "upper_limit"),
    ):
        path = tmp_path / "ri.csv"
        path.write_text(text.replace(row, broken), encoding="utf-8")
        with pytest.raises(InputError, match=rf"ri.csv: line \d+, column {column}"):
            ReferenceIntakes.load(path)


def test_a_guard_limit_the_standard_does_not_give_here_is_nasems(intakes):
    """EFSA's children's retinol and selenium limits are not held: NASEM's stand in, said
    in the source, so that no limit food alone can pass goes unwatched."""
    child = intakes.targets(Profile("female", 5, standard="efsa"))
    nasem_child = intakes.targets(Profile("female", 5))
    for key in ("retinol", "selenium"):
        assert child[key].upper_limit == nasem_child[key].upper_limit
        assert "NASEM's, as no EFSA limit for this life stage is held" in child[key].source
    # Where EFSA (the SCF) sets one, it is EFSA's: zinc for a five-year-old, 10 mg.
    assert child["zinc"].upper_limit == 10 and "NASEM" not in child["zinc"].source
    adult = intakes.targets(Profile("female", 40, standard="efsa"))
    assert adult["selenium"].upper_limit == 255 and "NASEM" not in adult["selenium"].source
