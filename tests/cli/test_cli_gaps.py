"""``gaps`` on the command line: the foods that close a menu's gaps, as the panel ranks them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.core.advice.cautions import POTASSIUM_CAUTION
from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.optimizer import complete_menu
from planner.core.advice.servings import servings_of
from planner.core.advice.suggestions import GAP_KEYS, gaps, suggest_foods
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.storage.jsonfiles import read_menu, write_menu
from planner.paths import ROOT

MENU = {
    "format": "crampless.menu",
    "version": 1,
    "name": "Monday",
    "items": [
        {"food": "rolled-oats", "portions": 1, "meal": "breakfast"},
        {"food": "banana", "grams": 118, "meal": "breakfast"},
        {"food": "pumpkin-seeds", "grams": 40, "meal": "snack"},
    ],
}
NUTRIENT_KEYS = {"key", "unit", "missing", "suggestions"}
SUGGESTION_KEYS = {"food", "name", "grams", "serving", "amount", "closes_pct", "kcal", "cautions"}
POTASSIUM = POTASSIUM_CAUTION


def run(*args, data_dir):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def menu_path(tmp_path):
    path = tmp_path / "monday.menu.json"
    path.write_text(json.dumps(MENU), encoding="utf-8")
    return path


def expected(foods, intakes, path, profile=None, exclusions=None, **kwargs):
    """What suggest_foods ranks for the menu file, in process: nutrient -> food ids."""
    profile, exclusions = profile or Profile(), exclusions or Exclusions()
    menu = read_menu(path)
    targets = intakes.targets(profile)
    coverage = compute_coverage(menu, foods, targets)
    allowed = allowed_food_ids(foods, exclusions, profile)
    found = suggest_foods(
        coverage, foods, targets, allowed, on_menu=menu.grams_by_food(foods), **kwargs
    )
    return {k: [s.food_id for s in v] for k, v in found.items()}


def test_json_lists_each_gap_with_its_ranked_servings(tmp_path, menu_path, foods, intakes):
    result = run("gaps", menu_path, "--format", "json", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"profile", "nutrients", "reached"}
    assert out["reached"] == []
    assert out["profile"]["sex"] == "female" and out["profile"]["age"] == 50
    menu = read_menu(menu_path)
    targets = intakes.targets(Profile())
    missing = gaps(compute_coverage(menu, foods, targets), targets)
    keys = [n["key"] for n in out["nutrients"]]
    assert keys == [k for k in GAP_KEYS if k in missing] and "magnesium" in keys
    table = servings_of(foods)
    for entry in out["nutrients"]:
        assert set(entry) == NUTRIENT_KEYS
        assert entry["missing"] == pytest.approx(missing[entry["key"]], abs=1e-4)
        assert 0 < len(entry["suggestions"]) <= 5
        amounts = [s["amount"] for s in entry["suggestions"]]
        assert amounts == sorted(amounts, reverse=True)
        for s in entry["suggestions"]:
            assert set(s) == SUGGESTION_KEYS
            row = table.position(s["food"])
            assert s["name"] == foods.name(s["food"])
            assert s["serving"] == table.describe(row)
            assert s["grams"] == pytest.approx(table.grams[row], abs=0.05)
            assert 0 < s["closes_pct"] <= 100
            assert s["closes_pct"] == pytest.approx(
                min(100, 100 * s["amount"] / entry["missing"]), abs=0.06
            )
            assert (POTASSIUM in " ".join(s["cautions"])) == (entry["key"] == "potassium")
    by_key = {n["key"]: [s["food"] for s in n["suggestions"]] for n in out["nutrients"]}
    assert by_key == expected(foods, intakes, menu_path)
    # 40 g of pumpkin seeds on the menu: one more ounce would pass their 60 g cap.
    assert all("pumpkin-seeds" not in ids for ids in by_key.values())
    assert by_key["water"][0] == "tap-water"


def test_profile_exclusions_limit_and_basis(tmp_path, menu_path, foods, intakes):
    result = run(
        "gaps",
        menu_path,
        "--pregnant",
        "--age",
        "30",
        "--exclude-tag",
        "fish",
        "--exclude-food",
        "soybeans",
        "--per",
        "100kcal",
        "--limit",
        "8",
        "--format",
        "json",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["profile"]["pregnant"] is True
    by_key = {n["key"]: [s["food"] for s in n["suggestions"]] for n in out["nutrients"]}
    pregnant = Profile(pregnant=True, age=30)
    exclusions = Exclusions(tags=frozenset({"fish"}), foods=frozenset({"soybeans"}))
    assert by_key == expected(foods, intakes, menu_path, pregnant, exclusions, per="100kcal", top=8)
    assert max(len(ids) for ids in by_key.values()) == 8
    for ids in by_key.values():
        assert "soybeans" not in ids
        for food in ids:
            assert not {"fish", "pregnancy-caution"} & set(foods.info.at[food, "tags"])

    vegan = run(
        "gaps", menu_path, "--require-tag", "vegan", "--format", "json", data_dir=tmp_path / "data"
    )
    assert vegan.returncode == 0, vegan.stderr
    for entry in json.loads(vegan.stdout)["nutrients"]:
        for s in entry["suggestions"]:
            assert "vegan" in foods.info.at[s["food"], "tags"]


def test_table_names_each_gap_its_servings_and_cautions(tmp_path, menu_path, foods, intakes):
    result = run("gaps", menu_path, "--limit", "2", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Gaps for female, 50 years, NASEM:\n")
    assert "\nMagnesium: " in text and " mg missing\n" in text
    header = text.split("\nMagnesium: ")[1].splitlines()[1].split()
    assert header == ["Food", "One", "serving", "Gives", "Closes", "kcal"]
    menu = read_menu(menu_path)
    targets = intakes.targets(Profile())
    coverage = compute_coverage(menu, foods, targets)
    on_menu = menu.grams_by_food(foods)
    allowed = allowed_food_ids(foods)
    top = suggest_foods(coverage, foods, targets, allowed, top=2, on_menu=on_menu)["magnesium"]
    rows = text.split("\nMagnesium: ")[1].splitlines()[3:5]
    for line, s in zip(rows, top, strict=True):
        assert line.startswith(foods.name(s.food_id) + "  ")
        assert f"  {s.serving}  " in line
        assert f"  {s.closes_pct:.0f} %  " in line
    assert f"  ! {POTASSIUM}" in text
    assert "Traceback" not in result.stderr


def test_a_menu_meeting_every_target_has_no_gap(tmp_path, foods, intakes):
    targets = intakes.targets(Profile())
    menu = read_menu(ROOT / "docs" / "sample.menu.json")
    options = CompletionOptions(include_vitamin_d=True, include_water=True, max_new_foods=6)
    done = complete_menu(menu, foods, targets, allowed_food_ids(foods), options)
    assert done.status == "complete"
    path = tmp_path / "complete.menu.json"
    write_menu(path, done.menu)
    table = run("gaps", path, data_dir=tmp_path / "data")
    assert table.returncode == 0, table.stderr
    assert table.stdout == "Every target is met for female, 50 years, NASEM: no gap to close.\n"
    as_json = run("gaps", path, "--format", "json", data_dir=tmp_path / "data")
    assert json.loads(as_json.stdout)["nutrients"] == []


def test_bad_input_is_one_line_and_exit_2(tmp_path, menu_path):
    cases = {
        ("--exclude-tag", "fishy"): "command line: --exclude-tag: unknown tag 'fishy'",
        ("--require-tag", "keto"): "command line: --require-tag: unknown tag 'keto'",
        ("--exclude-food", "bananna"): "command line: --exclude-food: unknown food 'bananna'",
        ("--limit", "0"): "command line: --limit: 0 is not from 1 to 100",
        ("--per", "portion"): "crampless gaps: argument --per: invalid choice: 'portion'",
    }
    for args, message in cases.items():
        result = run("gaps", menu_path, *args, data_dir=tmp_path / "data")
        assert result.returncode == 2, args
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    bad = dict(MENU, items=[{"food": "bananna", "grams": 1}])
    path = tmp_path / "bad.menu.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run("gaps", path, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.strip() == "bad.menu.json: items[0].food: unknown food 'bananna'"
    result = run("gaps", tmp_path / "missing.menu.json", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.strip() == "missing.menu.json: file not found"


def test_a_menu_over_a_guard_limit_says_why_nothing_is_suggested(tmp_path):
    """Beef liver and Brazil nuts take the menu over the retinol, selenium and copper
    limits: every food gives some of those, so none may be suggested, and the gaps say so
    rather than that no food gives any."""
    from planner.core.menus.menu import Menu, MenuItem

    path = tmp_path / "over.menu.json"
    menu = Menu("Over", [MenuItem("beef-liver", "lunch", portions=1)])
    menu.items.append(MenuItem("brazil-nuts", "snack", portions=1))
    write_menu(path, menu)
    out = json.loads(run("gaps", path, "--format", "json", data_dir=tmp_path).stdout)
    assert set(out["reached"]) >= {"retinol", "selenium", "copper"}
    assert out["nutrients"] and all(not n["suggestions"] for n in out["nutrients"])
    table = run("gaps", path, data_dir=tmp_path).stdout
    assert "none while the menu is at or over the upper limit of vitamin A (retinol)" in table
    assert "no allowed food with a known value gives any" not in table
