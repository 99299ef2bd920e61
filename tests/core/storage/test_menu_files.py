"""Menu files: round trip and every kind of bad menu, each named by file and place."""

from __future__ import annotations

import json

import pytest

from planner.core.errors import InputError
from planner.core.menus.menu import Menu, MenuItem
from planner.core.storage.jsonfiles import read_menu, write_menu

KNOWN = {"banana", "pumpkin-seeds"}.__contains__


def _write(tmp_path, data, name="menu.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def _menu(**item):
    return {
        "format": "crampless.menu",
        "version": 1,
        "name": "Monday",
        "items": [{"food": "banana", "grams": 118, "meal": "breakfast"}, item],
    }


def test_round_trip(tmp_path):
    menu = Menu(
        "Monday",
        [
            MenuItem("banana", "breakfast", grams=118),
            MenuItem("pumpkin-seeds", "snack", portions=1.5),
        ],
    )
    path = tmp_path / "m.menu.json"
    write_menu(path, menu)
    assert read_menu(path, KNOWN) == menu
    assert json.loads(path.read_text())["format"] == "crampless.menu"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("{not json", "menu.json: line 1, column 2: invalid JSON"),
        (_menu(food="bananna", grams=1), "menu.json: items[1].food: unknown food 'bananna'"),
        (_menu(food="banana", grams=1, portions=1), "menu.json: items[1]: give exactly one"),
        (_menu(food="banana"), "menu.json: items[1]: give exactly one"),
        (_menu(food="banana", grams=-5), "menu.json: items[1].grams: negative amount -5"),
        (
            _menu(food="banana", portions="two"),
            "menu.json: items[1].portions: 'two' is not a number",
        ),
        (
            _menu(food="banana", grams=1, meal="brunch"),
            "menu.json: items[1].meal: unknown meal 'brunch'",
        ),
        (
            {"format": "crampless.plan", "version": 1, "items": []},
            "menu.json: format: expected 'crampless.menu'",
        ),
        (
            {"format": "crampless.menu", "version": 9, "items": []},
            "menu.json: version: version 9 is not supported",
        ),
        ([1, 2], "menu.json: expected a JSON object"),
        (
            _menu(food="banana", portions=1, measure={"name": "1 cup", "grams": 150}),
            "menu.json: items[1].measure: a measure goes with 'grams'",
        ),
        (
            _menu(food="banana", grams=150, measure={"name": "1 cup", "grams": 0}),
            "menu.json: items[1].measure.grams: 0 is not a weight above 0",
        ),
        (
            _menu(food="banana", grams=150, measure="1 cup"),
            "menu.json: items[1].measure: expected {'name': text, 'grams': number}",
        ),
    ],
)
def test_bad_menus(tmp_path, data, expected):
    with pytest.raises(InputError) as caught:
        read_menu(_write(tmp_path, data), KNOWN)
    assert str(caught.value).startswith(expected)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"absent\.menu\.json: file not found"):
        read_menu(tmp_path / "absent.menu.json", KNOWN)


def test_written_files_follow_the_umask_and_keep_an_old_mode(tmp_path):
    import os
    import stat

    path = tmp_path / "m.menu.json"
    old = os.umask(0o022)
    try:
        write_menu(path, Menu("A"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o600)
    write_menu(path, Menu("B"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_byte_order_mark_is_no_error(tmp_path):
    """Some Windows editors save UTF-8 with a byte-order mark: the file still reads."""
    path = tmp_path / "monday.menu.json"
    data = {"format": "crampless.menu", "version": 1, "name": "Lundi café", "items": []}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert read_menu(path).name == "Lundi café"


def test_an_item_counted_in_a_household_measure_keeps_its_grams(tmp_path):
    """The measure is an optional field beside the grams: a reader that knows no measures
    (or an older version) reads the right amount; a new one counts it in the measure."""
    path = tmp_path / "cups.menu.json"
    item = MenuItem("banana", "breakfast", grams=488.0, measure="1 cup", measure_g=244.0)
    write_menu(path, Menu("Cups", [item]))
    entry = json.loads(path.read_text())["items"][0]
    assert entry == {
        "food": "banana",
        "grams": 488.0,
        "measure": {"name": "1 cup", "grams": 244.0},
        "meal": "breakfast",
    }
    back = read_menu(path, KNOWN).items[0]
    assert back == item and (back.amount, back.unit) == (2.0, "1 cup")
    assert back.with_amount(1.5, "1 cup").grams == 366.0
    assert back.with_amount(100, "g").measure is None
    # Without the field: grams, as before.
    del entry["measure"]
    path.write_text(json.dumps({"format": "crampless.menu", "version": 1, "items": [entry]}))
    assert read_menu(path, KNOWN).items[0] == MenuItem("banana", "breakfast", grams=488.0)
