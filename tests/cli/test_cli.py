"""The command line through a subprocess: coverage and foods, good and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.core.data.nutrients import GUARD_KEYS, REPORTED
from planner.paths import ROOT

SAMPLE = ROOT / "docs" / "sample.menu.json"


def run(*args, data_dir):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_coverage_json_matches_the_sample_menu(tmp_path, foods):
    result = run(
        "coverage", SAMPLE, "--sex", "female", "--age", "55", "--format", "json", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"] == {
        "sex": "female",
        "age": 55,
        "life_stage": "adult",
        "pregnant": False,
        "lactating": False,
        "standard": "nasem",
    }
    lines = {n["key"]: n for n in data["nutrients"]}
    # Independent arithmetic from foods.csv: grams x value / 100 for each item.
    menu = json.loads(SAMPLE.read_text())
    expected = 0.0
    for item in menu["items"]:
        grams = item.get("grams") or item["portions"] * foods.info.at[item["food"], "portion_g"]
        expected += grams * foods.values.at[item["food"], "potassium"] / 100
    assert lines["potassium"]["amount"] == pytest.approx(expected, abs=1e-3)
    assert lines["potassium"]["target"] == 2600 and lines["potassium"]["target_kind"] == "AI"
    assert lines["potassium"]["percent"] == pytest.approx(100 * expected / 2600, abs=0.05)
    assert lines["magnesium"]["upper_limit_scope"] == "supplements"
    assert lines["magnesium"]["above_upper_limit"] is False  # 549 mg > 350, but food only
    assert lines["energy"]["target"] is None and lines["energy"]["percent"] is None
    top = data["contributors"]["magnesium"][0]
    assert top["food"] == "pumpkin-seeds"
    assert lines["water"]["unit"] == "L"


def test_coverage_table_and_csv(tmp_path):
    table = run("coverage", SAMPLE, data_dir=tmp_path)
    assert table.returncode == 0 and "Magnesium" in table.stdout and "Pumpkin seeds" in table.stdout
    csv_out = run("coverage", SAMPLE, "--format", "csv", data_dir=tmp_path)
    header, *rows = csv_out.stdout.strip().splitlines()
    # The eleven reported nutrients, then the five guards (watched for their limits).
    assert header.startswith("nutrient,amount,target,percent") and len(rows) == 16
    assert [r.split(",")[0] for r in rows[11:]] == list(GUARD_KEYS)
    assert "Upper limits also watched" in table.stdout and "OVER" not in table.stdout


def _menu(tmp_path, items, name="m"):
    path = tmp_path / f"{name}.menu.json"
    path.write_text(
        json.dumps({"format": "crampless.menu", "version": 1, "name": name, "items": items})
    )
    return path


def test_coverage_reports_the_guards_and_a_crossed_one(tmp_path, foods):
    # One slice of beef liver (81 g): 6,260 ug retinol, over the 3,000 ug UL; 11.8 mg copper.
    menu = _menu(tmp_path, [{"food": "beef-liver", "portions": 1}, {"food": "dates", "grams": 50}])
    data = json.loads(run("coverage", menu, "--format", "json", data_dir=tmp_path).stdout)
    assert [n["key"] for n in data["nutrients"]] == [n.key for n in REPORTED]
    guards = {g["key"]: g for g in data["guards"]}
    assert list(guards) == list(GUARD_KEYS)
    retinol = guards["retinol"]
    expected = 81 * foods.values.at["beef-liver", "retinol"] / 100
    assert retinol["amount"] == pytest.approx(expected, abs=1e-3)
    assert (retinol["unit"], retinol["upper_limit"], retinol["over"]) == ("ug", 3000, True)
    assert retinol["unknown_in"] == ["dates"]  # SR28 gives dates no retinol
    assert guards["copper"]["over"] is True and guards["zinc"]["over"] is False
    assert set(guards["selenium"]) == {"key", "unit", "amount", "upper_limit", "over", "unknown_in"}
    table = run("coverage", menu, data_dir=tmp_path).stdout
    assert "OVER the upper limit: Vitamin A (retinol)" in table
    assert "of 3,000 µg (most from Beef liver, pan-fried" in table
    csv_rows = run("coverage", menu, "--format", "csv", data_dir=tmp_path).stdout.splitlines()
    retinol_row = next(r for r in csv_rows if r.startswith("retinol,"))
    assert retinol_row.endswith(",,,3000.0,ug,UL,True,dates,beef-liver")  # no target: empty


def test_coverage_reports_unknown_values(tmp_path, foods):
    unknown_food = foods.values.index[foods.values["vitamin_d"].isna()][0]
    menu = tmp_path / "m.menu.json"
    menu.write_text(
        json.dumps(
            {
                "format": "crampless.menu",
                "version": 1,
                "name": "x",
                "items": [{"food": unknown_food, "grams": 100}],
            }
        )
    )
    data = json.loads(run("coverage", menu, "--format", "json", data_dir=tmp_path).stdout)
    assert data["unknown"]["vitamin_d"] == [unknown_food]
    vitamin_d = next(n for n in data["nutrients"] if n["key"] == "vitamin_d")
    assert vitamin_d["amount"] is None and vitamin_d["complete"] is False


def test_foods_ranking_per_portion(tmp_path, foods):
    result = run(
        "foods",
        "--rich-in",
        "magnesium",
        "--per",
        "portion",
        "--limit",
        "3",
        "--format",
        "json",
        data_dir=tmp_path,
    )
    records = json.loads(result.stdout)
    per_portion = (foods.values["magnesium"] * foods.info["portion_g"] / 100).sort_values(
        ascending=False
    )
    assert [r["id"] for r in records] == list(per_portion.index[:3])
    assert records[0]["unit"] == "mg" and records[0]["per"] == "portion"
    assert records[0]["amount"] >= records[1]["amount"] >= records[2]["amount"]


def test_foods_search_and_per_100kcal(tmp_path):
    result = run("foods", "--search", "seeds pumpkin", "--format", "json", data_dir=tmp_path)
    assert [r["id"] for r in json.loads(result.stdout)] == ["pumpkin-seeds"]
    kcal = json.loads(
        run(
            "foods",
            "--rich-in",
            "potassium",
            "--per",
            "100kcal",
            "--format",
            "json",
            data_dir=tmp_path,
        ).stdout
    )
    # Water and salt have no energy: "per 100 kcal" means nothing for them, listed last.
    assert kcal[-1]["amount"] is None and kcal[0]["amount"] is not None


def test_foods_table_tells_a_basis_that_does_not_apply_from_an_unknown(tmp_path):
    water = run("foods", "--search", "tap water", "--per", "100kcal", data_dir=tmp_path).stdout
    assert "tap-water" in water and " n/a " in water and "does not apply" in water
    salmon = run("foods", "--search", "chum", "--rich-in", "vitamin_d", data_dir=tmp_path).stdout
    line = next(row for row in salmon.splitlines() if row.startswith("chum-salmon"))
    assert line.split()[-2] == "?" and "n/a" not in salmon  # unknown in SR28


def _menu_file(tmp_path, item):
    path = tmp_path / "bad.menu.json"
    path.write_text(
        json.dumps(
            {
                "format": "crampless.menu",
                "version": 1,
                "name": "x",
                "items": [{"food": "banana", "grams": 10}, item],
            }
        )
    )
    return path


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"food": "bananna", "grams": 1}, "bad.menu.json: items[1].food: unknown food 'bananna'"),
        (
            {"food": "banana", "grams": 1, "portions": 2},
            "bad.menu.json: items[1]: give exactly one",
        ),
        ({"food": "banana", "grams": -3}, "bad.menu.json: items[1].grams: negative amount -3"),
        (
            {"food": "banana", "grams": "ten"},
            "bad.menu.json: items[1].grams: 'ten' is not a number",
        ),
    ],
)
def test_bad_menu_exits_2_with_one_line(tmp_path, item, message):
    result = run("coverage", _menu_file(tmp_path, item), data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "bad.menu.json: line 1, column 2: invalid JSON"),
        ('{"format": "crampless.menu", "version": 2, "items": []}', "bad.menu.json: version:"),
        ('{"format": "other", "version": 1, "items": []}', "bad.menu.json: format:"),
    ],
)
def test_bad_menu_files(tmp_path, content, message):
    path = tmp_path / "bad.menu.json"
    path.write_text(content)
    result = run("coverage", path, data_dir=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith(message)


def test_missing_menu_and_bad_usage(tmp_path):
    missing = run("coverage", tmp_path / "none.menu.json", data_dir=tmp_path)
    assert missing.returncode == 2 and missing.stderr.strip() == "none.menu.json: file not found"
    for args in (
        ["coverage", SAMPLE, "--age", "old"],
        ["foods", "--rich-in", "gold"],
        ["coverage", SAMPLE, "--sex", "male", "--lactating"],
    ):
        result = run(*args, data_dir=tmp_path)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("potassium_mg", None, "foods.csv: header: missing column 'potassium_mg'"),
        ("calcium_mg", "lots", "foods.csv: line 3, column calcium_mg: 'lots' is not a number"),
        ("iron_mg", "-2", "foods.csv: line 3, column iron_mg: negative value -2"),
        ("id", "apple", "foods.csv: line 3, column id: duplicate id 'apple'"),
    ],
)
def test_broken_foods_csv_exits_2(tmp_path, monkeypatch, column, value, message):
    """A broken foods.csv (pointed to by CRAMPLESS_FOODS_CSV) names the file and the place."""
    from planner.core.data.foods_csv import REQUIRED_COLUMNS
    from tests.fixtures import TINY_FOODS, write_foods_csv

    rows = [dict(r) for r in TINY_FOODS]
    columns = REQUIRED_COLUMNS
    if value is None:
        columns = tuple(c for c in REQUIRED_COLUMNS if c != column)
    else:
        rows[1][column] = value
    path = write_foods_csv(tmp_path / "foods.csv", rows, columns)
    monkeypatch.setenv("CRAMPLESS_FOODS_CSV", str(path))
    result = run("foods", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(message)


def test_unusable_data_folder_and_corrupt_library_exit_2(tmp_path, sr28_zip):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("import-usda", sr28_zip, data_dir=blocker / "data")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    corrupt = tmp_path / "lib"
    corrupt.mkdir()
    (corrupt / "library.sqlite3").write_bytes(b"garbage" * 100)
    result = run("foods", "--limit", "1", data_dir=corrupt)
    assert result.returncode == 2
    assert "library.sqlite3: file is not a database" in result.stderr
    assert (corrupt / "library.sqlite3").read_bytes().startswith(b"garbage")  # nothing lost


def test_no_display_is_one_line_not_a_crash(tmp_path, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    result = run(data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("crampless: there is no display")
    # In process too; the garbage collector, paused for the window's start, is on again.
    import gc

    from planner.app import main

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)  # main() sets it; undone after

    assert main(["--data-dir", str(tmp_path)]) == 2
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("argv", "opens_window"),
    [
        ([], True),
        (["--data-dir", "somewhere"], True),
        (["--data-dir=somewhere"], True),
        (["coverage", "menu.json"], False),
        (["--data-dir", "somewhere", "foods"], False),
        (["--help"], False),
        (["--version"], False),
        # Left to the full parser, which says what is wrong or reads them its own way.
        (["--data-dir"], False),
        (["--data-dir", "--help"], False),
        (["--data-dir="], False),
        (["--data", "somewhere"], False),
    ],
)
def test_only_the_window_skips_the_subcommand_parsers(argv, opens_window):
    from planner.app import window_args

    args = window_args(argv)
    assert (args is not None) == opens_window
    if opens_window:
        assert args.command is None
        assert args.data_dir == (Path("somewhere") if argv else None)


def test_help_and_version_still_list_everything(tmp_path):
    result = run("--help", data_dir=tmp_path)
    assert result.returncode == 0
    assert all(name in result.stdout for name in ("coverage", "foods", "shopping", "suggest"))
    assert "--data-dir" in result.stdout
    said = " ".join(result.stdout.split())
    assert "With no subcommand, crampless opens its window" in said
    assert "not medical advice" in said
    assert run("--version", data_dir=tmp_path).stdout.startswith("Crampless ")


def test_every_option_of_every_subcommand_says_what_it_does():
    import argparse

    from planner.app import build_parser

    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    parsers = dict(commands.choices)
    for name, parser in commands.choices.items():  # diary add, diary list...
        for nested in parser._actions:
            if isinstance(nested, argparse._SubParsersAction):
                parsers |= {f"{name} {n}": p for n, p in nested.choices.items()}
    silent = [
        (name, action.dest)
        for name, parser in parsers.items()
        for action in parser._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    names = {"coverage", "foods", "shopping", "import-usda", "suggest", "gaps", "install-desktop"}
    names |= {"diary", "report"}

    names |= {"plan"}  # each person of a household plan
    assert set(commands.choices) == names and silent == []


def test_the_full_parser_still_reads_what_the_window_shortcut_leaves_to_it(tmp_path):
    from planner.app import build_parser

    args = build_parser().parse_args(["--data", str(tmp_path)])
    assert args.command is None and args.data_dir == tmp_path
    result = run("--data-dir", data_dir=tmp_path)  # "--data-dir DIR --data-dir": no value
    assert result.returncode == 2
    assert "--data-dir: expected one argument" in result.stderr


def test_one_blas_thread_unless_the_user_chose_and_numpy_loads_after(monkeypatch):
    import os

    from planner.app import main

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    with pytest.raises(SystemExit):
        main(["--version"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
    # The setting only works if numpy is not loaded yet when main() runs.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, planner.app; print('numpy' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "False"


def test_coverage_says_why_a_profile_has_no_targets(tmp_path):
    result = run("coverage", SAMPLE, "--age", "0", "--standard", "efsa", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "No targets at 0 years: Crampless holds EFSA (EU) values for ages 1 and over only. "
        "NASEM (US/Canada) targets cover this age."
    ) in result.stdout
    assert "No targets" not in run("coverage", SAMPLE, "--age", "0", data_dir=tmp_path).stdout


def test_coverage_warns_of_seaweed_and_pregnancy_cautions(tmp_path):
    """A line in the table and a "cautions" list in the JSON (additive: [] when none)."""
    menu = tmp_path / "m.menu.json"
    items = [
        {"food": "kelp", "meal": "lunch", "portions": 2.5},
        {"food": "beef-liver", "meal": "dinner", "portions": 1},
    ]
    menu.write_text(
        json.dumps({"format": "crampless.menu", "version": 1, "name": "x", "items": items})
    )
    pregnant = ("--sex", "female", "--age", "30", "--pregnant")
    data = json.loads(
        run("coverage", menu, *pregnant, "--format", "json", data_dir=tmp_path).stdout
    )
    kinds = {c["kind"]: c for c in data["cautions"]}
    assert kinds["iodine"]["foods"] == ["kelp"] and "1,100 µg" in kinds["iodine"]["message"]
    assert kinds["pregnancy"]["foods"] == ["kelp", "beef-liver"]
    assert "Beef liver, pan-fried (preformed vitamin A)" in kinds["pregnancy"]["message"]
    table = run("coverage", menu, *pregnant, data_dir=tmp_path).stdout
    assert "Iodine: 25 g of seaweed on this menu" in table
    assert "Caution in pregnancy: Kelp (seaweed) (iodine)" in table
    plain = json.loads(run("coverage", SAMPLE, "--format", "json", data_dir=tmp_path).stdout)
    assert plain["cautions"] == []
