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
        t = self.table
        rows = t[
            (t["standard"] == profile.standard)
            & (
                t["life_stage"] == profile.life_stage
                if profile.life_stage in ("pregnancy", "lactation")
                else ~t["life_stage"].isin(("pregnancy", "lactation"))
            )
            & t["sex"].isin(("any", profile.sex))
        ]
        targets: dict[str, Target] = {}
        for key, group in rows.groupby("nutrient", sort=False):
            inside = group[(group["age_min"] <= profile.age) & (profile.age < group["age_max"])]
            if inside.empty:
                if profile.life_stage not in ("pregnancy", "lactation"):
                    continue
                distance = (group["age_min"] - profile.age).clip(lower=0) + (
                    profile.age - group["age_max"]
                ).clip(lower=0)
                inside = group.loc[[distance.idxmin()]]
            row = inside.iloc[0]
            limit = None if pd.isna(row["upper_limit"]) else float(row["upper_limit"])
            targets[str(key)] = Target(
                nutrient=str(key),
                value=float(row["value"]),
                kind=str(row["kind"]),
                upper_limit=limit,
                upper_limit_scope=(row["upper_limit_scope"] or None) if limit is not None else None,
                source=str(row["source"]),
            )
        return targets
