"""The Shopping list tab: follows the plan, ticks and pantry marks (undoable, kept), exports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6 import QtPrintSupport
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QStyleOptionViewItem

from planner.core.data.profile import Profile
from planner.core.plans.people import Person
from planner.core.plans.plan import load_plan
from planner.ui.plan.shopping_model import PANTRY, TICKED
from planner.ui.widgets.roles import ID_ROLE

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "sample.plan.json"


def plan_with(window, foods_by_day: dict[int, list[str]]):
    """A new plan with these foods (one portion each) on these days; returns the tab."""
    window.plan_actions["New plan"].trigger()
    view = window.plan_view
    for day, foods in foods_by_day.items():
        view.select_day(day)
        view.add_foods(foods)
    window.tabs.setCurrentWidget(window.shopping_view)
    return window.shopping_view


def listed(shopping) -> list[str]:
    model = shopping.model
    return [
        model.index(r, 0, model.index(a, 0)).data(ID_ROLE)
        for a in range(model.rowCount())
        for r in range(model.rowCount(model.index(a, 0)))
    ]


def click_check(shopping, qtbot, food: str, column: int) -> None:
    """Click the check box of ``food`` in ``column`` as a user would."""
    tree, model = shopping.tree, shopping.model
    index = model.index_of_food(food, column)
    tree.scrollTo(index)
    option = QStyleOptionViewItem()
    option.rect = tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def test_list_follows_the_plan_and_never_lists_tap_water(window):
    shopping = plan_with(window, {0: ["banana", "tap-water"], 2: ["banana", "milk"]})
    assert sorted(listed(shopping)) == ["banana", "milk"]
    banana = shopping.model.index_of_food("banana", 1)
    assert banana.data() == "2 pieces (about 370 g)"  # two bananas of 118 g eaten, 36 % peel
    assert banana.parent().data().startswith("Fruit")
    assert shopping.title.text() == "Shopping list: Week plan"

    # An edit in the plan shows at once: a third day with kiwi, then 2 people.
    view = window.plan_view
    view.select_day(4)
    view.add_foods(["kiwi"])
    assert "kiwi" in listed(shopping)
    view.people.add_person(Person("Second", Profile()))
    assert shopping.model.index_of_food("banana", 1).data() == "4 pieces (about 740 g)"
    assert "7 days · 2 people" in shopping.summary.text()
    window.plan_session.undo_stack.undo()
    window.plan_session.undo_stack.undo()
    assert "kiwi" not in listed(shopping)


def test_foods_bought_in_another_form_are_listed_as_bought(window):
    """Boiled lentils are bought dry: the row, its tooltip and the undo text say so."""
    shopping = plan_with(window, {0: ["lentils", "banana"]})
    model = shopping.model
    lentils = model.index_of_food("lentils", 0)
    assert lentils.data() == "Lentils, dry"
    assert model.index_of_food("lentils", 1).data() == "1 bag (66 g needed)"  # 1 cup, 198 g
    tip = lentils.data(Qt.ItemDataRole.ToolTipRole).splitlines()
    # 198 g eaten shows as 200 g: fmt_weight rounds weights over 100 g to 10 g.
    assert tip == [
        "Lentils, dry",
        "Eaten: 200 g of Lentils, boiled",
        "Bought: 66 g of Lentils, dry",
    ]
    assert model.index_of_food("banana", 0).data() == "Banana"
    banana_tip = model.index_of_food("banana", 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Eaten: 120 g edible" in banana_tip and "(with peel, bones or pits)" in banana_tip
    shopping.set_marks(["lentils"], "ticked", True)
    assert shopping.undo_stack.undoText() == "Mark Lentils, dry as bought"


def test_empty_plan_shows_a_hint(window):
    shopping = plan_with(window, {})
    assert not shopping.tree.isVisibleTo(shopping) and shopping.empty_hint.isVisibleTo(shopping)
    assert "Nothing to buy" in shopping.empty_hint.text()
    window.plan_view.add_foods(["banana"])
    assert shopping.tree.isVisibleTo(shopping)


def test_ticks_and_pantry_marks_are_undoable_and_kept(make_window, tmp_path, qtbot):
    window = make_window(tmp_path)
    shopping = plan_with(window, {0: ["banana", "milk", "almonds"]})
    click_check(shopping, qtbot, "banana", TICKED)
    assert window.plan_session.state.ticked == {"banana"}
    assert (
        shopping.model.index_of_food("banana", TICKED).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    click_check(shopping, qtbot, "milk", PANTRY)
    assert window.plan_session.state.pantry == {"milk"}
    assert "1 bought · 1 in the pantry" in shopping.summary.text()

    assert window.undo_group.activeStack() is shopping.undo_stack
    window.undo_action.trigger()
    assert window.plan_session.state.pantry == frozenset()
    window.redo_action.trigger()
    assert window.plan_session.state.pantry == {"milk"}
    # Saved at once, beside the plan.
    _, state = load_plan(window.library, window.plan_session.plan_id)
    assert state.ticked == {"banana"} and state.pantry == {"milk"}

    window.close()
    again = make_window(tmp_path)
    assert again.plan_session.state.ticked == {"banana"}
    model = again.shopping_view.model
    assert (
        model.index_of_food("milk", PANTRY).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )


def test_space_marks_the_selected_items_bought_or_in_the_pantry(window, qtbot):
    shopping = plan_with(window, {0: ["banana", "milk", "almonds"]})
    tree, model = shopping.tree, shopping.model
    window.activateWindow()
    tree.setFocus()
    selection = tree.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    tree.setCurrentIndex(model.index_of_food("milk", 0))  # selects its row
    selection.select(model.index_of_food("banana", 0), flags.Select | flags.Rows)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.plan_session.state.ticked == {"banana", "milk"}
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # all marked already: unmarks them
    assert window.plan_session.state.ticked == frozenset()
    # In the "In pantry" column, Space marks them as at home instead.
    selection.setCurrentIndex(
        model.index_of_food("almonds", PANTRY), flags.ClearAndSelect | flags.Rows
    )
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.plan_session.state.pantry == {"almonds"}
    window.undo_action.trigger()
    assert window.plan_session.state.pantry == frozenset()


def test_an_aisle_box_marks_every_item_and_clear_ticks_keeps_the_pantry(window):
    shopping = plan_with(window, {0: ["banana", "kiwi", "milk"]})
    model = shopping.model
    fruit = next(
        model.index(r, TICKED)
        for r in range(model.rowCount())
        if model.index(r, 0).data().startswith("Fruit")
    )
    model.setData(fruit, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert window.plan_session.state.ticked == {"banana", "kiwi"}
    assert fruit.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    shopping.set_marks(["milk"], "pantry", True)
    shopping.actions["clear"].trigger()
    assert window.plan_session.state.ticked == frozenset()
    assert window.plan_session.state.pantry == {"milk"}
    shopping.undo_stack.undo()
    assert window.plan_session.state.ticked == {"banana", "kiwi"}
    # A plan edit keeps the marks: the list is rebuilt with them.
    window.plan_view.add_foods(["almonds"])
    assert (
        model.index_of_food("banana", TICKED).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )


def test_exports_write_csv_markdown_and_pdf(window, tmp_path, monkeypatch):
    shopping = plan_with(window, {0: ["banana", "milk"], 1: ["tap-water"]})
    shopping.set_marks(["banana"], "ticked", True)
    chosen = {}
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, start, filt: (str(chosen["path"]), filt),
    )
    for key, name in (("csv", "list.csv"), ("md", "list.md"), ("pdf", "list")):
        chosen["path"] = tmp_path / name
        shopping.actions[key].trigger()
    csv_text = (tmp_path / "list.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("\ufeffaisle,food,name,quantity")  # a BOM, for Excel
    assert "banana" in csv_text and "tap-water" not in csv_text
    md = (tmp_path / "list.md").read_text(encoding="utf-8")
    assert md.startswith("# Shopping list: Week plan")  # no BOM in Markdown
    assert "- [x] Banana" in md and "- [ ] Milk" in md
    pdf = tmp_path / "list.pdf"  # the suffix is added when the name has none
    assert pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Banana" in text and "Water" not in text
    assert str(window.settings.value("session/last_folder")) == str(tmp_path)


@pytest.mark.parametrize("key", ["csv", "md", "pdf"])
def test_a_failed_export_says_why_and_leaves_no_file(window, tmp_path, monkeypatch, key):
    shopping = plan_with(window, {0: ["banana"]})
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "no-such-folder" / f"list.{key}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    shopping.actions[key].trigger()
    assert len(shown) == 1 and str(target) in shown[0] and "No such file" in shown[0]
    assert list(exports.iterdir()) == []  # no file, no leftover temporary file


def test_print_goes_through_the_print_dialog(window, tmp_path, monkeypatch):
    shopping = plan_with(window, {0: ["banana"]})
    out = tmp_path / "printed.pdf"
    Real = QtPrintSupport.QPrintDialog

    class AcceptingDialog(Real):
        """The print dialog, answered 'Print' to a PDF file."""

        def exec(self):
            printer = self.printer()
            printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            return Real.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", AcceptingDialog)
    assert shopping.print_list()
    assert out.read_bytes().startswith(b"%PDF")
    assert "Printed the shopping list" in window.statusBar().currentMessage()

    class CancellingDialog(Real):
        def exec(self):
            return Real.DialogCode.Rejected

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", CancellingDialog)
    assert not shopping.print_list()


def test_sample_plan_list_groups_aisles_in_shop_order(window):
    window.plan_view.import_plan(str(SAMPLE))
    shopping = window.shopping_view
    aisles = [
        shopping.model.index(r, 0).data().split("  (")[0] for r in range(shopping.model.rowCount())
    ]
    assert aisles[:3] == ["Fruit", "Vegetables & herbs", "Bread, grains & cereals"]
    assert "tap-water" not in listed(shopping)
    assert shopping.tree.isExpanded(shopping.model.index(0, 0))


def test_a_recipe_in_the_plan_is_bought_as_its_ingredients(make_window, tmp_path):
    from planner.core.storage.library import Library
    from planner.core.storage.library_file import LIBRARY_FILE
    from planner.core.storage.recipes import Ingredient, Recipe, save_recipe

    library = Library(tmp_path / LIBRARY_FILE)
    recipe_id = save_recipe(
        library, Recipe("Banana milk", 2, (Ingredient("banana", 236), Ingredient("milk", 400)))
    )
    library.close()
    window = make_window(tmp_path)
    assert recipe_id in window.state.foods
    shopping = plan_with(window, {0: [recipe_id]})  # one serving: half the recipe
    assert sorted(listed(shopping)) == ["banana", "milk"]
    assert shopping.shopping.rows.at["milk", "edible_g"] == pytest.approx(200)


def test_print_preview_shows_the_pages_the_pdf_has(window, monkeypatch):
    shopping = plan_with(window, {0: list(window.state.foods.ids[:60])})
    Real = QtPrintSupport.QPrintPreviewDialog
    seen = []

    class LookingDialog(Real):
        """The preview, looked at and closed: the pages its widget laid out."""

        def exec(self):
            widget = self.findChild(QtPrintSupport.QPrintPreviewWidget)
            widget.updatePreview()
            seen.append(widget.pageCount())
            return Real.DialogCode.Rejected

    monkeypatch.setattr(QtPrintSupport, "QPrintPreviewDialog", LookingDialog)
    assert shopping.actions["preview"].isEnabled()
    shown = shopping.preview_list()
    # Qt's own count of the pages painted, and the painter's: a long list, two pages.
    assert seen == [shown] and shown >= 2
    texts = [a.text() for a in window.file_menu.actions()]
    assert "Print pre&view of the shopping list…" in texts
