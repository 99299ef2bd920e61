"""The food table and the targets: nutrients, categories, foods.csv, profiles and reference
intakes, upper limits, ranking, search and number formatting.
"""
