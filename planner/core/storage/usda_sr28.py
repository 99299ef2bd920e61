"""Reading the USDA SR28 ASCII files (zip or folder) strictly, naming file and line of a fault."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.data.nutrients import NUTRIENTS
from planner.core.errors import InputError

# SR28 food group code -> category (shopping aisle, planner.core.data.categories.AISLES).
# The one place this mapping lives. A group maps to the aisle most of its foods are
# bought in; groups of prepared or mixed dishes go to "other".
GROUP_CATEGORIES: dict[str, str] = {
    "0100": "dairy-eggs",  # Dairy and Egg Products
    "0200": "pantry",  # Spices and Herbs (mostly dried)
    "0300": "other",  # Baby Foods
    "0400": "pantry",  # Fats and Oils
    "0500": "meat",  # Poultry Products
    "0600": "pantry",  # Soups, Sauces, and Gravies
    "0700": "meat",  # Sausages and Luncheon Meats
    "0800": "bakery-grains",  # Breakfast Cereals
    "0900": "fruit",  # Fruits and Fruit Juices
    "1000": "meat",  # Pork Products
    "1100": "vegetables",  # Vegetables and Vegetable Products
    "1200": "nuts-seeds",  # Nut and Seed Products
    "1300": "meat",  # Beef Products
    "1400": "drinks",  # Beverages
    "1500": "fish",  # Finfish and Shellfish Products
    "1600": "legumes",  # Legumes and Legume Products
    "1700": "meat",  # Lamb, Veal, and Game Products
    "1800": "bakery-grains",  # Baked Products
    "1900": "pantry",  # Sweets
    "2000": "bakery-grains",  # Cereal Grains and Pasta
    "2100": "other",  # Fast Foods
    "2200": "other",  # Meals, Entrees, and Side Dishes
    "2500": "pantry",  # Snacks
    "3500": "other",  # American Indian/Alaska Native Foods
    "3600": "other",  # Restaurant Foods
}
DEFAULT_CATEGORY = "other"


@dataclass(frozen=True)
class FileSpec:
    """One SR28 file: its name, how many ``^``-separated fields a line has, which we read."""

    name: str
    fields: int
    columns: dict[int, str]  # position -> SR28 field name, for the fields read


FOOD_DES = FileSpec("FOOD_DES.txt", 14, {0: "NDB_No", 1: "FdGrp_Cd", 2: "Long_Desc", 8: "Refuse"})
FD_GROUP = FileSpec("FD_GROUP.txt", 2, {0: "FdGrp_Cd", 1: "FdGrp_Desc"})
NUTR_DEF = FileSpec(
    "NUTR_DEF.txt",
    6,
    {0: "Nutr_No", 1: "Units", 2: "Tagname", 3: "NutrDesc", 4: "Num_Dec", 5: "SR_Order"},
)
NUT_DATA = FileSpec("NUT_DATA.txt", 18, {0: "NDB_No", 1: "Nutr_No", 2: "Nutr_Val"})
WEIGHT = FileSpec(
    "WEIGHT.txt", 7, {0: "NDB_No", 1: "Seq", 2: "Amount", 3: "Msre_Desc", 4: "Gm_Wgt"}
)
# In reading order; the relative sizes weigh the progress (NUT_DATA is 95 % of the bytes).
FILES: tuple[FileSpec, ...] = (FD_GROUP, NUTR_DEF, FOOD_DES, WEIGHT, NUT_DATA)

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


class Sr28Source:
    """The SR28 files of a zip (as the USDA distributes it) or of its unpacked folder.

    File names are matched case-insensitively and wherever they sit in the zip, since
    unpacked copies and re-zipped downloads differ in both.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_dir():
            self._members = {p.name.upper(): p.name for p in self.path.iterdir() if p.is_file()}
        elif self.path.is_file():
            try:
                self._zip = zipfile.ZipFile(self.path)
            # NotImplementedError: a zip that says it needs a newer zip version to read.
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
                raise InputError(self.path, "", f"not an SR28 zip or folder ({exc})") from None
            self._members = {Path(n).name.upper(): n for n in self._zip.namelist()}
        else:
            raise InputError(self.path, "", "not found")
        missing = [spec.name for spec in FILES if spec.name.upper() not in self._members]
        if missing:
            verb = "is" if len(missing) == 1 else "are"
            raise InputError(
                self.path, "", f"{', '.join(missing)} {verb} missing (not the SR28 ASCII files?)"
            )

    def label(self, spec: FileSpec) -> str:
        """How errors name a file: ``sr28asc.zip/NUT_DATA.txt`` or ``NUT_DATA.txt``."""
        member = self._members[spec.name.upper()]
        return f"{self.path.name}/{member}" if self._zip else member

    def size(self, spec: FileSpec) -> int:
        member = self._members[spec.name.upper()]
        if self._zip:
            return self._zip.getinfo(member).file_size
        return (self.path / member).stat().st_size

    def read(self, spec: FileSpec) -> bytes:
        member = self._members[spec.name.upper()]
        try:
            if self._zip:
                return self._zip.read(member)
            return (self.path / member).read_bytes()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError) as exc:
            # A damaged or cut zip fails its CRC, ends early or names a member in bytes
            # that are not its encoding here.
            raise InputError(self.label(spec), "", f"cannot be read ({exc})") from None
        # Deflate64 (Windows Explorer's) or another method; a RuntimeError too, so first.
        except NotImplementedError:
            raise InputError(
                self.label(spec),
                "",
                "is compressed in a way that cannot be read here (Deflate64, as Windows "
                "Explorer writes); unpack the zip and import its folder",
            ) from None
        except RuntimeError:  # zipfile's "encrypted, password required"
            raise InputError(
                self.label(spec), "", "is encrypted; use the USDA's own zip, or unpack it"
            ) from None

    def close(self) -> None:
        if self._zip:
            self._zip.close()


