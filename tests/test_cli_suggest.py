"""``suggest`` on the command line: a menu file that reaches the targets, or a summary."""

from __future__ import annotations

import json
import subprocess
import sys

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
    assert out["items"][:2] == [
        {"food": "rolled-oats", "portions": 1.0, "meal": "breakfast"},
        {"food": "banana", "grams": 118.0, "meal": "breakfast"},
    ]
    completion = out["completion"]
    assert completion["status"] == "complete" and completion["unmet"] == []
    assert out["items"][2:] == completion["added"] and completion["added"]
    assert all((item["portions"] * 2).is_integer() for item in completion["added"])

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
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    completion = json.loads(result.stdout)["completion"]
    assert completion["profile"]["pregnant"] is True
    for item in completion["added"]:
        tags = foods.info.at[item["food"], "tags"]
        assert not {"fish", "contains-egg", "pregnancy-caution"} & set(tags), item
        assert item["food"] != "milk" and item["portions"] <= 1
    assert completion["status"] == "partial"
    unmet = {u["nutrient"]: u for u in completion["unmet"]}
    assert unmet["vitamin_d"]["reason"].startswith(
        "vitamin D: no 4 allowed foods give enough within 1 portion each"
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
    assert "Magnesium *" in text and "→" in text
    unmet = text.split("Unmet targets:\n")[1].split("\n\n")[0].splitlines()
    assert "  vitamin D: no 4 allowed foods give enough within 1 portion each" in "\n".join(unmet)


def test_bad_options_are_one_line(tmp_path, foods):
    menu = write_menu(tmp_path)
    cases = {
        ("--exclude-tag", "fishy"): "command line: --exclude-tag: unknown tag 'fishy'",
        ("--require-tag", "keto"): "command line: --require-tag: unknown tag 'keto'",
        ("--exclude-food", "bananna"): "command line: --exclude-food: unknown food 'bananna'",
        ("--max-portions", "0"): "command line: --max-portions: 0 is not from 1 to 20",
        ("--max-kcal", "-1"): "command line: --max-kcal: -1 is not a positive number of kcal",
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
