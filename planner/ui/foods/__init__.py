"""Foods: the food browser and its detail pane, the food picker, and the Foods menu with its
editors (custom foods, recipes, portions, the USDA import).
"""
