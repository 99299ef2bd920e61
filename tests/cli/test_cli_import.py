"""``import-usda`` on the command line: progress, the foods it adds, bad input as one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from planner.cli.import_usda_cmd import ProgressPrinter
from planner.paths import ROOT
from tests.sr28_fixtures import sr28_files, write_sr28


def run(*args, data_dir):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_then_foods_lists_the_imported_foods(tmp_path):
    source = write_sr28(tmp_path / "sr28", zip_name="sr28asc.zip")
    data_dir = tmp_path / "data"
    result = run("import-usda", source, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    # Not a terminal: a few whole lines of progress, ending at 100 %, on stdout with the
    # summary (stderr holds errors only).
    *progress, summary = result.stdout.splitlines()
    assert summary.startswith(
        "Imported 3 foods, 19 nutrient values and 4 household measures from sr28asc.zip"
    )
    assert 2 <= len(progress) <= 6 and "\r" not in result.stdout and result.stderr == ""
    assert progress[-1].startswith("Importing sr28asc.zip: 100%")

    found = run("foods", "--search", "bananas raw", "--format", "json", data_dir=data_dir)
    assert found.returncode == 0, found.stderr
    records = {r["id"]: r for r in json.loads(found.stdout)}
    assert records["usda-09040"]["name"] == "Bananas, raw"
    assert records["usda-09040"]["amount"] == 89


def test_import_while_a_window_has_the_library_open_says_to_restart_it(tmp_path):
    from planner.datadir import lock_folder

    source = write_sr28(tmp_path / "sr28", zip_name="sr28asc.zip")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    window = lock_folder(data_dir)  # as an open window holds it
    try:
        result = run("import-usda", source, data_dir=data_dir)
    finally:
        window.unlock()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "The window has this library open: restart it to see the imported foods."
    )
    again = run("import-usda", source, data_dir=data_dir)  # no window now
    assert again.returncode == 0 and "restart" not in again.stdout


def test_bad_input_is_one_line_naming_file_and_line(tmp_path):
    files = sr28_files()
    files["NUT_DATA.txt"][2] = files["NUT_DATA.txt"][2].replace("^358^", "^3S8^")
    source = write_sr28(tmp_path / "sr28", files, zip_name="sr28asc.zip")
    result = run("import-usda", source, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr == "sr28asc.zip/NUT_DATA.txt: line 3: Nutr_Val '3S8' is not a number\n"
    assert "Traceback" not in result.stderr
    missing = run("import-usda", tmp_path / "nowhere", data_dir=tmp_path / "data")
    assert missing.returncode == 2 and missing.stderr.strip() == "nowhere: not found"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_rewrites_one_line():
    stream = _Terminal()
    printer = ProgressPrinter(stream, "Importing x")
    printer(5, 100, "Reading NUT_DATA.txt")
    printer(60, 100, "Storing")
    printer.finish()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.count("\r") == 2
    # The shorter second line covers the first one entirely.
    first, second = text.strip("\r\n").split("\r")
    assert len(second) >= len(first) and second.startswith("Importing x:  60%  Storing")
