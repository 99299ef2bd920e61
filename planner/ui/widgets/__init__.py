"""Small Qt pieces any part of the window uses: item roles, colours, table and tree models,
a decimal box, a menu button, message boxes and shortcuts.
"""
