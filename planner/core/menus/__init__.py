"""A day's menu, how it covers the targets, and menus compared side by side."""
