"""The library's tables for imported USDA foods, custom foods and recipes (schema version 2)."""

from __future__ import annotations

# Every statement is idempotent, so that opening a version-1 library creates what is
# missing (the migration from 1 to 2) and opening a version-2 one changes nothing.
#
# foods: one row per imported (source 'usda') or custom (source 'custom') food, with the
#   descriptive columns of foods.csv; portion_* is the default portion (SR28 WEIGHT's
#   first Seq for imported foods), refuse_pct NULL where SR28 gives none.
# custom_values: a custom food's values per 100 g, one row per known nutrient (key of
#   planner.core.data.nutrients); a nutrient without a row is unknown, never 0.
# usda_values: every SR28 NUT_DATA value (all 150 nutrients), keyed nutrient first so
#   that reading the planner's 11 nutrients is a range scan, not a scan of 679,045 rows.
# usda_weights, usda_food_groups, usda_nutrients: SR28 WEIGHT, FD_GROUP and NUTR_DEF.
# food_portion: the household measure a user chose as a food's portion (any food with
#   an NDB number, foods.csv ones included); a copy of its name and grams, so that a
#   choice keeps working when the USDA data is imported again.
# recipes, recipe_ingredients: a recipe and its ingredients (food id, edible grams).
FOOD_SCHEMA = """
CREATE TABLE IF NOT EXISTS foods (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('usda', 'custom')),
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    usda_ndb TEXT NOT NULL DEFAULT '',
    usda_description TEXT NOT NULL DEFAULT '',
    usda_food_group TEXT NOT NULL DEFAULT '',
    portion_name TEXT NOT NULL DEFAULT '',
    portion_g REAL,
    refuse_pct REAL,
    purchase_unit TEXT NOT NULL DEFAULT '',
    purchase_unit_g REAL,
    tags TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS custom_values (
    food_id TEXT NOT NULL REFERENCES foods(id) ON DELETE CASCADE,
    nutrient TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (food_id, nutrient)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usda_values (
    nutr_no TEXT NOT NULL,
    ndb TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (nutr_no, ndb)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usda_weights (
    ndb TEXT NOT NULL,
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,
    description TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (ndb, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usda_food_groups (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usda_nutrients (
    nutr_no TEXT PRIMARY KEY,
    units TEXT NOT NULL,
    tagname TEXT NOT NULL,
    description TEXT NOT NULL,
    num_dec INTEGER,
    sr_order INTEGER
);
CREATE TABLE IF NOT EXISTS food_portion (
    food_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    portion_name TEXT NOT NULL,
    portion_g REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS recipes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    servings REAL NOT NULL,
    category TEXT NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS recipe_ingredients (
    recipe_id TEXT NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    food_id TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (recipe_id, position)
) WITHOUT ROWID;
"""
