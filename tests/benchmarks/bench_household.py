"""A household plan: 28 days for 6 people, each with their own targets, share and own
items; every person's coverage recomputed after an edit, in the core and in the window.

Run with the others (``.venv/bin/python -m pytest tests/benchmarks -p benchmark -s``).
"""

from __future__ import annotations

import random

import numpy as np

from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.nutrients import CHART_KEYS, GUARD_KEYS
from planner.core.data.profile import Profile
from planner.core.menus.menu import MEALS, MenuItem
from planner.core.plans.people import Person
from planner.core.plans.plan import Plan
from planner.core.plans.plan_coverage import household_coverage, plan_coverage
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV
from tests.benchmarks.bench_shopping import realistic_plan
from tests.benchmarks.timing import best_time, report

PEOPLE = [
    Person("Anna", Profile("female", 34, pregnant=True), 1.0),
    Person("Ben", Profile("male", 38), 1.2),
    Person("Tom", Profile("male", 15), 1.3),
    Person("Mia", Profile("female", 9), 0.7),
    Person("Kid", Profile("male", 3), 0.5),
    Person("Grandpa", Profile("male", 74, standard="efsa"), 0.8),
]
OWN_PER_DAY = 2  # each person's own items a day


def household_plan(foods, seed: int = 17) -> Plan:
    """realistic_plan's 28 days of 12 shared items, for six people with two own items each
    a day."""
    plan = realistic_plan(foods)
    plan.people = list(PEOPLE)
    rng = random.Random(seed)
    ids = list(foods.ids)
    for day in plan.days:
        for person in plan.people:
            day.own[person.name] = [
                MenuItem(rng.choice(ids), rng.choice(MEALS), grams=float(rng.randrange(10, 250)))
                for _ in range(OWN_PER_DAY)
            ]
    return plan


def test_household_coverage_after_an_edit_28_days_6_people():
    foods = load_foods(FOODS_CSV)
    intakes = ReferenceIntakes.load(REFERENCE_INTAKES_CSV)
    targets = {p.name: intakes.targets(p.profile) for p in PEOPLE}
    plan = household_plan(foods)
    amounts = iter(range(10**6))

    def edit_and_recompute():
        # One amount edit of the first day's menu, then what the window recomputes:
        # every person's charted nutrients and guards.
        items = plan.days[0].menu.items
        items[0] = MenuItem(items[0].food, items[0].meal, grams=float(50 + next(amounts) % 50))
        household_coverage(plan, foods, lambda p: targets[p.name])
        household_coverage(plan, foods, lambda p: targets[p.name], GUARD_KEYS)

    # The floor: the same per-day sums in bare numpy for all items at once (shared and own,
    # grams and rows given), as bench_plan's floor for one person.
    matrix = foods.values[list(CHART_KEYS + GUARD_KEYS)].to_numpy(float)
    items = [
        (d, i)
        for d, day in enumerate(plan.days)
        for i in [*day.menu.items, *(x for own in day.own.values() for x in own)]
    ]
    rows = foods.ids.get_indexer([i.food for _, i in items])
    grams = np.array([i.grams_of(foods) for _, i in items])
    days = np.array([d for d, _ in items])

    def floor():
        part = matrix[rows] * (grams / 100)[:, None]
        sums = np.zeros((len(plan.days), matrix.shape[1]))
        np.add.at(sums, days, np.nan_to_num(part))
        unknown = np.zeros_like(sums)
        np.add.at(unknown, days, np.isnan(part))
        return sums, unknown

    ours = best_time(edit_and_recompute, repeat=20, number=5)
    base = best_time(floor, repeat=20, number=20)
    report(
        "household coverage after an edit, 28 days x 6 people (charted + guards)",
        ours,
        base,
        "well under 30 ms absolute",
    )
    one = best_time(lambda: plan_coverage(plan, foods, targets["Anna"], person=PEOPLE[0]), 20, 5)
    print(f"(one person's plan_coverage, charted only: {one * 1000:.2f} ms)")


def test_household_plan_edit_to_redrawn_window(qtbot, tmp_path):
    """An amount edit on day 1 of the household plan in the Week plan tab: command, every
    person's coverage, heatmap, household view and shopping list."""
    from PySide6.QtWidgets import QApplication

    from planner.core.plans.plan import save_plan
    from planner.ui.day_menu.menu_model import AMOUNT
    from planner.ui.shell.application import create_window

    window, _ = create_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    view = window.plan_view
    plan_id = save_plan(window.library, household_plan(window.state.foods))
    view.plan_list.refresh()
    view.open_plan(plan_id)
    window.tabs.setCurrentWidget(view)
    view.select_day(0)
    QApplication.processEvents()
    canvas = view.heatmap.canvas
    canvas.draw()
    model = view.menu_model
    amounts = iter(range(10**6))

    def edit():
        model.setData(model.index_of_position(0, AMOUNT), str(1 + next(amounts) % 5))
        QApplication.processEvents()

    ours = best_time(edit, repeat=15)
    floor = best_time(canvas.draw, repeat=10)
    report(
        "household plan edit (28 days, 6 people) -> coverage, shopping -> heatmap on screen",
        ours,
        floor,
        "<= 100 ms absolute, as for one person (bench_plan)",
    )
    print("(floor: one full redraw of the same figure)")
    window.close()
