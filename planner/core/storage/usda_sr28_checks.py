"""The SR28 files checked across columns and files (codes, numbers and their ranges, keys,
references), into the frames the import reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.data.nutrients import NUTRIENTS
from planner.core.errors import InputError
from planner.core.storage.usda_sr28_files import (
    FD_GROUP,
    FILES,
    FOOD_DES,
    NUT_DATA,
    NUTR_DEF,
    WEIGHT,
    Sr28Source,
)

# The most 100 g of food can hold of a nutrient, by the unit NUTR_DEF gives it in: the
# range custom foods have (planner.core.storage.custom_foods): 100 g of the nutrient itself, or
# 902 kcal (pure fat, SR28's highest). IU: 100 g of vitamin D is 4e9 IU (0.025 ug each).
VALUE_CEILINGS: dict[str, float] = {
    "g": 100.0,
    "mg": 100_000.0,
    "µg": 100_000_000.0,
    "kcal": 902.0,
    "kJ": 3774.0,  # 902 kcal
    "IU": 4e9,
}
# A unit SR28 does not use: still a finite bound, so that no sum overflows.
OTHER_CEILING = 4e9

# Digits of the codes: NDB_No, FdGrp_Cd, Nutr_No.
_NDB, _GROUP, _NUTR = 5, 4, 3


@dataclass(frozen=True)
class Sr28Tables:
    """SR28 as checked frames; text is as SR28 writes it, numbers are floats.

    ``foods``: ndb, group_code, description, refuse (NaN where empty). ``groups``: code,
    description. ``nutrients``: nutr_no, units, tagname, description, num_dec, sr_order.
    ``values``: ndb, nutr_no, value. ``weights``: ndb, seq, amount, description, grams.
    """

    foods: pd.DataFrame
    groups: pd.DataFrame
    nutrients: pd.DataFrame
    values: pd.DataFrame
    weights: pd.DataFrame


# --- checks across columns and files ------------------------------------------------


def _fail_at(label: str, mask: pd.Series | np.ndarray, message: Callable[[int], str]) -> None:
    """Raise for the first row where ``mask`` holds; ``message(row)`` says what is wrong."""
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        row = int(mask.argmax())
        raise InputError(label, f"line {row + 1}", message(row))


def _codes(frame: pd.DataFrame, column: str, digits: int, label: str) -> None:
    text = frame[column]
    pattern = re.compile(rf"\d{{{digits}}}")
    # Codes repeat (679,045 values of 8,789 foods): check each distinct one once.
    bad = [code for code in pd.unique(text.to_numpy()) if not pattern.fullmatch(code)]
    if bad:
        _fail_at(
            label,
            text.isin(bad),
            lambda r: f"{column} {text.iat[r]!r} is not a {digits}-digit code",
        )


def _numbers(
    frame: pd.DataFrame,
    column: str,
    label: str,
    required: bool,
    low: float = 0.0,
    low_open: bool = False,
    high: float = np.inf,
) -> np.ndarray:
    """A text column as floats (NaN where empty and allowed), range-checked."""
    text = frame[column]  # to_numeric skips surrounding blanks itself
    empty = (text == "").to_numpy()
    if required:
        _fail_at(label, empty, lambda r: f"{column} is empty")
    values = pd.to_numeric(text.where(~empty), errors="coerce").to_numpy(dtype=float)
    bad = (np.isnan(values) & ~empty) | np.isinf(values)
    _fail_at(label, bad, lambda r: f"{column} {frame[column].iat[r]!r} is not a number")
    below = values <= low if low_open else values < low
    floor = f"more than {low:g}" if low_open else f"at least {low:g}"
    _fail_at(label, below, lambda r: f"{column} {values[r]:g} must be {floor}")
    _fail_at(label, values > high, lambda r: f"{column} {values[r]:g} must be at most {high:g}")
    return values


def _unique(frame: pd.DataFrame, columns: list[str], what: str, label: str) -> None:
    """No two lines may have the same values in ``columns`` (the file's key)."""
    dup = frame.duplicated(subset=columns).to_numpy()
    if dup.any():
        row = int(dup.argmax())
        same = np.logical_and.reduce([(frame[c] == frame[c].iat[row]).to_numpy() for c in columns])
        key = "/".join(str(frame[c].iat[row]) for c in columns)
        raise InputError(
            label, f"line {row + 1}", f"{what} {key} repeats line {int(same.argmax()) + 1}"
        )


def _known(values: pd.Series, known: pd.Series, column: str, where: str, label: str) -> None:
    _fail_at(
        label,
        ~values.isin(known).to_numpy(),
        lambda r: f"{column} {values.iat[r]} is not in {where}",
    )


def check_tables(raw: dict[str, pd.DataFrame], source: Sr28Source) -> Sr28Tables:
    """The files ``parse_file`` read (by file name) checked into Sr28Tables; InputError
    names the file and line of the first fault."""
    label = {spec.name: source.label(spec) for spec in FILES}

    groups = raw[FD_GROUP.name]
    lb = label[FD_GROUP.name]
    _codes(groups, "FdGrp_Cd", _GROUP, lb)
    _unique(groups, ["FdGrp_Cd"], "food group", lb)

    nutr = raw[NUTR_DEF.name]
    lb = label[NUTR_DEF.name]
    _codes(nutr, "Nutr_No", _NUTR, lb)
    _unique(nutr, ["Nutr_No"], "nutrient", lb)
    num_dec = _numbers(nutr, "Num_Dec", lb, required=False)
    sr_order = _numbers(nutr, "SR_Order", lb, required=False)
    # The planner's nutrients must be in the units its registry expects (µg is "ug").
    expected_units = {n.usda_number: n.food_unit.split()[0].replace("ug", "µg") for n in NUTRIENTS}
    units = nutr["Units"].str.strip()
    wrong = nutr["Nutr_No"].map(expected_units).fillna(units) != units
    _fail_at(
        lb,
        wrong,
        lambda r: (
            f"nutrient {nutr['Nutr_No'].iat[r]} is in {units.iat[r]!r}, "
            f"expected {expected_units[nutr['Nutr_No'].iat[r]]!r}"
        ),
    )

    foods = raw[FOOD_DES.name]
    lb = label[FOOD_DES.name]
    _codes(foods, "NDB_No", _NDB, lb)
    _unique(foods, ["NDB_No"], "NDB_No", lb)
    _known(foods["FdGrp_Cd"], groups["FdGrp_Cd"], "FdGrp_Cd", FD_GROUP.name, lb)
    _fail_at(lb, foods["Long_Desc"].str.strip() == "", lambda r: "Long_Desc is empty")
    refuse = _numbers(foods, "Refuse", lb, required=False)
    _fail_at(lb, refuse >= 100, lambda r: f"Refuse {refuse[r]:g} % must be under 100 %")

    weights = raw[WEIGHT.name]
    lb = label[WEIGHT.name]
    _codes(weights, "NDB_No", _NDB, lb)
    _known(weights["NDB_No"], foods["NDB_No"], "NDB_No", FOOD_DES.name, lb)
    seq = _numbers(weights, "Seq", lb, required=True, low=0.0, low_open=True)
    _fail_at(lb, seq != np.round(seq), lambda r: f"Seq {weights['Seq'].iat[r]!r} is not whole")
    _unique(weights, ["NDB_No", "Seq"], "measure", lb)
    amount = _numbers(weights, "Amount", lb, required=True, low_open=True)
    grams = _numbers(weights, "Gm_Wgt", lb, required=True, low_open=True)
    _fail_at(lb, weights["Msre_Desc"].str.strip() == "", lambda r: "Msre_Desc is empty")

    values = raw[NUT_DATA.name]
    lb = label[NUT_DATA.name]
    _codes(values, "NDB_No", _NDB, lb)
    _codes(values, "Nutr_No", _NUTR, lb)
    value = _numbers(values, "Nutr_Val", lb, required=True)
    _known(values["NDB_No"], foods["NDB_No"], "NDB_No", FOOD_DES.name, lb)
    _known(values["Nutr_No"], nutr["Nutr_No"], "Nutr_No", NUTR_DEF.name, lb)
    unit_of = dict(zip(nutr["Nutr_No"], units, strict=True))
    ceilings = {n: VALUE_CEILINGS.get(u, OTHER_CEILING) for n, u in unit_of.items()}
    ceiling = values["Nutr_No"].map(ceilings).to_numpy(float)
    _fail_at(
        lb,
        value > ceiling,
        lambda r: (
            f"Nutr_Val {value[r]:g} {unit_of[values['Nutr_No'].iat[r]]} per 100 g is more "
            "than 100 g of food can hold"
        ),
    )
    _unique(values, ["NDB_No", "Nutr_No"], "value", lb)

    return Sr28Tables(
        foods=pd.DataFrame(
            {
                "ndb": foods["NDB_No"].to_numpy(object),
                "group_code": foods["FdGrp_Cd"].to_numpy(object),
                "description": foods["Long_Desc"].str.strip().to_numpy(object),
                "refuse": refuse,
            }
        ),
        groups=pd.DataFrame(
            {
                "code": groups["FdGrp_Cd"].to_numpy(object),
                "description": groups["FdGrp_Desc"].str.strip().to_numpy(object),
            }
        ),
        nutrients=pd.DataFrame(
            {
                "nutr_no": nutr["Nutr_No"].to_numpy(object),
                "units": units.to_numpy(object),
                "tagname": nutr["Tagname"].str.strip().to_numpy(object),
                "description": nutr["NutrDesc"].str.strip().to_numpy(object),
                "num_dec": num_dec,
                "sr_order": sr_order,
            }
        ),
        values=pd.DataFrame(
            {
                "ndb": values["NDB_No"].to_numpy(object),
                "nutr_no": values["Nutr_No"].to_numpy(object),
                "value": value,
            }
        ),
        weights=pd.DataFrame(
            {
                "ndb": weights["NDB_No"].to_numpy(object),
                "seq": seq.astype(np.int64),
                "amount": amount,
                "description": weights["Msre_Desc"].str.strip().to_numpy(object),
                "grams": grams,
            }
        ),
    )
