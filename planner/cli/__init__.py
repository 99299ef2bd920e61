"""The command line: ``main.py [--data-dir DIR] SUBCOMMAND``; no subcommand opens the window."""
