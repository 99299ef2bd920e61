"""Reference intakes (NASEM DRIs, EFSA DRVs) and the targets they give a profile."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.data.nutrients import BY_KEY, GUARD_KEYS
from planner.core.data.profile import STANDARDS, Profile
from planner.core.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

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
# ``UL``: a guard nutrient's row that carries an upper limit and no target (``value`` empty),
# such as preformed vitamin A, whose only target (the RDA) is in RAE, not retinol.
KINDS = ("RDA", "AI", "PRI", "UL")
SCOPES = ("all", "supplements")


@dataclass(frozen=True)
class Target:
    """One nutrient's target for a profile, with its upper limit and where both come from."""

    nutrient: str
    value: float | None  # None for a limit without a target (kind ``UL``)
    kind: str
    upper_limit: float | None
    upper_limit_scope: str | None
    source: str

    @property
    def limit_applies_to_food(self) -> bool:
        """Whether food intake is checked against the limit (scope ``all``)."""
        return self.upper_limit is not None and self.upper_limit_scope == "all"


class ReferenceIntakes:
    """The table of reference intakes, validated once, answering targets for a profile.

    Held as plain records: 265 rows, read at start-up and looked up at every profile
    change, are quicker with the csv module and a loop than with pandas.
    """

    def __init__(self, records: list[dict]) -> None:
        self._records = records

    @property
    def table(self) -> pd.DataFrame:
        """The records as a frame (for inspection and tests)."""
        import pandas as pd

        return pd.DataFrame.from_records(self._records, columns=list(COLUMNS))

    @classmethod
    def load(cls, path: Path) -> ReferenceIntakes:
        try:
            with open(path, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
                if missing:
                    raise InputError(path, "header", f"missing column {missing[0]!r}")
                rows = list(reader)
        except FileNotFoundError:
            raise InputError(path, "", "file not found") from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(path, "", f"not a readable CSV file ({exc})") from None
        records = []
        for line, row in enumerate(rows, start=2):
            record = {c: (row[c] or "").strip() for c in COLUMNS}
            limit_only = record["kind"] == "UL"
            for column in ("age_min", "age_max", "value", "upper_limit"):
                text = record[column]
                if column == "upper_limit" and text == "" and not limit_only:
                    record[column] = math.nan
                    continue
                if column == "value" and limit_only:
                    if text != "":
                        raise InputError(
                            path,
                            f"line {line}, column value",
                            "a UL row holds no target: leave empty",
                        )
                    record[column] = math.nan
                    continue
                try:
                    number = float(text)
                except ValueError:
                    number = math.nan
                if not math.isfinite(number) or number < 0:
                    raise InputError(
                        path, f"line {line}, column {column}", f"{row[column]!r} is not a number"
                    )
                record[column] = number
            if record["nutrient"] not in BY_KEY:
                raise InputError(path, f"line {line}, column nutrient", "unknown nutrient")
            if record["kind"] not in KINDS:
                raise InputError(
                    path, f"line {line}, column kind", f"{row['kind']!r} is not a kind"
                )
            records.append(record)
        return cls(records)

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
            limit = None if math.isnan(row["upper_limit"]) else float(row["upper_limit"])
            targets[key] = Target(
                nutrient=key,
                value=None if math.isnan(row["value"]) else float(row["value"]),
                kind=str(row["kind"]),
                upper_limit=limit,
                upper_limit_scope=(row["upper_limit_scope"] or None) if limit is not None else None,
                source=str(row["source"]),
            )
        return self._guard_fallback(profile, targets)

    def _guard_fallback(self, profile: Profile, targets: dict[str, Target]) -> dict[str, Target]:
        """``targets`` with NASEM's upper limit for each guard nutrient the profile's own
        standard gives none for here (EFSA's children's retinol and selenium limits, its
        zinc and copper in pregnancy): a limit food alone can pass must never go unwatched,
        and NASEM's is the published one Crampless holds for that life stage."""
        if profile.standard == "nasem" or not targets:  # none at all: said as such elsewhere
            return targets
        missing = [
            k for k in GUARD_KEYS if targets.get(k) is None or targets[k].upper_limit is None
        ]
        if not missing:
            return targets
        nasem = self.targets(replace(profile, standard="nasem"))
        for key in missing:
            limit = nasem.get(key)
            if limit is None or limit.upper_limit is None:
                continue
            own = targets.get(key)
            targets[key] = Target(
                nutrient=key,
                value=own.value if own else None,
                kind=own.kind if own else "UL",
                upper_limit=limit.upper_limit,
                upper_limit_scope=limit.upper_limit_scope,
                source=(f"{own.source}; " if own else "")
                + f"upper limit: {limit.source} (NASEM's, as no {profile.standard.upper()} "
                "limit for this life stage is held)",
            )
        return targets

    def stage_ages(self, standard: str, stage: str) -> tuple[float, float] | None:
        """The ages (from, below) the ``stage`` rows (``pregnancy``, ``lactation``) of a
        standard cover together; None when it has none."""
        rows = [r for r in self._records if r["standard"] == standard and r["life_stage"] == stage]
        if not rows:
            return None
        return min(r["age_min"] for r in rows), max(r["age_max"] for r in rows)

    def missing_note(self, profile: Profile, keys: Sequence[str]) -> str:
        """A sentence on which of ``keys`` get no target for ``profile``, why, and which
        standard has them; empty when every one has a target.

        The table holds EFSA's values from one year on (docs/reference-intakes.md): EFSA
        publishes values for infants from 7 months too, so the sentence says what
        Crampless holds, not that EFSA gives none.
        """
        targets = self.targets(profile)
        missing = [k for k in keys if k not in targets]
        if not missing:
            return ""
        label = STANDARDS[profile.standard]
        youngest = min(
            (
                r["age_min"]
                for r in self._records
                if r["standard"] == profile.standard and r["nutrient"] in missing
            ),
            default=None,
        )
        what = "No targets" if len(missing) == len(keys) else f"No target for {_listed(missing)}"
        if youngest is not None and profile.age < youngest:
            why = f"Crampless holds {label} values for ages {youngest:g} and over only"
        else:
            why = f"Crampless holds no {label} value for this life stage"
        others = [
            STANDARDS[s]
            for s in STANDARDS
            if s != profile.standard
            and all(k in self.targets(replace(profile, standard=s)) for k in missing)
        ]
        instead = f" {others[0]} targets cover this age." if others else ""
        return f"{what} at {profile.age:g} years: {why}.{instead}"


def _listed(keys: Sequence[str]) -> str:
    labels = [BY_KEY[k].label for k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
