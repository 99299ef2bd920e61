"""The diary as files: CSV (episodes) and ``crampless.diary`` JSON (episodes and tied days).

Both are read whole and checked before anything is stored, so a bad file changes nothing;
importing only adds (an episode already in the diary, or a day already tied, is kept).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.core.diary.diary_store import DayTie, Diary
from planner.core.diary.episode import (
    BEFORE,
    FLAGS,
    Episode,
    episode_to_dict,
    joined,
    make_episode,
)
from planner.core.errors import InputError
from planner.core.plans.shopping_export import FORMULA_STARTS, csv_cell
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.jsonfiles import (
    MAX_FILE_BYTES,
    VERSION,
    check_header,
    menu_from_dict,
    menu_to_dict,
    read_json,
)

DIARY_FORMAT = "crampless.diary"
CSV_COLUMNS: tuple[str, ...] = (
    "when",
    "leg",
    "muscle",
    "minutes",
    "severity",
    "before",
    "flags",
    "note",
)
REQUIRED_CSV: tuple[str, ...] = CSV_COLUMNS[:5]
MAX_EPISODES = 100_000
# csv_cell's quote before a formula character, taken off again when read.
_QUOTED_FORMULA = re.compile("(^|;)'(?=[ ]*[" + re.escape("".join(FORMULA_STARTS)) + "])")


# -- CSV -------------------------------------------------------------------------------
def diary_csv(episodes: Sequence[Episode]) -> str:
    """Episodes as CSV, one per line; text cells safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in episodes:
        row = [
            e.when_text,
            e.leg,
            e.muscle,
            f"{e.minutes:g}",
            e.severity,
            joined(e.before, BEFORE),
            joined(e.flags, FLAGS),
            e.note,
        ]
        writer.writerow([csv_cell(c) for c in row])
    return buffer.getvalue()


def episodes_from_csv(text: str, source: str, today: dt.date) -> list[Episode]:
    """Episodes of a diary CSV; InputError names the line and the column."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(source, "line 1", "the file is empty (expected a header row)") from None
    except csv.Error as exc:
        raise InputError(source, "line 1", f"not CSV ({exc})") from None
    missing = [c for c in REQUIRED_CSV if c not in header]
    if missing:
        raise InputError(source, "line 1", f"missing column(s): {', '.join(missing)}")
    episodes = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    source, f"line {line}", f"{len(row)} cells where the header has {len(header)}"
                )
            if len(episodes) >= MAX_EPISODES:
                raise InputError(source, f"line {line}", f"more than {MAX_EPISODES:,} episodes")
            fields = {
                name: _QUOTED_FORMULA.sub(r"\1", cell)
                for name, cell in zip(header, row, strict=True)
                if name in CSV_COLUMNS
            }
            episodes.append(make_episode(fields, today, source, f"line {line}, column "))
    except csv.Error as exc:
        raise InputError(source, f"line {reader.line_num}", f"not CSV ({exc})") from None
    return episodes


def read_diary_csv(path: Path, today: dt.date) -> list[Episode]:
    return episodes_from_csv(_read_text(path), path.name, today)


# -- JSON ------------------------------------------------------------------------------
def diary_to_dict(episodes: Sequence[Episode], ties: Sequence[DayTie]) -> dict[str, Any]:
    """The ``crampless.diary`` file's object."""
    return {
        "format": DIARY_FORMAT,
        "version": VERSION,
        "episodes": [episode_to_dict(e) for e in episodes],
        "days": [
            {"date": str(t.day), "source": t.source, "menu": menu_to_dict(t.menu)} for t in ties
        ],
    }


def diary_json(episodes: Sequence[Episode], ties: Sequence[DayTie]) -> str:
    return json.dumps(diary_to_dict(episodes, ties), indent=2, ensure_ascii=False) + "\n"


def diary_from_dict(
    data: Any, source: Path | str, today: dt.date
) -> tuple[list[Episode], list[DayTie]]:
    """Episodes and tied days of a ``crampless.diary`` object; places name the fault
    (``episodes[3].severity``, ``days[0].menu.items[1].grams``)."""
    check_header(data, DIARY_FORMAT, source)
    episodes_data = data.get("episodes", [])
    if not isinstance(episodes_data, list):
        raise InputError(source, "episodes", "expected a list of episodes")
    if len(episodes_data) > MAX_EPISODES:
        raise InputError(source, "episodes", f"more than {MAX_EPISODES:,} episodes")
    episodes = []
    for n, item in enumerate(episodes_data):
        if not isinstance(item, dict):
            raise InputError(source, f"episodes[{n}]", "expected an episode object")
        episodes.append(make_episode(item, today, source, f"episodes[{n}]."))
    days_data = data.get("days", [])
    if not isinstance(days_data, list):
        raise InputError(source, "days", "expected a list of days")
    ties, seen = [], set()
    for n, item in enumerate(days_data):
        place = f"days[{n}]"
        if not isinstance(item, dict):
            raise InputError(source, place, "expected a day object")
        try:
            day = (
                dt.date.fromisoformat(item.get("date"))
                if isinstance(item.get("date"), str)
                else None
            )
        except ValueError:
            day = None
        if day is None:
            raise InputError(
                source, f"{place}.date", f"{item.get('date')!r} is not a date as YYYY-MM-DD"
            )
        if day > today:
            raise InputError(source, f"{place}.date", f"{day} is in the future (today is {today})")
        if day in seen:
            raise InputError(source, f"{place}.date", f"{day} is tied twice")
        seen.add(day)
        label = item.get("source", "")
        if not isinstance(label, str):
            raise InputError(source, f"{place}.source", "must be text")
        menu = menu_from_dict(item.get("menu"), source, f"{place}.menu.")
        ties.append(DayTie(day, label, menu))
    return episodes, ties


def read_diary_json(path: Path, today: dt.date) -> tuple[list[Episode], list[DayTie]]:
    return diary_from_dict(read_json(path), path, today)


# -- with the library ------------------------------------------------------------------
def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def export_diary(diary: Diary, path: Path) -> int:
    """Write the whole diary to ``path`` (CSV by its suffix, else JSON) atomically;
    returns the number of episodes written."""
    episodes = diary.episodes()
    if is_csv(path):
        atomic_write_text(Path(path), diary_csv(episodes))
    else:
        atomic_write_text(Path(path), diary_json(episodes, list(diary.ties().values())))
    return len(episodes)


def import_diary(diary: Diary, path: Path, today: dt.date) -> tuple[int, int, int]:
    """Add a file's episodes (and tied days) to the diary; returns (added, already there,
    days tied). The whole file is checked first: a bad one raises and adds nothing."""
    if is_csv(path):
        episodes, ties = read_diary_csv(path, today), []
    else:
        episodes, ties = read_diary_json(path, today)
    added, skipped = diary.add_many(episodes)
    tied_already = diary.ties()
    tied = diary.tie_many(t for t in ties if t.day not in tied_already)
    return added, skipped, tied


def _read_text(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "", "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "", "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, "", exc.strerror or str(exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(path, "", f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "", "not a UTF-8 text file") from None
