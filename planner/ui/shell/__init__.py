"""The window and its start-up: launch and application, the main window, the work after the
first paint, PySide6's import hook, the features it installs, faults, and the profile bar
and help panel it holds.
"""
