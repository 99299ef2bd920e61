"""A completion solved by HiGHS (``scipy.optimize.milp``): the menu meeting every target
at least cost, or the best partial one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from planner.core.advice.completion_problem import CompletionProblem

_STOPPED = (
    "the optimiser stopped at its {:g} s limit: the menu found keeps every limit but may not "
    "be the lightest"
)


def _constraints(
    problem: CompletionProblem, slack: bool, margin: float
) -> tuple[list[LinearConstraint], int, int]:
    """The rows over columns h, u and (with ``slack``) one shortfall per missing nutrient;
    returned with the number of u and slack columns. ``margin`` tightens every bound.

    The shortlist keeps the problem small, so dense rows are simplest.
    """
    n = len(problem.ids)
    new = np.flatnonzero(problem.is_new)
    m = len(new)
    k = len(problem.gap_keys) if slack else 0
    width = n + m + k
    gap = np.zeros((len(problem.gap_keys), width))
    gap[:, :n] = problem.gap_rows
    if slack:
        gap[:, n + m :] = np.eye(k)
    # h[j] - max[j] u[j] <= 0 for each new food, then sum(u) <= N.
    link = np.zeros((m + 1, width))
    link[np.arange(m), new] = 1.0
    link[np.arange(m), n + np.arange(m)] = -problem.max_steps[new]
    link[m, n : n + m] = 1.0
    constraints = [
        LinearConstraint(gap, problem.need + margin, np.inf),
        LinearConstraint(link, -np.inf, np.append(np.zeros(m), problem.max_new)),
    ]
    if len(problem.room):
        cap = np.zeros((len(problem.room), width))
        cap[:, :n] = problem.cap_rows
        constraints.append(LinearConstraint(cap, -np.inf, np.clip(problem.room - margin, 0, None)))
    return constraints, m, k


def _run(
    c: np.ndarray,
    integrality: np.ndarray,
    bounds: Bounds,
    constraints: Sequence[LinearConstraint],
    time_limit: float,
) -> tuple[np.ndarray | None, list[str]]:
    """One HiGHS solve: the solution (None when none was found) and notes."""
    result = milp(
        c, integrality=integrality, bounds=bounds, constraints=constraints,
        options={"time_limit": time_limit},
    )  # fmt: skip
    if result.x is None:
        if result.status == 1:
            return None, [f"the optimiser stopped at its {time_limit:g} s limit without a menu"]
        return None, []
    if result.status == 1:
        return result.x, [_STOPPED.format(time_limit)]
    return result.x, []


def solve_exact(
    problem: CompletionProblem, time_limit: float, margin: float
) -> tuple[np.ndarray | None, list[str]]:
    """Steps per candidate meeting every target at least cost, or None when none can."""
    n = len(problem.ids)
    if n == 0:
        return None, []
    constraints, m, _ = _constraints(problem, slack=False, margin=margin)
    c = np.concatenate([problem.cost, np.full(m, problem.new_cost)])
    bounds = Bounds(np.zeros(n + m), np.concatenate([problem.max_steps, np.ones(m)]))
    x, notes = _run(c, np.ones(n + m), bounds, constraints, time_limit)
    return (None if x is None else np.round(x[:n]).astype(int)), notes


def solve_relaxed(
    problem: CompletionProblem, time_limit: float, margin: float
) -> tuple[np.ndarray, list[str]]:
    """The best partial menu: the least total shortfall (each nutrient's in fractions of
    its target), then, keeping that, the least cost: two solves, lexicographically."""
    n = len(problem.ids)
    if n == 0:
        return np.zeros(0, int), []
    constraints, m, k = _constraints(problem, slack=True, margin=margin)
    integrality = np.concatenate([np.ones(n + m), np.zeros(k)])
    bounds = Bounds(
        np.zeros(n + m + k),
        np.concatenate([problem.max_steps, np.ones(m), problem.need + margin]),
    )
    first = np.concatenate([np.zeros(n + m), np.ones(k)])
    x, notes = _run(first, integrality, bounds, constraints, time_limit)
    if x is None:  # stopped by the time limit before any menu: add nothing
        return np.zeros(n, int), notes
    least = float(first @ x)
    keep = LinearConstraint(first[None, :], -np.inf, least + 1e-6 * max(1.0, least) + 1e-7)
    second = np.concatenate([problem.cost, np.full(m, problem.new_cost), np.zeros(k)])
    y, more = _run(second, integrality, bounds, [*constraints, keep], time_limit)
    return np.round((x if y is None else y)[:n]).astype(int), notes + more
