"""Episodes checked as they are made: every bad field named, the future refused."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.diary.episode import Episode, make_episode, night_of
from planner.core.errors import InputError

TODAY = dt.date(2026, 12, 5)
GOOD = {"when": "2026-12-01 03:10", "leg": "left", "muscle": "calf", "minutes": 4, "severity": 6}


def test_a_good_episode_and_its_night():
    e = make_episode({**GOOD, "before": "exercise;alcohol", "note": " ouch "}, TODAY)
    assert e == Episode(
        dt.datetime(2026, 12, 1, 3, 10),
        "left",
        "calf",
        4.0,
        6,
        frozenset({"exercise", "alcohol"}),
        frozenset(),
        "ouch",
    )
    assert e.night == dt.date(2026, 11, 30), "03:10 belongs to the night before"
    assert night_of(dt.datetime(2026, 12, 1, 12, 0)) == dt.date(2026, 12, 1)
    assert night_of(dt.datetime(2026, 12, 1, 11, 59)) == dt.date(2026, 11, 30)
    assert (
        make_episode({**GOOD, "leg": "both", "muscle": "foot"}, TODAY).where_text() == "both feet"
    )


def test_today_is_allowed_and_the_day_after_is_refused():
    assert make_episode({**GOOD, "when": "2026-12-05 23:59"}, TODAY).when.day == 5
    with pytest.raises(InputError) as caught:
        make_episode({**GOOD, "when": "2026-12-06 00:10"}, TODAY, "diary.csv", "line 3, column ")
    assert str(caught.value) == (
        "diary.csv: line 3, column when: 2026-12-06 00:10 is in the future (today is 2026-12-05)"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("when", "yesterday", "is not a date and time as YYYY-MM-DD HH:MM"),
        ("when", "2026-02-30 01:00", "is not a date and time"),
        ("leg", "middle", "is not one of left, right, both"),
        ("muscle", "neck", "is not one of calf, foot, thigh"),
        ("minutes", -1, "from 0 to 600"),
        ("minutes", 600.5, "from 0 to 600"),
        ("minutes", "nan", "from 0 to 600"),
        ("minutes", True, "from 0 to 600"),
        ("severity", 11, "whole number from 0 to 10"),
        ("severity", -1, "whole number from 0 to 10"),
        ("severity", 5.5, "whole number from 0 to 10"),
        ("before", "sauna", "'sauna' is not one of exercise"),
        ("flags", ["weakness", "fever"], "'fever' is not one of weakness"),
        ("note", 12, "must be text"),
        ("note", "x" * 1001, "at most 1000 characters"),
    ],
)
def test_bad_fields_are_named(field, value, message):
    with pytest.raises(InputError) as caught:
        make_episode({**GOOD, field: value}, TODAY, "command line", "--")
    assert caught.value.place == f"--{field}"
    assert message in caught.value.message


def test_limits_are_included():
    assert make_episode({**GOOD, "minutes": 0, "severity": 0}, TODAY).minutes == 0
    e = make_episode({**GOOD, "minutes": "600", "severity": "10"}, TODAY)
    assert (e.minutes, e.severity) == (600.0, 10)
