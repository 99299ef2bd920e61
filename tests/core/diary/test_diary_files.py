"""The diary's CSV and ``crampless.diary`` files: round trips through the library, bad files
named by line and place, nothing added from a bad file."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from planner.core.diary.diary_files import (
    diary_csv,
    episodes_from_csv,
    export_diary,
    import_diary,
)
from planner.core.diary.diary_store import Diary
from planner.core.errors import InputError
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from tests.core.diary import fixture_diary as fx


def _diary(path) -> Diary:
    diary = Diary(Library(path / LIBRARY_FILE))
    diary.add_many(fx.episodes())
    for tie in fx.ties().values():
        diary.tie(tie)
    return diary


def _plain(episodes):
    return [replace(e, id=None) for e in episodes]


@pytest.mark.parametrize("name", ["diary.csv", "diary.json"])
def test_export_then_import_into_a_new_library(tmp_path, name):
    out = tmp_path / name
    assert export_diary(_diary(tmp_path / "a"), out) == 7
    fresh = Diary(Library((tmp_path / "b").mkdir() or tmp_path / "b" / LIBRARY_FILE))
    added, skipped, tied = import_diary(fresh, out, fx.TODAY)
    assert (added, skipped) == (7, 0)
    assert _plain(fresh.episodes()) == sorted(fx.episodes(), key=lambda e: e.when)
    if name.endswith(".json"):
        assert tied == 4 and fresh.ties() == fx.ties()
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["format"] == "crampless.diary" and data["version"] == 1
        assert data["episodes"][1] == {
            "when": "2026-11-03 02:10",
            "leg": "left",
            "muscle": "calf",
            "minutes": 4.0,
            "severity": 6,
            "before": ["exercise"],
            "flags": [],
            "note": "",
        }
    else:
        assert tied == 0 and fresh.ties() == {}
        assert out.read_text(encoding="utf-8").splitlines()[0] == (
            "when,leg,muscle,minutes,severity,before,flags,note"
        )
    assert import_diary(fresh, out, fx.TODAY)[:2] == (0, 7), "importing again adds nothing"


def test_a_formula_like_note_is_quoted_in_csv_and_read_back_as_written(tmp_path):
    e = replace(fx.episodes()[0], note="=HYPERLINK(1); -2")
    text = diary_csv([e])
    assert "'=HYPERLINK(1);'-2" in text.replace(" ", "")
    assert episodes_from_csv(text, "d.csv", fx.TODAY)[0].note == "=HYPERLINK(1); -2"


GOOD_ROW = "2026-11-03 02:10,left,calf,4,6,,,"
HEADER = "when,leg,muscle,minutes,severity,before,flags,note"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "d.csv: line 1: the file is empty (expected a header row)"),
        ("when,leg,minutes\n", "d.csv: line 1: missing column(s): muscle, severity"),
        (
            f"{HEADER}\n{GOOD_ROW}\n2026-11-04 02:10,left,calf,4,11,,,\n",
            "d.csv: line 3, column severity: '11' is not a whole number from 0 to 10",
        ),
        (
            f"{HEADER}\n2026-11-04 02:10,left,calf,-3,1,,,\n",
            "d.csv: line 2, column minutes: '-3' is not a number of minutes from 0 to 600",
        ),
        (
            f"{HEADER}\n2027-01-01 02:10,left,calf,3,1,,,\n",
            "d.csv: line 2, column when: 2027-01-01 02:10 is in the future (today is 2026-12-05)",
        ),
        (
            f"{HEADER}\n2026-11-04 02:10,left,calf\n",
            "d.csv: line 2: 3 cells where the header has 8",
        ),
    ],
)
def test_bad_csv_is_named_by_line_and_column(text, message):
    with pytest.raises(InputError) as caught:
        episodes_from_csv(text, "d.csv", fx.TODAY)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "crampless.menu", "version": 1}, "format: expected 'crampless.diary'"),
        ({"format": "crampless.diary", "version": 2}, "version: version 2 is not supported"),
        (
            {
                "format": "crampless.diary",
                "version": 1,
                "episodes": [
                    {
                        "when": "2026-11-01 01:00",
                        "leg": "left",
                        "muscle": "calf",
                        "minutes": 1,
                        "severity": 12,
                    }
                ],
            },
            "episodes[0].severity: 12 is not a whole number from 0 to 10",
        ),
        (
            {
                "format": "crampless.diary",
                "version": 1,
                "days": [{"date": "2026-11-31", "menu": {"items": []}}],
            },
            "days[0].date: '2026-11-31' is not a date",
        ),
        (
            {
                "format": "crampless.diary",
                "version": 1,
                "days": [{"date": "2026-11-01", "menu": {"items": [{"food": "apple"}]}}],
            },
            "days[0].menu.items[0]: give exactly one of 'grams' or 'portions'",
        ),
    ],
)
def test_bad_json_is_named_and_adds_nothing(tmp_path, data, message):
    diary = _diary(tmp_path)
    before = diary.episodes()
    path = tmp_path / "bad.diary.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_diary(diary, path, fx.TODAY)
    assert str(caught.value).startswith("bad.diary.json: ")
    assert message in str(caught.value)
    assert diary.episodes() == before


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "crampless.diary",\n "version": 1,,}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_diary(_diary(tmp_path), path, fx.TODAY)
    assert str(caught.value).startswith("bad.json: line 2, column")


def test_a_bad_row_late_in_a_csv_adds_none_of_it(tmp_path):
    diary = Diary(Library(tmp_path / LIBRARY_FILE))
    path = tmp_path / "d.csv"
    path.write_text(f"{HEADER}\n{GOOD_ROW}\n2026-11-04 02:10,left,knee,4,1,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3, column muscle"):
        import_diary(diary, path, fx.TODAY)
    assert diary.episodes() == []
