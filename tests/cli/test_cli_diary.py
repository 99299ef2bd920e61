"""``diary add|list|export|import`` and ``report`` run as a user runs them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from planner.core.diary.diary_store import DayTie, Diary
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.paths import ROOT
from tests.core.diary import fixture_diary as fx


def _run(data: Path, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=data.parent,
        timeout=120,
    )


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


ADD = ("diary", "add", "--leg", "left", "--muscle", "calf")


def test_add_list_and_bad_input_that_loses_nothing(tmp_path):
    data = tmp_path / "data"
    added = _run(data, *ADD, "--when", "2026-12-01 03:10", "--minutes", "4", "--severity", "6")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Logged episode 1: 2026-12-01 03:10, left calf, 4 min, severity 6.\n"
    second = _run(
        data,
        "diary",
        "add",
        "--leg",
        "both",
        "--muscle",
        "foot",
        "--minutes",
        "12",
        "--severity",
        "8",
        "--before",
        "exercise",
        "--flag",
        "numbness",
        "--note",
        "=x",
    )
    assert second.returncode == 0, second.stderr
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    bad = {
        ("--when", f"{tomorrow} 01:00", "--minutes", "3", "--severity", "2"): (
            f"command line: --when: {tomorrow} 01:00 is in the future"
        ),
        ("--minutes", "601", "--severity", "2"): "command line: --minutes: '601' is not a number",
        ("--minutes", "-1", "--severity", "2"): "command line: --minutes: '-1' is not a number",
        ("--minutes", "3", "--severity", "11"): "command line: --severity: '11' is not a whole",
        ("--minutes", "3", "--severity", "2", "--when", "soon"): "command line: --when: 'soon'",
    }
    for args, message in bad.items():
        assert _one_error_line(_run(data, *ADD, *args)).startswith(message)
    wrong_leg = _run(
        data,
        "diary",
        "add",
        "--leg",
        "arm",
        "--muscle",
        "calf",
        "--minutes",
        "1",
        "--severity",
        "1",
    )
    assert "invalid choice: 'arm'" in _one_error_line(wrong_leg)
    listed = json.loads(_run(data, "diary", "list", "--format", "json").stdout)
    assert [(e["id"], e["minutes"], e["before"], e["flags"]) for e in listed] == [
        (1, 4.0, [], []),
        (2, 12.0, ["exercise"], ["numbness"]),
    ]
    assert listed[1]["note"] == "=x"
    csv_lines = _run(data, "diary", "list", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "when,leg,muscle,minutes,severity,before,flags,note"
    assert csv_lines[2].endswith(",both,foot,12,8,exercise,numbness,'=x")
    table = _run(data, "diary", "list", "--from", "2026-11-30", "--to", "2026-11-30").stdout
    assert "left calf" in table and "both feet" not in table
    assert _run(tmp_path / "empty", "diary", "list").stdout == "No episode logged yet.\n"
    assert not (tmp_path / "empty").exists(), "listing creates no library"


def test_export_and_import_round_trip_and_a_bad_file(tmp_path):
    data = tmp_path / "data"
    diary = Diary(Library((data.mkdir() or data) / LIBRARY_FILE))
    diary.add_many(fx.episodes())
    for tie in fx.ties().values():
        diary.tie(tie)
    diary.library.close()
    for name in ("out.json", "out.csv"):
        result = _run(data, "diary", "export", tmp_path / name)
        assert result.stdout == f"Wrote 7 episodes to {tmp_path / name}.\n", result.stderr
    other = tmp_path / "other"
    imported = _run(other, "diary", "import", tmp_path / "out.json")
    assert imported.stdout == "Added 7 episodes and 4 days tied to a menu.\n", imported.stderr
    again = _run(other, "diary", "import", tmp_path / "out.csv")
    assert again.stdout == "Added 0 episodes (7 already in the diary).\n"
    assert _run(other, "diary", "list", "--format", "csv").stdout == (
        _run(data, "diary", "list", "--format", "csv").stdout
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "when,leg,muscle,minutes,severity\n2026-11-20 02:00,left,calf,2,3\n"
        "2026-11-21 02:00,left,calf,2,eleven\n",
        encoding="utf-8",
    )
    line = _one_error_line(_run(other, "diary", "import", bad))
    assert line == "bad.csv: line 3, column severity: 'eleven' is not a whole number from 0 to 10"
    assert len(json.loads(_run(other, "diary", "list", "--format", "json").stdout)) == 7
    missing = _one_error_line(_run(other, "diary", "import", tmp_path / "nope.json"))
    assert missing == "nope.json: file not found"


def test_report_pdf_read_back(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    diary = Diary(Library(data / LIBRARY_FILE))
    diary.add_many(fx.episodes())
    banana = Menu("Banana day", [MenuItem("banana", "snack", grams=100.0)])  # Mg 27 mg
    seeds = Menu("Seeds day", [MenuItem("pumpkin-seeds", "snack", grams=50.0)])  # Mg 296 mg
    for day, menu in ((2, banana), (3, seeds), (5, banana)):
        diary.tie(DayTie(dt.date(2026, 11, day), f"menu '{menu.name}'", menu))
    diary.library.close()
    out = tmp_path / "report.pdf"
    result = _run(
        data,
        "report",
        "--from",
        str(fx.FIRST),
        "--to",
        str(fx.LAST),
        "--output",
        out,
        "--sex",
        "female",
        "--age",
        "50",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Wrote the report of 14 nights (5 episodes, 3 days tied to a menu) to {out}.\n"
    )
    text = "\n".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Cramp diary: a record for my doctor" in text
    assert "profile: female, 50 years, NASEM" in text
    assert "5 episodes on 4 of 14 nights; 2.0 nights with cramps a week." in text
    assert "Duration: lowest 1 min, median 4 min, highest 12 min." in text
    assert "Severity (0 to 10): lowest 2, median 5, highest 8." in text
    assert "Longer than 10 minutes: 1 episode." in text
    assert "2026-11-10 01:00: started amlodipine" in text
    assert "Numbness or tingling: 1 episode." in text
    # (27 + 296 + 27) / 3 = 116.7 mg a day, 36 % of the RDA of 320 mg.
    assert "Magnesium 117 mg 320 mg (RDA) 36 %" in text
    assert "Average a day over the 3 days tied to a menu; 11 days of the period have none" in text
    assert "not a diagnosis" in text
    assert "caused by" not in text.lower()


def test_report_refuses_a_bad_period(tmp_path):
    data = tmp_path / "data"
    out = tmp_path / "r.pdf"
    later = dt.date.today() + dt.timedelta(days=3)
    assert _one_error_line(
        _run(data, "report", "--from", "2026-11-10", "--to", str(later), "--output", out)
    ).startswith(f"command line: --to: {later} is in the future")
    assert (
        _one_error_line(
            _run(data, "report", "--from", "2026-11-10", "--to", "2026-11-01", "--output", out)
        )
        == "command line: --to: 2026-11-01 is before the start, 2026-11-10"
    )
    assert "--output" in _one_error_line(
        _run(data, "report", "--from", "2026-11-10", "--to", "2026-11-12")
    )
    assert not out.exists()
