"""The day menu: its editor and model, its undoable edits, the totals table and the list of
saved menus.
"""
