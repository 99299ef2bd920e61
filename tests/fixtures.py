"""Small made-up inputs for tests: a foods.csv with round numbers."""

from __future__ import annotations

import csv
from pathlib import Path

from planner.core.data.foods_csv import REQUIRED_COLUMNS
from planner.core.data.nutrients import GUARD_COLUMNS

# Per 100 g. "mystery" has unknown vitamin D and B12 (empty cells), and no guard columns.
TINY_FOODS = [
    {
        "id": "apple",
        "name": "Apple",
        "category": "fruit",
        "usda_ndb": "09003",
        "usda_description": "Apples, raw, with skin",
        "energy_kcal": "50",
        "magnesium_mg": "10",
        "potassium_mg": "100",
        "calcium_mg": "5",
        "iron_mg": "0.1",
        "vitamin_b6_mg": "0.05",
        "folate_ug_dfe": "3",
        "vitamin_b12_ug": "0",
        "vitamin_d_ug": "0",
        "sodium_mg": "1",
        "water_g": "85",
        "portion_name": "1 medium",
        "portion_g": "200",
        "refuse_pct": "10",
        "purchase_unit": "piece",
        "purchase_unit_g": "222.2",
        "tags": "vegan;vegetarian",
        "article_lists": "potassium",
        "retinol_ug": "0",
        "selenium_ug": "0",
        "zinc_mg": "0.05",
        "copper_mg": "0.03",
        "manganese_mg": "0.04",
    },
    {
        "id": "cheese",
        "name": "Crème cheese",
        "category": "dairy-eggs",
        "usda_ndb": "01009",
        "usda_description": "Cheese, cheddar",
        "energy_kcal": "400",
        "magnesium_mg": "20",
        "potassium_mg": "50",
        "calcium_mg": "700",
        "iron_mg": "0.5",
        "vitamin_b6_mg": "0.1",
        "folate_ug_dfe": "20",
        "vitamin_b12_ug": "1",
        "vitamin_d_ug": "0.5",
        "sodium_mg": "600",
        "water_g": "37",
        "portion_name": "1 oz",
        "portion_g": "28",
        "refuse_pct": "0",
        "purchase_unit": "pack",
        "purchase_unit_g": "200",
        "tags": "vegetarian;contains-dairy",
        "article_lists": "calcium;vitamin_d",
        "retinol_ug": "250",
        "selenium_ug": "28",
        "zinc_mg": "3.6",
        "copper_mg": "0.03",
        "manganese_mg": "0.03",
    },
    {
        "id": "mystery",
        "name": "Mystery fruit",
        "category": "fruit",
        "usda_ndb": "09999",
        "usda_description": "Mystery, raw",
        "energy_kcal": "60",
        "magnesium_mg": "30",
        "potassium_mg": "300",
        "calcium_mg": "30",
        "iron_mg": "1",
        "vitamin_b6_mg": "0.2",
        "folate_ug_dfe": "25",
        "vitamin_b12_ug": "",
        "vitamin_d_ug": "",
        "sodium_mg": "3",
        "water_g": "80",
        "portion_name": "1 fruit",
        "portion_g": "100",
        "refuse_pct": "36",
        "purchase_unit": "kg",
        "purchase_unit_g": "1000",
        "tags": "vegan",
        "article_lists": "",
    },
]


def write_foods_csv(
    path: Path,
    rows: list[dict[str, str]] | None = None,
    columns: tuple[str, ...] = (*REQUIRED_COLUMNS, *GUARD_COLUMNS),
) -> Path:
    """Write ``rows`` (default TINY_FOODS) as a foods.csv with ``columns``."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows if rows is not None else TINY_FOODS)
    return path
