"""Files drawn with Qt from the core's objects: the shopping list as PDF and on paper."""
