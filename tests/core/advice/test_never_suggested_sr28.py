"""The never-suggested rules and pregnancy reasons on the shared SR28 zip, imported whole.

Each rule is checked against what a reader of SR28 would call the food (its group and
name, matched here independently of usda_tags' own patterns), through the one gate of
suggestions and completion, ``exclusions.allowed_food_ids``.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from planner.core.advice.cautions import pregnancy_reasons
from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.data.profile import Profile
from planner.core.storage.catalog import load_catalog
from planner.core.storage.library import Library
from planner.core.storage.library_file import LIBRARY_FILE, USDA_TAG_RULES
from planner.core.storage.usda_import import import_usda
from planner.paths import FOODS_CSV
from tests.sr28_fixtures import write_sr28

PROFILES = {
    "anyone": None,
    "toddler": Profile(sex="male", age=2),
    "teen": Profile(sex="female", age=16),
    "adult": Profile(sex="male", age=40),
    "pregnant": Profile(sex="female", age=30, pregnant=True),
    "lactating": Profile(sex="female", age=30, lactating=True),
    "older": Profile(sex="female", age=75, standard="efsa"),
}
# Whatever the user leaves out or requires, these rules hold.
EVERYTHING_ALLOWED = Exclusions()


@pytest.fixture(scope="module")
def catalog(sr28_zip, tmp_path_factory):
    """The planner's own foods.csv and the whole SR28 imported."""
    folder = tmp_path_factory.mktemp("sr28-rules")
    library = Library(folder / LIBRARY_FILE)
    import_usda(sr28_zip, library, lambda *_: None)
    library.close()
    return load_catalog(folder, FOODS_CSV)


def _ids(catalog, predicate) -> set[str]:
    info = catalog.info
    groups = info["usda_food_group"].fillna("").astype(str)
    names = info["usda_description"].fillna("").astype(str)
    return {f for f, g, n in zip(info.index, groups, names, strict=True) if predicate(g, n)}


def _allowed(catalog, profile) -> set[str]:
    return set(allowed_food_ids(catalog, EVERYTHING_ALLOWED, profile))


ALCOHOL = re.compile(
    r"\b(?:alcoholic|beer|malt liquor|wine|liqueur|rum|vodka|whiskey|gin|distilled|sake|"
    r"hard cider)\b",
    re.I,
)
NOT_ALCOHOL = re.compile(r"non-alcoholic|root beer|\bmix\b|distilled water", re.I)


def _alcohol(group: str, name: str) -> bool:
    return group == "Beverages" and bool(ALCOHOL.search(name)) and not NOT_ALCOHOL.search(name)


def _seaweed(group: str, name: str) -> bool:
    return name.startswith("Seaweed,") and "spirulina" not in name


def _marine_mammal(group: str, name: str) -> bool:
    return bool(re.match(r"(?:Whale|Seal|Walrus|Sea lion|Oil, (?:beluga|.*seal|walrus))", name))


def _leavening(group: str, name: str) -> bool:
    return name.startswith("Leavening agents")


def _flour(group: str, name: str) -> bool:
    return bool(re.match(r"(?:Wheat|Rye|Rice|Corn|Soy|Peanut|Seeds, \w+) (?:flour|meal)", name))


def _supplement(group: str, name: str) -> bool:
    return bool(re.search(r"Vitamin Water|SLIMFAST|Protein powder|ENSURE|Energy drink", name))


@pytest.mark.parametrize(
    ("rule", "at_least"),
    [
        (_alcohol, 60),
        (_seaweed, 8),
        (_marine_mammal, 25),
        (_leavening, 7),
        (_flour, 40),
        (_supplement, 15),
    ],
)
@pytest.mark.parametrize("who", PROFILES)
def test_never_suggested_kinds_never_pass(catalog, rule, at_least, who):
    kind = _ids(catalog, rule)
    assert len(kind) >= at_least  # the rule finds what it means to
    assert not kind & _allowed(catalog, PROFILES[who])


def test_the_issues_examples_never_pass(catalog):
    """Malt liquor first for water, baking powder for calcium, beluga for iron, cottonseed
    flour and Vitaminwater in completions."""
    examples = {
        "usda-14252",  # Beverages, Malt liquor beverage
        "usda-18369",  # Leavening agents, baking powder, double-acting
        "usda-18371",  # Leavening agents, baking powder, low-sodium
        "usda-35009",  # Whale, beluga, meat, dried (Alaska Native)
        "usda-12007",  # Seeds, cottonseed flour, partially defatted (glandless)
        "usda-14093",  # Glaceau Vitamin Water
        "kelp",
        "usda-11445",  # Seaweed, kelp, raw
        "table-salt",
        "usda-02047",  # Salt, table
    }
    assert examples <= set(catalog.ids)
    for profile in PROFILES.values():
        assert not examples & _allowed(catalog, profile)


