"""Closing a menu's gaps: suggestions, excluded foods, realistic servings, familiar foods,
the cautions advice carries, and the menu completion (its options, problem, meals and
optimiser).
"""
