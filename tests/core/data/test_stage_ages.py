"""The ages pregnancy and lactation targets cover, from the reference intakes' rows."""

from __future__ import annotations

from planner.core.data.profile import Profile
from planner.core.data.stage_ages import stage_age_problem, stage_ages_note, stage_covers


def test_the_ages_come_from_the_tables_rows(intakes):
    ages = intakes.stage_ages
    assert stage_ages_note(ages, "nasem", "pregnancy") == (
        "NASEM's pregnancy targets cover ages 14 to 50 years"
    )
    assert stage_ages_note(ages, "efsa", "lactation") == (
        "EFSA's lactation targets cover ages 11 years and over"
    )
    assert stage_ages_note(ages, "nasem", "elderly") == ""  # no such rows: nothing to say
    assert [stage_covers(ages, "nasem", "pregnancy", a) for a in (13.9, 14, 50.5, 51)] == [
        False,
        True,
        True,
        False,
    ]


def test_a_profile_out_of_range_says_why(intakes):
    ages = intakes.stage_ages
    assert stage_age_problem(Profile("female", 5, pregnant=True), ages) == (
        "5 years: NASEM's pregnancy targets cover ages 14 to 50 years"
    )
    assert stage_age_problem(Profile("female", 30, lactating=True), ages) == ""
    assert stage_age_problem(Profile("female", 5), ages) == ""  # not pregnant: any age
    assert stage_age_problem(Profile("female", 70, pregnant=True, standard="efsa"), ages) == ""
