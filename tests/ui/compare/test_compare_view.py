"""The Compare tab: choosing menus, plan days and foods, and what the chart and table show."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog

from planner.core.data.formatting import fmt_amount
from planner.core.data.nutrients import BY_KEY, CHART_KEYS, KEYS
from planner.core.data.ranking import amounts_matrix
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.plan import Plan, save_plan
from planner.ui.compare.compare_table_model import VALUE_ROLE
from planner.ui.widgets.roles import ID_ROLE

GREEN = Menu(
    "Green day",
    [
        MenuItem("spinach", grams=150),
        MenuItem("lentils", grams=200),
        MenuItem("pumpkin-seeds", grams=30),
        MenuItem("banana", portions=1),
    ],
)
OFFICE = Menu(
    "Office day",
    [
        MenuItem("whole-wheat-bread", grams=100),
        MenuItem("cheddar", grams=40),
        MenuItem("chicken-breast", grams=150),
    ],
)
# Dark chocolate and mackerel have no USDA vitamin D value.
UNKNOWN_D = Menu(
    "Chocolate day", [MenuItem("dark-chocolate", grams=50), MenuItem("milk", grams=250)]
)


def save_menus(window, *menus) -> list[int]:
    ids = [window.library.save_menu(m) for m in menus]
    window.menu_list.refresh()
    return ids


def show_compare(window, qtbot):
    view = window.compare_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.chart.built)
    return view


def tick(view, qtbot, label: str) -> None:
    """Tick a source the way a user does: make it current in the list and press Space."""
    model = view.sources.model()
    row = next(r for r, s in enumerate(model.sources) if s.label == label)
    view.sources.setFocus()
    view.sources.setCurrentIndex(model.index(row))
    qtbot.keyClick(view.sources, Qt.Key.Key_Space)


def cell(view, row_key: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    model = view.table_model
    return model.index(KEYS.index(row_key), column).data(role)


def header(view, column: int) -> str:
    return view.table_model.headerData(column, Qt.Orientation.Horizontal)


def expected_percent(window, menu) -> np.ndarray:
    cov = compute_coverage(menu, window.state.foods, window.state.targets)
    return np.array([cov[k].percent for k in CHART_KEYS], float)


def test_two_menus_side_by_side_follow_their_coverage(window, qtbot):
    save_menus(window, GREEN, OFFICE)
    view = show_compare(window, qtbot)
    assert view.mode == "menus"
    assert np.isnan(view.chart.bar_widths()).all()  # nothing ticked: no bars, and a hint
    assert "Tick up to 6" in view.chart.empty_text.get_text()
    tick(view, qtbot, "Office day")
    tick(view, qtbot, "Green day")
    assert [s.label for s in view.source_model.chosen_sources()] == ["Office day", "Green day"]
    assert view.chart.empty_text.get_text() == ""

    widths = view.chart.bar_widths()
    np.testing.assert_allclose(widths[0], expected_percent(window, OFFICE))
    np.testing.assert_allclose(widths[1], expected_percent(window, GREEN))
    assert np.isnan(widths[2:]).all()  # the other four series are hidden
    assert view.chart.legend_labels() == ["Office day", "Green day"]

    # Table: nutrient, target, one column per menu, then "Green day − Office day".
    assert [header(view, c) for c in range(5)] == [
        "Nutrient",
        "Target",
        "Office day",
        "Green day",
        "Δ Green day",
    ]
    foods, targets = window.state.foods, window.state.targets
    office = compute_coverage(OFFICE, foods, targets)
    green = compute_coverage(GREEN, foods, targets)
    mg = BY_KEY["magnesium"]
    assert cell(view, "magnesium", 2) == (
        f"{fmt_amount(office['magnesium'].amount)} mg · {office['magnesium'].percent:.0f} %"
    )
    assert cell(view, "magnesium", 3, VALUE_ROLE) == pytest.approx(green["magnesium"].amount)
    difference = green["magnesium"].amount - office["magnesium"].amount
    assert cell(view, "magnesium", 4, VALUE_ROLE) == pytest.approx(difference)
    points = 100 * difference / targets["magnesium"].value
    assert cell(view, "magnesium", 4) == (
        f"+{fmt_amount(difference)} {mg.display_unit} (+{points:.0f} % pts)"
    )
    # "% pts" says what it is.
    assert "percentage points" in cell(view, "magnesium", 4, Qt.ItemDataRole.ToolTipRole)
    assert cell(view, "energy", 1) == "–"  # energy has no target

    # Highest − lowest instead: one column.
    view.difference.setCurrentIndex(view.difference.findData("range"))
    assert view.table_model.columnCount() == 5 and header(view, 4) == "Highest − lowest"
    assert cell(view, "sodium", 4, VALUE_ROLE) == pytest.approx(
        abs(green["sodium"].amount - office["sodium"].amount)
    )

    # Unticking the first makes Green day the only (and first) one.
    tick(view, qtbot, "Office day")
    np.testing.assert_allclose(view.chart.bar_widths()[0], expected_percent(window, GREEN))
    assert view.table_model.columnCount() == 3


def test_the_menu_being_edited_is_compared_live(window, qtbot):
    window.editor.add_foods(["banana"])
    view = show_compare(window, qtbot)
    tick(view, qtbot, f"Now editing: {window.menu_model.menu.name}")
    one = view.chart.bar_widths()[0, CHART_KEYS.index("potassium")]
    window.tabs.setCurrentIndex(0)
    window.editor.add_foods(["banana"])
    show_compare(window, qtbot)
    assert view.chart.bar_widths()[0, CHART_KEYS.index("potassium")] == pytest.approx(2 * one)


def test_plan_days_are_sources(window, qtbot):
    plan = Plan.new("Week 48", 2)
    plan.days[0].menu.items = list(GREEN.items)
    plan.days[1].menu.items = list(OFFICE.items)
    save_plan(window.library, plan)
    view = show_compare(window, qtbot)
    labels = [s.label for s in view.source_model.sources]
    assert "Week 48 – Monday" in labels and "Week 48 – Tuesday" in labels
    tick(view, qtbot, "Week 48 – Tuesday")
    np.testing.assert_allclose(view.chart.bar_widths()[0], expected_percent(window, OFFICE))
    assert header(view, 2) == "Week 48 – Tuesday"
    assert view.comparison.amounts[0, KEYS.index("calcium")] == pytest.approx(
        compute_coverage(OFFICE, window.state.foods, window.state.targets)["calcium"].amount
    )


def test_profile_change_updates_percent(window, qtbot):
    save_menus(window, GREEN)
    view = show_compare(window, qtbot)
    tick(view, qtbot, "Green day")
    window.profile_bar.sex.setCurrentIndex(window.profile_bar.sex.findData("female"))
    window.profile_bar.age.setValue(30)
    before = view.chart.bar_widths()[0].copy()
    window.profile_bar.sex.setCurrentIndex(window.profile_bar.sex.findData("male"))
    after = view.chart.bar_widths()[0]
    iron = CHART_KEYS.index("iron")  # 18 mg for women of 30, 8 mg for men
    assert after[iron] == pytest.approx(before[iron] * 18 / 8)
    np.testing.assert_allclose(after, expected_percent(window, GREEN))
    assert cell(view, "iron", 1) == "8 mg (RDA)"


def add_food(view, qtbot, query: str) -> None:
    picker = view.food_picker
    picker.food_search.clear()
    qtbot.keyClicks(picker.food_search, query)
    qtbot.keyClick(picker.food_search, Qt.Key.Key_Return)  # focuses the first match
    picker.add_button.click()


def test_down_from_the_food_search_goes_to_the_first_match(window, qtbot):
    view = show_compare(window, qtbot)
    view.foods_mode.click()
    window.activateWindow()
    picker = view.food_picker
    picker.food_search.setFocus()
    qtbot.keyClicks(picker.food_search, "kiwi")
    qtbot.keyClick(picker.food_search, Qt.Key.Key_Down)
    assert picker.matches.hasFocus() and picker.matches.currentIndex().row() == 0


@pytest.mark.parametrize("per", ["100g", "portion", "100kcal"])
def test_foods_per_basis_as_percent_of_targets(window, qtbot, per):
    view = show_compare(window, qtbot)
    view.foods_mode.click()
    assert view.pickers.currentIndex() == 1
    for query in ("pumpkin seeds", "banana", "spinach"):
        add_food(view, qtbot, query)
    assert view.food_picker.chosen_model.ids == ["pumpkin-seeds", "banana", "spinach"]
    view.food_picker.basis.setCurrentIndex(view.food_picker.basis.findData(per))

    foods, targets = window.state.foods, window.state.targets
    rows = foods.ids.get_indexer(["pumpkin-seeds", "banana", "spinach"])
    amounts = amounts_matrix(foods, per)[rows]
    cols = [KEYS.index(k) for k in CHART_KEYS]
    target_values = np.array([targets[k].value for k in CHART_KEYS])
    np.testing.assert_allclose(view.chart.bar_widths()[:3], amounts[:, cols] / target_values * 100)
    for s in range(3):
        assert cell(view, "potassium", 2 + s, VALUE_ROLE) == pytest.approx(
            amounts[s, KEYS.index("potassium")]
        )
    assert view.chart.legend_labels() == ["Pumpkin seeds", "Banana", "Spinach"]
    assert view.settings.value("compare/basis", "100g") == per


def test_unknown_values_are_shown_as_unknown_never_zero(window, qtbot):
    save_menus(window, UNKNOWN_D, OFFICE)
    view = show_compare(window, qtbot)
    tick(view, qtbot, "Chocolate day")
    tick(view, qtbot, "Office day")
    d = CHART_KEYS.index("vitamin_d")
    # Milk's vitamin D is known, chocolate's not: at least this much, hatched.
    assert cell(view, "vitamin_d", 2).startswith("≥ ")
    assert view.chart.bar_label(0, d).startswith("≥ ")
    assert view.chart.series[0].patches[d].get_hatch()
    assert "Dark chocolate" in cell(view, "vitamin_d", 2, Qt.ItemDataRole.ToolTipRole)
    assert cell(view, "vitamin_d", 4).startswith("≤ ")  # Office − a lower bound

    view.foods_mode.click()
    view.compare_foods(["dark-chocolate", "banana"])
    assert cell(view, "vitamin_d", 2) == "?"
    assert cell(view, "vitamin_d", 2, VALUE_ROLE) is None
    assert view.chart.bar_label(0, d) == "?" and view.chart.bar_widths()[0, d] == 0
    assert cell(view, "vitamin_d", 4) == "?"  # a difference with an unknown is unknown
    assert "?: unknown" in view.chart.axes.get_xlabel()

    # Per 100 kcal means nothing for water: "n/a", not unknown and not 0.
    view.compare_foods(["tap-water", "banana"])
    view.food_picker.basis.setCurrentIndex(view.food_picker.basis.findData("100kcal"))
    assert cell(view, "potassium", 2) == "n/a"
    assert view.chart.bar_label(0, CHART_KEYS.index("potassium")) == "n/a"


def test_compare_selected_foods_from_the_browser(window, qtbot):
    browser = window.browser
    assert window.compare_foods_action in browser.table.actions()  # its context menu
    browser.search.setText("seeds")
    proxy = browser.proxy
    selection = browser.table.selectionModel()
    for row in range(proxy.rowCount()):
        selection.select(
            proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    chosen = [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]
    assert len(chosen) >= 2
    window.compare_foods_action.trigger()
    view = window.compare_view
    assert window.tabs.currentWidget() is view and view.mode == "foods"
    assert sorted(view.food_picker.chosen_model.ids) == sorted(chosen[:6])
    qtbot.waitUntil(lambda: view.chart.built)
    assert view.chart.legend_labels() == [
        window.state.foods.name(f) for f in view.food_picker.chosen_model.ids
    ]

    # Remove one with the Delete key.
    view.food_picker.chosen.setFocus()
    view.food_picker.chosen.setCurrentIndex(view.food_picker.chosen_model.index(0))
    qtbot.keyClick(view.food_picker.chosen, Qt.Key.Key_Delete)
    assert len(view.food_picker.chosen_model.ids) == len(chosen[:6]) - 1


def test_at_most_six_sources(window, qtbot):
    save_menus(window, *[Menu(f"Menu {n}", [MenuItem("banana", grams=100 * n)]) for n in range(8)])
    view = show_compare(window, qtbot)
    for n in range(7):
        tick(view, qtbot, f"Menu {n}")
    assert len(view.source_model.chosen) == 6
    assert "untick" in window.statusBar().currentMessage()
    view.foods_mode.click()
    view.compare_foods(list(window.state.foods.ids[:9]))
    assert len(view.food_picker.chosen_model.ids) == 6


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_export_chart(window, qtbot, tmp_path, monkeypatch, suffix):
    save_menus(window, GREEN)
    view = show_compare(window, qtbot)
    tick(view, qtbot, "Green day")
    target = tmp_path / f"out{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.export_button.click()
    data = target.read_bytes()
    assert data[:4] == {".png": b"\x89PNG", ".svg": b"<?xm", ".pdf": b"%PDF"}[suffix]
    assert view.chart.export_action in view.chart.canvas.actions()


def test_mode_basis_and_choices_are_remembered(make_window, qtbot, tmp_path):
    first = make_window(tmp_path)
    view = show_compare(first, qtbot)
    view.foods_mode.click()
    view.compare_foods(["banana", "kiwi"])
    view.food_picker.basis.setCurrentIndex(view.food_picker.basis.findData("portion"))
    first.close()
    second = make_window(tmp_path)
    view = second.compare_view
    assert view.mode == "foods" and view.food_picker.basis.currentData() == "portion"
    assert view.food_picker.chosen_model.ids == ["banana", "kiwi"]
