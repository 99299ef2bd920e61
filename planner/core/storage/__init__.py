"""Files and the library: atomic writes, JSON files and their headers, the SQLite library
and its foods, custom foods, recipes, the USDA SR28 import, and the catalog that joins
foods.csv and the library's foods.
"""
