"""What every feature of the window reads: the shared state (foods, targets, profile),
settings.ini, the log and the saying of failed saves.
"""
