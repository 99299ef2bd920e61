"""Who the targets are for: age, sex, pregnancy, lactation and the reference standard."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from planner.core.errors import InputError

SEXES = ("female", "male")
STANDARDS = {"nasem": "NASEM (US/Canada)", "efsa": "EFSA (EU)"}
MAX_AGE = 120.0


@dataclass(frozen=True)
class Profile:
    """A person's life stage, as the reference intakes need it."""

    sex: str = "female"
    age: float = 50.0
    pregnant: bool = False
    lactating: bool = False
    standard: str = "nasem"

    def __post_init__(self) -> None:
        if self.sex not in SEXES:
            raise InputError(
                "profile", "sex", f"must be one of {', '.join(SEXES)}, not {self.sex!r}"
            )
        if not 0 <= self.age <= MAX_AGE:
            raise InputError("profile", "age", f"{self.age:g} is not an age from 0 to {MAX_AGE:g}")
        if self.standard not in STANDARDS:
            raise InputError("profile", "standard", f"unknown standard {self.standard!r}")
        if self.pregnant and self.lactating:
            raise InputError("profile", "", "choose pregnant or lactating, not both")
        if (self.pregnant or self.lactating) and self.sex != "female":
            raise InputError("profile", "", "pregnancy and lactation apply to the female sex")

    @property
    def life_stage(self) -> str:
        """``infant``, ``child``, ``adult``, ``pregnancy`` or ``lactation``."""
        if self.pregnant:
            return "pregnancy"
        if self.lactating:
            return "lactation"
        if self.age < 1:
            return "infant"
        return "child" if self.age < 19 else "adult"

    def describe(self) -> str:
        """A short phrase such as ``female, 55 years, NASEM``."""
        stage = {"pregnancy": ", pregnant", "lactation": ", breastfeeding"}.get(self.life_stage, "")
        return f"{self.sex}, {self.age:g} years{stage}, {self.standard.upper()}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Profile:
        """A profile from saved settings; unknown keys are ignored, missing ones defaulted."""
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        if "age" in fields:
            fields["age"] = float(fields["age"])  # type: ignore[arg-type]
        for flag in ("pregnant", "lactating"):
            if flag in fields:
                fields[flag] = fields[flag] in (True, "true", "1", 1)
        return cls(**fields)  # type: ignore[arg-type]
