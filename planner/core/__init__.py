"""The planner's core: foods, targets, menus, coverage, plans and storage, free of Qt."""
