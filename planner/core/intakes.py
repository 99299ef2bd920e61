"""Reference intakes (NASEM DRIs, EFSA DRVs) and the targets they give a profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planner.core.errors import InputError
from planner.core.nutrients import BY_KEY
from planner.core.profile import Profile

COLUMNS = (
    "standard",
    "nutrient",
    "unit",
    "kind",
    "sex",
    "life_stage",
    "age_min",
    "age_max",
    "value",
    "upper_limit",
    "upper_limit_scope",
    "source",
)
KINDS = ("RDA", "AI", "PRI")
SCOPES = ("all", "supplements")


@dataclass(frozen=True)
class Target:
    """One nutrient's target for a profile, with its upper limit and where both come from."""

    nutrient: str
    value: float
    kind: str
    upper_limit: float | None
    upper_limit_scope: str | None
    source: str

    @property
    def limit_applies_to_food(self) -> bool:
        """Whether food intake is checked against the limit (scope ``all``)."""
        return self.upper_limit is not None and self.upper_limit_scope == "all"


class ReferenceIntakes:
    """The table of reference intakes, validated once, answering targets for a profile."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table
        # A profile change looks targets up; 265 plain records answer that faster than
        # a dozen pandas filters.
        self._records = table.to_dict("records")

    @classmethod
    def load(cls, path: Path) -> ReferenceIntakes:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        except FileNotFoundError:
            raise InputError(path, "", "file not found") from None
        missing = [c for c in COLUMNS if c not in raw.columns]
        if missing:
            raise InputError(path, "header", f"missing column {missing[0]!r}")
        table = raw.copy()
        for column in ("age_min", "age_max", "value", "upper_limit"):
            text = raw[column].str.strip()
            parsed = pd.to_numeric(text.where(text != ""), errors="coerce")
            bad = (parsed.isna() & (text != "")) | (parsed < 0)
            if column != "upper_limit":
                bad |= parsed.isna()
            if bad.any():
                row = int(bad.idxmax())
                raise InputError(
                    path,
                    f"line {row + 2}, column {column}",
                    f"{raw.at[row, column]!r} is not a number",
                )
            table[column] = parsed.astype(float)
        bad_nutrient = ~table["nutrient"].isin(BY_KEY)
        if bad_nutrient.any():
            row = int(bad_nutrient.idxmax())
            raise InputError(path, f"line {row + 2}, column nutrient", "unknown nutrient")
        return cls(table)

    def targets(self, profile: Profile) -> dict[str, Target]:
        """Each nutrient's target for ``profile``; nutrients the standard gives none are absent.

        Pregnancy and lactation rows cover their published age bands; an age outside
        them takes the nearest band, since a 13-year-old who is pregnant still needs one.
        """
        stage = profile.life_stage
        special = stage in ("pregnancy", "lactation")
        candidates: dict[str, list[dict]] = {}
        for row in self._records:
            if (
                row["standard"] == profile.standard
                and (
                    row["life_stage"] == stage
                    if special
                    else row["life_stage"] not in ("pregnancy", "lactation")
                )
                and row["sex"] in ("any", profile.sex)
            ):
                candidates.setdefault(row["nutrient"], []).append(row)
        targets: dict[str, Target] = {}
        for key, rows in candidates.items():
            inside = [r for r in rows if r["age_min"] <= profile.age < r["age_max"]]
            if not inside:
                if not special:
                    continue
                inside = [
                    min(
                        rows,
                        key=lambda r: (
                            max(r["age_min"] - profile.age, 0) + max(profile.age - r["age_max"], 0)
                        ),
                    )
                ]
            row = inside[0]
            limit = None if pd.isna(row["upper_limit"]) else float(row["upper_limit"])
            targets[key] = Target(
                nutrient=key,
                value=float(row["value"]),
                kind=str(row["kind"]),
                upper_limit=limit,
                upper_limit_scope=(row["upper_limit_scope"] or None) if limit is not None else None,
                source=str(row["source"]),
            )
        return targets
