"""Week plans (named days, each a whole menu), their coverage day by day, and the shopping
list a plan makes: its ticks, exports and files.
"""
