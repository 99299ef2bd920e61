"""Charts (matplotlib, made on first use): coverage statuses and colours, blitting, the
day's coverage chart, and a figure's export.
"""
