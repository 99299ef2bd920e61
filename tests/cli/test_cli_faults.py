"""Hostile files and a busy disk on the command line: one line and exit 2, or a result;
never a traceback, never a file or device replaced (issue 20, items 1, 3-7, 10, 11)."""

from __future__ import annotations

import json
import os
import stat
import struct
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from planner.app import main
from planner.core.menus.menu import MAX_ITEMS, Menu, MenuItem
from planner.core.plans.shopping_export import csv_cell
from planner.core.storage.atomic import atomic_write_text
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE
from planner.paths import ROOT
from tests.library_holder import write_lock_held
from tests.sr28_fixtures import sr28_files, write_sr28

SAMPLE_MENU = ROOT / "docs" / "sample.menu.json"
SAMPLE_PLAN = ROOT / "docs" / "sample.plan.json"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def menu_text(items: str, extra: str = "") -> str:
    return f'{{"format": "crampless.menu", "version": 1{extra}, "name": "M", "items": {items}}}'


# -- item 4: JSON that used to raise ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (menu_text('[{"food": "banana", "grams": 1' + "0" * 400 + "}]"), "items[0].grams"),
        (menu_text('[{"food": "banana", "grams": ' + "9" * 5000 + "}]"), "items[0].grams"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (menu_text("[]").replace('"M"', '"a\\ud800b"'), "line 1, column"),
        ('{"format": "crampless.menu", "version": true, "items": []}', "version True"),
    ],
    ids=["overflow", "4300-digits", "deep", "lone-surrogate", "version-true"],
)
def test_json_that_used_to_raise_is_one_line(tmp_path, capsys, text, expected):
    path = tmp_path / "bad.menu.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path / "d", "coverage", path)
    line = one_line(code, err)
    assert line.startswith("bad.menu.json: ") and expected in line


def test_a_file_too_large_or_a_menu_too_long_is_refused(tmp_path, capsys):
    items = json.dumps([{"food": "banana", "grams": 1}] * (MAX_ITEMS + 1))
    path = tmp_path / "long.menu.json"
    path.write_text(menu_text(items), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path / "d", "coverage", path)
    assert f"a day's menu holds at most {MAX_ITEMS}" in one_line(code, err)
    huge = tmp_path / "huge.menu.json"
    huge.write_text(menu_text("[]", ', "pad": "' + "x" * 16_000_000 + '"'), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path / "d", "coverage", huge)
    assert "larger than 16 MB" in one_line(code, err)
    name = tmp_path / "name.menu.json"
    name.write_text(menu_text("[]").replace('"M"', '"' + "n" * 201 + '"'), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path / "d", "coverage", name)
    assert "name: a name can be at most 200 characters" in one_line(code, err)


# -- item 6: options -------------------------------------------------------------------
def test_options_outside_what_the_tables_cover_are_refused(tmp_path, capsys):
    data = ("--data-dir", tmp_path / "d")
    code, _, err = run(capsys, *data, "coverage", SAMPLE_MENU, "--pregnant", "--age", "5")
    line = one_line(code, err)
    assert "--age" in line and "14 to 50" in line
    code, _, err = run(capsys, *data, "coverage", SAMPLE_MENU, "--lactating", "--age", "30")
    assert code == 0, err
    code, _, err = run(capsys, *data, "coverage", SAMPLE_MENU, "--age", "inf")
    assert "not a finite number" in one_line(code, err)
    code, _, err = run(capsys, *data, "suggest", SAMPLE_MENU, "--max-kcal", "inf")
    assert "--max-kcal" in one_line(code, err)
    code, _, err = run(capsys, *data, "coverage", "")
    line = one_line(code, err)
    assert "empty file name" in line and "folder" not in line


# -- item 11 ---------------------------------------------------------------------------
def test_data_dir_works_before_and_after_the_subcommand(tmp_path, capsys):
    for folder, args in (
        ("before", ["--data-dir", tmp_path / "before", "foods", "--limit", "1"]),
        ("after", ["foods", "--limit", "1", "--data-dir", tmp_path / "after"]),
        ("after-menu", ["coverage", SAMPLE_MENU, "--data-dir", tmp_path / "after-menu"]),
    ):
        code, out, err = run(capsys, *args)
        assert code == 0, (folder, err)
    # A custom food in one library is listed only with that library, wherever the option is.
    from planner.core.storage.custom_foods import CustomFood, save_custom_food

    library = Library(tmp_path / "own" / LIBRARY_FILE)
    save_custom_food(library, CustomFood("Zebra cake", "pantry", {"energy": 300.0}, "1", 50.0))
    library.close()
    code, out, _ = run(capsys, "foods", "--search", "zebra", "--data-dir", tmp_path / "own")
    assert code == 0 and "Zebra cake" in out
    code, out, _ = run(capsys, "--data-dir", tmp_path / "before", "foods", "--search", "zebra")
    assert code == 0 and "Zebra cake" not in out


