"""A menu completion as a mixed-integer program: candidates, scaled rows, shortlist, solves.

Columns: ``h[j]``, integer 0..2P, half-portions of candidate food ``j`` to add (P: most
portions added of one food); ``u[j]``, binary, for each candidate not yet on the menu,
with ``h[j] <= 2P u[j]`` and ``sum(u) <= N`` (N: most new foods). Rows: for each
nutrient under target, added >= the gap; for each ceiling (ceilings.py) and the optional
energy cap, added <= the room left. Rows are divided by their target or ceiling so that
µg and mg rows weigh alike. The objective is the added kcal (or grams), plus a tie-break.
A menu meeting every target is searched for by completion_search.py; the best partial
menu, and the rare search that gives up, by HiGHS's MIP search (``scipy.optimize.milp``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from planner.core.ceilings import ceiling_phrase, in_text
from planner.core.completion_search import branch_and_bound
from planner.core.exclusions import water_only_ids
from planner.core.foods import FoodTable, food_names
from planner.core.formatting import fmt_amount
from planner.core.intakes import Target
from planner.core.suggestions import per_portion

# Secondary cost (grams when minimising kcal, kcal when minimising grams), per unit, so
# that among equally light menus the smaller one wins: no free glass of water added.
TIE_BREAK = 1e-4
# A table with more candidates than this (an imported USDA table) is searched through a
# shortlist. HiGHS proves the optimum among ~100 foods in a fraction of a second, but
# may take minutes among thousands. The sizes below found the true optimum in each of 8
# test menus on the full USDA table (docs/performance.md).
SHORTLIST_ABOVE = 150
PRICED = 100
RICHEST_PER_NUTRIENT = 4
# Price of a whole target's shortfall in the pricing relaxation: dearer than any food.
SHORTFALL_PRICE = 1e6
_STOPPED = (
    "the optimiser stopped at its {:g} s limit: the menu found keeps every limit but may not "
    "be the lightest"
)


@dataclass(frozen=True)
class CompletionProblem:
    """The candidates and the scaled rows of one completion.

    ``need``: per missing nutrient, the gap as a fraction of its target; ``room``: per
    ceiling, what is left under it as a fraction of it (0 when crossed already).
    """

    ids: pd.Index  # candidate foods
    is_new: np.ndarray  # bool per candidate: not yet on the menu
    half: pd.DataFrame  # every nutrient in half a portion, report units
    cost: np.ndarray  # per half-portion, with the tie-break
    gap_keys: tuple[str, ...]
    gap_rows: np.ndarray  # (gap keys x candidates), per target
    need: np.ndarray
    cap_rows: np.ndarray  # (ceilings [+ energy cap] x candidates), per ceiling
    room: np.ndarray
    cap_names: tuple[str, ...]  # phrases naming each cap row
    max_half: int
    max_new: int
    notes: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()  # reached ceilings that ruled useful foods out

    def restricted(self, keep: np.ndarray) -> CompletionProblem:
        """The same problem over the candidates where ``keep`` is True."""
        if keep.all():
            return self
        return replace(
            self,
            ids=self.ids[keep],
            is_new=self.is_new[keep],
            half=self.half.loc[keep],
            cost=self.cost[keep],
            gap_rows=self.gap_rows[:, keep],
            cap_rows=self.cap_rows[:, keep],
        )


def build_problem(
    foods: FoodTable,
    allowed_ids: pd.Index,
    on_menu: Sequence[str],
    needed: Mapping[str, float],
    current: pd.Series,
    targets: Mapping[str, Target],
    limits: Mapping[str, float],
    max_portions: int,
    max_new: int,
    objective: str,
    max_kcal: float | None,
) -> CompletionProblem:
    """Candidates (allowed, with a portion, every value that matters known) and rows.

    Left out, with a note: foods whose value is unknown for a missing nutrient or a
    ceiling (and energy, when it is minimised or capped): they can't be trusted to reach
    a target or stay under a limit. Left out silently: foods giving none of the missing
    nutrients (they could only add cost), tap water unless water is missing (see
    exclusions.py), and foods carrying a nutrient whose ceiling the menu already reached.
    """
    ids = foods.ids.intersection(allowed_ids, sort=False)
    ids = ids[foods.info.loc[ids, "portion_g"].to_numpy(float) > 0]
    if "water" not in needed:
        ids = ids.difference(water_only_ids(foods), sort=False)
    gap_keys = list(needed)
    cap_keys = list(limits)
    uses_energy = objective == "kcal" or max_kcal is not None
    must_know = list(dict.fromkeys([*gap_keys, *cap_keys, *(["energy"] if uses_energy else [])]))
    amounts = per_portion(foods, ids)
    gives = amounts[gap_keys].to_numpy(float)
    useful = ((gives > 0) | np.isnan(gives)).any(axis=1)
    unknown = amounts[must_know].isna() & useful[:, None]
    notes = []
    if unknown.any(axis=None):
        notes.append(
            f"left out {unknown.any(axis=1).sum():,} allowed foods whose value is unknown for "
            "a nutrient the completion must reach or keep under its limit: "
            + ", ".join(
                f"{in_text(key)} ({food_names(foods, ids[unknown[key].to_numpy()])})"
                for key in must_know
                if unknown[key].any()
            )
        )

    cap_values = np.array([limits[k] for k in cap_keys], float)
    room = (cap_values - current[cap_keys].to_numpy(float)) / cap_values
    cap_names = [ceiling_phrase(k, limits[k]) for k in cap_keys]
    cap_amounts = amounts[cap_keys].to_numpy(float) / cap_values
    if max_kcal is not None:
        cap_keys.append("energy")
        cap_values = np.append(cap_values, max_kcal)
        room = np.append(room, 1.0 - current["energy"] / max_kcal)
        cap_names.append(f"the {fmt_amount(max_kcal)} kcal cap")
        cap_amounts = np.column_stack([cap_amounts, amounts["energy"].to_numpy(float) / max_kcal])
    room = np.clip(room, 0.0, None)
    # No room left under a ceiling: only foods free of that nutrient may be added.
    carries = np.nan_to_num(cap_amounts) > 0
    blocked = carries[:, room <= 0].any(axis=1)
    blocked_by = [
        name
        for name, left, rows in zip(cap_names, room, carries.T, strict=True)
        if left <= 0 and (rows & useful).any()
    ]
    cap_names = [
        name if left > 0 else f"{name}, already reached"
        for name, left in zip(cap_names, room, strict=True)
    ]
    ids = ids[useful & ~unknown.any(axis=1).to_numpy() & ~blocked]

    half = amounts.loc[ids] / 2.0
    grams = foods.info.loc[ids, "portion_g"].to_numpy(float) / 2.0
    kcal = half["energy"].to_numpy(float)
    if objective == "kcal":
        cost = kcal + TIE_BREAK * grams
    else:
        cost = grams + TIE_BREAK * np.nan_to_num(kcal)
    target_values = np.array([targets[k].value for k in gap_keys])
    return CompletionProblem(
        ids=ids,
        is_new=~ids.isin(list(on_menu)),
        half=half,
        cost=cost,
        gap_keys=tuple(gap_keys),
        gap_rows=(half[gap_keys].to_numpy(float) / target_values).T,
        need=np.array([needed[k] for k in gap_keys]) / target_values,
        cap_rows=(half[cap_keys].to_numpy(float) / cap_values).T.reshape(len(cap_keys), len(ids)),
        room=room,
        cap_names=tuple(cap_names),
        max_half=2 * max_portions,
        max_new=max_new,
        notes=tuple(notes),
        blocked_by=tuple(blocked_by),
    )


# --- shortlisting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pricing:
    """The linear relaxation behind a shortlist: its bound and reduced costs."""

    bound: float | None  # LP optimum when it meets every target, else None
    reduced: np.ndarray  # per candidate: the least one more half-portion adds to the bound


def shortlist(problem: CompletionProblem) -> tuple[np.ndarray, Pricing | None]:
    """Which candidates the solver searches (bool mask), and the pricing that chose them.

    Every candidate of a small table. Of a large one: the foods already on the menu, the
    RICHEST_PER_NUTRIENT richest in each missing nutrient (the per-food and new-food caps
    may need them) and the PRICED foods of lowest reduced cost in the linear relaxation
    (half-portions continuous, the new-food cap as a total, a shortfall allowed at a
    price above any food's so that an infeasible problem is priced too).
    """
    n = len(problem.ids)
    if n <= SHORTLIST_ABOVE:
        return np.ones(n, bool), None
    keep = ~problem.is_new
    for row in problem.gap_rows:
        keep[np.argsort(-row, kind="stable")[:RICHEST_PER_NUTRIENT]] = True
    k = len(problem.gap_keys)
    a_ub = np.vstack(
        [
            np.hstack([-problem.gap_rows, -np.eye(k)]),
            np.hstack([problem.cap_rows, np.zeros((len(problem.room), k))]),
            np.append(problem.is_new / problem.max_half, np.zeros(k))[None, :],
        ]
    )
    lp = linprog(
        np.concatenate([problem.cost, np.full(k, SHORTFALL_PRICE)]),
        A_ub=a_ub,
        b_ub=np.concatenate([-problem.need, problem.room, [problem.max_new]]),
        bounds=[(0, problem.max_half)] * n + [(0, None)] * k,
        method="highs",
    )
    if lp.status != 0:  # h = 0 with full shortfall always fits; stay safe all the same
        keep[np.argsort(problem.cost, kind="stable")[:PRICED]] = True
        return keep, None
    reduced = lp.lower.marginals[:n]
    keep[np.lexsort((problem.cost, reduced))[:PRICED]] = True
    bound = float(lp.fun) if lp.x[n:].sum() <= 1e-9 else None
    return keep, Pricing(bound, reduced)


def proven_optimal(cost: float, keep: np.ndarray, pricing: Pricing | None) -> bool:
    """Whether no food left out of the shortlist could make a menu lighter than ``cost``.

    A menu using a left-out food costs at least the relaxation's bound plus that food's
    reduced cost; when this exceeds ``cost`` for every left-out food, ``cost`` is optimal.
    """
    if keep.all():
        return True
    if pricing is None or pricing.bound is None:
        return False
    slack = cost - pricing.bound + 1e-9 * max(1.0, cost)
    return bool((pricing.reduced[~keep] > slack).all())


# --- solving --------------------------------------------------------------------------------


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
    # h[j] - 2P u[j] <= 0 for each new food, then sum(u) <= N.
    link = np.zeros((m + 1, width))
    link[np.arange(m), new] = 1.0
    link[np.arange(m), n + np.arange(m)] = -problem.max_half
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
        c,
        integrality=integrality,
        bounds=bounds,
        constraints=constraints,
        # Presolve costs more than it saves on problems this small (docs/performance.md).
        options={"time_limit": time_limit, "presolve": False},
    )
    if result.x is None:
        if result.status == 1:
            return None, [f"the optimiser stopped at its {time_limit:g} s limit without a menu"]
        return None, []
    if result.status == 1:
        return result.x, [_STOPPED.format(time_limit)]
    return result.x, []


def solve_exact(
    problem: CompletionProblem,
    time_limit: float,
    margin: float,
    check_cancel: Callable[[], None] | None = None,
) -> tuple[np.ndarray | None, list[str]]:
    """Half-portions per candidate meeting every target, or None when there are none.

    The lightest such menu, proven so by completion_search.py's branch and bound; should
    that search give up, by HiGHS's MIP search (``milp``) in the time left.
    """
    n = len(problem.ids)
    if n == 0:
        return None, []
    start = time.perf_counter()
    result = branch_and_bound(problem, time_limit, margin, check_cancel)
    if result.status == "optimal":
        return result.halves, []
    if result.status == "infeasible":
        return None, []
    if result.status == "time limit":
        if result.halves is None:
            return None, [f"the optimiser stopped at its {time_limit:g} s limit without a menu"]
        return result.halves, [_STOPPED.format(time_limit)]
    left = max(time_limit - (time.perf_counter() - start), 0.1 * time_limit)
    return _milp_exact(problem, left, margin)


def _milp_exact(
    problem: CompletionProblem, time_limit: float, margin: float
) -> tuple[np.ndarray | None, list[str]]:
    """``solve_exact`` through ``milp``: columns h and u, all integer."""
    n = len(problem.ids)
    constraints, m, _ = _constraints(problem, slack=False, margin=margin)
    c = np.concatenate([problem.cost, np.zeros(m)])
    bounds = Bounds(np.zeros(n + m), np.concatenate([np.full(n, problem.max_half), np.ones(m)]))
    x, notes = _run(c, np.ones(n + m), bounds, constraints, time_limit)
    return (None if x is None else np.round(x[:n]).astype(int)), notes


def solve_relaxed(
    problem: CompletionProblem,
    time_limit: float,
    margin: float,
    check_cancel: Callable[[], None],
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
        np.concatenate([np.full(n, problem.max_half), np.ones(m), problem.need + margin]),
    )
    first = np.concatenate([np.zeros(n + m), np.ones(k)])
    x, notes = _run(first, integrality, bounds, constraints, time_limit)
    if x is None:  # stopped by the time limit before any menu: add nothing
        return np.zeros(n, int), notes
    check_cancel()
    least = float(first @ x)
    keep = LinearConstraint(first[None, :], -np.inf, least + 1e-6 * max(1.0, least) + 1e-7)
    second = np.concatenate([problem.cost, np.zeros(m + k)])
    y, more = _run(second, integrality, bounds, [*constraints, keep], time_limit)
    return np.round((x if y is None else y)[:n]).astype(int), notes + more
