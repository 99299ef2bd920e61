"""The exact search for a completion: branch and bound over linear programs HiGHS re-solves.

``scipy.optimize.milp`` spends 40 to 250 ms on a completion of foods.csv, nearly all of it
in HiGHS's root cuts and sub-MIP heuristics, which a problem this small does not need.
This search proves the same optimum in a few dozen to a few hundred nodes, each a linear
program that one HiGHS instance re-solves from the previous basis in under 0.1 ms
(docs/performance.md). Columns ``h`` (half-portions) and ``u`` (a new food is used) and
rows are those of completion_problem.py, with integrality relaxed; a node narrows the
bounds of some columns:

- when the relaxation uses more new foods than allowed, on the used food dearest per
  half-portion: "in" (``u = 1``, ``h >= 1``, one slot taken) or "out" (``h = u = 0``);
- otherwise, when some ``h`` is fractional, on the one whose rounding costs most:
  ``h >= ceil`` or ``h <= floor``.

Nodes are taken best bound first (after a first dive down the "in" and "up" branches for
a menu to compare against). A node's reduced costs narrow its subtree's bounds where a
larger value would cost more than the best menu found. A search past NODE_LIMIT nodes
gives up, and the caller hands the problem to ``milp``.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

# highspy.Highs, the convenience subclass, prints a banner on stdout when it is created
# (1.16) and installs Python callbacks this search does not use; the compiled base class
# has the same methods and stays silent.
from highspy import HighsLp, HighsModelStatus, MatrixFormat, kHighsInf

try:
    from highspy import _Highs
except ImportError:  # a release that renames the compiled class: the public one works too
    from highspy import Highs as _Highs

if TYPE_CHECKING:
    from planner.core.completion_problem import CompletionProblem

# Beyond this many nodes (about 0.1 to 0.5 s) HiGHS's own MIP search, with its cuts, is
# likely faster; no completion of foods.csv tried in docs/performance.md came near it.
NODE_LIMIT = 5000
# A half-portion count this close to a whole number is that number, as in HiGHS's MIP.
INTEGRAL = 1e-6
# A node whose bound comes this close (relatively) to the best menu can't beat it. Far
# below the tie-break's step (completion_problem.TIE_BREAK), far above LP round-off.
CUTOFF = 1e-9
# Reduced costs smaller than this are round-off, not a price.
PRICED = 1e-7


@dataclass(frozen=True)
class SearchResult:
    """How a search ended: ``halves`` is the best menu found (None when none was).

    ``status``: ``optimal`` (proven), ``infeasible`` (no menu meets every target within
    the caps), ``time limit`` (stopped; ``halves`` may not be the lightest) or ``gave up``
    (NODE_LIMIT reached, or HiGHS failed on a node: nothing is proven).
    """

    halves: np.ndarray | None
    status: str
    nodes: int


class _Relaxations:
    """One HiGHS instance holding the relaxed program; each node changes column bounds only,
    so HiGHS re-solves from the basis it has (dual simplex) in a few iterations."""

    def __init__(self, problem: CompletionProblem, margin: float) -> None:
        n = len(problem.ids)
        new = np.flatnonzero(problem.is_new)
        m = len(new)
        k, caps = len(problem.gap_keys), len(problem.room)
        # Rows: gaps (>= need), ceilings (<= room), h[j] - 2P u[j] <= 0, sum(u) <= N.
        a = np.zeros((k + caps + m + 1, n + m))
        a[:k, :n] = problem.gap_rows
        a[k : k + caps, :n] = problem.cap_rows
        a[k + caps + np.arange(m), new] = 1.0
        a[k + caps + np.arange(m), n + np.arange(m)] = -problem.max_half
        a[-1, n:] = 1.0
        self.room = np.clip(problem.room - margin, 0.0, None)
        lower_rows = np.concatenate([problem.need + margin, np.full(caps + m + 1, -kHighsInf)])
        upper_rows = np.concatenate(
            [np.full(k, kHighsInf), self.room, np.zeros(m), [problem.max_new]]
        )
        self.lower = np.zeros(n + m)
        self.upper = np.concatenate([np.full(n, float(problem.max_half)), np.ones(m)])

        lp = HighsLp()
        lp.num_col_, lp.num_row_ = n + m, a.shape[0]
        lp.col_cost_ = np.concatenate([problem.cost, np.zeros(m)])
        lp.col_lower_, lp.col_upper_ = self.lower, self.upper
        lp.row_lower_, lp.row_upper_ = lower_rows, upper_rows
        nonzero = a.T != 0  # column by column
        lp.a_matrix_.format_ = MatrixFormat.kColwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n + m, a.shape[0]
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(nonzero.sum(axis=1))]).astype(np.int32)
        lp.a_matrix_.index_ = np.nonzero(nonzero)[1].astype(np.int32)
        lp.a_matrix_.value_ = a.T[nonzero]
        self.highs = _Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")
        self.highs.passModel(lp)
        self.columns = np.arange(n + m, dtype=np.int32)

    def solve(
        self, lower: np.ndarray, upper: np.ndarray
    ) -> tuple[str, float, np.ndarray, np.ndarray]:
        """``optimal``, ``infeasible`` or ``failed``; with the value, columns, reduced costs."""
        self.highs.changeColsBounds(len(self.columns), self.columns, lower, upper)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == HighsModelStatus.kInfeasible:
            return "infeasible", np.inf, lower, lower
        if status != HighsModelStatus.kOptimal:
            return "failed", np.inf, lower, lower
        solution = self.highs.getSolution()
        return (
            "optimal",
            self.highs.getInfo().objective_function_value,
            np.asarray(solution.col_value),
            np.asarray(solution.col_dual),
        )


def branch_and_bound(
    problem: CompletionProblem,
    time_limit: float,
    margin: float,
    check_cancel: Callable[[], None] | None = None,
) -> SearchResult:
    """The lightest menu's half-portions per candidate (see the module); ``margin``
    tightens every row as in completion_problem.py. ``check_cancel`` is called between
    nodes and may raise."""
    start = time.perf_counter()
    n = len(problem.ids)
    new = np.flatnonzero(problem.is_new)
    slot = np.full(n, -1)
    slot[new] = n + np.arange(len(new))  # each new food's u column
    cost = problem.cost
    relaxations = _Relaxations(problem, margin)
    best: np.ndarray | None = None
    best_cost = np.inf
    order = itertools.count()  # ties in the heap: first pushed, first taken
    waiting: list[tuple[float, int, np.ndarray, np.ndarray]] = []
    dive: tuple[float, np.ndarray, np.ndarray] | None = (
        -np.inf,
        relaxations.lower,
        relaxations.upper,
    )
    nodes = 0
    while dive is not None or waiting:
        diving = dive is not None
        if dive is not None:
            bound, lower, upper = dive
            dive = None
        else:
            bound, _, lower, upper = heapq.heappop(waiting)
        cutoff = best_cost - CUTOFF * max(1.0, abs(best_cost))
        if bound >= cutoff:
            if not diving:  # best bound first: no waiting node is better
                break
            continue
        if nodes >= NODE_LIMIT:
            return SearchResult(best, "gave up", nodes)
        if time.perf_counter() - start > time_limit:
            return SearchResult(best, "time limit", nodes)
        if check_cancel is not None:
            check_cancel()
        nodes += 1
        status, value, columns, reduced = relaxations.solve(lower, upper)
        if status == "failed":
            return SearchResult(best, "gave up", nodes)
        if status == "infeasible" or value >= cutoff:
            continue
        if best is not None:
            lower, upper = _fix_by_reduced_cost(
                lower, upper, columns, reduced, best_cost - value, new, n
            )
        x = columns[:n]
        used = x > INTEGRAL
        taken = lower[n:] >= 1.0  # new foods whose slot is taken
        free = new[used[new] & ~taken]
        if taken.sum() + len(free) > problem.max_new:
            j = free[np.argmax(cost[free])]
            lower_in, upper_out = lower.copy(), upper.copy()
            lower_in[j], lower_in[slot[j]] = max(lower[j], 1.0), 1.0
            upper_out[j] = upper_out[slot[j]] = 0.0
            first, second = (lower_in, upper), (lower, upper_out)
        else:
            off = np.abs(x - np.round(x))
            if (off <= INTEGRAL).all():
                best, best_cost = np.round(x).astype(int), float(cost @ np.round(x))
                continue
            rounded = _rounded_up(problem, x, upper[:n], relaxations.room)
            if rounded is not None and cost @ rounded < best_cost:
                best, best_cost = rounded, float(cost @ rounded)
            fractional = np.flatnonzero(off > INTEGRAL)
            j = fractional[np.argmax(cost[fractional] * off[fractional])]
            lower_up, upper_down = lower.copy(), upper.copy()
            lower_up[j], upper_down[j] = np.ceil(x[j]), np.floor(x[j])
            first, second = (lower_up, upper), (lower, upper_down)
        if best is None:
            dive = (value, *first)
        else:
            heapq.heappush(waiting, (value, next(order), *first))
        heapq.heappush(waiting, (value, next(order), *second))
    return SearchResult(best, "infeasible" if best is None else "optimal", nodes)


def _fix_by_reduced_cost(
    lower: np.ndarray,
    upper: np.ndarray,
    columns: np.ndarray,
    reduced: np.ndarray,
    room: float,
    new: np.ndarray,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds for the node's subtree: a column at its lower bound with reduced cost d
    adds at least d per unit to the node's value, so it can rise by ``room / d`` at most
    before no menu in the subtree beats the best one (and likewise down from its upper
    bound). A used-food column kept at 0 keeps its food out."""
    lower, upper = lower.copy(), upper.copy()
    rises = (reduced > PRICED) & (columns <= lower + INTEGRAL)
    upper[rises] = np.minimum(upper[rises], lower[rises] + np.floor(room / reduced[rises]))
    falls = (reduced < -PRICED) & (columns >= upper - INTEGRAL)
    lower[falls] = np.maximum(lower[falls], upper[falls] - np.floor(room / -reduced[falls]))
    out = upper[n:] < 1.0
    upper[new[out]] = 0.0
    upper[n:][out] = 0.0
    return lower, upper


def _rounded_up(
    problem: CompletionProblem, x: np.ndarray, upper: np.ndarray, room: np.ndarray
) -> np.ndarray | None:
    """Every fractional count rounded up: the gaps stay met and no new food is added, so
    it is a menu when it keeps the bounds and the ceilings. None when it does not."""
    up = np.ceil(x - INTEGRAL)
    if (up > upper).any() or (problem.cap_rows @ up > room).any():
        return None
    return up.astype(int)
