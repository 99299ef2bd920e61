"""Ceilings a completion keeps under: scope-``all`` upper limits, and sodium's."""

from __future__ import annotations

from planner.core.data.ceilings import ceiling_phrase, ceilings, in_text
from planner.core.data.profile import Profile


def test_nasem_ceilings_are_the_limits_that_apply_to_food(intakes):
    found = ceilings(intakes.targets(Profile("female", 40)))
    assert found == {
        "calcium": 2500,
        "iron": 45,
        "vitamin_b6": 100,
        "vitamin_d": 100,
        "sodium": 2300,
        # The guards: watched for their limits though the chart leaves them out.
        "retinol": 3000,
        "selenium": 400,
        "zinc": 40,
        "copper": 10,
        "manganese": 11,
    }  # magnesium's and folate's limits concern supplements


def test_without_a_sodium_limit_its_reference_intake_is_the_ceiling(intakes):
    found = ceilings(intakes.targets(Profile("female", 40, standard="efsa")))
    assert found["sodium"] == 2000  # EFSA's safe and adequate intake
    assert "iron" not in found  # EFSA sets no upper limit for iron
    assert (found["selenium"], found["retinol"], found["zinc"]) == (255, 3000, 25)
    # Nor for manganese: a guard limit food alone can pass is NASEM's there (intakes.py).
    assert found["manganese"] == 11


def test_phrases():
    assert in_text("vitamin_d") == "vitamin D"
    assert in_text("folate") == "folate (B9)"
    assert ceiling_phrase("sodium", 2300) == "the sodium limit (2,300 mg)"
    assert ceiling_phrase("vitamin_d", 100) == "the vitamin D limit (100 µg)"
    assert ceiling_phrase("retinol", 3000) == "the vitamin A (retinol) limit (3,000 µg)"
