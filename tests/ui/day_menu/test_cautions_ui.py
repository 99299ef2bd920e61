"""Cautions in the window: pregnancy flags on menu rows and totals, seaweed's iodine, the
food detail's reasons, and the potassium caution where potassium is suggested."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from planner.core.advice.cautions import POTASSIUM_CAUTION
from planner.core.advice.exclusions import allowed_food_ids
from planner.core.advice.optimizer import complete_menu
from planner.core.data.intakes import ReferenceIntakes
from planner.core.data.profile import Profile
from planner.core.menus.menu import Menu, MenuItem
from planner.core.plans.people import Person
from planner.paths import REFERENCE_INTAKES_CSV, ROOT
from planner.ui.foods.food_detail import food_detail_html
from planner.ui.gaps.completion_result import details_html

SAMPLE = ROOT / "docs" / "sample.menu.json"


def set_pregnant(window, pregnant: bool) -> None:
    bar = window.profile_bar
    if pregnant:
        bar.age.setValue(30)
    bar.stage.setCurrentIndex(bar.stage.findData("pregnant" if pregnant else ""))
    assert window.state.profile.pregnant == pregnant


def row_of(window, food: str):
    model = window.menu_model
    position = next(p for p, i in enumerate(model.menu.items) if i.food == food)
    return model.index_of_position(position, 0)


def test_pregnancy_flags_the_foods_already_on_the_menu(window):
    window.editor.add_foods(["beef-liver", "cod-liver-oil", "banana"], meal="lunch")
    liver, oil, banana = (row_of(window, f) for f in ("beef-liver", "cod-liver-oil", "banana"))
    # Liver and cod liver oil cross the retinol limit for anyone (a guard warning), but
    # say nothing of pregnancy before the profile is pregnant.
    assert "retinol" in liver.data(Qt.ItemDataRole.ToolTipRole)
    assert "Caution" not in liver.data(Qt.ItemDataRole.ToolTipRole)
    assert banana.data(Qt.ItemDataRole.DecorationRole) is None
    assert "Caution in pregnancy" not in window.totals.note.text()

    set_pregnant(window, True)
    icon = liver.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert "vitamin A" in liver.data(Qt.ItemDataRole.ToolTipRole)
    oil_tip = oil.data(Qt.ItemDataRole.ToolTipRole)
    assert "vitamin A" in oil_tip and "mercury" not in oil_tip  # cod liver oil: retinol
    assert banana.data(Qt.ItemDataRole.DecorationRole) is None
    assert "Caution" not in banana.data(Qt.ItemDataRole.ToolTipRole)
    note = window.totals.note.text()
    assert (
        "Caution in pregnancy: Beef liver, pan-fried (preformed vitamin A); "
        "Cod liver oil (preformed vitamin A)" in note
    )
    assert window.totals.note.isVisibleTo(window)

    set_pregnant(window, False)
    assert "Caution" not in liver.data(Qt.ItemDataRole.ToolTipRole)
    assert "Caution in pregnancy" not in window.totals.note.text()


def test_the_week_plans_day_menu_flags_them_for_a_pregnant_person_of_the_plan(window):
    plan = window.plan_view
    plan.new_plan()
    plan.add_foods(["sprouted-wheat"])
    index = plan.menu_model.index_of_position(0, 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    set_pregnant(window, True)  # the day menu's profile: not the plan's people
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    plan.people.edit_person(Person("Anna", Profile("female", 30, pregnant=True)))
    index = plan.menu_model.index_of_position(0, 0)
    assert "listeria" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None


def test_the_totals_warn_of_more_than_a_little_seaweed(window):
    window.editor.add_foods(["kelp"], meal="lunch")  # 10 g: under 2.1 g dried for an adult
    assert "Iodine" not in window.totals.note.text()
    window.editor.add_foods(["kelp"], meal="dinner", portions=2)
    note = window.totals.note.text()
    assert "Iodine: 30 g of seaweed on this menu (Kelp (seaweed)" in note
    assert "1,100 µg" in note
    window.undo_stack.undo()
    assert "Iodine" not in window.totals.note.text()


def test_the_detail_pane_gives_each_food_its_own_reason(window):
    foods, targets = window.state.foods, window.state.targets
    oil = food_detail_html(foods, "cod-liver-oil", targets)
    assert "vitamin A" in oil and "mercury" not in oil
    sprouts = food_detail_html(foods, "sprouted-wheat", targets)
    assert "listeria" in sprouts and "Never suggested" not in sprouts
    kelp = food_detail_html(foods, "kelp", targets)
    assert "iodine" in kelp and "Never suggested: it is a seaweed" in kelp
    salt = food_detail_html(foods, "table-salt", targets)
    assert "Never suggested: it is a seaweed" not in salt and "a seasoning" in salt
    banana = food_detail_html(foods, "banana", targets)
    assert "Caution" not in banana and "Never suggested" not in banana


def test_the_potassium_caution_shows_while_potassium_is_suggested(window):
    panel = window.gaps_panel
    window.coverage_tabs.setCurrentWidget(panel)
    model = panel.model

    def suggested() -> list[str]:
        return [model.key_of(model.index(r, 0)) for r in range(model.rowCount())]

    window.editor.add_foods(["rolled-oats"], meal="breakfast")
    assert "potassium" in suggested()
    assert panel.potassium_note.isVisibleTo(panel)
    assert panel.potassium_note.text() == POTASSIUM_CAUTION
    # The sample menu meets potassium (not calcium): no potassium suggested, no caution.
    window.import_menu(str(SAMPLE))
    assert window.coverage["potassium"].percent >= 100
    assert "potassium" not in suggested() and suggested()
    assert not panel.potassium_note.isVisibleTo(panel)


def test_completion_details_say_it_when_potassium_is_aimed_at(foods):
    targets = ReferenceIntakes.load(REFERENCE_INTAKES_CSV).targets(Profile("female", 55))
    menu = Menu("x", [MenuItem("rolled-oats", "breakfast", portions=1)])
    completion = complete_menu(menu, foods, targets, allowed_food_ids(foods))
    assert completion.added and "potassium" in completion.aimed_at
    assert POTASSIUM_CAUTION in details_html(completion).replace("&#x27;", "'")


def test_help_names_the_reasons_to_see_a_doctor_and_the_cautions(window, qtbot):
    window.show_help()
    panel = window.help_dock.widget()
    qtbot.waitUntil(lambda: panel.toPlainText() != "")
    words = " ".join(panel.toPlainText().split())
    for reason in (
        "numbness, tingling",
        "last more than 10 minutes",
        "one calf is swollen, warm, red and painful",
        "blood clot",
        "more likely in pregnancy",
        "dirty wound",
        "tetanus",
        "muscles that are wasting",
        "More salt does not prevent cramps",
        POTASSIUM_CAUTION,
    ):
        assert reason in words, reason
    assert "Urgently" in words


def test_the_window_promises_no_more_than_the_help(window):
    """No "cramp nutrient" or "cramp target" in the window's words, nor a cure in README."""
    sources = [*(ROOT / "planner" / "ui").rglob("*.py"), ROOT / "planner" / "app.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        strings = " ".join(t for t in text.split('"')[1::2])  # roughly: the quoted words
        for promise in ("cramp nutrient", "cramp target", "against muscle cramps"):
            assert promise not in strings, (path.name, promise)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "prevent muscle cramps" not in readme and "no cure for cramps" in readme
    assert window.gaps_panel.complete.toolTip() == (
        "Add realistic servings of foods that bring the tracked nutrients to their targets"
    )


def test_table_salt_passes_the_article_check_yet_is_no_remedy(window):
    foods = window.state.foods
    assert "sodium" in foods.cell("table-salt", "article_lists")
    assert "sodium" not in foods.cell("table-salt", "unsupported_claims")  # 10.3 %: passes
    html = food_detail_html(foods, "table-salt", window.state.targets)
    assert "More salt does not prevent cramps" in html
    assert "More salt" not in food_detail_html(foods, "banana", window.state.targets)


def test_leave_out_offers_no_choice_over_what_is_always_left_out(window):
    from planner.core.advice.cautions import ALWAYS_LEFT_OUT, NEVER_SUGGESTED, PREGNANCY_REASON_TAGS
    from planner.ui.gaps.exclusions_dialog import ExclusionsDialog

    dialog = ExclusionsDialog(
        window.gap_exclusions.exclusions, window.state.foods, window.state.profile, window
    )
    offered = set(dialog.tag_boxes)
    assert "fish" in offered and "pregnancy-caution" in offered
    assert not offered & {*NEVER_SUGGESTED, *PREGNANCY_REASON_TAGS, "infant-food"}
    assert dialog.always_note.text() == ALWAYS_LEFT_OUT
    assert not dialog.always_note.isHidden()
    dialog.close()
