"""``plan PLAN.json``: each person's coverage per day and on average, checked by hand
against ``coverage`` of the menu that person eats; version 1 plans; bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from planner.app import main
from planner.paths import ROOT

HOUSEHOLD = ROOT / "docs" / "sample-household.plan.json"
SAMPLE_V1 = ROOT / "docs" / "sample.plan.json"


def _json(capsys, tmp_path, *args) -> dict:
    assert main(["--data-dir", str(tmp_path / "data"), *map(str, args)]) == 0
    return json.loads(capsys.readouterr().out)


def _menu(tmp_path, name: str, items: list[dict]) -> str:
    path = tmp_path / f"{name}.menu.json"
    menu = {"format": "crampless.menu", "version": 1, "name": name, "items": items}
    path.write_text(json.dumps(menu))
    return str(path)


# What each person eats, written out by hand from docs/sample-household.plan.json:
# share x the day's menu, then their own items.
BY_HAND = {
    ("Anna", "Saturday"): (
        ["--sex", "female", "--age", "34", "--pregnant"],
        [
            {"food": "rolled-oats", "grams": 50},
            {"food": "banana", "portions": 1},
            {"food": "lentils", "grams": 150},
            {"food": "spinach", "grams": 60},
            {"food": "pumpkin-seeds", "grams": 20},
            {"food": "milk", "grams": 250},
        ],
    ),
    ("Tom", "Saturday"): (
        ["--sex", "male", "--age", "15"],
        [
            {"food": "rolled-oats", "grams": 65},
            {"food": "banana", "portions": 1.3},
            {"food": "lentils", "grams": 195},
            {"food": "spinach", "grams": 78},
            {"food": "pumpkin-seeds", "grams": 26},
            {"food": "banana", "portions": 1},
        ],
    ),
    ("Grandpa", "Sunday"): (
        ["--sex", "male", "--age", "74", "--standard", "efsa"],
        [
            {"food": "milk", "grams": 160},
            {"food": "almonds", "grams": 24},
            {"food": "salmon", "grams": 96},
            {"food": "spinach", "grams": 80},
        ],
    ),
}


@pytest.mark.parametrize(("person", "day"), list(BY_HAND))
def test_a_persons_day_is_coverage_of_what_they_eat(capsys, tmp_path, person, day):
    report = _json(capsys, tmp_path, "plan", HOUSEHOLD, "--format", "json")
    assert report["plan"] == "Household weekend"
    assert [p["name"] for p in report["people"]] == ["Anna", "Tom", "Grandpa"]
    entry = next(p for p in report["people"] if p["name"] == person)
    got = next(d for d in entry["days"] if d["name"] == day)
    options, items = BY_HAND[(person, day)]
    menu = _menu(tmp_path, f"{person}-{day}", items)
    expected = _json(capsys, tmp_path, "coverage", menu, *options, "--format", "json")
    assert entry["profile"] == expected["profile"]
    for mine, theirs in zip(got["nutrients"], expected["nutrients"], strict=True):
        assert mine.keys() == theirs.keys()
        assert mine["key"] == theirs["key"]
        assert mine["amount"] == pytest.approx(theirs["amount"], rel=1e-9)
        assert mine["percent"] == pytest.approx(theirs["percent"], abs=0.05)
        assert {k: v for k, v in mine.items() if k not in ("amount", "percent")} == {
            k: v for k, v in theirs.items() if k not in ("amount", "percent")
        }
    assert [g["key"] for g in got["guards"]] == [g["key"] for g in expected["guards"]]
    for mine, theirs in zip(got["guards"], expected["guards"], strict=True):
        assert mine["amount"] == pytest.approx(theirs["amount"], rel=1e-9)
        assert (mine["upper_limit"], mine["over"]) == (theirs["upper_limit"], theirs["over"])
    assert got["unknown"] == expected["unknown"]
    assert got["cautions"] == expected["cautions"]


def test_average_is_the_plan_over_its_days_and_person_filters(capsys, tmp_path):
    report = _json(capsys, tmp_path, "plan", HOUSEHOLD, "--person", "Tom", "--format", "json")
    (tom,) = report["people"]
    assert tom["name"] == "Tom" and tom["share"] == 1.3
    for n, nutrient in enumerate(tom["average"]["nutrients"]):
        days = [d["nutrients"][n]["amount"] for d in tom["days"]]
        assert nutrient["amount"] == pytest.approx(sum(days) / len(days), abs=1e-3)
    assert "guards" in tom["average"]


def test_version_1_plan_takes_the_profile_options(capsys, tmp_path):
    report = _json(
        capsys, tmp_path, "plan", SAMPLE_V1, "--sex", "male", "--age", "71", "--format", "json"
    )
    assert [p["name"] for p in report["people"]] == ["Person 1", "Person 2"]
    assert {p["profile"]["age"] for p in report["people"]} == {71}
    assert {p["share"] for p in report["people"]} == {1.0}
    assert len(report["people"][0]["days"]) == 7


def test_csv_and_table(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "plan", str(HOUSEHOLD), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["person"] for r in rows} == {"Anna", "Tom", "Grandpa"}
    assert {r["day"] for r in rows} == {"Saturday", "Sunday", "average"}
    assert "retinol" in {r["nutrient"] for r in rows}, "guards are listed"
    assert main(["--data-dir", str(tmp_path), "plan", str(HOUSEHOLD), "--person", "Anna"]) == 0
    text = capsys.readouterr().out
    assert "Anna (female, 34 years, pregnant, NASEM; share 1)" in text
    assert "Magnesium" in text and "Average" in text and "Tom" not in text


def _bad(tmp_path, change) -> str:
    data = json.loads(HOUSEHOLD.read_text())
    change(data)
    path = tmp_path / "bad.plan.json"
    path.write_text(json.dumps(data))
    return str(path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["days"][1]["own"].update(Bob=[]),
            "bad.plan.json: days[1].own.Bob: no person named 'Bob' in people",
        ),
        (
            lambda d: d["people"][1].update(share=0),
            "bad.plan.json: people[1].share: 0 is not above 0 and at most 5",
        ),
        (
            lambda d: d["people"][1].update(share=6),
            "bad.plan.json: people[1].share: 6 is not above 0 and at most 5",
        ),
        (
            lambda d: d["people"][2].update(name="Tom"),
            "bad.plan.json: people[2].name: two people are named 'Tom'",
        ),
        (
            lambda d: d["people"][0].update(age=130),
            "bad.plan.json: people[0].age: 130 is not an age from 0 to 120",
        ),
        (
            lambda d: d["people"][1].update(pregnant=True),
            "bad.plan.json: people[1].pregnant: pregnancy and lactation apply to the female sex",
        ),
        (
            lambda d: d["people"][0].update(age=12),
            "bad.plan.json: people[0].age: 12 years: NASEM's pregnancy targets cover ages 14 "
            "to 50 years",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_place(capsys, tmp_path, change, expected):
    path = _bad(tmp_path, change)
    for command in ("plan", "shopping"):
        assert main(["--data-dir", str(tmp_path), command, path]) == 2
        assert capsys.readouterr().err.strip().startswith(expected)


def test_unknown_person_option_is_one_line_without_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--data-dir",
            str(tmp_path),
            "plan",
            str(HOUSEHOLD),
            "--person",
            "Bob",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "command line: --person: no person named 'Bob' in the plan (its people: Anna, Tom, Grandpa)"
    )


def test_shopping_reads_version_2_for_everyone(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "shopping", str(HOUSEHOLD), "--format", "csv"]) == 0
    out = capsys.readouterr().out.lstrip("\ufeff")
    rows = {r["food"]: r for r in csv.DictReader(io.StringIO(out))}
    # Oats: 50 g shared by shares 1 + 1.3 + 0.8; milk: 200 g x 3.1 + Anna's own 250 g.
    assert float(rows["rolled-oats"]["edible_g"]) == pytest.approx(50 * 3.1)
    assert float(rows["milk"]["edible_g"]) == pytest.approx(200 * 3.1 + 250)
