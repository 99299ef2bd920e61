"""What a shopper marked on a plan's list: items ticked off and items already in the pantry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.core.errors import InputError


@dataclass(frozen=True)
class ShoppingState:
    """Food ids ticked off (bought) and food ids already at home.

    The state outlives the list: ids of foods no longer in the plan are kept but ignored,
    so a food taken out and put back keeps its mark.
    """

    ticked: frozenset[str] = frozenset()
    pantry: frozenset[str] = frozenset()

    def with_ticked(self, food_id: str, ticked: bool = True) -> ShoppingState:
        return ShoppingState(_with(self.ticked, food_id, ticked), self.pantry)

    def with_pantry(self, food_id: str, in_pantry: bool = True) -> ShoppingState:
        return ShoppingState(self.ticked, _with(self.pantry, food_id, in_pantry))

    def cleared(self) -> ShoppingState:
        """Nothing ticked, the pantry kept (a new shopping trip)."""
        return ShoppingState(frozenset(), self.pantry)

    def to_dict(self) -> dict[str, list[str]]:
        return {"ticked": sorted(self.ticked), "pantry": sorted(self.pantry)}

    @classmethod
    def from_dict(cls, data: Any, source: str, where: str = "shopping_state") -> ShoppingState:
        """The state from its stored object; a bad one is an InputError naming the place."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise InputError(source, where, "expected an object")
        sets = []
        for key in ("ticked", "pantry"):
            ids = data.get(key, [])
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise InputError(source, f"{where}.{key}", "expected a list of food ids")
            sets.append(frozenset(ids))
        return cls(*sets)


def _with(ids: frozenset[str], food_id: str, present: bool) -> frozenset[str]:
    return ids | {food_id} if present else ids - {food_id}
