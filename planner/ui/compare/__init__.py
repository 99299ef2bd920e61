"""The Compare tab: menus and plan days side by side, their models and chart."""