def test_infant_foods_pass_only_under_one_year(catalog):
    baby = _ids(catalog, lambda g, n: g == "Baby Foods")
    assert len(baby) > 300
    infant = _allowed(catalog, Profile(sex="female", age=0.5))
    assert baby <= infant
    for who, profile in PROFILES.items():
        assert not baby & _allowed(catalog, profile), who


def test_ordinary_foods_still_pass(catalog):
    """The rules leave ordinary foods alone: oatmeal, bread, tofu, salmon, root beer."""
    allowed = _allowed(catalog, PROFILES["adult"])
    for food in (
        "usda-08120",  # Cereals, oats, regular and quick, not fortified, dry
        "usda-18075",  # Bread, whole-wheat, commercially prepared
        "usda-16427",  # Tofu, raw, regular, prepared with calcium sulfate
        "usda-15076",  # Fish, salmon, Atlantic, wild, raw
        "usda-11099",  # Brussels sprouts, cooked, boiled, drained, without salt
        "usda-14553",  # Beverages, Wine, non-alcoholic
    ):
        assert food in allowed, catalog.name(food)


@pytest.mark.parametrize(
    ("food", "word"),
    [
        ("usda-13325", "vitamin A"),  # Beef, variety meats and by-products, liver, raw
        ("usda-04589", "vitamin A"),  # Fish oil, cod liver
        ("usda-07041", "vitamin A"),  # Liver sausage, liverwurst, pork
        ("usda-15110", "mercury"),  # Fish, swordfish, raw
        ("usda-15049", "mercury"),  # Fish, mackerel, king, raw
        ("usda-15073", "mercury"),  # Fish, roughy, orange, raw
        ("usda-35009", "mercury"),  # Whale, beluga, meat, dried
        ("usda-11001", "listeria"),  # Alfalfa seeds, sprouted, raw
        ("usda-07911", "listeria"),  # Liverwurst spread
        ("usda-15077", "listeria"),  # Fish, salmon, chinook, smoked
        ("usda-11445", "iodine"),  # Seaweed, kelp, raw
    ],
)
def test_pregnancy_reasons_on_the_import(catalog, food, word):
    reasons = " ".join(pregnancy_reasons(catalog.cell(food, "tags")))
    assert word in reasons
    assert food not in _allowed(catalog, PROFILES["pregnant"])
    if word == "mercury" and food != "usda-35009":
        assert "vitamin A" not in reasons and "FDA/EPA" in reasons
    if food == "usda-04589":
        assert "mercury" not in reasons


def test_every_pregnancy_caution_on_the_import_has_a_reason(catalog):
    flagged = _ids(catalog, lambda g, n: True) & {
        f for f, tags in catalog.info["tags"].items() if "pregnancy-caution" in tags
    }
    assert len(flagged) > 100
    for food in flagged:
        reasons = pregnancy_reasons(catalog.cell(food, "tags"))
        assert reasons and not any(r.startswith("Marked") for r in reasons), food


def test_a_library_imported_under_older_rules_is_tagged_again(tmp_path):
    zip_path = write_sr28(tmp_path / "sr28", zip_name="sr28.zip")
    folder = tmp_path / "data"
    library = Library(folder / LIBRARY_FILE)
    import_usda(zip_path, library, lambda *_: None)
    library.close()
    db = sqlite3.connect(folder / LIBRARY_FILE)
    with db:
        db.execute("UPDATE foods SET tags = '' WHERE source = 'usda'")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'usda_tag_rules'")
    db.close()
    Library(folder / LIBRARY_FILE).close()  # opening re-tags
    db = sqlite3.connect(folder / LIBRARY_FILE)
    tags = dict(db.execute("SELECT id, tags FROM foods WHERE source = 'usda'").fetchall())
    rules = db.execute("SELECT value FROM meta WHERE key = 'usda_tag_rules'").fetchone()[0]
    db.close()
    assert tags["usda-09040"] == "vegan;vegetarian" and tags["usda-13000"] == "meat"
    assert rules == str(USDA_TAG_RULES)
