"""A menu completion as a mixed-integer program: its candidates, columns, rows and costs
(shortlisted in completion_shortlist.py, solved by HiGHS in completion_solver.py).

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
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import water_only_ids
from planner.core.advice.servings import servings_of
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


def familiarity(
    foods: FoodTable, ids: pd.Index, on_menu: Collection[str], familiar: Collection[str]
) -> np.ndarray:
    """Per candidate, its FAMILIARITY_WEIGHTS cost weight."""
    sources, names, groups = (
        foods.optional_column(c) for c in ("source", "name", "usda_food_group")
    )
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
    table = servings_of(foods)
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
