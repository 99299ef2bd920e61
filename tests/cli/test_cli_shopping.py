"""``shopping PLAN.json`` run as a user runs it: formats, files, bad plans, failed writes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.paths import ROOT

SAMPLE = ROOT / "docs" / "sample.plan.json"


def _run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--data-dir",
            str(tmp_path / "data"),
            *map(str, args),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=120,
    )


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_markdown_to_stdout(tmp_path):
    result = _run(tmp_path, "shopping", SAMPLE, "--format", "md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Shopping list: Sample week"
    assert "## Fruit" in lines
    assert any(line.startswith("- [ ] Banana: ") and "pieces" in line for line in lines)
    assert "water" not in result.stdout.lower(), "tap water is never bought"
    assert _run(tmp_path, "shopping", SAMPLE).stdout.splitlines()[1:] == lines[1:], "md is default"


def test_csv_to_file(tmp_path):
    out = tmp_path / "list.csv"
    result = _run(tmp_path, "shopping", SAMPLE, "--format", "csv", "--output", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbfaisle,")  # a BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    banana = next(r for r in rows if r["food"] == "banana")
    assert banana["aisle"] == "Fruit"
    assert banana["unit"] == "piece"
    assert int(banana["units"]) >= 1
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["list.csv"]


def test_csv_to_stdout_has_no_byte_order_mark(tmp_path):
    result = _run(tmp_path, "shopping", SAMPLE, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("aisle,food,")


def test_pdf_to_file_format_from_suffix(tmp_path):
    out = tmp_path / "list.pdf"
    result = _run(tmp_path, "shopping", SAMPLE, "--output", out)
    assert result.returncode == 0, result.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert text.startswith("Shopping list: Sample week")
    assert "Banana" in text and "Dairy & eggs" in text


def test_pdf_needs_output(tmp_path):
    line = _one_error_line(_run(tmp_path, "shopping", SAMPLE, "--format", "pdf"))
    assert "--output" in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{", "bad.plan.json: line 1, column 2: invalid JSON"),
        (
            {"format": "crampless.plan", "version": 1, "people": 0, "days": []},
            "bad.plan.json: people: 0 is not between 1 and 50",
        ),
        (
            {
                "format": "crampless.plan",
                "version": 1,
                "people": 2,
                "days": [{"name": "Mo", "menu": {"items": [{"food": "bananna", "grams": 1}]}}],
            },
            "bad.plan.json: days[0].menu.items[0].food: unknown food 'bananna'",
        ),
    ],
)
def test_bad_plan_files(tmp_path, content, expected):
    plan = tmp_path / "bad.plan.json"
    plan.write_text(content if isinstance(content, str) else json.dumps(content))
    out = tmp_path / "list.csv"
    out.write_text("the old list")
    line = _one_error_line(_run(tmp_path, "shopping", plan, "--output", out))
    assert line.startswith(expected)
    assert out.read_text() == "the old list", "a failed run leaves the old file alone"


def test_missing_plan_file(tmp_path):
    line = _one_error_line(_run(tmp_path, "shopping", tmp_path / "none.plan.json"))
    assert line == "none.plan.json: file not found"


@pytest.mark.parametrize("fmt", ["csv", "md", "pdf"])
def test_unwritable_output(tmp_path, fmt):
    missing = tmp_path / "no" / "such" / f"list.{fmt}"
    line = _one_error_line(_run(tmp_path, "shopping", SAMPLE, "--output", missing))
    assert line.startswith(f"{missing}: cannot write: the folder")
    assert not (tmp_path / "no").exists()

    folder = tmp_path / f"taken.{fmt}"
    folder.mkdir()
    line = _one_error_line(_run(tmp_path, "shopping", SAMPLE, "--output", folder))
    assert line == f"{folder}: cannot write: it is a folder"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [], "no partial file"
