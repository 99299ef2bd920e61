"""A menu completion as a mixed-integer program, solved by HiGHS (``scipy.optimize.milp``).

Columns: ``h[j]``, integer, the half-servings of candidate food ``j`` to add (servings.py:
a realistic serving, never more than the food's daily cap nor ``max_portions`` servings);
``u[j]``, binary, for each candidate not yet on the menu, with ``h[j] <= max u[j]`` and
``sum(u) <= N`` (N: most new foods). Rows: for each nutrient under target, added >= the
gap; for each ceiling (ceilings.py: charted upper limits, sodium, guard nutrients) and
the optional energy cap, added <= the room left. Rows are divided by their target or
ceiling so that µg and mg rows weigh alike.

The cost of a half-serving depends on the objective and on how familiar the food is:
foods already on the menu cost least, then the foods of the user's saved menus and
plans, then the built-in list and the user's own foods, and imported USDA entries most
(docs/completion-judgement.md says how the weights were chosen).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import water_only_ids
from planner.core.advice.servings import Servings, servings_of
from planner.core.advice.suggestions import per_serving
from planner.core.data.ceilings import ceiling_phrase, in_text
from planner.core.data.foods import FoodTable, food_names
from planner.core.data.formatting import fmt_amount
from planner.core.data.intakes import Target
from planner.core.data.nutrients import KEYS
from planner.core.menus.menu import Menu

# Cost weight per kind of food: on this menu, in the user's saved menus and plans, in
# the built-in list or the user's own foods, imported from USDA (thousands of entries,
# many of them obscure), and imported branded products (a recipe the name does not give,
# sold in one country, often fortified beyond any plain food).
FAMILIARITY_WEIGHTS = {
    "on-menu": 1.0,
    "familiar": 1.2,
    "built-in": 1.5,
    "imported": 3.0,
    "branded": 6.0,
}
# SR28 writes brands in capitals ("GENERAL MILLS, CHEERIOS"); its fast-food and
# restaurant groups are products of a brand as well.
_BRAND = re.compile(r"\b[A-Z][A-Z'&.-]{2,}\b")
BRANDED_GROUPS = frozenset({"Fast Foods", "Restaurant Foods"})
# "servings": a serving costs one unit plus one per KCAL_PER_SERVING_COST kcal it holds,
# so a 200 kcal serving weighs as much as two light ones; a new food costs half a unit.
KCAL_PER_SERVING_COST = 200.0
NEW_FOOD_COST = {"servings": 0.5, "kcal": 0.0, "grams": 0.0}
# Secondary cost (grams when minimising kcal, kcal when minimising grams), per unit, so
# that among equally light menus the smaller one wins: no free glass of water added.
TIE_BREAK = 1e-4
# A table with more candidates than this (an imported USDA table) is searched through a
# shortlist: HiGHS proves the optimum among ~150 foods in a fraction of a second, but
# may take minutes among thousands (docs/performance.md).
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
    rows: np.ndarray  # their rows in the servings table
    is_new: np.ndarray  # bool per candidate: not yet on the menu
    step_g: np.ndarray  # grams of one step (half a serving)
    max_steps: np.ndarray  # most steps per candidate (its cap and the servings option)
    step: pd.DataFrame  # every nutrient in one step, report units
    cost: np.ndarray  # per step
    new_cost: float  # per new food
    gap_keys: tuple[str, ...]
    gap_rows: np.ndarray  # (gap keys x candidates), per target
    need: np.ndarray
    cap_rows: np.ndarray  # (ceilings [+ energy cap] x candidates), per ceiling
    room: np.ndarray
    cap_names: tuple[str, ...]  # phrases naming each cap row
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
            rows=self.rows[keep],
            is_new=self.is_new[keep],
            step_g=self.step_g[keep],
            max_steps=self.max_steps[keep],
            step=self.step.loc[keep],
            cost=self.cost[keep],
            gap_rows=self.gap_rows[:, keep],
            cap_rows=self.cap_rows[:, keep],
        )


@lru_cache(maxsize=4)
def table_servings(foods: FoodTable) -> Servings:
    """``servings_of`` once per food table (tables are never changed in place)."""
    return servings_of(foods)


def familiarity(
    foods: FoodTable, ids: pd.Index, on_menu: Collection[str], familiar: Collection[str]
) -> np.ndarray:
    """Per candidate, its FAMILIARITY_WEIGHTS cost weight."""
    sources, names, groups = (_column(foods, c) for c in ("source", "name", "usda_food_group"))
    weights = []
    for food, row in zip(ids, foods.positions(list(ids)), strict=True):
        if food in on_menu:
            kind = "on-menu"
        elif food in familiar:
            kind = "familiar"
        elif sources[row] != "usda":
            kind = "built-in"
        elif _BRAND.search(str(names[row])) or groups[row] in BRANDED_GROUPS:
            kind = "branded"
        else:
            kind = "imported"
        weights.append(FAMILIARITY_WEIGHTS[kind])
    return np.array(weights, float)


def _column(foods: FoodTable, name: str) -> list:
    """An info column; all None where the table has no such column (tables made in tests)."""
    try:
        return foods.column(name)
    except KeyError:
        return [None] * len(foods)


def build_problem(
    foods: FoodTable,
    allowed_ids: pd.Index,
    menu: Menu,
    needed: Mapping[str, float],
    current: pd.Series,
    targets: Mapping[str, Target],
    limits: Mapping[str, float],
    options: CompletionOptions,
    familiar: Collection[str] = (),
) -> CompletionProblem:
    """Candidates (allowed, with a serving, room under their cap, every value that
    matters known) and rows.

    Left out, with a note: foods whose value is unknown for a missing nutrient or a
    ceiling (and energy, when it is counted): they can't be trusted to reach a target or
    stay under a limit. Left out silently: foods giving none of the missing nutrients
    (they could only add cost), tap water unless water is missing (see exclusions.py),
    foods the menu already holds up to their daily cap, and foods carrying a nutrient
    whose ceiling the menu already reached.
    """
    table = table_servings(foods)
    ids = foods.ids.intersection(allowed_ids, sort=False)
    if "water" not in needed:
        ids = ids.difference(water_only_ids(foods), sort=False)
    rows = foods.positions(list(ids))
    held = menu.grams_by_food(foods)
    step_g = table.grams[rows] / 2.0
    room_g = table.cap_g[rows] - np.array([held.get(f, 0.0) for f in ids], float)
    with np.errstate(invalid="ignore", divide="ignore"):
        max_steps = np.floor(room_g / step_g + 1e-9)
    max_steps = np.minimum(np.nan_to_num(max_steps), 2 * options.max_portions_per_food)
    fits = (step_g > 0) & (max_steps >= 1)
    ids, rows, step_g, max_steps = ids[fits], rows[fits], step_g[fits], max_steps[fits]

    gap_keys = list(needed)
    cap_keys = list(limits)
    uses_energy = options.objective != "grams" or options.max_kcal is not None
    must_know = list(dict.fromkeys([*gap_keys, *cap_keys, *(["energy"] if uses_energy else [])]))
    step = pd.DataFrame(per_serving(foods, ids, step_g), index=ids, columns=list(KEYS))
    gives = step[gap_keys].to_numpy(float)
    useful = ((gives > 0) | np.isnan(gives)).any(axis=1)
    unknown = step[must_know].isna() & useful[:, None]
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
    cap_amounts = step[cap_keys].to_numpy(float) / cap_values
    if options.max_kcal is not None:
        cap_values = np.append(cap_values, options.max_kcal)
        room = np.append(room, 1.0 - current["energy"] / options.max_kcal)
        cap_names.append(f"the {fmt_amount(options.max_kcal)} kcal cap")
        energy = step["energy"].to_numpy(float) / options.max_kcal
        cap_amounts = np.column_stack([cap_amounts, energy])
    room = np.clip(room, 0.0, None)
    # No room left under a ceiling: only foods free of that nutrient may be added.
    carries = np.nan_to_num(cap_amounts) > 0
    blocked = carries[:, room <= 0].any(axis=1)
    blocked_by = [
        name
        for name, left, carrying in zip(cap_names, room, carries.T, strict=True)
        if left <= 0 and (carrying & useful).any()
    ]
    cap_names = [
        name if left > 0 else f"{name}, already reached"
        for name, left in zip(cap_names, room, strict=True)
    ]
    keep = useful & ~unknown.any(axis=1).to_numpy() & ~blocked
    ids, rows, step_g, max_steps = ids[keep], rows[keep], step_g[keep], max_steps[keep]
    step, cap_amounts = step.loc[keep], cap_amounts[keep]

    weight = familiarity(foods, ids, set(held), set(familiar))
    kcal = step["energy"].to_numpy(float)
    if options.objective == "servings":
        cost = weight * (0.5 + np.nan_to_num(kcal) / KCAL_PER_SERVING_COST)
    elif options.objective == "kcal":
        cost = weight * kcal + TIE_BREAK * step_g
    else:
        cost = weight * step_g + TIE_BREAK * np.nan_to_num(kcal)
    target_values = np.array([targets[k].value for k in gap_keys])
    return CompletionProblem(
        ids=ids,
        rows=rows,
        is_new=~ids.isin(list(held)),
        step_g=step_g,
        max_steps=max_steps.astype(int),
        step=step,
        cost=cost,
        new_cost=NEW_FOOD_COST[options.objective],
        gap_keys=tuple(gap_keys),
        gap_rows=(step[gap_keys].to_numpy(float) / target_values).T,
        need=np.array([needed[k] for k in gap_keys]) / target_values,
        cap_rows=cap_amounts.T.reshape(len(cap_names), len(ids)),
        room=room,
        cap_names=tuple(cap_names),
        max_new=options.max_new_foods,
        notes=tuple(notes),
        blocked_by=tuple(blocked_by),
    )


# --- shortlisting ----------------------------------------------------------------------------


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
