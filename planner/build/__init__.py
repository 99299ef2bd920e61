"""Tools that build the project's data files (foods.csv) from their sources; no Qt."""
