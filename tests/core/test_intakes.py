"""Reference intakes: the table's integrity and the targets a profile gets."""

from __future__ import annotations

import pytest

from planner.core.errors import InputError
from planner.core.intakes import ReferenceIntakes
from planner.core.nutrients import CHART_KEYS
from planner.core.profile import Profile


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
            assert len(intakes.targets(Profile(sex, age))) == 10, (sex, age)


def test_efsa_adults(intakes):
    t = intakes.targets(Profile("male", 40, standard="efsa"))
    assert t["magnesium"].value == 350 and t["magnesium"].kind == "AI"
    assert t["potassium"].value == 3500
    assert t["vitamin_b12"].value == 4.0
    # EFSA gives no values for children here: no target rather than a wrong one.
    assert intakes.targets(Profile("male", 10, standard="efsa")) == {}


def test_a_profile_without_targets_is_told_why_and_what_has_them(intakes):
    keys = CHART_KEYS
    assert intakes.missing_note(Profile("male", 10, standard="efsa"), keys) == (
        "No targets at 10 years: Crampless holds EFSA (EU) values for ages 18 and over only. "
        "NASEM (US/Canada) targets cover this age."
    )
    assert intakes.missing_note(Profile("male", 10), keys) == ""
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
