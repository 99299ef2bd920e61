"""Close my gaps: the panel of suggestions and excluded foods, and the completion dialog
with its worker and chart.
"""