# -- item 3: exports never replace what is at the path -----------------------------------
def test_an_export_writes_through_a_symlink_to_its_target(tmp_path, capsys):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "list.csv"
    link.symlink_to(target)
    code, _, err = run(
        capsys, "--data-dir", tmp_path / "d", "shopping", SAMPLE_PLAN, "--output", link
    )
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8-sig").startswith("aisle,food,name")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_an_export_to_a_fifo_streams_to_its_reader(tmp_path, capsys):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run(
        capsys, "--data-dir", tmp_path / "d", "shopping", SAMPLE_PLAN, "--output", fifo
    )
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still the FIFO, not a file
    assert received and received[0].startswith(b"# Shopping list")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_export_to_a_device_is_written_to_never_replaced(tmp_path, capsys):
    before = os.stat("/dev/full")
    code, _, err = run(
        capsys, "--data-dir", tmp_path / "d", "shopping", SAMPLE_PLAN, "--output", "/dev/full"
    )
    assert "No space left on device" in one_line(code, err)
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    atomic_write_text(Path("/dev/null"), "nothing")  # a device that takes it: no error
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# -- item 7 ----------------------------------------------------------------------------
def test_csv_neutralises_a_formula_after_a_semicolon():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("Apples;=HYPERLINK(1)") == "Apples;'=HYPERLINK(1)"
    assert csv_cell("Oats; +1; @x") == "Oats;' +1;' @x"
    assert csv_cell("Salt; pepper") == "Salt; pepper"
    assert csv_cell(-1.5) == -1.5


# -- item 5: the USDA import -------------------------------------------------------------
def _zip_with(path: Path, flag_bits: int = 0, method: int | None = None) -> Path:
    """A copy of the fixture zip with its headers' flag bits or compression method set,
    as an encrypted zip or one that Windows Explorer wrote with Deflate64 (method 9)."""
    data = bytearray(path.read_bytes())
    for signature, flags_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            flags = struct.unpack_from("<H", data, at + flags_at)[0] | flag_bits
            struct.pack_into("<H", data, at + flags_at, flags)
            if method is not None:
                struct.pack_into("<H", data, at + method_at, method)
            start = at + 4
    out = path.with_name(f"hostile-{flag_bits}-{method}.zip")
    out.write_bytes(bytes(data))
    return out


def test_encrypted_and_deflate64_zips_are_one_line(tmp_path, capsys):
    source = write_sr28(tmp_path / "sr28", zip_name="sr28asc.zip")
    for hostile, said in (
        (_zip_with(source, flag_bits=0x1), "is encrypted"),
        (_zip_with(source, method=9), "Deflate64"),
    ):
        with pytest.raises((RuntimeError, NotImplementedError)):  # what zipfile raises
            zipfile.ZipFile(hostile).read("FD_GROUP.txt")
        code, _, err = run(capsys, "--data-dir", tmp_path / "d", "import-usda", hostile)
        assert said in one_line(code, err)
        assert hostile.name in err


def test_a_value_no_food_can_hold_is_refused_and_the_library_unchanged(tmp_path, capsys):
    data_dir = tmp_path / "d"
    library = Library(data_dir / LIBRARY_FILE)
    library.save_menu(Menu("Kept", [MenuItem("banana", "snack", grams=1)]))
    library.close()
    before = Library(data_dir / LIBRARY_FILE, read_only=True)
    menus = before.menus()
    before.close()
    files = sr28_files()
    files["NUT_DATA.txt"][2] = files["NUT_DATA.txt"][2].replace("^358^", "^1e308^")
    source = write_sr28(tmp_path / "sr28", files, zip_name="sr28asc.zip")
    code, _, err = run(capsys, "--data-dir", data_dir, "import-usda", source)
    line = one_line(code, err)
    assert line.startswith("sr28asc.zip/NUT_DATA.txt: line 3: Nutr_Val 1e+308 mg per 100 g")
    after = Library(data_dir / LIBRARY_FILE, read_only=True)
    assert after.menus() == menus
    assert after.db.execute("SELECT COUNT(*) FROM foods").fetchone() == (0,)
    after.close()


def test_control_characters_in_a_name_never_reach_the_terminal_raw(tmp_path, capsys):
    files = sr28_files()
    files["FOOD_DES.txt"][0] = files["FOOD_DES.txt"][0].replace(
        "Bananas, raw", "Bananas\x1b[2J\x07, raw"
    )
    source = write_sr28(tmp_path / "sr28", files, zip_name="sr28asc.zip")
    data = ("--data-dir", tmp_path / "d")
    code, _, err = run(capsys, *data, "import-usda", source)
    assert code == 0, err
    for fmt in ("table", "csv", "json"):
        code, out, err = run(capsys, *data, "foods", "--search", "bananas", "--format", fmt)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out
        assert "Bananas" in out
    code, out, _ = run(capsys, *data, "foods", "--search", "bananas", "--format", "json")
    names = [r["name"] for r in json.loads(out)]
    assert "Bananas\x1b[2J\x07, raw" in names  # the data itself is kept as SR28 has it


# -- item 1 on the command line: a second process writing ---------------------------------
def test_a_command_reads_a_library_another_process_is_writing(tmp_path):
    data_dir = tmp_path / "d"
    library = Library(data_dir / LIBRARY_FILE)
    from planner.core.storage.custom_foods import CustomFood, save_custom_food

    save_custom_food(library, CustomFood("Zebra cake", "pantry", {"energy": 300.0}, "1", 50.0))
    library.close()
    dd = str(data_dir)
    with write_lock_held(data_dir / LIBRARY_FILE):
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "foods", "--search", "zebra", "--data-dir", dd],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert "Zebra cake" in result.stdout and result.stderr == ""
    assert {p.name for p in data_dir.iterdir() if "corrupt" in p.name} == set()
