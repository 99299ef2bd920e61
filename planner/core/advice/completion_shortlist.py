"""The shortlist of a large completion: the candidates HiGHS searches, chosen by a linear
relaxation's reduced costs, and the proof that none left out could do better."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from planner.core.advice.completion_problem import CompletionProblem

# A table with more candidates than this (an imported USDA table) is searched through a
# shortlist: HiGHS proves the optimum among ~150 foods in a fraction of a second, but
# may take minutes among thousands (docs/performance.md).
SHORTLIST_ABOVE = 150
PRICED = 100
RICHEST_PER_NUTRIENT = 4
# Price of a whole target's shortfall in the pricing relaxation: dearer than any food.
SHORTFALL_PRICE = 1e6


@dataclass(frozen=True)
class Pricing:
    """The linear relaxation behind a shortlist: its bound and reduced costs."""

    bound: float | None  # LP optimum when it meets every target, else None
    reduced: np.ndarray  # per candidate: the least one more step adds to the bound


def shortlist(problem: CompletionProblem) -> tuple[np.ndarray, Pricing | None]:
    """Which candidates the solver searches (bool mask), and the pricing that chose them.

    Every candidate of a small table. Of a large one: the foods already on the menu, the
    RICHEST_PER_NUTRIENT richest in each missing nutrient (the per-food and new-food caps
    may need them) and the PRICED foods of lowest reduced cost in the linear relaxation
    (steps continuous, each new food's cost spread over its steps, a shortfall allowed at
    a price above any food's so that an infeasible problem is priced too).
    """
    n = len(problem.ids)
    if n <= SHORTLIST_ABOVE:
        return np.ones(n, bool), None
    keep = ~problem.is_new
    for row in problem.gap_rows:
        keep[np.argsort(-row, kind="stable")[:RICHEST_PER_NUTRIENT]] = True
    k = len(problem.gap_keys)
    spread = problem.cost + problem.is_new * problem.new_cost / problem.max_steps
    a_ub = np.vstack(
        [
            np.hstack([-problem.gap_rows, -np.eye(k)]),
            np.hstack([problem.cap_rows, np.zeros((len(problem.room), k))]),
            np.append(problem.is_new / problem.max_steps, np.zeros(k))[None, :],
        ]
    )
    lp = linprog(
        np.concatenate([spread, np.full(k, SHORTFALL_PRICE)]),
        A_ub=a_ub,
        b_ub=np.concatenate([-problem.need, problem.room, [problem.max_new]]),
        bounds=[(0, int(m)) for m in problem.max_steps] + [(0, None)] * k,
        method="highs",
    )
    if lp.status != 0:  # h = 0 with full shortfall always fits; stay safe all the same
        keep[np.argsort(spread, kind="stable")[:PRICED]] = True
        return keep, None
    reduced = lp.lower.marginals[:n]
    keep[np.lexsort((spread, reduced))[:PRICED]] = True
    bound = float(lp.fun) if lp.x[n:].sum() <= 1e-9 else None
    return keep, Pricing(bound, reduced)


def proven_optimal(cost: float, keep: np.ndarray, pricing: Pricing | None) -> bool:
    """Whether no food left out of the shortlist could make a menu cheaper than ``cost``.

    A menu using a left-out food costs at least the relaxation's bound plus that food's
    reduced cost; when this exceeds ``cost`` for every left-out food, ``cost`` is optimal.
    """
    if keep.all():
        return True
    if pricing is None or pricing.bound is None:
        return False
    slack = cost - pricing.bound + 1e-9 * max(1.0, cost)
    return bool((pricing.reduced[~keep] > slack).all())
