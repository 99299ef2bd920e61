"""The shopping list of a 28-day plan for 4 people, against a plain pandas groupby of its rows.

Run with the others (``.venv/bin/python -m pytest tests/benchmarks -p benchmark -s``) or
alone as a script (``.venv/bin/python -m tests.benchmarks.bench_shopping``).
"""

from __future__ import annotations

import random

import pandas as pd

from planner.core.data.foods import FoodTable
from planner.core.data.foods_csv import load_foods
from planner.core.menus.menu import MEALS, Menu, MenuItem
from planner.core.plans.people import household_of
from planner.core.plans.plan import Day, Plan
from planner.core.plans.shopping import item_rows, shopping_list
from planner.paths import FOODS_CSV
from tests.benchmarks.timing import best_time, report

DAYS, PEOPLE, ITEMS_PER_DAY = 28, 4, 12


def realistic_plan(foods: FoodTable, seed: int = 48) -> Plan:
    """28 days of 12 items drawn from foods.csv, half in grams, half in portions."""
    rng = random.Random(seed)
    ids = list(foods.ids)
    days = []
    for n in range(DAYS):
        items = []
        for _ in range(ITEMS_PER_DAY):
            food, meal = rng.choice(ids), rng.choice(MEALS)
            if rng.random() < 0.5:
                items.append(MenuItem(food, meal, grams=float(rng.randrange(10, 300))))
            else:
                items.append(MenuItem(food, meal, portions=float(rng.choice((0.5, 1, 2)))))
        days.append(Day(f"Day {n + 1}", Menu(f"Day {n + 1}", items)))
    return Plan("Four weeks", household_of(PEOPLE), days)


def test_shopping_list_28_days_4_people():
    foods = load_foods(FOODS_CSV)
    plan = realistic_plan(foods)
    rows = item_rows(plan, foods)
    food_ids, grams = rows["food"].tolist(), rows["grams"].tolist()

    def floor():
        # The same rows summed per food: no refuse, units, aisles, sorting or text.
        return pd.DataFrame({"food": food_ids, "grams": grams}).groupby("food")["grams"].sum()

    ours = best_time(lambda: shopping_list(plan, foods), repeat=20, number=10)
    base = best_time(floor, repeat=20, number=50)
    name = f"shopping list, {DAYS} days x {PEOPLE} people ({len(rows)} items)"
    report(name, ours, base, target="<= 20 ms absolute")


if __name__ == "__main__":
    test_shopping_list_28_days_4_people()
