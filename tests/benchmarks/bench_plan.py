"""A 28-day plan: its day-by-day coverage, and one edit in the Week plan tab until redrawn.

Run with the others (``.venv/bin/python -m pytest tests/benchmarks -p benchmark -s``).
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.data.foods_csv import load_foods
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.nutrients import CHART_KEYS
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.plans.plan_coverage import plan_coverage
from planner.paths import FOODS_CSV, REFERENCE_INTAKES_CSV
from tests.benchmarks.bench_shopping import realistic_plan
from tests.benchmarks.timing import best_time, report


def test_plan_coverage_28_days():
    foods = load_foods(FOODS_CSV)
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile())
    plan = realistic_plan(foods)
    matrix = foods.values[list(CHART_KEYS)].to_numpy(float)
    items = [(d, i) for d, day in enumerate(plan.days) for i in day.menu.items]
    rows = foods.ids.get_indexer([i.food for _, i in items])
    grams = np.array([i.grams_of(foods) for _, i in items])
    days = np.array([d for d, _ in items])

    def floor():
        # The same per-day sums and unknown counts in bare numpy, grams given.
        part = matrix[rows] * (grams / 100)[:, None]
        sums = np.zeros((len(plan.days), len(CHART_KEYS)))
        np.add.at(sums, days, np.nan_to_num(part))
        unknown = np.zeros_like(sums)
        np.add.at(unknown, days, np.isnan(part))
        return sums, unknown

    ours = best_time(lambda: plan_coverage(plan, foods, targets), repeat=20, number=10)
    base = best_time(floor, repeat=20, number=50)
    report("plan_coverage, 28 days x 12 items", ours, base, "<= 10 ms absolute")
    per_day = best_time(
        lambda: [compute_coverage(d.menu, foods, targets) for d in plan.days], repeat=5
    )
    print(f"(compute_coverage day by day: {per_day * 1000:.1f} ms)")


@pytest.mark.parametrize("days", [7, 28])
def test_plan_edit_to_redrawn_heatmap(qtbot, tmp_path, days):
    """An amount edit on day 1 of a plan: command, coverage, heatmap, shopping list.

    A week shows a number in every cell (70 labels to draw); 28 days show none.
    """
    from PySide6.QtWidgets import QApplication

    from planner.core.plans.plan import save_plan
    from planner.ui.day_menu.menu_model import AMOUNT
    from planner.ui.shell.application import create_window

    window, _ = create_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    view = window.plan_view
    plan = realistic_plan(window.state.foods)
    plan.days = plan.days[:days]
    plan_id = save_plan(window.library, plan)
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
        f"plan edit ({days} days) -> coverage, shopping -> heatmap on screen",
        ours,
        floor,
        "<= 100 ms absolute",
    )
    print("(floor: one full redraw of the same figure)")
    window.close()
