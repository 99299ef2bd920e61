"""The report's and the nights' figures, against the fixture diary worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.data.profile import Profile
from planner.core.diary.diary_store import DayTie
from planner.core.diary.doctor import doctor_reasons, help_doctor_html
from planner.core.diary.episode import make_episode
from planner.core.diary.nights import check_period, split_nights
from planner.core.diary.report import Spread, WeekRow, build_report
from planner.core.diary.report_text import report_blocks
from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from tests.core.diary import fixture_diary as fx

PROFILE = Profile("female", 50)


@pytest.fixture
def report(tiny_foods, intakes):
    return build_report(
        fx.episodes(),
        fx.ties(),
        fx.FIRST,
        fx.LAST,
        PROFILE,
        intakes.targets(PROFILE),
        tiny_foods,
        fx.TODAY,
    )


def test_episodes_nights_and_weeks(report):
    # Inside nights 2 to 15 Nov: the first five rows (the 6th is the night of 1 Nov, the
    # 7th that of 16 Nov). Nights with cramps: 2, 3 (twice), 9 and 15 Nov.
    assert len(report.episodes) == 5
    assert (report.nights, report.nights_with) == (14, 4)
    assert report.per_week == pytest.approx(2.0)  # 7 x 4 / 14
    assert report.weeks == (
        WeekRow(dt.date(2026, 11, 2), dt.date(2026, 11, 8), 7, 3, 2),
        WeekRow(dt.date(2026, 11, 9), dt.date(2026, 11, 15), 7, 2, 2),
    )


def test_durations_severity_and_what_came_before(report):
    assert report.minutes == Spread(1, 4, 12)  # 4, 12, 2, 6, 1
    assert report.severity == Spread(2, 5, 8)  # 6, 8, 3, 5, 2
    assert report.long_episodes == 1
    assert report.before == {
        "exercise": 1,
        "heat": 0,
        "new_medicine": 1,
        "alcohol": 1,
        "standing": 0,
    }
    assert report.flags == {"weakness": 0, "numbness": 1, "swollen_calf": 0}
    assert [e.note for e in report.medicines] == ["started amlodipine"]


def test_average_coverage_of_the_tied_days(report):
    # Tied inside: 2 Nov apple 200 g, 3 Nov cheese 100 g, 5 Nov apple 200 g (20 Nov is out).
    assert report.tied_days == 3
    rows = {n.key: n for n in report.nutrients}
    assert rows["magnesium"].amount == pytest.approx(20.0)  # (20 + 20 + 20) / 3
    assert rows["magnesium"].target == 320 and rows["magnesium"].target_kind == "RDA"
    assert rows["magnesium"].percent == pytest.approx(100 * 20 / 320)
    assert rows["potassium"].amount == pytest.approx(150.0)  # (200 + 50 + 200) / 3
    assert rows["calcium"].amount == pytest.approx(240.0)  # (10 + 700 + 10) / 3
    assert rows["sodium"].amount == pytest.approx(604 / 3)  # (2 + 600 + 2) / 3
    assert rows["energy"].target is None and rows["energy"].percent is None
    assert not rows["magnesium"].lower_bound
    assert report.crossed == ()


def test_a_limit_crossed_is_named_with_its_day(tiny_foods, intakes):
    day = dt.date(2026, 11, 4)
    heavy = Menu("Cheese feast", [MenuItem("cheese", "dinner", grams=1500.0)])  # retinol 3,750 ug
    report = build_report(
        [],
        {day: DayTie(day, "menu", heavy)},
        fx.FIRST,
        fx.LAST,
        PROFILE,
        intakes.targets(PROFILE),
        tiny_foods,
        fx.TODAY,
    )
    retinol = [c for c in report.crossed if c.key == "retinol"]
    assert len(retinol) == 1 and retinol[0].day == day
    assert retinol[0].amount == pytest.approx(3750.0) and retinol[0].limit == 3000


def test_nights_with_and_without_side_by_side(tiny_foods, intakes):
    split = split_nights(
        fx.episodes(), fx.ties(), fx.FIRST, fx.LAST, tiny_foods, intakes.targets(PROFILE)
    )
    assert (len(split.with_cramps), len(split.without), split.nights) == (4, 10, 14)
    assert split.tied_with == (dt.date(2026, 11, 2), dt.date(2026, 11, 3))
    assert split.tied_without == (dt.date(2026, 11, 5),)
    assert split.untied == 11
    k = split.coverage_with.keys.index("potassium")
    assert split.coverage_with.average_amount[k] == pytest.approx(125.0)  # (200 + 50) / 2
    assert split.coverage_without.average_amount[k] == pytest.approx(200.0)


def test_a_period_is_checked():
    check_period(fx.FIRST, fx.TODAY, fx.TODAY)
    with pytest.raises(InputError, match="is before the start"):
        check_period(fx.LAST, fx.FIRST, fx.TODAY)
    with pytest.raises(InputError, match="2026-12-06 is in the future"):
        check_period(fx.FIRST, dt.date(2026, 12, 6), fx.TODAY)


def test_doctor_reasons_from_the_diary():
    reasons = doctor_reasons(fx.episodes())
    assert [r.key for r in reasons] == [
        "long:2026-11-03 23:40 (right calf)",
        "numbness:2026-11-03 23:40 (right calf)",
    ]
    assert reasons[0].text == "a cramp lasted 12 minutes on 2026-11-03 23:40 (right calf)"
    # Four of seven nights in a row (nights 1, 2, 4 and 7 Nov) is said once for that week.
    when = [
        "2026-11-02 02:00",
        "2026-11-03 02:00",
        "2026-11-05 02:00",
        "2026-11-08 02:00",
        "2026-11-08 04:00",
    ]
    busy = [
        make_episode(
            {"when": w, "leg": "left", "muscle": "calf", "minutes": 2, "severity": 3}, fx.TODAY
        )
        for w in when
    ]
    assert [(r.key, r.text) for r in doctor_reasons(busy)] == [
        ("most-nights:2026-11-01", "cramps on 4 of the 7 nights from Sun 01 Nov 2026")
    ]
    assert doctor_reasons(busy[:3]) == []


def test_the_doctor_reasons_are_the_helps_own():
    html = help_doctor_html()
    assert "last more than 10 minutes" in html
    assert "swollen, warm, red" in html
    assert "<h3>" not in html, "only the one section"


def test_the_report_text_says_it_is_a_record(report):
    blocks = report_blocks(report)
    text = "\n".join(b.text for b in blocks)
    assert "a record kept by the patient with Crampless, not a diagnosis" in text
    assert "5 episodes on 4 of 14 nights; 2.0 nights with cramps a week." in text
    assert "Duration: lowest 1 min, median 4 min, highest 12 min." in text
    assert "2026-11-10 01:00: started amlodipine" in text
    assert "caused by" not in text.lower()
    table = next(b for b in blocks if b.header and b.header[0] == "Nutrient")
    assert ("Magnesium", "20 mg", "320 mg (RDA)", "6 %") in table.rows
