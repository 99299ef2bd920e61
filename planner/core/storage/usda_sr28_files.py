"""The SR28 files: the fields read from each, where they are (a zip or a folder), and one
file read into text columns, naming the line of a fault."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core.errors import InputError


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
