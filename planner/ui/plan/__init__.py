"""The Week plan and Shopping list tabs: the plan view with its models, commands, heatmap
and open plan, and the shopping list.
"""
