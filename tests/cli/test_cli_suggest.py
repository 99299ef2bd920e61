"""``suggest`` on the command line: a menu file that reaches the targets, or a summary."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.servings import servings_of
from planner.paths import ROOT

MENU = {
    "format": "crampless.menu",
    "version": 1,
    "name": "Monday",
    "items": [
        {"food": "rolled-oats", "portions": 1, "meal": "breakfast"},
        {"food": "banana", "grams": 118, "meal": "breakfast"},
    ],
}


def run(*args, data_dir):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_menu(tmp_path, menu=MENU):
    path = tmp_path / "monday.menu.json"
    path.write_text(json.dumps(menu), encoding="utf-8")
    return path


def test_json_is_a_menu_file_that_coverage_finds_complete(tmp_path, foods):
    result = run("suggest", write_menu(tmp_path), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["format"], out["version"], out["name"]) == ("crampless.menu", 1, "Monday")
    completion = out["completion"]
    assert completion["status"] == "complete" and completion["unmet"] == []
    added = completion["added"]
    assert added and completion["added_grams"] == pytest.approx(
        sum(a["grams"] for a in added), abs=0.1
    )
    servings = servings_of(foods)
    originals = {item["food"]: item for item in MENU["items"]}
    new_rows = out["items"][len(MENU["items"]) :]
    assert len(new_rows) == sum(not a["raises"] for a in added)
    for entry in added:
        food = entry["food"]
        assert set(entry) - {"portions"} == {"food", "meal", "grams", "raises"}
        # Realistic servings in half-serving steps, never past the food's daily cap.
        row = servings.position(food)
        steps = entry["grams"] / (servings.grams[row] / 2)
        assert steps == pytest.approx(round(steps), abs=1e-3) and steps >= 1
        assert round(steps) <= 2 * CompletionOptions().max_portions_per_food
        assert entry["raises"] == (food in originals)
        if entry["raises"]:
            # The menu's row grows in its own unit; no second row of the food.
            before = originals[food]
            (after,) = [i for i in out["items"] if i["food"] == food]
            assert after["meal"] == before["meal"] and after.keys() == before.keys()
            grams = foods.portion_g(food) if "portions" in before else 1.0
            unit = "portions" if "portions" in before else "grams"
            assert (after[unit] - before[unit]) * grams == pytest.approx(entry["grams"], abs=0.1)
        else:
            (item,) = [i for i in new_rows if i["food"] == food]
            assert item["meal"] == entry["meal"] in servings.meals(row)
            if "portions" in entry:
                assert item["portions"] == pytest.approx(entry["portions"])
                assert entry["portions"] * foods.portion_g(food) == pytest.approx(
                    entry["grams"], abs=0.1
                )
            else:
                assert item["grams"] == pytest.approx(entry["grams"], abs=0.1)
        total = sum(
            i.get("grams", 0) or i.get("portions", 0) * foods.portion_g(food)
            for i in out["items"]
            if i["food"] == food
        )
        assert total <= servings.cap_g[row] + 0.1

    saved = tmp_path / "completed.menu.json"
    saved.write_text(result.stdout, encoding="utf-8")
    checked = run("coverage", saved, "--format", "json", data_dir=tmp_path / "data")
    assert checked.returncode == 0, checked.stderr
    lines = {n["key"]: n for n in json.loads(checked.stdout)["nutrients"]}
    for key in completion["aimed_at"]:
        assert lines[key]["amount"] >= lines[key]["target"], key
    for line in lines.values():
        assert not line["above_upper_limit"]


def test_exclusions_profile_and_unmet_targets(tmp_path, foods):
    result = run(
        "suggest",
        write_menu(tmp_path),
        "--pregnant",
        "--age",
        "30",
        "--exclude-tag",
        "fish",
        "--exclude-tag",
        "contains-egg",
        "--exclude-food",
        "milk",
        "--include-vitamin-d",
        "--max-portions",
        "1",
        "--meal",
        "dinner",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    completion = out["completion"]
    assert completion["profile"]["pregnant"] is True
    servings = servings_of(foods)
    for entry in completion["added"]:
        tags = foods.info.at[entry["food"], "tags"]
        assert not {"fish", "contains-egg", "pregnancy-caution"} & set(tags), entry
        assert entry["food"] != "milk"
        # One serving at most.
        assert entry["grams"] <= servings.grams[servings.position(entry["food"])] + 0.05
        if not entry["raises"]:
            assert entry["meal"] == "dinner"
    assert completion["status"] == "partial"
    unmet = {u["nutrient"]: u for u in completion["unmet"]}
    assert unmet["vitamin_d"]["reason"].startswith(
        "vitamin D: no 4 allowed foods give enough, each within its daily cap or 1 serving"
    )


def test_table_summarises_additions_and_explanations(tmp_path, foods):
    result = run(
        "suggest",
        write_menu(tmp_path),
        "--format",
        "table",
        "--include-vitamin-d",
        "--exclude-tag",
        "fish",
        "--exclude-tag",
        "contains-egg",
        "--max-portions",
        "1",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Completing 'Monday' for female, 50 years, NASEM: not every target")
    assert "Added food" in text and "Total added" in text
    header = text.split("Added food")[1].splitlines()[0].split()
    assert header == ["g", "kcal", "Meal"]
    assert "Magnesium *" in text and "→" in text
    unmet = text.split("Unmet targets:\n")[1].split("\n\n")[0].splitlines()
    assert (
        "  vitamin D: no 4 allowed foods give enough, each within its daily cap or 1 serving"
        in "\n".join(unmet)
    )


def test_bad_options_are_one_line(tmp_path, foods):
    menu = write_menu(tmp_path)
    cases = {
        ("--exclude-tag", "fishy"): "command line: --exclude-tag: unknown tag 'fishy'",
        ("--require-tag", "keto"): "command line: --require-tag: unknown tag 'keto'",
        ("--exclude-food", "bananna"): "command line: --exclude-food: unknown food 'bananna'",
        ("--max-portions", "0"): "command line: --max-portions: 0 is not from 1 to 20",
        ("--max-kcal", "-1"): "command line: --max-kcal: -1 is not a positive number of kcal",
        ("--meal", "brunch"): "crampless suggest: argument --meal: invalid choice: 'brunch'",
        ("--objective", "fat"): "crampless suggest: argument --objective: invalid choice: 'fat'",
    }
    for args, message in cases.items():
        result = run("suggest", menu, *args, data_dir=tmp_path / "data")
        assert result.returncode == 2, args
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    bad = dict(MENU, items=[{"food": "bananna", "grams": 1}])
    result = run("suggest", write_menu(tmp_path, bad), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.strip() == "monday.menu.json: items[0].food: unknown food 'bananna'"


def test_a_profile_without_targets_is_not_told_its_targets_are_reached(tmp_path):
    menu = write_menu(tmp_path)
    result = run(
        "suggest",
        menu,
        "--age",
        "0",
        "--standard",
        "efsa",
        "--format",
        "table",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == (
        "Completing 'Monday' for female, 0 years, EFSA: "
        "this profile has no target to aim at; nothing added"
    )
    assert "NASEM (US/Canada) targets cover this age." in result.stdout