def read_sr28(path: Path, step: Callable[[str, int, int], None] | None = None) -> Sr28Tables:
    """Read and check the SR28 files of a zip or folder.

    ``step(message, done, total)`` is called before each file and before the checks
    across files, with bytes read so far and in all; it may raise to cancel. Any fault
    raises InputError naming the file and line (1-based, as an editor shows).
    """
    source = Sr28Source(path)
    try:
        total = sum(source.size(spec) for spec in FILES)
        done = 0
        raw: dict[str, pd.DataFrame] = {}
        for spec in FILES:
            if step:
                step(f"Reading {spec.name}", done, total)
            data = source.read(spec)
            raw[spec.name] = parse_file(data, spec, source.label(spec))
            done += len(data)
        if step:
            step("Checking the files", done, max(total, done))
        return _check(raw, source)
    finally:
        source.close()


def parse_file(data: bytes, spec: FileSpec, label: str) -> pd.DataFrame:
    """The read columns of one file as text, named by SR28 field, one row per line.

    Every line must have ``spec.fields`` fields; a last line cut short (a truncated
    file) and stray lines are reported with their line number.
    """
    lines = data.split(b"\n")
    ends_cleanly = not lines[-1].strip()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise InputError(label, "", "the file is empty")
    # Counting separators is cheap (0.1 s for NUT_DATA); only lines that look wrong are
    # parsed properly, so a '^' inside a ~quoted~ text field is no fault.
    expected = spec.fields - 1
    counts = np.fromiter((line.count(b"^") for line in lines), np.int64, count=len(lines))
    for index in np.flatnonzero(counts != expected):
        _check_line(
            lines[index],
            int(index) + 1,
            spec,
            label,
            last=index == len(lines) - 1,
            ends_cleanly=ends_cleanly,
        )
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            sep="^",
            quotechar="~",
            encoding="latin-1",
            header=None,
            names=list(range(spec.fields)),
            usecols=list(spec.columns),
            dtype=object,
            keep_default_na=False,
            na_filter=False,
        )
    except pd.errors.ParserError as exc:
        raise InputError(label, _parser_place(str(exc)), "not in SR28 format") from None
    except ValueError:  # fewer fields than names: an open ~ quote swallowed line ends
        frame = None
    if frame is None or len(frame) != len(lines):
        # Lines merge only where a quote is left open; find the first odd one.
        odd = next((i for i, line in enumerate(lines) if line.count(b"~") % 2), None)
        if odd is None:
            records = "fewer" if frame is None else len(frame)
            raise InputError(label, "", f"{records} records in {len(lines)} lines")
        raise InputError(label, f"line {odd + 1}", "a ~ quote is not closed")
    return frame.rename(columns=spec.columns)


def _check_line(
    line: bytes, number: int, spec: FileSpec, label: str, last: bool, ends_cleanly: bool
) -> None:
    text = line.decode("latin-1").rstrip("\r")
    if not text.strip():
        raise InputError(label, f"line {number}", "empty line")
    if "\r" in text:
        # pandas would take it for a line end, shifting every later line number.
        raise InputError(label, f"line {number}", "a carriage return inside the line")
    try:
        fields = len(next(csv.reader([text], delimiter="^", quotechar="~")))
    except csv.Error as exc:
        raise InputError(label, f"line {number}", f"not in SR28 format ({exc})") from None
    if fields == spec.fields:
        return
    if last and not ends_cleanly and fields < spec.fields:
        raise InputError(
            label,
            f"line {number}",
            f"the file ends in the middle of a record ({fields} of {spec.fields} fields):"
            " it looks truncated",
        )
    raise InputError(label, f"line {number}", f"{fields} fields, expected {spec.fields}")


def _parser_place(message: str) -> str:
    """The line a pandas ParserError names (it counts rows from 0, lines from 1)."""
    if match := re.search(r"line (\d+)", message):
        return f"line {match.group(1)}"
    if match := re.search(r"row (\d+)", message):
        return f"line {int(match.group(1)) + 1}"
    return ""


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


def _check(raw: dict[str, pd.DataFrame], source: Sr28Source) -> Sr28Tables:
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
